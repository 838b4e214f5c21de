"""Real medical example images that ship inside pip packages (scikit-image, pydicom)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray

from helpers.course.validation import check_choice, check_positive_int, check_text
from helpers.data.dicom import to_modality_values
from helpers.data.preprocessing import WINDOWS, apply_window, image_shape, resize_image

_INSTALL_HINT = "Install the imaging extras: pip install 'medical-dl-course-helpers[imaging]'."


def _skimage_data(function_name: str) -> Callable[[], np.ndarray]:
    try:
        from skimage import data
    except ImportError as error:
        raise ImportError(f"scikit-image is not installed. {_INSTALL_HINT}") from error
    return getattr(data, function_name)


def _retina() -> np.ndarray:
    return _skimage_data("retina")()[:, :, 1] / 255.0


def _microaneurysms() -> np.ndarray:
    return _skimage_data("microaneurysms")() / 255.0


def _phantom() -> np.ndarray:
    return _skimage_data("shepp_logan_phantom")()


def _ct() -> np.ndarray:
    try:
        from pydicom import examples
    except ImportError as error:
        raise ImportError(f"pydicom is not installed. {_INSTALL_HINT}") from error
    return apply_window(to_modality_values(examples.ct), *WINDOWS["soft_tissue"])


_LOADERS: dict[str, Callable[[], np.ndarray]] = {
    "retina": _retina,
    "microaneurysms": _microaneurysms,
    "shepp_logan_phantom": _phantom,
    "ct": _ct,
}


EXAMPLE_IMAGES: tuple[str, ...] = tuple(_LOADERS)


def load_example_image(name: str, size: int | None = None) -> NDArray[np.float32]:
    """One bundled example image as a 2-D float32 array with values in [0, 1].

    Args:
        name: one of ``EXAMPLE_IMAGES`` ("retina", "microaneurysms",
            "shepp_logan_phantom", "ct").
        size: if given, the image is resized to ``size`` x ``size`` with
            ``helpers.data.preprocessing.resize_image`` (linear, anti-aliased when
            shrinking).

    Raises:
        TypeError: a name that is not a string, or a size that is not an integer.
        ValueError: unknown name, or a size below 1 or beyond the memory budget.
        ImportError: scikit-image or pydicom is missing.
    """
    check_choice(check_text(name, "name"), "name", EXAMPLE_IMAGES)
    if size is not None:
        size = image_shape(check_positive_int(size, "size"))[0]  # refuses sizes over budget
    image = np.asarray(_LOADERS[name](), dtype=np.float64)
    if size is not None and image.shape != (size, size):
        image = resize_image(image, size)
    return np.clip(image, 0.0, 1.0).astype(np.float32)

"""Real medical example images bundled with pip packages, and small synthetic lesion patches.

``load_example_image(name)`` returns a 2-D grayscale float32 array in [0, 1]:

* ``"retina"``: a colour fundus photograph (scikit-image ``data.retina()``); its green
  channel, where the blood vessels have the most contrast;
* ``"microaneurysms"``: a fundus detail with microaneurysms (``data.microaneurysms()``);
* ``"shepp_logan_phantom"``: the Shepp-Logan head phantom used to test CT reconstruction;
* ``"ct"``: pydicom's example CT slice, converted to Hounsfield units and shown in the
  soft-tissue window (``helpers.dicom``).

``make_lesion_patches`` cuts patches from the retina image and adds a small bright
round spot to a known subset of them: a detection task whose truth is known exactly.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from helpers.dicom import WINDOWS, apply_window, to_modality_values
from helpers.validation import check_fraction, check_positive_int

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


def load_example_image(name: str, size: int | None = None) -> np.ndarray:
    """One bundled example image as a 2-D float32 array with values in [0, 1].

    Args:
        name: one of ``EXAMPLE_IMAGES`` ("retina", "microaneurysms",
            "shepp_logan_phantom", "ct").
        size: if given, the image is resized (with anti-aliasing) to ``size`` x ``size``.

    Raises:
        ValueError: unknown name or a size that is not a positive integer.
        ImportError: scikit-image or pydicom is missing.
    """
    if not isinstance(name, str) or name not in _LOADERS:
        raise ValueError(
            f"Unknown example image {name!r}; choose one of {', '.join(EXAMPLE_IMAGES)}."
        )
    if size is not None:
        size = check_positive_int(size, "size")
    image = np.asarray(_LOADERS[name](), dtype=np.float64)
    if size is not None and image.shape != (size, size):
        from skimage.transform import resize

        image = resize(image, (size, size), anti_aliasing=True)
    return np.clip(image, 0.0, 1.0).astype(np.float32)


def make_lesion_patches(
    num_patches: int,
    patch_size: int = 32,
    *,
    positive_fraction: float = 0.5,
    contrast: float = 0.2,
    seed: int = 0,
    source_size: int = 512,
) -> tuple[np.ndarray, np.ndarray]:
    """Fundus patches, some with a small bright round lesion at a random place.

    Background: random ``patch_size`` crops of the retina image (green channel, resized to
    ``source_size``), each flipped at random, plus a little noise. A positive patch gets a
    Gaussian spot (radius about 1.5-3 pixels) whose peak adds ``contrast`` to the local
    brightness. Labels are exact: 1 = lesion, 0 = no lesion.

    Returns:
        ``(patches, labels)``: float32 array (num_patches, patch_size, patch_size, 1) in
        [0, 1] and int64 array (num_patches,).
    """
    num_patches = check_positive_int(num_patches, "num_patches")
    patch_size = check_positive_int(patch_size, "patch_size")
    source_size = check_positive_int(source_size, "source_size")
    positive_fraction = check_fraction(positive_fraction, "positive_fraction")
    contrast = check_fraction(contrast, "contrast")
    if patch_size < 8 or patch_size > source_size // 2:
        raise ValueError(
            f"`patch_size` must lie between 8 and source_size // 2 = {source_size // 2}, "
            f"got {patch_size}."
        )
    generator = np.random.default_rng(seed)
    fundus = load_example_image("retina", size=source_size)
    # keep crops inside the bright disc of the fundus (the corners are black)
    centre, radius = source_size / 2, 0.38 * source_size - patch_size
    labels = (generator.random(num_patches) < positive_fraction).astype(np.int64)
    rows, cols = np.mgrid[0:patch_size, 0:patch_size]
    patches = np.empty((num_patches, patch_size, patch_size, 1), dtype=np.float32)
    for index in range(num_patches):
        angle, distance = generator.uniform(0, 2 * np.pi), radius * np.sqrt(generator.random())
        top = int(centre + distance * np.sin(angle) - patch_size / 2)
        left = int(centre + distance * np.cos(angle) - patch_size / 2)
        patch = fundus[top : top + patch_size, left : left + patch_size].astype(np.float64)
        if generator.random() < 0.5:
            patch = patch[:, ::-1]
        patch = patch + generator.normal(0.0, 0.01, size=patch.shape)
        if labels[index]:
            spot_row, spot_col = generator.uniform(4, patch_size - 4, size=2)
            sigma = generator.uniform(1.5, 3.0)
            patch = patch + contrast * np.exp(
                -((rows - spot_row) ** 2 + (cols - spot_col) ** 2) / (2 * sigma**2)
            )
        patches[index, :, :, 0] = np.clip(patch, 0.0, 1.0)
    return patches, labels

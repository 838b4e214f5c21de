"""Preparing real data for a model: training-only standardisation, CT windows, resizing."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from helpers.course.validation import (
    as_class_labels,
    as_float_array,
    check_budget,
    check_number,
    check_positive_int,
)


def standardize(
    train: ArrayLike, *others: ArrayLike
) -> tuple[list[NDArray[np.float64]], NDArray[np.float64], NDArray[np.float64]]:
    """Scale every array per feature (last axis) with the statistics of ``train`` only.

    Using the training statistics for validation and test data keeps information from
    the held-out patients out of training. Works for tables ``(samples, features)`` and
    for series ``(patients, steps, features)`` alike (scikit-learn's ``StandardScaler``
    on one row per reading). Returns the scaled arrays (train first), the mean and the
    standard deviation; a constant feature keeps standard deviation 1 instead of NaN.
    """
    from sklearn.preprocessing import StandardScaler

    first = as_float_array(train, "train", ndim=(2, 3))
    if first.size // first.shape[-1] < 2:
        raise ValueError(
            f"`train` has shape {first.shape}: one reading per feature, so there is no spread "
            "to scale by. Pass the whole training set (rows = samples, columns = features)."
        )
    arrays = [first] + [
        as_float_array(x, f"others[{i}]", ndim=first.ndim) for i, x in enumerate(others)
    ]
    for i, x in enumerate(arrays[1:]):
        if x.shape[-1] != first.shape[-1]:
            raise ValueError(
                f"`others[{i}]` has {x.shape[-1]} features but `train` has {first.shape[-1]}."
            )
    scaler = StandardScaler().fit(first.reshape(-1, first.shape[-1]))
    scaled = [scaler.transform(x.reshape(-1, x.shape[-1])).reshape(x.shape) for x in arrays]
    return scaled, scaler.mean_, scaler.scale_


# (centre, width) in HU of the usual CT display windows.
WINDOWS: dict[str, tuple[float, float]] = {
    "lung": (-600.0, 1500.0),
    "soft_tissue": (40.0, 400.0),
    "bone": (400.0, 1800.0),
    "brain": (40.0, 80.0),
}


def apply_window(image: np.ndarray, center: float, width: float) -> np.ndarray:
    """Map the range center +- width/2 linearly to [0, 1] and clip everything outside.

    ``image`` holds Hounsfield units (``helpers.data.dicom.to_modality_values``); an
    image already scaled to [0, 1] is refused when the window is wider than 2 HU, since
    it would come back as one flat grey.
    """
    image = as_float_array(image, "image", ndim=(2, 3))
    center = check_number(center, "center")
    width = check_number(width, "width", low=0.0, low_open=True)
    if width > 2.0 and image.min() >= 0.0 and image.max() <= 1.0 and np.any(image % 1.0):
        raise ValueError(
            f"`image` holds values between 0 and 1, which look already scaled, not Hounsfield "
            f"units; a window {width:g} HU wide would turn it into one flat grey. Pass the "
            "values from to_modality_values (HU), not a windowed or normalised image."
        )
    low = center - width / 2.0
    return np.clip((image - low) / width, 0.0, 1.0).astype(np.float32)


def image_shape(size: int | tuple[int, int], name: str = "size") -> tuple[int, int]:
    """``(height, width)`` of a requested image size (an int for a square), within the budget.

    Refuses, before anything is allocated, a size whose image (and the interpolation's
    working copies) would exceed ``MEMORY_BUDGET_BYTES``.
    """
    if isinstance(size, tuple | list) or (isinstance(size, np.ndarray) and size.ndim == 1):
        if len(size) != 2:
            raise ValueError(
                f"`{name}` must be one int or a (height, width) pair, but has {len(size)} values."
            )
        height = check_positive_int(size[0], f"{name}[0] (height)")
        width = check_positive_int(size[1], f"{name}[1] (width)")
    else:
        height = width = check_positive_int(size, name)
    check_budget(3.0 * height * width, f"`{name}` = {size!r}")
    return height, width


def resize_image(image: np.ndarray, size: int | tuple[int, int]) -> np.ndarray:
    """Resize a 2-D image (e.g. a windowed slice) to a model's input size.

    Uses linear interpolation with anti-aliasing when shrinking, so fine structures
    are averaged rather than aliased; returns float32 of shape ``(height, width)``.
    This is the course's one resize (``skimage.transform.resize``): the bundled example
    images of ``helpers.data.examples.load_example_image`` go through it too.
    """
    from skimage.transform import resize

    shape = image_shape(size)
    image = as_float_array(image, "image", ndim=2)
    shrinking = any(new < old for new, old in zip(shape, image.shape, strict=True))
    return resize(image, shape, order=1, anti_aliasing=shrinking, preserve_range=True).astype(
        np.float32
    )


def balanced_class_weights(labels: ArrayLike, num_classes: int) -> dict[int, float]:
    """Keras ``class_weight``: n / (classes present x n_k), scikit-learn's 'balanced' weights.

    Each present class then carries the same total weight in the loss; a class with no
    training sample gets no entry (Keras ignores it). Uses ``compute_class_weight``.
    """
    from sklearn.utils.class_weight import compute_class_weight

    num_classes = check_positive_int(num_classes, "num_classes")
    values = as_class_labels(labels, "labels", num_classes=num_classes)
    classes = np.unique(values)
    weights = compute_class_weight("balanced", classes=classes, y=values)
    return {int(k): float(w) for k, w in zip(classes, weights, strict=True)}

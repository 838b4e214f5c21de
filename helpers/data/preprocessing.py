"""Preparing real data for a model: training-only standardisation, CT windows, resizing."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from helpers.course.validation import as_float_array, check_positive_int


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
    """Map the range center +- width/2 linearly to [0, 1] and clip everything outside."""
    image = as_float_array(image, "image", ndim=(2, 3))
    if width <= 0:
        raise ValueError(f"`width` must be positive, got {width}.")
    low = center - width / 2.0
    return np.clip((image - low) / width, 0.0, 1.0).astype(np.float32)


def resize_image(image: np.ndarray, size: int | tuple[int, int]) -> np.ndarray:
    """Resize a 2-D image (e.g. a windowed slice) to a model's input size.

    Uses linear interpolation with anti-aliasing when shrinking, so fine structures
    are averaged rather than aliased; returns float32 of shape ``(height, width)``.
    This is the course's one resize (``skimage.transform.resize``): the bundled example
    images of ``helpers.data.examples.load_example_image`` go through it too.
    """
    from skimage.transform import resize

    image = as_float_array(image, "image", ndim=2)
    shape = (size, size) if isinstance(size, int | np.integer) else tuple(size)
    if len(shape) != 2 or any(isinstance(s, bool) or int(s) < 1 for s in shape):
        raise ValueError(f"`size` must be a positive int or (height, width), got {size!r}.")
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
    values = as_float_array(labels, "labels", ndim=1)
    if not np.all(values == np.round(values)) or values.min() < 0 or values.max() >= num_classes:
        raise ValueError(
            f"`labels` must be class indices 0 to {num_classes - 1}, "
            f"got values from {values.min():g} to {values.max():g}."
        )
    classes = np.unique(values.astype(np.int64))
    weights = compute_class_weight("balanced", classes=classes, y=values.astype(np.int64))
    return {int(k): float(w) for k, w in zip(classes, weights, strict=True)}

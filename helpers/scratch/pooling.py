"""Max and average pooling in NumPy, equal to Keras ``MaxPooling2D`` and ``AveragePooling2D``."""

from __future__ import annotations

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from numpy.typing import ArrayLike, NDArray

from helpers.course.validation import as_float_array, check_budget, check_positive_int


def _pool_windows(
    image: ArrayLike, pool_size: int, stride: int | None
) -> tuple[NDArray[np.float64], int]:
    """Every pooling window of a 2-D image, shape (rows, cols, pool, pool), and the stride."""
    image = as_float_array(image, "image", ndim=2)
    pool_size = check_positive_int(pool_size, "pool_size")
    stride = pool_size if stride is None else check_positive_int(stride, "stride")
    if pool_size > min(image.shape):
        raise ValueError(
            f"`pool_size` = {pool_size} is larger than the image (shape {image.shape}); "
            "use a smaller pool or a larger image."
        )
    return sliding_window_view(image, (pool_size, pool_size))[::stride, ::stride], stride


def max_pool2d(image: np.ndarray, pool_size: int = 2, stride: int | None = None) -> np.ndarray:
    """Max pooling ``P(x, y) = max`` over each ``pool_size`` x ``pool_size`` window.

    ``stride`` defaults to ``pool_size`` (non-overlapping windows, as in ``MaxPooling2D``);
    windows that would run past the edge are dropped ("valid" padding).
    """
    windows, _ = _pool_windows(image, pool_size, stride)
    return windows.max(axis=(2, 3))


def average_pool2d(image: np.ndarray, pool_size: int = 2, stride: int | None = None) -> np.ndarray:
    """Average pooling: the mean of each window (same conventions as :func:`max_pool2d`)."""
    windows, _ = _pool_windows(image, pool_size, stride)
    return windows.mean(axis=(2, 3))


def max_pool2d_backward(
    image: np.ndarray, upstream: np.ndarray, pool_size: int = 2, stride: int | None = None
) -> np.ndarray:
    """Gradient of max pooling with respect to its input.

    Each window passes its upstream gradient to the position of its maximum (the first one,
    in reading order, if several tie, as TensorFlow does); every other input pixel gets 0.
    """
    windows, stride = _pool_windows(image, pool_size, stride)
    upstream = as_float_array(upstream, "upstream", ndim=2)
    if upstream.shape != windows.shape[:2]:
        raise ValueError(
            f"`upstream` must have the pooled output's shape {windows.shape[:2]}, "
            f"got {upstream.shape}."
        )
    rows, cols = windows.shape[:2]
    check_budget(rows * cols * pool_size**2, "`pool_size` with `stride`")  # the reshape copies
    gradient = np.zeros(np.shape(image))
    flat_argmax = windows.reshape(*windows.shape[:2], -1).argmax(axis=-1)
    for (i, j), position in np.ndenumerate(flat_argmax):
        m, n = divmod(int(position), pool_size)
        gradient[i * stride + m, j * stride + n] += upstream[i, j]
    return gradient

"""Reference NumPy implementations of the operations inside a CNN (notebooks 03-04 derive them).

Images are 2-D arrays (rows, columns) and kernels are 2-D arrays (kernel rows, kernel
columns). Two operations are easy to confuse:

* **true convolution** (the textbook formula ``C(x, y) = sum_m sum_n W(m, n) I(x-m, y-n)``)
  flips the kernel before sliding it over the image;
* **cross-correlation** slides the kernel as it is. This is what Keras' ``Conv2D`` and
  ``tf.nn.conv2d`` compute, and what deep-learning texts usually call "convolution".

Padding follows Keras: ``"valid"`` (none), ``"same"`` (zeros so that the output has
``ceil(n / stride)`` pixels, the extra pixel at the end when the total is odd) or an
integer number of zero pixels on every side.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view
from numpy.typing import ArrayLike, NDArray

from helpers.course.validation import (
    as_float_array,
    check_budget,
    check_choice,
    check_integer,
    check_positive_int,
    describe,
)

Padding = str | int

#: Most multiply-adds ``cross_correlate2d_loops`` runs in Python (about ten seconds).
MAX_LOOP_OPERATIONS = 10_000_000


def flip_kernel(kernel: np.ndarray) -> np.ndarray:
    """The kernel rotated by 180 degrees: ``kernel[::-1, ::-1]``."""
    return as_float_array(kernel, "kernel", ndim=2)[::-1, ::-1]


def padding_amounts(size: int, kernel_size: int, stride: int, padding: Padding) -> tuple[int, int]:
    """Zero pixels added (before, after) along one axis, as Keras and TensorFlow add them."""
    size = check_positive_int(size, "size")
    kernel_size = check_positive_int(kernel_size, "kernel_size")
    stride = check_positive_int(stride, "stride")
    if isinstance(padding, str):
        mode = check_choice(padding.lower(), "padding", ("valid", "same"))
        if mode == "valid":
            return 0, 0
        output = -(-size // stride)  # ceil(size / stride)
        total = max((output - 1) * stride + kernel_size - size, 0)
        return total // 2, total - total // 2
    if isinstance(padding, bool) or not isinstance(padding, int | np.integer):
        raise TypeError(
            f"`padding` must be 'valid', 'same' or an integer >= 0, but got {describe(padding)}."
        )
    amount = check_integer(padding, "padding", low=0)
    return amount, amount


def conv_output_size(
    size: int, kernel_size: int, stride: int = 1, padding: Padding = "valid"
) -> int:
    """Output length along one axis: ``floor((n + p_before + p_after - k) / s) + 1``.

    Raises ``ValueError`` when the kernel does not fit into the padded input.
    """
    before, after = padding_amounts(size, kernel_size, stride, padding)
    padded = size + before + after
    if kernel_size > padded:
        raise ValueError(
            f"The kernel (`kernel_size` = {kernel_size} pixels) is larger than the padded "
            f"input (`size` = {size} plus {before + after} padding = {padded} pixels); use a "
            "smaller kernel, a larger image or more padding."
        )
    return (padded - kernel_size) // stride + 1


def _prepare(
    image: ArrayLike, kernel: ArrayLike, stride: int, padding: Padding
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Validate the inputs; return the zero-padded image and the kernel as float arrays."""
    image = as_float_array(image, "image", ndim=2)
    kernel = as_float_array(kernel, "kernel", ndim=2)
    stride = check_positive_int(stride, "stride")
    pads = []
    for axis in (0, 1):
        pads.append(padding_amounts(image.shape[axis], kernel.shape[axis], stride, padding))
        conv_output_size(image.shape[axis], kernel.shape[axis], stride, padding)
    padded_rows, padded_cols = (size + sum(pad) for size, pad in zip(image.shape, pads))
    check_budget(padded_rows * padded_cols, "`padding`")
    return np.pad(image, pads), kernel


def cross_correlate2d_loops(
    image: np.ndarray, kernel: np.ndarray, stride: int = 1, padding: Padding = "valid"
) -> np.ndarray:
    """Cross-correlation with explicit loops: ``out[i, j] = sum_mn K[m, n] I[i*s + m, j*s + n]``.

    Slow but literal; the vectorised :func:`cross_correlate2d` gives the same numbers.
    """
    padded, kernel = _prepare(image, kernel, stride, padding)
    k_rows, k_cols = kernel.shape
    out_rows = (padded.shape[0] - k_rows) // stride + 1
    out_cols = (padded.shape[1] - k_cols) // stride + 1
    if out_rows * out_cols * kernel.size > MAX_LOOP_OPERATIONS:
        raise ValueError(
            f"`image` {np.shape(image)} with `kernel` {kernel.shape} (and `padding`) needs "
            f"{out_rows * out_cols * kernel.size:,} multiply-adds in Python loops, more than "
            f"{MAX_LOOP_OPERATIONS:,} (minutes). Use the vectorised cross_correlate2d instead."
        )
    output = np.zeros((out_rows, out_cols))
    for i in range(out_rows):
        for j in range(out_cols):
            total = 0.0
            for m in range(k_rows):
                for n in range(k_cols):
                    total += kernel[m, n] * padded[i * stride + m, j * stride + n]
            output[i, j] = total
    return output


def cross_correlate2d(
    image: np.ndarray, kernel: np.ndarray, stride: int = 1, padding: Padding = "valid"
) -> np.ndarray:
    """Vectorised cross-correlation (what ``Conv2D`` computes) of a 2-D image and kernel.

    All kernel-sized windows are viewed at once with ``sliding_window_view`` (no copy),
    every ``stride``-th one is kept, and each is multiplied with the kernel and summed.
    """
    padded, kernel = _prepare(image, kernel, stride, padding)
    windows = sliding_window_view(padded, kernel.shape)[::stride, ::stride]
    return np.einsum("ijmn,mn->ij", windows, kernel)


def convolve2d(
    image: np.ndarray, kernel: np.ndarray, stride: int = 1, padding: Padding = "valid"
) -> np.ndarray:
    """True convolution: cross-correlation with the kernel flipped by 180 degrees.

    With ``padding="valid"`` it equals ``scipy.signal.convolve2d(image, kernel, "valid")``.
    """
    return cross_correlate2d(image, flip_kernel(kernel), stride=stride, padding=padding)


def receptive_field_sizes(layers: Sequence[tuple[int, int]]) -> list[int]:
    """Receptive field (in input pixels, along one axis) after each layer of a stack.

    ``layers`` lists ``(kernel_size, stride)`` per layer, e.g. ``[(3, 1), (2, 2)]`` for a
    3x3 convolution followed by 2x2 max pooling. With ``r_0 = 1`` and jump ``j_0 = 1``:
    ``r_l = r_{l-1} + (k_l - 1) j_{l-1}`` and ``j_l = j_{l-1} s_l``.
    """
    if not isinstance(layers, Sequence | np.ndarray) or isinstance(layers, str | bytes):
        raise TypeError(
            "`layers` must be a list of (kernel_size, stride) pairs, e.g. [(3, 1), (2, 2)], "
            f"but got {describe(layers)}."
        )
    if isinstance(layers, np.ndarray) and layers.ndim == 0 or len(layers) == 0:
        raise ValueError("`layers` is empty; pass at least one (kernel_size, stride) pair.")
    field, jump, sizes = 1, 1, []
    for index, layer in enumerate(layers):
        is_sequence = isinstance(layer, Sequence) and not isinstance(layer, str | bytes)
        if (
            not (is_sequence or isinstance(layer, np.ndarray) and layer.ndim == 1)
            or len(layer) != 2
        ):
            raise ValueError(
                f"`layers[{index}]` must be a (kernel_size, stride) pair, got {describe(layer)}."
            )
        kernel_size = check_positive_int(layer[0], f"layers[{index}] kernel_size")
        stride = check_positive_int(layer[1], f"layers[{index}] stride")
        field += (kernel_size - 1) * jump
        jump *= stride
        sizes.append(field)
    return sizes


def count_conv2d_parameters(kernel_size: int, in_channels: int, filters: int) -> int:
    """Weights plus biases of a ``Conv2D``: ``(k * k * in_channels + 1) * filters``."""
    kernel_size = check_positive_int(kernel_size, "kernel_size")
    in_channels = check_positive_int(in_channels, "in_channels")
    filters = check_positive_int(filters, "filters")
    return (kernel_size * kernel_size * in_channels + 1) * filters

"""Exercise self-checks of notebooks 03-04 (convolution, pooling and CNNs)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from helpers import numpy_cnn
from helpers.checks import run_check

_RNG = np.random.default_rng(3)
_IMAGE = _RNG.normal(size=(7, 6))
_SOBEL_X = np.array([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]])
_ASYMMETRIC = np.arange(6.0).reshape(2, 3)


def check_true_convolution(student: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> bool:
    """Exercise (notebook 03): true convolution built from cross-correlation."""
    cases = [
        ("Sobel kernel", (_IMAGE, _SOBEL_X)),
        ("non-square kernel", (_IMAGE, _ASYMMETRIC)),
        ("1x1 kernel", (_IMAGE, np.array([[2.5]]))),
    ]
    return run_check(
        "true_convolution",
        student,
        numpy_cnn.convolve2d,
        cases,
        "flip the kernel in both directions (kernel[::-1, ::-1]), then cross-correlate.",
    )


def check_conv_output_size(student: Callable[[int, int, int, int], int]) -> bool:
    """Exercise (notebook 03): output size for kernel k, stride s and p zeros per side."""
    cases = [
        ("valid, stride 1", (28, 3, 1, 0)),
        ("'same' padding for a 5x5 kernel", (28, 5, 1, 2)),
        ("stride 2", (28, 3, 2, 0)),
        ("stride 2 with padding", (224, 7, 2, 3)),
        ("stride that does not divide evenly", (10, 3, 4, 0)),
    ]
    return run_check(
        "conv_output_size",
        student,
        numpy_cnn.conv_output_size,
        cases,
        "floor((n + 2p - k) / s) + 1; use integer division //.",
        atol=0.0,
    )


def check_cross_correlate2d(student: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> bool:
    """Exercise (notebook 03): vectorised cross-correlation, 'valid' padding, stride 1."""
    cases = [
        ("Sobel kernel", (_IMAGE, _SOBEL_X)),
        ("non-square kernel", (_IMAGE, _ASYMMETRIC)),
        ("kernel as large as the image", (_IMAGE[:3, :3], _SOBEL_X)),
    ]
    return run_check(
        "cross_correlate2d",
        student,
        numpy_cnn.cross_correlate2d,
        cases,
        "sliding_window_view(image, kernel.shape) has shape (rows, cols, kh, kw); "
        "multiply by the kernel and sum the last two axes.",
    )


def check_average_pool2d(student: Callable[[np.ndarray], np.ndarray]) -> bool:
    """Exercise (notebook 04): 2x2 average pooling with stride 2."""
    cases = [
        ("4x4", (np.arange(16.0).reshape(4, 4),)),
        ("odd size drops the last row and column", (_IMAGE[:5, :5],)),
        ("random 7x6", (_IMAGE,)),
    ]
    return run_check(
        "average_pool2d",
        student,
        numpy_cnn.average_pool2d,
        cases,
        "use the windows image[2i:2i+2, 2j:2j+2] for i < rows // 2, j < cols // 2.",
    )


def check_max_pool2d_backward(student: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> bool:
    """Exercise (notebook 04): gradient routing through 2x2 max pooling with stride 2."""
    image = _IMAGE[:6, :6]
    cases = [
        ("upstream of ones", (image, np.ones((3, 3)))),
        ("random upstream", (image, _RNG.normal(size=(3, 3)))),
        ("odd size", (_IMAGE[:5, :5], np.arange(4.0).reshape(2, 2))),
    ]
    return run_check(
        "max_pool2d_backward",
        student,
        numpy_cnn.max_pool2d_backward,
        cases,
        "start from zeros shaped like the image; in each 2x2 window put the upstream value "
        "at the position of the maximum (np.argmax, then divmod by 2).",
    )


def check_count_conv2d_parameters(student: Callable[[int, int, int], int]) -> bool:
    """Exercise (notebook 04): weights plus biases of a Conv2D layer."""
    cases = [
        ("first layer, grayscale", (3, 1, 32)),
        ("first layer, RGB", (3, 3, 32)),
        ("second layer", (3, 32, 64)),
        ("5x5 kernels", (5, 64, 128)),
    ]
    return run_check(
        "count_conv2d_parameters",
        student,
        numpy_cnn.count_conv2d_parameters,
        cases,
        "each filter has k*k*in_channels weights and one bias.",
        atol=0.0,
    )

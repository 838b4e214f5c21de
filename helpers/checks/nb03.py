"""Exercise self-checks of notebook 03 (convolution)."""

from __future__ import annotations

import numpy as np

from helpers.checks.engine import Student, run_check
from helpers.scratch import conv

_RNG = np.random.default_rng(3)


_IMAGE = _RNG.normal(size=(7, 6))


_SOBEL_X = np.array([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0], [-1.0, 0.0, 1.0]])


_ASYMMETRIC = np.arange(6.0).reshape(2, 3)


def check_true_convolution(student: Student) -> bool:
    """Exercise 1 of notebook 03: ``true_convolution(image, kernel)``, 'valid' positions."""
    cases = [
        ("Sobel kernel", (_IMAGE, _SOBEL_X)),
        ("non-square kernel", (_IMAGE, _ASYMMETRIC)),
        ("1x1 kernel", (_IMAGE, np.array([[2.5]]))),
    ]
    return run_check(
        "true_convolution",
        student,
        conv.convolve2d,
        cases,
        "flip the kernel in both directions (kernel[::-1, ::-1]), then cross-correlate.",
    )


def check_conv_output_size(student: Student) -> bool:
    """Exercise 2 of notebook 03: ``output_size(n, k, s, p) -> int`` (p zeros per side)."""
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
        conv.conv_output_size,
        cases,
        "floor((n + 2p - k) / s) + 1; use integer division //.",
        atol=0.0,
    )


def check_cross_correlate2d(student: Student) -> bool:
    """Exercise 3 of notebook 03: vectorised cross-correlation, 'valid' padding, stride 1."""
    cases = [
        ("Sobel kernel", (_IMAGE, _SOBEL_X)),
        ("non-square kernel", (_IMAGE, _ASYMMETRIC)),
        ("kernel as large as the image", (_IMAGE[:3, :3], _SOBEL_X)),
    ]
    return run_check(
        "cross_correlate2d",
        student,
        conv.cross_correlate2d,
        cases,
        "sliding_window_view(image, kernel.shape) has shape (rows, cols, kh, kw); "
        "multiply by the kernel and sum the last two axes.",
    )

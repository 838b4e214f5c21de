"""Exercise self-checks of notebook 04 (pooling and CNNs)."""

from __future__ import annotations

import numpy as np

from helpers.checks.engine import Student, run_check
from helpers.scratch import conv, pooling

_RNG = np.random.default_rng(3)


_IMAGE = _RNG.normal(size=(7, 6))


def check_average_pool2d(student: Student) -> bool:
    """Exercise 1 of notebook 04: ``average_pool(feature_map)``, 2x2 windows, stride 2."""
    cases = [
        ("4x4", (np.arange(16.0).reshape(4, 4),)),
        ("odd size drops the last row and column", (_IMAGE[:5, :5],)),
        ("random 7x6", (_IMAGE,)),
    ]
    return run_check(
        "average_pool2d",
        student,
        pooling.average_pool2d,
        cases,
        "use the windows image[2i:2i+2, 2j:2j+2] for i < rows // 2, j < cols // 2.",
    )


def check_max_pool2d_backward(student: Student) -> bool:
    """Exercise 2 of notebook 04: ``max_pool_backward(feature_map, upstream)``, 2x2, stride 2."""
    image = _IMAGE[:6, :6]
    cases = [
        ("upstream of ones", (image, np.ones((3, 3)))),
        ("random upstream", (image, np.random.default_rng(4).normal(size=(3, 3)))),
        ("odd size", (_IMAGE[:5, :5], np.arange(4.0).reshape(2, 2))),
    ]
    return run_check(
        "max_pool2d_backward",
        student,
        pooling.max_pool2d_backward,
        cases,
        "start from zeros shaped like the image; in each 2x2 window put the upstream value "
        "at the position of the maximum (np.argmax, then divmod by 2).",
    )


def check_count_conv2d_parameters(student: Student) -> bool:
    """Exercise 3 of notebook 04: ``conv_parameters(kernel_size, in_channels, filters)``."""
    cases = [
        ("first layer, grayscale", (3, 1, 32)),
        ("first layer, RGB", (3, 3, 32)),
        ("second layer", (3, 32, 64)),
        ("5x5 kernels", (5, 64, 128)),
    ]
    return run_check(
        "count_conv2d_parameters",
        student,
        conv.count_conv2d_parameters,
        cases,
        "each filter has k*k*in_channels weights and one bias.",
        atol=0.0,
    )

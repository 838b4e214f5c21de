"""Exercise self-checks of notebook 04 (pooling, CNNs and a split without leaks)."""

from __future__ import annotations

import numpy as np

from helpers.checks.engine import Student, run_check
from helpers.scratch import pooling

_RNG = np.random.default_rng(3)


_IMAGE = _RNG.normal(size=(7, 6))
_CORNERS = np.random.default_rng(5).integers(0, 100, size=(21, 2))


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


def _overlaps_training(
    test_corners: np.ndarray, train_corners: np.ndarray, patch_size: int
) -> np.ndarray:
    """Reference: squares share a pixel when both corner distances are below the side."""
    distance = np.abs(np.asarray(test_corners)[:, None, :] - np.asarray(train_corners)[None])
    return np.all(distance < patch_size, axis=2).any(axis=1)


def check_overlaps_training(student: Student) -> bool:
    """Exercise 3 of notebook 04: ``overlaps_training(test_corners, train_corners, size)``."""
    train = np.array([[0, 0], [40, 40], [100, 10]])
    test = np.array([[8, 8], [0, 32], [32, 72], [39, 39], [200, 200], [120, 30], [100, 42]])
    cases = [
        ("overlaps, edge contacts and a far patch", (test, train, 32)),
        ("rows close but columns far", (np.array([[0, 60], [10, 0]]), np.array([[5, 0]]), 16)),
        ("random corners", (_CORNERS[:12], _CORNERS[12:], 10)),
    ]
    return run_check(
        "overlaps_training",
        student,
        _overlaps_training,
        cases,
        "two patches share a pixel when |top difference| < patch_size AND |left difference| < "
        "patch_size (patches touching along an edge share none); one bool per test patch.",
    )

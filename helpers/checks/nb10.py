"""Exercise self-checks of notebook 10 (genomics with GAN-made virtual cases)."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from scipy.stats import ks_2samp

from helpers.checks.engine import Student, run_check
from helpers.evaluation.privacy import closest_record_distances


def _ks_statistic(first: NDArray[np.float64], second: NDArray[np.float64]) -> float:
    """Reference: the two-sample Kolmogorov-Smirnov statistic (SciPy)."""
    return float(ks_2samp(first, second).statistic)


def check_ks_statistic(student: Student) -> bool:
    """Exercise 1 of notebook 10: ``ks_statistic(first, second)``.

    The largest vertical distance between the two samples' empirical distribution
    functions, looked at on *every* value of both samples.
    """
    rng = np.random.default_rng(10)  # the same cases at every call
    cases = [
        ("a shifted sample", (rng.normal(size=40), rng.normal(0.8, 1.0, size=30))),
        ("a wider sample, same centre", (rng.normal(size=50), rng.normal(0.0, 3.0, size=50))),
        ("samples with ties", (np.array([1.0, 1.0, 2.0, 3.0]), np.array([1.0, 2.0, 2.0]))),
        ("separated samples", (np.arange(10.0, 13.0), np.arange(5.0))),
    ]
    return run_check(
        "ks_statistic",
        student,
        _ks_statistic,
        cases,
        "F(t) = share of a sample <= t; evaluate both F at every value of BOTH samples "
        "(np.searchsorted(np.sort(a), t, side='right') / len(a)) and return the largest "
        "absolute difference.",
    )


def _closest_record_distance(
    samples: NDArray[np.float64], reference: NDArray[np.float64]
) -> NDArray[np.float64]:
    """Reference: the distance of each sample to its nearest reference row."""
    return closest_record_distances(samples, reference)


def check_closest_record_distance(student: Student) -> bool:
    """Exercise 2 of notebook 10: ``closest_record_distance(samples, reference)``.

    For every row of ``samples``, the Euclidean distance to the nearest row of
    ``reference`` (one number per sample).
    """
    rng = np.random.default_rng(11)
    reference = rng.normal(size=(12, 3))
    cases = [
        ("new points", (rng.normal(size=(5, 3)), reference)),
        ("copies of reference rows", (reference[[2, 7, 7]].copy(), reference)),
        ("more samples than reference rows", (rng.normal(size=(20, 3)), reference[:4])),
    ]
    return run_check(
        "closest_record_distance",
        student,
        _closest_record_distance,
        cases,
        "subtract with broadcasting, samples[:, None, :] - reference[None, :, :], take the "
        "Euclidean norm over the last axis (not the squared distance) and the minimum over "
        "the reference rows (axis 1), one value per sample.",
    )


def _standardize_fold(
    train: NDArray[np.float64], test: NDArray[np.float64]
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Reference: both scaled with the training fold's mean and standard deviation."""
    mean, std = train.mean(axis=0), train.std(axis=0)
    std = np.where(std > 0, std, 1.0)
    return (train - mean) / std, (test - mean) / std


def check_standardize_fold(student: Student) -> bool:
    """Exercise 3 of notebook 10: ``standardize_fold(train, test)`` -> (train, test) scaled.

    Both are scaled with the mean and (population) standard deviation of the *training*
    rows, per gene; a gene constant in training is only centred.
    """
    rng = np.random.default_rng(12)
    train = rng.normal(5.0, 2.0, size=(30, 4))
    cases = [
        ("a test fold from another centre", (train, rng.normal(8.0, 0.5, size=(6, 4)))),
        ("one test patient", (train, rng.normal(5.0, 2.0, size=(1, 4)))),
        (
            "a gene constant in training",
            (np.c_[train[:, :2], np.full(30, 3.0)], rng.normal(size=(5, 3))),
        ),
    ]
    return run_check(
        "standardize_fold",
        student,
        _standardize_fold,
        cases,
        "compute mean and std over the training rows only (axis=0, NumPy's default ddof=0, "
        "like StandardScaler), use 1 where the std is 0, and apply the same numbers to the "
        "test rows; never look at the test rows' own statistics.",
    )

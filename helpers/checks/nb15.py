"""Exercise self-checks of notebook 15 (reliability and interpretability)."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from helpers.checks.engine import Student, run_check
from helpers.evaluation.calibration import expected_calibration_error

_RNG = np.random.default_rng(15)


def _ece(y_true: NDArray[np.int64], y_prob: NDArray[np.float64], n_bins: int) -> float:
    """Reference: the course's helper (equal-width bins, (lo, hi], first [0, hi])."""
    return expected_calibration_error(y_true, y_prob, n_bins)


def check_expected_calibration_error(student: Student) -> bool:
    """Exercise 1 of notebook 15: ``expected_calibration_error(y_true, y_prob, n_bins)``.

    The cases tell a weighted mean from a plain mean over bins (bins of very different
    sizes), an absolute gap from a signed one (over- and under-confident bins), and the
    bins' closed side (probabilities exactly on an edge).
    """
    over_p = _RNG.uniform(0.0, 1.0, 60)
    over_y = (_RNG.random(60) < 0.5 + 0.5 * (over_p - 0.5)).astype(int)
    cases = [
        (
            "one big bin and one small bin",
            (np.r_[np.zeros(20, int), 1, 0], np.r_[np.full(20, 0.05), np.full(2, 0.95)], 10),
        ),
        (
            "an over-confident bin and an under-confident bin",
            (
                np.array([1, 1, 0, 0, 1, 1, 1, 0]),
                np.array([0.3, 0.3, 0.3, 0.3, 0.9, 0.9, 0.9, 0.9]),
                5,
            ),
        ),
        (
            "probabilities exactly on bin edges",
            (np.array([1, 0, 0, 0, 1, 1]), np.array([0.0, 0.2, 0.2, 0.2, 0.4, 1.0]), 5),
        ),
        ("an over-confident model, 10 bins", (over_y, over_p, 10)),
    ]
    return run_check(
        "expected_calibration_error",
        student,
        _ece,
        cases,
        "find each case's bin with ceil(p * n_bins) - 1 (clipped to 0), so bins are (lo, hi] and "
        "p = 0 is in the first; take |frequency - mean p| per filled bin and weight it by the "
        "bin's number of cases / n (not a plain mean over bins).",
    )


def _referral_auc(
    y_true: NDArray[np.int64],
    y_prob: NDArray[np.float64],
    uncertainty: NDArray[np.float64],
    fraction: float,
) -> float:
    """Reference: the AUC on the cases kept after referring the int(fraction * n) most uncertain."""
    from sklearn.metrics import roc_auc_score

    y_true, y_prob = np.asarray(y_true), np.asarray(y_prob, dtype=float)
    keep = np.argsort(np.asarray(uncertainty), kind="stable")[
        : len(y_true) - int(fraction * len(y_true))
    ]
    return float(roc_auc_score(y_true[keep], y_prob[keep]))


def check_referral_auc(student: Student) -> bool:
    """Exercise 2 of notebook 15: ``referral_auc(y_true, y_prob, uncertainty, fraction)``.

    Refer the ``int(fraction * n)`` cases with the largest uncertainty; return the ROC
    AUC on the rest. The cases catch sorting the wrong way and keeping the referred part.
    """
    n = 40
    y = np.r_[np.zeros(20, int), np.ones(20, int)]
    p = np.clip(0.3 + 0.4 * y + _RNG.normal(scale=0.25, size=n), 0.01, 0.99)
    uncertainty = -np.abs(p - 0.5)  # largest near 0.5
    cases = [
        ("nothing referred", (y, p, uncertainty, 0.0)),
        ("a quarter referred", (y, p, uncertainty, 0.25)),
        ("40% referred, uncertainty from another source", (y, p, _RNG.random(n), 0.4)),
    ]
    return run_check(
        "referral_auc",
        student,
        _referral_auc,
        cases,
        "sort by uncertainty from smallest to largest (np.argsort), keep the first "
        "n - int(fraction * n) cases and return roc_auc_score on them.",
    )


def _equalized_odds_gap(
    y_true: NDArray[np.int64], y_pred: NDArray[np.int64], group: NDArray[np.int64]
) -> float:
    """Reference: max(|TPR_0 - TPR_1|, |FPR_0 - FPR_1|)."""
    y, yhat, g = (np.asarray(a) for a in (y_true, y_pred, group))
    tpr = [float(np.mean(yhat[(g == k) & (y == 1)])) for k in (0, 1)]
    fpr = [float(np.mean(yhat[(g == k) & (y == 0)])) for k in (0, 1)]
    return max(abs(tpr[0] - tpr[1]), abs(fpr[0] - fpr[1]))


def check_equalized_odds_gap(student: Student) -> bool:
    """Exercise 3 of notebook 15: ``equalized_odds_gap(y_true, y_pred, group)``.

    The cases tell the TPR gap alone from the larger of both gaps, the mean of the two
    gaps from their maximum, and rates over a whole group from rates over its diseased
    or healthy patients.
    """
    y = np.array([1, 1, 1, 1, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0])
    group = np.array([0] * 8 + [1] * 8)
    equal_tpr = np.array([1, 1, 0, 0, 0, 0, 0, 0, 1, 0, 1, 1, 1, 0, 0, 0])
    unequal = np.array([1, 1, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0])
    random_y = (_RNG.random(50) < 0.4).astype(int)
    random_y[:4] = (0, 1, 0, 1)
    random_group = np.r_[0, 0, 1, 1, (_RNG.random(46) < 0.3).astype(int)]
    cases = [
        ("equal sensitivities, unequal false alarms", (y, equal_tpr, group)),
        ("both rates differ", (y, unequal, group)),
        ("fifty random patients", (random_y, (_RNG.random(50) < 0.5).astype(int), random_group)),
    ]
    return run_check(
        "equalized_odds_gap",
        student,
        _equalized_odds_gap,
        cases,
        "TPR of a group is the share of its diseased patients (y == 1) predicted positive, FPR "
        "the share of its healthy ones (y == 0); return the larger of the two absolute gaps.",
    )

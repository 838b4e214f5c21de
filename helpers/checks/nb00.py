"""Exercise self-checks of notebook 00 (welcome: sensitivity, specificity, PPV, a cut-off)."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from helpers.checks.engine import Student, run_check
from helpers.evaluation import binary


def _sensitivity_specificity(y_true: ArrayLike, y_pred: ArrayLike) -> tuple[float, float]:
    """Reference: TP / (TP + FN) and TN / (TN + FP)."""
    counts = binary.confusion_counts(y_true, y_pred)
    return (
        counts["tp"] / (counts["tp"] + counts["fn"]),
        counts["tn"] / (counts["tn"] + counts["fp"]),
    )


def _cheapest_cutoff(
    y_true: ArrayLike, scores: ArrayLike, cost_missed: float, cost_false_alarm: float
) -> float:
    """Reference: the cut-off among the scores with the lowest cost; the highest on a tie."""
    y, s = np.asarray(y_true), np.asarray(scores, dtype=float)
    cutoffs = np.unique(s)  # ascending
    positive = s[None, :] >= cutoffs[:, None]  # one row per cut-off
    missed = np.sum(~positive & (y == 1), axis=1)
    false_alarms = np.sum(positive & (y == 0), axis=1)
    costs = cost_missed * missed + cost_false_alarm * false_alarms
    return float(cutoffs[np.flatnonzero(costs == costs.min())[-1]])


def check_sensitivity_specificity(student: Student) -> bool:
    """Exercise 1 of notebook 00: ``sensitivity_specificity(y_true, y_pred) -> (se, sp)``."""
    y = np.array([1, 1, 1, 1, 0, 0, 0, 0, 0, 0])
    cases = [
        ("perfect", (y, y.copy())),
        ("misses one cancer", (y, np.array([1, 1, 1, 0, 0, 0, 0, 0, 0, 0]))),
        ("two false alarms", (y, np.array([1, 1, 1, 1, 1, 1, 0, 0, 0, 0]))),
    ]
    return run_check(
        "sensitivity_specificity",
        student,
        _sensitivity_specificity,
        cases,
        "sensitivity = TP / (TP + FN), specificity = TN / (TN + FP); return both.",
    )


def check_positive_predictive_value(student: Student) -> bool:
    """Exercise 2 of notebook 00: ``ppv(sensitivity, specificity, prevalence) -> float``."""
    cases = [
        ("screening, rare disease", (0.95, 0.90, 0.01)),
        ("common disease", (0.95, 0.90, 0.30)),
        ("perfect specificity", (0.80, 1.0, 0.05)),
    ]
    return run_check(
        "positive_predictive_value",
        student,
        binary.positive_predictive_value,
        cases,
        "Bayes: sens*prev / (sens*prev + (1 - spec)*(1 - prev)).",
    )


_LABELS = np.array([0, 0, 1, 0, 0, 1, 0, 1, 1, 0, 1, 1])
_TIE_LABELS = np.array([0, 1, 0, 1])
_SCORES = np.array([1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0, 11.0, 12.0])


def check_cheapest_cutoff(student: Student) -> bool:
    """Exercise 3 of notebook 00: the cut-off with the lowest total cost.

    ``cheapest_cutoff(y_true, scores, cost_missed, cost_false_alarm) -> float``, one of
    the scores.
    """
    cases = [
        ("a miss costs 10 false alarms", (_LABELS, _SCORES, 10.0, 1.0)),
        ("both errors cost the same", (_LABELS, _SCORES, 1.0, 1.0)),
        ("a false alarm costs 3 misses", (_LABELS, _SCORES, 1.0, 3.0)),
        ("a tie: take the higher cut-off", (_TIE_LABELS, _SCORES[:4], 1.0, 1.0)),
        ("scores given in any order", (_LABELS[::-1], _SCORES[::-1] / 10, 4.0, 1.0)),
    ]
    return run_check(
        "cheapest_cutoff",
        student,
        _cheapest_cutoff,
        cases,
        "try every distinct score as the cut-off (positive: score >= cut-off), count misses "
        "(sick, called negative) and false alarms (healthy, called positive), cost = "
        "cost_missed * misses + cost_false_alarm * false alarms; on a tie keep the higher cut-off.",
    )

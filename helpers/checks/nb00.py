"""Exercise self-checks of notebook 00 (welcome: sensitivity, specificity, PPV, accuracy)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from helpers.checks.engine import run_check
from helpers.evaluation import binary


def _sensitivity_specificity(y_true: np.ndarray, y_pred: np.ndarray) -> tuple[float, float]:
    counts = binary.confusion_counts(y_true, y_pred)
    return (
        counts["tp"] / (counts["tp"] + counts["fn"]),
        counts["tn"] / (counts["tn"] + counts["fp"]),
    )


def check_sensitivity_specificity(student: Callable[[np.ndarray, np.ndarray], tuple]) -> bool:
    """Exercise (notebook 00): sensitivity and specificity from labels and predictions."""
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


def check_positive_predictive_value(student: Callable[[float, float, float], float]) -> bool:
    """Exercise (notebook 00): PPV from sensitivity, specificity and prevalence."""
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


def check_always_healthy_accuracy(student: Callable[[np.ndarray], float]) -> bool:
    """Exercise (notebook 00): accuracy of a 'model' that calls everyone healthy."""
    cases = [
        ("balanced", (np.array([0, 1, 0, 1]),)),
        ("rare disease", (np.array([0] * 99 + [1]),)),
        ("breast cancer test split", (np.array([1] * 42 + [0] * 72),)),
    ]
    return run_check(
        "always_healthy_accuracy",
        student,
        lambda y: float(np.mean(np.asarray(y) == 0)),
        cases,
        "it is right exactly for the patients whose label is 0.",
    )

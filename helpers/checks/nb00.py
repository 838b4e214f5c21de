"""Exercise self-checks of notebook 00 (welcome: sensitivity, specificity, PPV, accuracy)."""

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


def _always_healthy_accuracy(y_true: ArrayLike) -> float:
    """Reference: the share of labels that are 0."""
    return float(np.mean(np.asarray(y_true) == 0))


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


def check_always_healthy_accuracy(student: Student) -> bool:
    """Exercise 3 of notebook 00: ``always_healthy_accuracy(y_true) -> float``."""
    cases = [
        ("balanced", (np.array([0, 1, 0, 1]),)),
        ("rare disease", (np.array([0] * 99 + [1]),)),
        ("breast cancer test split", (np.array([1] * 42 + [0] * 72),)),
    ]
    return run_check(
        "always_healthy_accuracy",
        student,
        _always_healthy_accuracy,
        cases,
        "it is right exactly for the patients whose label is 0.",
    )

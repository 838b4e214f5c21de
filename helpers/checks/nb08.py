"""Exercise self-checks of notebook 08 (vital signs and ECG)."""

from __future__ import annotations

import numpy as np

from helpers.checks.engine import Student, run_check
from helpers.data import splits
from helpers.evaluation import alarms, multiclass


def _burden_cases() -> list[tuple[str, tuple[np.ndarray, float]]]:
    """Hourly risk scores and alarm limits; the last case has a tie across the limit."""
    rng = np.random.default_rng(8)
    tied = rng.uniform(0.0, 0.8, 48)
    tied[:4] = 0.9  # four hours tied at 0.9 straddle the 6 alarms allowed ...
    tied[4:8] = rng.uniform(0.91, 1.0, 4)  # ... after four higher scores
    return [
        ("two patient-days, 3 alarms a day", (rng.uniform(0.0, 1.0, 48), 3.0)),
        ("ten patient-days, 2 alarms a day", (rng.beta(1.0, 6.0, 240), 2.0)),
        ("three patient-days, 2.5 alarms a day", (rng.uniform(0.0, 1.0, 72), 2.5)),
        ("tied scores (a saturated sigmoid)", (tied, 3.0)),
    ]


def check_threshold_for_alarm_burden(student: Student) -> bool:
    """Exercise 2 of notebook 08: ``my_threshold_for_burden(scores, max_alarms_per_patient_day)``.

    The lowest threshold among the hourly ``scores`` (alarm at score >= threshold) whose
    alarms per patient-day, 24 times the share of hours that alarm, stay within the limit.
    """
    return run_check(
        "threshold_for_burden",
        student,
        alarms.threshold_for_alarm_burden,
        _burden_cases(),
        "the burden of a threshold t is 24 * np.mean(scores >= t) alarms per patient-day; try "
        "the scores themselves as thresholds from the highest down and keep the lowest one "
        "whose burden is within the limit (no interpolation, as np.quantile does; tied "
        "scores alarm together).",
    )


def check_indices_by_patient(student: Student) -> bool:
    """Exercise 1 of notebook 08: ``my_indices_by_patient(patient_ids, test_patients)``.

    Returns sorted ``(train_indices, test_indices)`` of a patient-wise split.
    """
    patients = np.array([3, 3, 1, 2, 1, 3, 4, 2, 4, 4])
    cases = [
        ("one test patient", (patients, np.array([3]))),
        ("two test patients", (patients, np.array([1, 4]))),
        ("record names", (np.array(["100", "101", "100", "103"]), np.array(["101", "103"]))),
    ]
    return run_check(
        "indices_by_patient",
        student,
        splits.indices_by_patient,
        cases,
        "mark the samples whose patient is in test_patients (np.isin), then np.flatnonzero "
        "of the mask and of its negation.",
    )


def check_sensitivity_and_ppv(student: Student) -> bool:
    """Exercise 3 of notebook 08: ``my_sensitivity_and_ppv(matrix) -> (sensitivity, ppv)``.

    A class that is never predicted has PPV 0/0: NaN (it cannot be judged), not 0.
    """
    cases = [
        ("two classes", (np.array([[50, 10], [5, 35]]),)),
        ("three classes", (np.array([[900, 20, 30], [4, 40, 1], [25, 2, 120]]),)),
        ("perfect", (np.diag([7, 3, 5, 2]),)),
        ("a class never predicted", (np.array([[8, 0, 2], [3, 0, 1], [1, 0, 9]]),)),
    ]
    return run_check(
        "sensitivity_and_ppv",
        student,
        multiclass.sensitivity_and_ppv,
        cases,
        "rows are the truth: sensitivity = diagonal / row sums; columns are the prediction: "
        "PPV = diagonal / column sums (NaN for a class never predicted: 0/0 is undefined). "
        "Return (sensitivity, ppv).",
    )

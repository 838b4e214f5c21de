"""Exercise self-checks of notebook 08 (vital signs and ECG)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from helpers.checks.engine import run_check
from helpers.data import splits
from helpers.evaluation import multiclass
from helpers.signals import ecg


def check_heart_rate(student: Callable[[np.ndarray, float], float]) -> bool:
    """Exercise (notebook 08): mean heart rate in bpm from R-peak sample indices."""
    cases = [
        ("regular, 1000 Hz", (np.array([120, 1120, 2120, 3120]), 1000.0)),
        ("irregular, 360 Hz", (np.array([10, 300, 610, 850, 1240]), 360.0)),
        ("two beats, 128 Hz", (np.array([5, 133]), 128.0)),
    ]
    return run_check(
        "heart_rate",
        student,
        ecg.heart_rate,
        cases,
        "RR intervals in seconds are np.diff(r_peaks) / sampling_rate; bpm = 60 / their mean.",
    )


def check_indices_by_patient(
    student: Callable[[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]],
) -> bool:
    """Exercise (notebook 08): train and test indices of a patient-wise split."""
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


def check_sensitivity_and_ppv(
    student: Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]],
) -> bool:
    """Exercise (notebook 08): per-class sensitivity and PPV from a confusion matrix."""
    cases = [
        ("two classes", (np.array([[50, 10], [5, 35]]),)),
        ("three classes", (np.array([[900, 20, 30], [4, 40, 1], [25, 2, 120]]),)),
        ("perfect", (np.diag([7, 3, 5, 2]),)),
    ]
    return run_check(
        "sensitivity_and_ppv",
        student,
        multiclass.sensitivity_and_ppv,
        cases,
        "rows are the truth: sensitivity = diagonal / row sums; columns are the prediction: "
        "PPV = diagonal / column sums. Return (sensitivity, ppv).",
    )

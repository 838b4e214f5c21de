"""Exercise self-checks of notebook 08 (vital signs and ECG)."""

from __future__ import annotations

import numpy as np

from helpers.checks.engine import Student, run_check
from helpers.data import splits
from helpers.evaluation import multiclass
from helpers.signals import ecg


def check_heart_rate(student: Student) -> bool:
    """Exercise 1 of notebook 08: ``my_heart_rate(r_peaks, sampling_rate)``, mean bpm."""
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


def check_indices_by_patient(student: Student) -> bool:
    """Exercise 2 of notebook 08: ``my_indices_by_patient(patient_ids, test_patients)``.

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

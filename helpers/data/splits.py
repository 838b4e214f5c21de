"""Patient-wise splits: every sample of a patient lands on the same side.

Beats (or tiles, or hourly vital signs) of one patient resemble each other more than
beats of two patients do. A random split by sample puts the same patients in
training and test sets and measures memory of those patients, not diagnosis of new ones.
"""

from __future__ import annotations

import numpy as np

from helpers.course.validation import check_fraction


def indices_by_patient(patient_ids: object, test_patients: object) -> tuple[np.ndarray, np.ndarray]:
    """Sorted sample indices ``(train, test)``: test holds every sample of ``test_patients``."""
    patients = np.asarray(patient_ids)
    if patients.ndim != 1 or patients.size == 0:
        raise ValueError(
            f"`patient_ids` must be a non-empty 1-D array, got shape {patients.shape}."
        )
    chosen = np.asarray(test_patients)
    unknown = np.setdiff1d(chosen, patients)
    if unknown.size:
        raise ValueError(f"`test_patients` names patients with no samples: {unknown[:5].tolist()}.")
    in_test = np.isin(patients, chosen)
    return np.flatnonzero(~in_test), np.flatnonzero(in_test)


def patient_wise_split(
    patient_ids: object, test_fraction: float = 0.25, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Random ``(train, test)`` sample indices; about ``test_fraction`` of patients in test."""
    test_fraction = check_fraction(test_fraction, "test_fraction")
    patients = np.unique(np.asarray(patient_ids))
    if patients.size < 2:
        raise ValueError("A patient-wise split needs samples from at least two patients.")
    num_test = min(max(1, int(round(test_fraction * patients.size))), patients.size - 1)
    test_patients = np.random.default_rng(seed).choice(patients, size=num_test, replace=False)
    return indices_by_patient(patient_ids, test_patients)

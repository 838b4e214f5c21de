"""Patient-wise splits: every sample of a patient lands on the same side.

Beats (or tiles, or hourly vital signs) of one patient resemble each other more than
beats of two patients do. A random split by sample puts the same patients in
training and test sets and measures memory of those patients, not diagnosis of new ones.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from helpers.course.validation import check_fraction, check_seed


def _patient_array(patient_ids: ArrayLike) -> NDArray[np.generic]:
    """``patient_ids`` as a non-empty 1-D array (one id per sample), or a clear error."""
    patients = np.asarray(patient_ids)
    if patients.ndim != 1 or patients.size == 0:
        raise ValueError(
            f"`patient_ids` must be a non-empty 1-D array, got shape {patients.shape}."
        )
    return patients


def indices_by_patient(
    patient_ids: ArrayLike, test_patients: ArrayLike
) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """Sorted sample indices ``(train, test)``: test holds every sample of ``test_patients``."""
    patients = _patient_array(patient_ids)
    chosen = np.asarray(test_patients)
    unknown = np.setdiff1d(chosen, patients)
    if unknown.size:
        raise ValueError(f"`test_patients` names patients with no samples: {unknown[:5].tolist()}.")
    in_test = np.isin(patients, chosen)
    return np.flatnonzero(~in_test), np.flatnonzero(in_test)


def patient_wise_split(
    patient_ids: ArrayLike, test_fraction: float = 0.25, seed: int = 0
) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """Random sorted ``(train, test)`` sample indices; about ``test_fraction`` of patients in test.

    scikit-learn's ``GroupShuffleSplit`` with the patients as groups draws the test
    patients: round(test_fraction x patients), at least one and at most all but one.
    """
    from sklearn.model_selection import GroupShuffleSplit

    test_fraction = check_fraction(test_fraction, "test_fraction")
    seed = check_seed(seed)
    patients = _patient_array(patient_ids)
    num_patients = np.unique(patients).size
    if num_patients < 2:
        raise ValueError("A patient-wise split needs samples from at least two patients.")
    num_test = int(min(max(1, round(test_fraction * num_patients)), num_patients - 1))
    splitter = GroupShuffleSplit(n_splits=1, test_size=num_test, random_state=seed)
    train, test = next(splitter.split(patients, groups=patients))
    return np.sort(train), np.sort(test)

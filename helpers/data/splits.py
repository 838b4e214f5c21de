"""Patient-wise splits: every sample of a patient lands on the same side.

Beats (or tiles, or hourly vital signs) of one patient resemble each other more than
beats of two patients do. A random split by sample puts the same patients in
training and test sets and measures memory of those patients, not diagnosis of new ones.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from helpers.course.validation import as_array, check_fraction, check_seed


def _ids(value: Any, name: str) -> NDArray[np.generic]:
    """``value`` as a non-empty 1-D array of patient ids (numbers or names), or a clear error."""
    ids = as_array(value, name)
    if ids.ndim != 1 or ids.size == 0:
        raise ValueError(
            f"`{name}` must be a non-empty 1-D array (one patient id per entry), "
            f"got shape {ids.shape}."
        )
    if ids.dtype.kind not in "iufUSO":
        raise TypeError(f"`{name}` must hold patient ids (numbers or names), got {ids.dtype}.")
    if ids.dtype.kind == "f" and not np.all(np.isfinite(ids)):
        raise ValueError(f"`{name}` contains NaN; every sample needs the id of its patient.")
    if ids.dtype.kind == "O" and any(i is None or (isinstance(i, float) and i != i) for i in ids):
        raise ValueError(f"`{name}` contains a missing id (None or NaN); fill in every one.")
    if ids.dtype.kind == "O" and len({isinstance(i, str) for i in ids}) > 1:
        raise TypeError(f"`{name}` mixes numbers and names; use one kind of id for every patient.")
    return ids


def indices_by_patient(
    patient_ids: ArrayLike, test_patients: ArrayLike
) -> tuple[NDArray[np.intp], NDArray[np.intp]]:
    """Sorted sample indices ``(train, test)``: test holds every sample of ``test_patients``.

    ``test_patients`` is a list of ids (or one id) that all occur in ``patient_ids``.
    """
    patients = _ids(patient_ids, "patient_ids")
    one_patient = isinstance(test_patients, str | int | np.integer)
    chosen = _ids([test_patients] if one_patient else test_patients, "test_patients")
    unknown = np.setdiff1d(chosen, patients)
    if unknown.size:
        raise ValueError(f"`test_patients` names patients with no samples: {unknown[:5].tolist()}.")
    in_test = np.isin(patients, chosen)
    if in_test.all():
        raise ValueError("`test_patients` names every patient; leave some patients for training.")
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
    patients = _ids(patient_ids, "patient_ids")
    num_patients = np.unique(patients).size
    if num_patients < 2:
        raise ValueError(
            "`patient_ids` names only one patient; a patient-wise split needs samples from "
            "at least two patients."
        )
    num_test = int(min(max(1, round(test_fraction * num_patients)), num_patients - 1))
    splitter = GroupShuffleSplit(n_splits=1, test_size=num_test, random_state=seed)
    train, test = next(splitter.split(patients, groups=patients))
    return np.sort(train), np.sort(test)

"""The Wisconsin diagnostic breast cancer set (scikit-learn), split without leaks."""

from __future__ import annotations

import numpy as np

from helpers.course.validation import check_fraction
from helpers.data.containers import Dataset, TabularSplits
from helpers.data.preprocessing import standardize


def load_breast_cancer_splits(
    test_fraction: float = 0.2,
    validation_fraction: float = 0.2,
    seed: int = 0,
    scale: bool = True,
) -> TabularSplits:
    """The Wisconsin diagnostic breast cancer set (569 real FNA biopsies), split.

    Label 1 means malignant, 0 benign (scikit-learn stores the opposite; it is
    flipped here so that "positive" means "disease", as in clinical metrics).
    The splits are stratified; ``validation_fraction`` is taken from what remains
    after the test split. Features are standardised with training statistics.
    """
    from sklearn.datasets import load_breast_cancer
    from sklearn.model_selection import train_test_split

    check_fraction(test_fraction, "test_fraction")
    check_fraction(validation_fraction, "validation_fraction")
    bunch = load_breast_cancer()
    x = bunch.data.astype(np.float64)
    y = (bunch.target == 0).astype(np.int64)  # sklearn: 0 = malignant
    x_rest, x_test, y_rest, y_test = train_test_split(
        x, y, test_size=test_fraction, stratify=y, random_state=seed
    )
    x_train, x_val, y_train, y_val = train_test_split(
        x_rest, y_rest, test_size=validation_fraction, stratify=y_rest, random_state=seed
    )
    if scale:
        (x_train, x_val, x_test), mean, std = standardize(x_train, x_val, x_test)
    else:
        mean, std = np.zeros(x.shape[1]), np.ones(x.shape[1])
    class_names = ("benign", "malignant")
    return TabularSplits(
        train=Dataset(inputs=x_train, labels=y_train, class_names=class_names, unit="patients"),
        val=Dataset(inputs=x_val, labels=y_val, class_names=class_names, unit="patients"),
        test=Dataset(inputs=x_test, labels=y_test, class_names=class_names, unit="patients"),
        feature_names=tuple(bunch.feature_names),
        mean=mean,
        std=std,
    )

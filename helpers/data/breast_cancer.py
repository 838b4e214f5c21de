"""The Wisconsin diagnostic breast cancer set (scikit-learn), split without leaks."""

from __future__ import annotations

import math

import numpy as np

from helpers.course.validation import (
    as_binary_labels,
    as_float_array,
    check_bool,
    check_fraction,
    check_same_length,
    check_seed,
    check_strings,
)
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

    bunch = load_breast_cancer()
    x = bunch.data.astype(np.float64)
    y = (bunch.target == 0).astype(np.int64)  # sklearn: 0 = malignant
    return split_table(
        x, y, tuple(bunch.feature_names), ("benign", "malignant"),
        test_fraction, validation_fraction, seed, scale,
    )  # fmt: skip


def split_table(
    x: np.ndarray,
    y: np.ndarray,
    feature_names: tuple[str, ...],
    class_names: tuple[str, ...],
    test_fraction: float = 0.2,
    validation_fraction: float = 0.2,
    seed: int = 0,
    scale: bool = True,
) -> TabularSplits:
    """Stratified train / validation / test splits of a table, standardised on the training split.

    ``validation_fraction`` is taken from what remains after the test split. Used by
    ``load_breast_cancer_splits`` and by ``helpers.data.tables.load_table_csv``'s callers.
    """
    from sklearn.model_selection import train_test_split

    x = as_float_array(x, "x", ndim=2)
    y = as_binary_labels(y, "y")
    check_same_length(x, y, ("x", "y"))
    feature_names = check_strings(feature_names, "feature_names", length=x.shape[1])
    class_names = check_strings(class_names, "class_names", length=2)
    check_fraction(test_fraction, "test_fraction")
    check_fraction(validation_fraction, "validation_fraction")
    seed = check_seed(seed)
    scale = check_bool(scale, "scale")
    _check_split_sizes(len(y), test_fraction, "test_fraction")
    _check_split_sizes(
        len(y) - math.ceil(test_fraction * len(y)), validation_fraction, "validation_fraction"
    )
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
    return TabularSplits(
        train=Dataset(inputs=x_train, labels=y_train, class_names=class_names, unit="patients"),
        val=Dataset(inputs=x_val, labels=y_val, class_names=class_names, unit="patients"),
        test=Dataset(inputs=x_test, labels=y_test, class_names=class_names, unit="patients"),
        feature_names=feature_names,
        mean=mean,
        std=std,
    )


def _check_split_sizes(num_samples: int, fraction: float, name: str) -> None:
    """Refuse a fraction that leaves a stratified split (or its rest) with under two samples.

    scikit-learn's ``train_test_split`` takes ceil(fraction x samples) for the split;
    each side needs one sample of each of the two classes at least.
    """
    taken = math.ceil(fraction * num_samples)
    if not 2 <= taken <= num_samples - 2:
        raise ValueError(
            f"`{name}` = {fraction:g} of {num_samples} patients leaves {taken} on one side and "
            f"{num_samples - taken} on the other; a stratified split needs at least two on "
            "each side (one per class). Choose a fraction such as 0.2."
        )

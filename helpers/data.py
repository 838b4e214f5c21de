"""Loading the course's offline data sets into ready-to-use, leak-free splits."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from helpers.validation import as_float_array, check_fraction

SPLITS = ("train", "val", "test")


@dataclass(frozen=True)
class DataSplits:
    """Train / validation / test inputs with 0/1 labels (1 = disease)."""

    unit: ClassVar[str] = "samples"  # what one row is, for describe()

    x_train: np.ndarray
    y_train: np.ndarray
    x_val: np.ndarray
    y_val: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    class_names: tuple[str, str]

    def describe(self) -> str:
        """One line per split: number of rows, positives and negatives."""
        lines = []
        for split in SPLITS:
            y = getattr(self, f"y_{split}")
            positives = int(np.sum(y))
            lines.append(
                f"{split:<5}: {len(y):5d} {self.unit}, {positives:5d} {self.class_names[1]}, "
                f"{len(y) - positives:5d} {self.class_names[0]}"
            )
        return "\n".join(lines)


@dataclass(frozen=True)
class TabularSplits(DataSplits):
    """Splits of a table of features, with the names of its columns.

    ``mean`` and ``std`` are the training-split statistics used for standardising
    (all zeros and ones when the data were left unscaled).
    """

    unit: ClassVar[str] = "patients"

    feature_names: tuple[str, ...]
    mean: np.ndarray
    std: np.ndarray


def standardize(
    train: np.ndarray, *others: np.ndarray
) -> tuple[list[np.ndarray], np.ndarray, np.ndarray]:
    """Scale every array with the mean and standard deviation of ``train`` only.

    Using the training statistics for validation and test data keeps information
    from the held-out patients out of training. Returns the scaled arrays (train
    first), the mean and the standard deviation.
    """
    train = as_float_array(train, "train", ndim=2)
    scaled_others = [as_float_array(x, f"others[{i}]", ndim=2) for i, x in enumerate(others)]
    for i, x in enumerate(scaled_others):
        if x.shape[1] != train.shape[1]:
            raise ValueError(
                f"`others[{i}]` has {x.shape[1]} features but `train` has {train.shape[1]}."
            )
    mean = train.mean(axis=0)
    std = train.std(axis=0)
    std = np.where(std > 0, std, 1.0)  # a constant feature stays constant instead of NaN
    return [(x - mean) / std for x in (train, *scaled_others)], mean, std


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
    return TabularSplits(
        x_train,
        y_train,
        x_val,
        y_val,
        x_test,
        y_test,
        feature_names=tuple(bunch.feature_names),
        class_names=("benign", "malignant"),
        mean=mean,
        std=std,
    )

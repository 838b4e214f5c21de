"""Metrics for several classes: confusion matrix, per-class sensitivity and PPV, macro-F1.

For arrhythmia classification (AAMI EC57) the figures that matter are per class:
the **sensitivity** of class k (the share of true k beats called k) and its
**positive predictive value** (the share of beats called k that really are k).
Accuracy hides a missed rare class behind thousands of normal beats; macro-F1, the
unweighted mean over classes of the F1 score 2·Se·PPV/(Se + PPV), does not.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from helpers.course.validation import (
    as_class_labels,
    as_float_array,
    check_budget,
    check_positive_int,
    check_same_length,
    check_strings,
)


def _class_indices(value: ArrayLike, name: str, num_classes: int, source: str) -> NDArray[np.int64]:
    """Class indices 0..num_classes-1; ``source`` says where ``num_classes`` came from."""
    try:
        labels = as_class_labels(value, name)
    except ValueError as error:
        if "dimension" not in str(error):
            raise
        raise ValueError(
            f"{error} Pass one class index per sample; for softmax outputs "
            "probabilities.argmax(axis=1)."
        ) from None
    if labels.max() >= num_classes:
        raise ValueError(
            f"`{name}` must hold class indices 0..{num_classes - 1} ({source}), but holds "
            f"{labels.max()}; for softmax outputs pass probabilities.argmax(axis=1)."
        )
    return labels


def _checked_classes(
    y_true: ArrayLike, y_pred: ArrayLike, num_classes: int, source: str
) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    truth = _class_indices(y_true, "y_true", num_classes, source)
    predicted = _class_indices(y_pred, "y_pred", num_classes, source)
    check_same_length(truth, predicted, ("y_true", "y_pred"))
    return truth, predicted


def confusion_matrix(y_true: ArrayLike, y_pred: ArrayLike, num_classes: int) -> NDArray[np.int64]:
    """Counts of (true class, predicted class): rows = truth, columns = prediction.

    ``sklearn.metrics.confusion_matrix`` over the classes ``0 .. num_classes - 1``, so a
    class that never occurs still has its row and column. The matrix, ``num_classes``
    squared counts, must fit the memory budget.
    """
    from sklearn.metrics import confusion_matrix as sklearn_confusion_matrix

    num_classes = check_positive_int(num_classes, "num_classes")
    check_budget(num_classes**2, "`num_classes` (a num_classes x num_classes matrix)")
    truth, predicted = _checked_classes(
        y_true, y_pred, num_classes, f"`num_classes` is {num_classes}"
    )
    with warnings.catch_warnings():  # with num_classes=1 it warns of a 1x1 matrix: wanted here
        warnings.filterwarnings("ignore", "A single label was found", UserWarning)
        matrix = sklearn_confusion_matrix(truth, predicted, labels=np.arange(num_classes))
    return matrix.astype(np.int64)


def sensitivity_and_ppv(matrix: ArrayLike) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Per-class sensitivity (diagonal / row sums) and PPV (diagonal / column sums).

    A class that never occurs (or is never predicted) gets NaN: it cannot be judged.
    ``matrix`` holds counts: a row-normalised matrix would give wrong PPVs.
    """
    counts = as_float_array(matrix, "matrix", ndim=2)
    if counts.shape[0] != counts.shape[1]:
        raise ValueError(
            f"`matrix` must be a square table of counts (truth x prediction), "
            f"but has shape {counts.shape}."
        )
    if np.any(counts < 0) or np.any(counts != np.round(counts)):
        raise ValueError(
            "`matrix` must hold counts (whole numbers >= 0), but holds negative or fractional "
            "values. Pass the raw confusion matrix, not a normalised one: the column sums of "
            "a row-normalised matrix are not counts, so its PPVs would be wrong."
        )
    diagonal = np.diag(counts)
    with np.errstate(invalid="ignore", divide="ignore"):
        return diagonal / counts.sum(axis=1), diagonal / counts.sum(axis=0)


@dataclass(frozen=True)
class MulticlassReport:
    """Per-class sensitivity, PPV and F1, with macro-F1, accuracy and the confusion matrix."""

    class_names: tuple[str, ...]
    matrix: np.ndarray
    sensitivity: np.ndarray
    ppv: np.ndarray
    f1: np.ndarray
    macro_f1: float
    accuracy: float

    def __str__(self) -> str:
        width = max(8, *(len(name) for name in self.class_names))
        lines = [f"{'class':>{width}} {'n':>6} {'Se':>6} {'PPV':>6} {'F1':>6}"]
        for index, name in enumerate(self.class_names):
            lines.append(
                f"{name:>{width}} {self.matrix[index].sum():>6d} {self.sensitivity[index]:>6.3f} "
                f"{self.ppv[index]:>6.3f} {self.f1[index]:>6.3f}"
            )
        lines.append(f"macro-F1 {self.macro_f1:.3f}, accuracy {self.accuracy:.3f}")
        return "\n".join(lines)


def multiclass_report(
    y_true: ArrayLike, y_pred: ArrayLike, class_names: Sequence[str]
) -> MulticlassReport:
    """Per-class sensitivity, PPV and F1, macro-F1 and accuracy of predicted class indices.

    The per-class figures come from ``sklearn.metrics.precision_recall_fscore_support``.
    Classes absent from ``y_true`` are left out of the macro average (their sensitivity
    and F1 are NaN). A present class that is never predicted has an undefined PPV (NaN)
    and an F1 of 0, as has a present class that is never predicted correctly.
    ``class_names`` is a list or tuple of strings, one name per class index.
    """
    from sklearn.metrics import precision_recall_fscore_support

    class_names = check_strings(class_names, "class_names")
    source = f"`class_names` names {len(class_names)} classes: {', '.join(class_names)}"
    truth, predicted = _checked_classes(y_true, y_pred, len(class_names), source)
    matrix = confusion_matrix(truth, predicted, len(class_names))
    present = matrix.sum(axis=1) > 0
    # zero_division=NaN: an undefined ratio (class never occurring / never predicted) is
    # NaN, not a warning; F1 = 2TP / (2TP + FP + FN) is then 0 for a present class.
    ppv, sensitivity, f1, _ = precision_recall_fscore_support(
        truth, predicted, labels=np.arange(len(class_names)), zero_division=np.nan
    )
    f1 = np.where(present, f1, np.nan)
    return MulticlassReport(
        class_names,
        matrix,
        sensitivity,
        ppv,
        f1,
        float(np.mean(f1[present])),
        float(np.trace(matrix) / matrix.sum()),
    )

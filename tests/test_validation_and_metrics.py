"""Input validation and clinical metrics: correct values and clear errors on bad input."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.metrics import roc_auc_score

from helpers.course.validation import (
    as_binary_labels,
    as_float_array,
    check_fraction,
    check_positive_int,
)
from helpers.evaluation.binary import binary_report, confusion_counts, positive_predictive_value


def test_as_float_array_accepts_lists_and_tensors() -> None:
    import tensorflow as tf

    assert as_float_array([1, 2], "x").dtype == np.float64
    np.testing.assert_array_equal(as_float_array(tf.constant([1.0, 2.0]), "x"), [1.0, 2.0])


@pytest.mark.parametrize(
    ("value", "kwargs", "error", "message"),
    [
        (np.array([1.0, np.nan]), {}, ValueError, "`x` contains 1 NaN"),
        (np.array([]), {}, ValueError, "`x` is empty"),
        (np.zeros((2, 2)), {"ndim": 1}, ValueError, "must have 1 dimension"),
        (["a", "b"], {}, TypeError, "must hold numbers"),
        (None, {}, TypeError, "`x` is None"),
        (np.array([1 + 2j]), {}, TypeError, "complex"),
    ],
)
def test_as_float_array_rejects_bad_input(value, kwargs, error, message) -> None:
    with pytest.raises(error, match=message):
        as_float_array(value, "x", **kwargs)


def test_binary_labels() -> None:
    np.testing.assert_array_equal(as_binary_labels([[0], [1]]), [0, 1])
    with pytest.raises(ValueError, match="only 0 and 1, but contains 0, 1, 2"):
        as_binary_labels([0, 1, 2])
    with pytest.raises(ValueError, match="vector of 0/1 labels"):
        as_binary_labels(np.zeros((3, 2)))


def test_scalar_checks() -> None:
    assert check_fraction(0.2, "f") == 0.2
    with pytest.raises(ValueError, match="strictly between 0 and 1"):
        check_fraction(1.0, "f")
    with pytest.raises(TypeError):
        check_fraction("0.2", "f")
    assert check_positive_int(3, "n") == 3
    with pytest.raises(ValueError, match="integer >= 1"):
        check_positive_int(0, "n")
    with pytest.raises(TypeError):
        check_positive_int(True, "n")


def test_binary_report_matches_hand_counts_and_sklearn() -> None:
    y_true = np.array([1, 1, 1, 0, 0, 0, 0, 1])
    scores = np.array([0.9, 0.8, 0.3, 0.2, 0.6, 0.1, 0.4, 0.7])
    report = binary_report(y_true, scores, threshold=0.5)
    assert (report.tp, report.fn, report.tn, report.fp) == (3, 1, 3, 1)
    assert report.sensitivity == pytest.approx(0.75)
    assert report.specificity == pytest.approx(0.75)
    assert report.ppv == pytest.approx(0.75)
    assert report.accuracy == pytest.approx(0.75)
    assert report.auc == pytest.approx(roc_auc_score(y_true, scores))
    assert "sensitivity 0.750" in str(report)
    assert report.as_dict()["tp"] == 3


def test_binary_report_bad_input() -> None:
    with pytest.raises(ValueError, match="only one class"):
        binary_report([1, 1, 1], [0.2, 0.5, 0.9])
    with pytest.raises(ValueError, match="has 3 rows but `y_score` has 2"):
        binary_report([0, 1, 1], [0.2, 0.5])
    with pytest.raises(ValueError, match="one score per sample"):
        binary_report([0, 1], np.zeros((2, 2)))
    with pytest.raises(ValueError, match="NaN"):
        binary_report([0, 1], [np.nan, 0.4])


def test_confusion_counts_and_ppv() -> None:
    assert confusion_counts([1, 0, 1, 0], [1, 1, 0, 0]) == {"tp": 1, "fp": 1, "tn": 1, "fn": 1}
    generator = np.random.default_rng(5)
    truth, predicted = generator.integers(0, 2, 200), generator.integers(0, 2, 200)
    pairs = list(zip(truth.tolist(), predicted.tolist(), strict=True))
    by_hand = {
        "tp": pairs.count((1, 1)),
        "fp": pairs.count((0, 1)),
        "tn": pairs.count((0, 0)),
        "fn": pairs.count((1, 0)),
    }
    counts = confusion_counts(truth, predicted)
    assert counts == by_hand and all(type(value) is int for value in counts.values())
    assert confusion_counts([1, 1], [1, 1]) == {"tp": 2, "fp": 0, "tn": 0, "fn": 0}  # one class
    with pytest.raises(ValueError, match="`y_pred` must contain only 0 and 1"):
        confusion_counts([0, 1], [0.2, 0.8])
    with pytest.raises(ValueError, match="`y_true` has 3 rows but `y_pred` has 2"):
        confusion_counts([0, 1, 1], [0, 1])
    assert positive_predictive_value(0.95, 0.90, 0.01) == pytest.approx(0.0876, abs=1e-4)
    assert positive_predictive_value(1.0, 1.0, 0.5) == 1.0
    with pytest.raises(ValueError, match=r"`prevalence` must be in \[0, 1\]"):
        positive_predictive_value(0.9, 0.9, 1.5)

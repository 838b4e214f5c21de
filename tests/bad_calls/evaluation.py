"""Bad and unusual calls of ``helpers.evaluation``: binary and multi-class metrics, alarms."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd

from bad_calls.table import Arguments, BadCall, GoodCall

BINARY = "helpers.evaluation.binary."
MULTI = "helpers.evaluation.multiclass."
ALARMS = "helpers.evaluation.alarms."

Y = np.array([0, 1, 0, 1, 1, 0, 1, 0])
P = np.array([0.1, 0.8, 0.3, 0.6, 0.9, 0.2, 0.7, 0.4])
TRUTH = np.array([0, 0, 0, 1, 1, 2, 2, 2])
PREDICTED = np.array([0, 0, 1, 1, 1, 2, 2, 0])
MATRIX = np.array([[2, 1, 0], [0, 2, 0], [1, 0, 2]])
NAMES = ("N", "V", "AF")


@cache
def _warning_case() -> tuple[object, np.ndarray, np.ndarray]:
    """Warning windows of three patients (events at hours 20 and 22), scores and events."""
    from helpers.data.windows import warning_windows

    event_hours = np.array([20, -1, 22])
    windows = warning_windows(np.zeros((3, 24, 1)), event_hours, window_hours=4, horizon_hours=6)
    scores = np.where(windows.patient_ids == 0, (windows.end_hours >= 15).astype(float), 0.0)
    return windows, scores, event_hours


def _lead_times(**changes: object) -> Arguments:
    """Arguments of a valid ``alarm_lead_times`` call with ``changes`` applied."""
    windows, scores, event_hours = _warning_case()
    arguments = {"scores": scores, "windows": windows, "event_hours": event_hours}
    arguments |= {"threshold": 0.5, "lookback_hours": 12} | changes
    return (), arguments


def _lead_times_build(**changes: object) -> Callable[[Path], Arguments]:
    """A ``build`` for the table: the valid call with ``changes`` applied."""
    return lambda folder: _lead_times(**changes)


def _tensor_case(folder: Path) -> tuple[Arguments, Arguments]:
    import tensorflow as tf

    tensors = (tf.constant(Y), tf.constant(P), 0.75)
    return (tensors, {}), ((Y, P, 0.75), {})


CALLS: list[BadCall | GoodCall] = [
    # --- labels_and_scores, confusion_counts -------------------------------------------
    BadCall(BINARY + "labels_and_scores", (None, P), raises=TypeError, mentions="y_true",
            why="labels left out (None)"),
    BadCall(BINARY + "labels_and_scores", (Y[:2], [[0.1], [0.2, 0.3]]), mentions="y_score",
            why="ragged scores"),
    BadCall(BINARY + "labels_and_scores", (Y, np.ones((8, 2)) / 2), mentions="y_score",
            why="two-column softmax output instead of one score"),
    BadCall(BINARY + "labels_and_scores", (Y[:2], ["high", "low"]), raises=TypeError,
            mentions="y_score", why="scores as text"),
    BadCall(BINARY + "confusion_counts", (Y, P), mentions="y_pred",
            why="probabilities passed as 0/1 predictions"),
    BadCall(BINARY + "confusion_counts", (Y, Y[:5]), mentions="y_pred", why="lengths differ"),
    BadCall(BINARY + "confusion_counts", (Y + 1, Y), mentions="y_true",
            why="labels 1/2 instead of 0/1"),
    # --- binary_report -----------------------------------------------------------------
    BadCall(BINARY + "binary_report", (Y, P), {"threshold": np.nan}, mentions="threshold",
            why="NaN threshold read as 'nothing positive' (sensitivity 0, specificity 1)"),
    BadCall(BINARY + "binary_report", (Y, P), {"threshold": "0.5"}, raises=TypeError,
            mentions="threshold", why="threshold as text"),
    BadCall(BINARY + "binary_report", (Y, P), {"threshold": 50}, mentions="threshold",
            why="threshold as a percentage for probabilities"),
    BadCall(BINARY + "binary_report", (Y, P), {"threshold": True}, raises=TypeError,
            mentions="threshold", why="threshold True"),
    BadCall(BINARY + "binary_report", (np.ones(8), P), mentions="y_true",
            why="one class only: sensitivity or specificity undefined"),
    BadCall(BINARY + "binary_report", (Y, np.where(Y, np.nan, P)), mentions="y_score",
            why="NaN scores"),
    BadCall(BINARY + "binary_report", (Y, np.where(Y, np.inf, P)), mentions="y_score",
            why="infinite scores"),
    BadCall(BINARY + "binary_report", ([], []), mentions="y_true", why="empty evaluation set"),
    BadCall(BINARY + "binary_report", (np.eye(2)[Y], P), mentions="y_true",
            why="one-hot labels"),
    # --- positive_predictive_value ----------------------------------------------------
    BadCall(BINARY + "positive_predictive_value", (0.95, 0.9, np.nan), mentions="prevalence",
            why="NaN prevalence"),
    BadCall(BINARY + "positive_predictive_value", (95, 90, 0.01), mentions="sensitivity",
            why="percentages instead of proportions"),
    BadCall(BINARY + "positive_predictive_value", (0.95, "0.9", 0.01), raises=TypeError,
            mentions="specificity", why="specificity as text"),
    BadCall(BINARY + "positive_predictive_value", (0.95, 0.9, None), raises=TypeError,
            mentions="prevalence", why="prevalence None"),
    BadCall(BINARY + "positive_predictive_value", (np.array([0.9, 0.8]), 0.9, 0.01),
            raises=TypeError, mentions="sensitivity", why="an array where one number belongs"),
    # --- bootstrap_auc_ci ------------------------------------------------------------
    BadCall(BINARY + "bootstrap_auc_ci", (Y, P), {"num_resamples": 10**9},
            mentions="num_resamples", why="a billion resamples: minutes of work"),
    BadCall(BINARY + "bootstrap_auc_ci", (np.arange(300_000) % 2, np.linspace(0, 1, 300_000)),
            {"num_resamples": 100_000}, mentions="num_resamples",
            why="resamples x samples beyond the budget"),
    BadCall(BINARY + "bootstrap_auc_ci", (Y, P), {"num_resamples": 100.0}, raises=TypeError,
            mentions="num_resamples", why="float resample count"),
    BadCall(BINARY + "bootstrap_auc_ci", (Y, P), {"num_resamples": 0}, mentions="num_resamples",
            why="zero resamples"),
    BadCall(BINARY + "bootstrap_auc_ci", (Y, P), {"confidence": 95}, mentions="confidence",
            why="confidence as a percentage"),
    BadCall(BINARY + "bootstrap_auc_ci", (Y, P), {"confidence": np.nan}, mentions="confidence",
            why="NaN confidence"),
    BadCall(BINARY + "bootstrap_auc_ci", (Y, P), {"seed": -1}, mentions="seed",
            why="negative seed"),
    BadCall(BINARY + "bootstrap_auc_ci", (Y, P), {"seed": 1.5}, raises=TypeError,
            mentions="seed", why="fractional seed"),
    BadCall(BINARY + "bootstrap_auc_ci", (np.zeros(8), P), mentions="y_true",
            why="one class only: AUC undefined"),
    # --- threshold_for_sensitivity ---------------------------------------------------
    BadCall(BINARY + "threshold_for_sensitivity", (Y, P, 95), mentions="target_sensitivity",
            why="target as a percentage"),
    BadCall(BINARY + "threshold_for_sensitivity", (Y, P, np.nan),
            mentions="target_sensitivity", why="NaN target"),
    BadCall(BINARY + "threshold_for_sensitivity", (Y, P, 0.0), mentions="target_sensitivity",
            why="target 0"),
    BadCall(BINARY + "threshold_for_sensitivity", (Y, P, "high"), raises=TypeError,
            mentions="target_sensitivity", why="target as text"),
    BadCall(BINARY + "threshold_for_sensitivity", (np.zeros(8), P), mentions="y_true",
            why="no positive case"),
    # --- precision_recall ------------------------------------------------------------
    BadCall(BINARY + "precision_recall", (np.ones(8), P), mentions="y_true",
            why="all positive: AP 1.0 whatever the scores"),
    BadCall(BINARY + "precision_recall", (np.zeros(8), P), mentions="y_true",
            why="no positive case"),
    BadCall(BINARY + "precision_recall", (Y, np.where(Y, P, np.nan)), mentions="y_score",
            why="NaN scores"),
    # --- confusion_matrix ------------------------------------------------------------
    BadCall(MULTI + "confusion_matrix", (TRUTH, PREDICTED, 3 * 10**4), mentions="num_classes",
            why="30,000 classes: a 7 GiB matrix"),
    BadCall(MULTI + "confusion_matrix", (TRUTH, PREDICTED, 3.0), raises=TypeError,
            mentions="num_classes", why="float class count"),
    BadCall(MULTI + "confusion_matrix", (TRUTH, PREDICTED, 0), mentions="num_classes",
            why="zero classes"),
    BadCall(MULTI + "confusion_matrix", (TRUTH, PREDICTED, True), raises=TypeError,
            mentions="num_classes", why="class count True"),
    BadCall(MULTI + "confusion_matrix", (TRUTH + 1, PREDICTED, 3), mentions="y_true",
            why="labels 1..3 for three classes"),
    BadCall(MULTI + "confusion_matrix", (TRUTH, np.eye(3)[PREDICTED], 3), mentions="y_pred",
            why="softmax output instead of class indices"),
    BadCall(MULTI + "confusion_matrix", (TRUTH, PREDICTED / 4, 3), mentions="y_pred",
            why="fractional class indices"),
    BadCall(MULTI + "confusion_matrix", (TRUTH - 1, PREDICTED, 3), mentions="y_true",
            why="negative class index"),
    BadCall(MULTI + "confusion_matrix", (TRUTH, PREDICTED[:-1], 3), mentions="y_pred",
            why="lengths differ"),
    # --- sensitivity_and_ppv ---------------------------------------------------------
    BadCall(MULTI + "sensitivity_and_ppv", (MATRIX[:2],), mentions="matrix",
            why="not square"),
    BadCall(MULTI + "sensitivity_and_ppv", (MATRIX / MATRIX.sum(axis=1, keepdims=True),),
            mentions="matrix", why="row-normalised matrix: its PPVs would be wrong"),
    BadCall(MULTI + "sensitivity_and_ppv", (MATRIX - 1,), mentions="matrix",
            why="negative counts"),
    BadCall(MULTI + "sensitivity_and_ppv", (np.where(MATRIX == 0, np.nan, MATRIX),),
            mentions="matrix", why="NaN counts"),
    BadCall(MULTI + "sensitivity_and_ppv", (MATRIX.ravel(),), mentions="matrix",
            why="flattened matrix"),
    # --- multiclass_report -----------------------------------------------------------
    BadCall(MULTI + "multiclass_report", (TRUTH, PREDICTED, "normal"), raises=TypeError,
            mentions="class_names", why="one string read as six names n, o, r, m, a, l"),
    BadCall(MULTI + "multiclass_report", (TRUTH, PREDICTED, (0, 1, 2)), raises=TypeError,
            mentions="class_names", why="class indices instead of names"),
    BadCall(MULTI + "multiclass_report", (TRUTH, PREDICTED, ("N", "V")), mentions="class_names",
            why="fewer names than classes"),
    BadCall(MULTI + "multiclass_report", (TRUTH, PREDICTED, None), raises=TypeError,
            mentions="class_names", why="class_names None"),
    BadCall(MULTI + "multiclass_report", (TRUTH, np.eye(3)[PREDICTED], NAMES), mentions="y_pred",
            why="softmax output instead of class indices"),
    BadCall(MULTI + "multiclass_report", ([], [], NAMES), mentions="y_true",
            why="empty evaluation set"),
    # --- alarms ----------------------------------------------------------------------
    BadCall(ALARMS + "threshold_at_false_alarm_rate", (P, np.nan), mentions="false_alarm_rate",
            why="NaN rate"),
    BadCall(ALARMS + "threshold_at_false_alarm_rate", (P, 5), mentions="false_alarm_rate",
            why="rate as a percentage"),
    BadCall(ALARMS + "threshold_at_false_alarm_rate", (np.append(P, np.nan), 0.1),
            mentions="negative_scores", why="NaN score"),
    BadCall(ALARMS + "threshold_at_false_alarm_rate", ([], 0.1), mentions="negative_scores",
            why="no negative windows"),
    BadCall(ALARMS + "threshold_at_false_alarm_rate", (P.reshape(2, 4), 0.1),
            mentions="negative_scores", why="2-D scores"),
    BadCall(ALARMS + "alarm_lead_times", build=_lead_times_build(threshold=np.nan),
            mentions="threshold", why="NaN threshold read as 'no alarm'"),
    BadCall(ALARMS + "alarm_lead_times", build=_lead_times_build(threshold="0.5"),
            raises=TypeError, mentions="threshold", why="threshold as text"),
    BadCall(ALARMS + "alarm_lead_times", build=_lead_times_build(windows={"labels": Y}),
            raises=TypeError, mentions="windows", why="a dict instead of WarningWindows"),
    BadCall(ALARMS + "alarm_lead_times", build=_lead_times_build(scores=P), mentions="scores",
            why="one score per patient, not per window"),
    BadCall(ALARMS + "alarm_lead_times", build=_lead_times_build(event_hours=[20, -1]),
            mentions="event_hours", why="events of fewer patients than the windows hold"),
    BadCall(ALARMS + "alarm_lead_times",
            build=_lead_times_build(event_hours=np.array([20, -1, 22]) * 60),
            mentions="event_hours", why="events in minutes: every lead time would be NaN"),
    BadCall(ALARMS + "alarm_lead_times", build=_lead_times_build(lookback_hours=0),
            mentions="lookback_hours", why="zero lookback"),
    BadCall(ALARMS + "alarm_lead_times", build=_lead_times_build(lookback_hours=np.nan),
            mentions="lookback_hours", why="NaN lookback"),
    BadCall(ALARMS + "alarm_lead_times",
            build=_lead_times_build(event_hours=np.array([20.0, np.nan, 22.0])),
            mentions="event_hours", why="NaN for 'no event' (the convention is -1)"),
    # --- valid alternative inputs ------------------------------------------------------
    GoodCall(BINARY + "binary_report", (pd.Series(Y), pd.Series(P)), {"threshold": np.float32(0.5)},
             reference=((Y, P), {"threshold": 0.5}), why="pandas Series and a NumPy float"),
    GoodCall(BINARY + "bootstrap_auc_ci", (Y.tolist(), P.tolist()),
             {"num_resamples": np.int64(50), "seed": np.int64(3)},
             reference=((Y, P), {"num_resamples": 50, "seed": 3}),
             why="lists and NumPy integers"),
    GoodCall(BINARY + "threshold_for_sensitivity", build=_tensor_case, why="TensorFlow tensors"),
    GoodCall(MULTI + "confusion_matrix", (pd.Series(TRUTH), PREDICTED.tolist(), np.int64(3)),
             reference=((TRUTH, PREDICTED, 3), {}), why="a Series, a list, a NumPy integer"),
    GoodCall(MULTI + "multiclass_report", (TRUTH, PREDICTED, list(NAMES)),
             reference=((TRUTH, PREDICTED, NAMES), {}), why="class names as a list"),
    GoodCall(MULTI + "multiclass_report", (TRUTH, PREDICTED, np.array(NAMES)),
             reference=((TRUTH, PREDICTED, NAMES), {}), why="class names as a NumPy array"),
    GoodCall(ALARMS + "alarm_lead_times",
             build=lambda folder: (_lead_times(scores=_warning_case()[1].tolist(),
                                               threshold=np.float32(0.5)), _lead_times()),
             why="scores as a list, threshold as a NumPy float"),
]

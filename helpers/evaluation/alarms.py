"""Judging an early-warning model: alarm thresholds at a false-alarm rate, and lead times."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from helpers.course.validation import as_float_array, check_fraction
from helpers.data.containers import WarningWindows


def threshold_at_false_alarm_rate(negative_scores: ArrayLike, false_alarm_rate: float) -> float:
    """Score above which only ``false_alarm_rate`` of the negative (safe) windows lie."""
    scores = as_float_array(negative_scores, "negative_scores", ndim=1)
    false_alarm_rate = check_fraction(false_alarm_rate, "false_alarm_rate")
    return float(np.quantile(scores, 1.0 - false_alarm_rate))


def alarm_lead_times(
    scores: ArrayLike,
    windows: WarningWindows,
    event_hours: ArrayLike,
    threshold: float,
    lookback_hours: int = 12,
) -> NDArray[np.float64]:
    """Hours from the first alarm to the event, for each patient with an event.

    Only alarms in the ``lookback_hours`` before the event count (an alarm a day
    earlier is not a warning of this event). NaN marks an event without an alarm.
    """
    values = as_float_array(scores, "scores", ndim=1)
    events = np.asarray(event_hours)
    if values.size != windows.labels.size:
        raise ValueError(f"{values.size} scores for {windows.labels.size} windows.")
    patient_ids = windows.patient_ids
    if patient_ids is None:
        raise ValueError("`windows` has no patient_ids; build them with warning_windows.")
    lead_times = []
    for patient in np.unique(patient_ids):
        event = events[patient]
        if event < 0:
            continue
        mine = (patient_ids == patient) & (windows.end_hours >= event - lookback_hours)
        alarms = windows.end_hours[mine & (values >= threshold)]
        lead_times.append(float(event - alarms.min()) if alarms.size else np.nan)
    return np.asarray(lead_times)

"""Judging an early-warning model: alarm thresholds at a false-alarm rate, and lead times."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from helpers.course.validation import as_float_array, check_fraction, check_number, describe
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
    lookback_hours: float = 12,
) -> NDArray[np.float64]:
    """Hours from the first alarm to the event, for each patient with an event.

    Only alarms in the ``lookback_hours`` before the event count (an alarm a day
    earlier is not a warning of this event). NaN marks an event without an alarm.
    ``event_hours`` is indexed by patient id (-1: no event), in the hours of
    ``windows.end_hours``; a set of events none of whose patients has a window in the
    lookback period is refused, as the sign of events given in other units.
    """
    if not isinstance(windows, WarningWindows):
        raise TypeError(
            f"`windows` must be WarningWindows (from helpers.data.windows.warning_windows), "
            f"but got {describe(windows)}."
        )
    values = as_float_array(scores, "scores", ndim=1)
    events = as_float_array(event_hours, "event_hours", ndim=1)
    threshold = check_number(threshold, "threshold")
    lookback_hours = check_number(lookback_hours, "lookback_hours", low=0.0, low_open=True)
    if values.size != windows.labels.size:
        raise ValueError(
            f"`scores` has {values.size} scores for {windows.labels.size} windows in "
            "`windows`; pass one score per window (model.predict(windows.inputs)[:, 0])."
        )
    patient_ids = windows.patient_ids
    if patient_ids is None or not np.issubdtype(np.asarray(patient_ids).dtype, np.integer):
        raise ValueError(
            "`windows` needs integer patient_ids that index `event_hours`; build them with "
            "warning_windows."
        )
    if patient_ids.min() < 0 or patient_ids.max() >= events.size:
        raise ValueError(
            f"`event_hours` has {events.size} entries, but `windows` holds patient ids up to "
            f"{patient_ids.max()}; pass the event hours of all patients (stays.event_hours)."
        )
    lead_times = []
    any_window_in_lookback = False
    for patient in np.unique(patient_ids):
        event = events[patient]
        if event < 0:
            continue
        mine = (patient_ids == patient) & (windows.end_hours >= event - lookback_hours)
        any_window_in_lookback |= bool((mine & (windows.end_hours < event)).any())
        alarms = windows.end_hours[mine & (values >= threshold)]
        lead_times.append(float(event - alarms.min()) if alarms.size else np.nan)
    if lead_times and not any_window_in_lookback:
        raise ValueError(
            f"No window ends in the `lookback_hours` ({lookback_hours:g} h) before any event, "
            "so every lead time would read as a missed event. Check that `event_hours` are "
            "hours (like windows.end_hours), not minutes or seconds."
        )
    return np.asarray(lead_times)

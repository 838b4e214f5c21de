"""Early warning on vital-sign series: sliding windows, alarm thresholds, lead times.

A warning model reads the last ``window_hours`` of vitals every hour and should
raise its alarm when an event follows within ``horizon_hours``. Two questions judge
it clinically: how well it ranks dangerous hours above safe ones (AUC), and, at an
alarm threshold that keeps false alarms at an agreed rate, how many hours before the
event the first alarm comes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from helpers.validation import as_float_array, check_fraction, check_positive_int


@dataclass(frozen=True)
class WarningWindows:
    """Windows ``(n, window_hours, vitals)`` with label, patient and last hour of each."""

    inputs: np.ndarray
    labels: np.ndarray  # 1: an event follows within the horizon
    patient_ids: np.ndarray
    end_hours: np.ndarray

    def subset(self, indices: np.ndarray) -> WarningWindows:
        """The windows at ``indices`` (an index array or boolean mask)."""
        return WarningWindows(
            self.inputs[indices],
            self.labels[indices],
            self.patient_ids[indices],
            self.end_hours[indices],
        )


def warning_windows(
    vitals: object, event_hours: object, window_hours: int = 12, horizon_hours: int = 6
) -> WarningWindows:
    """Every window of ``window_hours`` that ends before its patient's event (if any).

    The window ending at hour t is labelled 1 when the event happens within
    ``horizon_hours`` after t (``event - horizon <= t < event``).
    """
    values = as_float_array(vitals, "vitals", ndim=3)
    events = np.asarray(as_float_array(event_hours, "event_hours", ndim=1), dtype=np.int64)
    window_hours = check_positive_int(window_hours, "window_hours")
    horizon_hours = check_positive_int(horizon_hours, "horizon_hours")
    num_patients, hours, _ = values.shape
    if events.size != num_patients:
        raise ValueError(f"`event_hours` has {events.size} entries for {num_patients} patients.")
    if window_hours > hours:
        raise ValueError(f"`window_hours` ({window_hours}) exceeds the stay length ({hours} h).")
    inputs, labels, patients, ends = [], [], [], []
    for patient in range(num_patients):
        last = events[patient] if events[patient] >= 0 else hours
        for end in range(window_hours - 1, last):
            inputs.append(values[patient, end - window_hours + 1 : end + 1])
            labels.append(int(events[patient] >= 0 and end >= events[patient] - horizon_hours))
            patients.append(patient)
            ends.append(end)
    return WarningWindows(
        np.asarray(inputs, dtype=np.float32),
        np.asarray(labels),
        np.asarray(patients),
        np.asarray(ends),
    )


def threshold_at_false_alarm_rate(negative_scores: object, false_alarm_rate: float) -> float:
    """Score above which only ``false_alarm_rate`` of the negative (safe) windows lie."""
    scores = as_float_array(negative_scores, "negative_scores", ndim=1)
    false_alarm_rate = check_fraction(false_alarm_rate, "false_alarm_rate")
    return float(np.quantile(scores, 1.0 - false_alarm_rate))


def alarm_lead_times(
    scores: object,
    windows: WarningWindows,
    event_hours: object,
    threshold: float,
    lookback_hours: int = 12,
) -> np.ndarray:
    """Hours from the first alarm to the event, for each patient with an event.

    Only alarms in the ``lookback_hours`` before the event count (an alarm a day
    earlier is not a warning of this event). NaN marks an event without an alarm.
    """
    values = as_float_array(scores, "scores", ndim=1)
    events = np.asarray(event_hours)
    if values.size != windows.labels.size:
        raise ValueError(f"{values.size} scores for {windows.labels.size} windows.")
    lead_times = []
    for patient in np.unique(windows.patient_ids):
        event = events[patient]
        if event < 0:
            continue
        mine = (windows.patient_ids == patient) & (windows.end_hours >= event - lookback_hours)
        alarms = windows.end_hours[mine & (values >= threshold)]
        lead_times.append(float(event - alarms.min()) if alarms.size else np.nan)
    return np.asarray(lead_times)

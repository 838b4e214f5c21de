"""Judging an early-warning model: alarm thresholds, alarm burden, lead times, and chance.

An alarm counts as a warning of an event only inside the model's horizon (the hours
before the event in which its windows are labelled positive): with a longer look-back,
alarms that chance alone raises would pass for warnings. ``chance_detected_shares``
measures what a random scorer with the same number of alarms would achieve.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from helpers.course.validation import (
    as_float_array,
    check_budget,
    check_fraction,
    check_number,
    check_positive_int,
    check_seed,
    describe,
)
from helpers.data.containers import WarningWindows

#: Hours in a patient-day: each warning window is one monitored hour.
HOURS_PER_DAY = 24


def threshold_at_false_alarm_rate(negative_scores: ArrayLike, false_alarm_rate: float) -> float:
    """Score above which only ``false_alarm_rate`` of the negative (safe) windows lie."""
    scores = as_float_array(negative_scores, "negative_scores", ndim=1)
    false_alarm_rate = check_fraction(false_alarm_rate, "false_alarm_rate")
    return float(np.quantile(scores, 1.0 - false_alarm_rate))


def alarms_per_patient_day(scores: ArrayLike, threshold: float) -> float:
    """Alarm burden: alarms (scores at or above ``threshold``) per 24 monitored hours.

    Each score is one hourly window, so the burden is 24 times the share of windows
    that alarm, true alarms and false alarms alike: what the ward has to answer.
    """
    values = as_float_array(scores, "scores", ndim=1)
    threshold = check_number(threshold, "threshold")
    return float(HOURS_PER_DAY * np.mean(values >= threshold))


def threshold_for_alarm_burden(scores: ArrayLike, max_alarms_per_patient_day: float) -> float:
    """The lowest threshold, among the scores, whose alarm burden stays within the limit.

    Alarms fire at scores >= the threshold; the burden is ``alarms_per_patient_day``
    of hourly ``scores``. Tied scores alarm together, so a threshold inside a tie that
    would break the limit is skipped. ``np.inf`` (never alarm) when not even the
    highest score fits.
    """
    values = as_float_array(scores, "scores", ndim=1)
    limit = check_number(max_alarms_per_patient_day, "max_alarms_per_patient_day", low=0.0)
    allowed = limit * values.size / HOURS_PER_DAY  # alarms the limit allows in these hours
    candidates = np.unique(values)[::-1]  # distinct scores, highest first
    alarms = np.searchsorted(np.sort(-values), -candidates, side="right")  # count >= each
    fitting = candidates[alarms <= allowed + 1e-9]
    return float(fitting[-1]) if fitting.size else float(np.inf)


def _event_windows(
    windows: WarningWindows, events: NDArray[np.float64], lookback_hours: float
) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
    """Event hours of the patients with an event, and which windows are in their look-back."""
    patient_ids = np.asarray(windows.patient_ids)  # checked: integer ids (_checked_alarm_call)
    patients = [p for p in np.unique(patient_ids) if events[p] >= 0]
    event_of = np.array([events[p] for p in patients], dtype=np.float64)
    inside = np.zeros((len(patients), patient_ids.size), dtype=np.bool_)
    for row, patient in enumerate(patients):
        event = events[patient]
        inside[row] = (
            (patient_ids == patient)
            & (windows.end_hours >= event - lookback_hours)
            & (windows.end_hours < event)
        )
    if patients and not inside.any():
        raise ValueError(
            f"No window ends in the `lookback_hours` ({lookback_hours:g} h) before any event, "
            "so every lead time would read as a missed event. Check that `event_hours` are "
            "hours (like windows.end_hours), not minutes or seconds."
        )
    return event_of, inside


def _checked_alarm_call(
    scores: ArrayLike,
    windows: WarningWindows,
    event_hours: ArrayLike,
    threshold: float,
    lookback_hours: float,
) -> tuple[NDArray[np.float64], NDArray[np.float64], float, float]:
    """Validated scores, event hours, threshold and look-back of an alarm function."""
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
    return values, events, threshold, lookback_hours


def alarm_lead_times(
    scores: ArrayLike,
    windows: WarningWindows,
    event_hours: ArrayLike,
    threshold: float,
    lookback_hours: float = 6,
) -> NDArray[np.float64]:
    """Hours from the first alarm to the event, for each patient with an event.

    Only alarms in the ``lookback_hours`` before the event count. Pass the model's
    horizon (``horizon_hours`` of ``warning_windows``, 6 by default): an alarm before
    it is not a warning of this event, and a longer look-back credits the model with
    alarms that chance alone would raise there. NaN marks an event without an alarm.
    ``event_hours`` is indexed by patient id (-1: no event), in the hours of
    ``windows.end_hours``; a set of events none of whose patients has a window in the
    look-back period is refused, as the sign of events given in other units.
    """
    values, events, threshold, lookback_hours = _checked_alarm_call(
        scores, windows, event_hours, threshold, lookback_hours
    )
    event_of, inside = _event_windows(windows, events, lookback_hours)
    lead_times = []
    for event, mine in zip(event_of, inside):
        alarms = windows.end_hours[mine & (values >= threshold)]
        lead_times.append(float(event - alarms.min()) if alarms.size else np.nan)
    return np.asarray(lead_times, dtype=float)


def chance_detected_shares(
    scores: ArrayLike,
    windows: WarningWindows,
    event_hours: ArrayLike,
    threshold: float,
    lookback_hours: float = 6,
    num_draws: int = 1000,
    seed: int = 0,
) -> NDArray[np.float64]:
    """Share of events a random scorer with the same alarms would warn of, per draw.

    Each draw moves the model's alarms (scores >= ``threshold``) to windows chosen at
    random, keeping their number, so the alarm rate and burden are the model's, and
    counts the events with at least one alarm in their ``lookback_hours``, as
    ``alarm_lead_times`` does. Compare the model's share of events warned of with these.
    """
    values, events, threshold, lookback_hours = _checked_alarm_call(
        scores, windows, event_hours, threshold, lookback_hours
    )
    num_draws = check_positive_int(num_draws, "num_draws")
    seed = check_seed(seed)
    check_budget(num_draws * values.size, "`num_draws`", bytes_per_value=4)
    _, inside = _event_windows(windows, events, lookback_hours)
    if not inside.shape[0]:
        raise ValueError("`windows` holds no patient with an event: there is nothing to warn of.")
    alarms = np.broadcast_to(values >= threshold, (num_draws, values.size))
    shuffled = np.random.default_rng(seed).permuted(alarms.astype(np.float32), axis=1)
    warned = shuffled @ inside.T.astype(np.float32) > 0  # (draws, events)
    return warned.mean(axis=1)

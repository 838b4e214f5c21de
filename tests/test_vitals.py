"""Synthetic ICU stays and the early-warning helpers: windows, thresholds, lead times."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.data.windows import warning_windows
from helpers.evaluation.alarms import (
    alarm_lead_times,
    alarms_per_patient_day,
    chance_detected_shares,
    threshold_at_false_alarm_rate,
    threshold_for_alarm_burden,
)
from helpers.synthetic.vitals import VITAL_NAMES, make_icu_stays


def test_icu_stays_deteriorate_before_events() -> None:
    stays = make_icu_stays(num_patients=200, hours=48, seed=1)
    again = make_icu_stays(num_patients=200, hours=48, seed=1)
    np.testing.assert_array_equal(stays.inputs, again.inputs)
    assert stays.inputs.shape == (200, 48, len(VITAL_NAMES)) and np.isfinite(stays.inputs).all()
    assert 0.25 < (stays.labels == 1).mean() < 0.55 and "ICU stays" in stays.describe()
    assert stays.inputs[..., 2].max() <= 100.0  # SpO2 is a percentage
    events = np.flatnonzero(stays.labels == 1)
    assert np.all((stays.event_hours[events] >= 24) & (stays.event_hours[events] < 48))
    last_hour = stays.inputs[events, stays.event_hours[events] - 1]
    first_hours = stays.inputs[events, :6].mean(axis=1)
    change = np.median(last_hour - first_hours, axis=0)
    assert change[0] > 10 and change[1] < -10 and change[2] < -2 and change[3] > 4
    with pytest.raises(ValueError, match="min_event_hour"):
        make_icu_stays(hours=20, min_event_hour=24)
    with pytest.raises(ValueError, match="strictly between"):
        make_icu_stays(event_fraction=1.0)


def test_warning_windows_are_labelled_by_the_horizon() -> None:
    vitals = np.arange(2 * 10 * 1, dtype=float).reshape(2, 10, 1)
    windows = warning_windows(vitals, np.array([-1, 8]), window_hours=3, horizon_hours=2)
    stable = windows.patient_ids == 0
    assert windows.end_hours[stable].tolist() == list(range(2, 10))
    assert windows.labels[stable].sum() == 0
    event = ~stable
    assert windows.end_hours[event].tolist() == [2, 3, 4, 5, 6, 7]  # windows end before hour 8
    assert windows.labels[event].tolist() == [0, 0, 0, 0, 1, 1]
    np.testing.assert_array_equal(windows.inputs[0, :, 0], [0, 1, 2])
    part = windows.subset(event)
    assert part.inputs.shape == (6, 3, 1) and set(part.patient_ids) == {1}
    with pytest.raises(ValueError, match="2 patients"):
        warning_windows(vitals, np.array([-1]))
    with pytest.raises(ValueError, match="exceeds the stay length"):
        warning_windows(vitals, np.array([-1, 8]), window_hours=11)
    with pytest.raises(ValueError, match="NaN"):
        warning_windows(np.full((1, 10, 1), np.nan), np.array([-1]))


def test_threshold_and_lead_times() -> None:
    negatives = np.linspace(0.0, 1.0, 101)
    assert threshold_at_false_alarm_rate(negatives, 0.1) == pytest.approx(0.9)
    with pytest.raises(ValueError, match="strictly between"):
        threshold_at_false_alarm_rate(negatives, 0.0)
    vitals = np.zeros((3, 24, 1))
    event_hours = np.array([20, -1, 22])
    windows = warning_windows(vitals, event_hours, window_hours=4, horizon_hours=6)
    scores = np.where(windows.patient_ids == 0, (windows.end_hours >= 15).astype(float), 0.0)
    scores[(windows.patient_ids == 0) & (windows.end_hours == 3)] = 1.0  # too early to count
    lead_times = alarm_lead_times(scores, windows, event_hours, threshold=0.5, lookback_hours=12)
    assert lead_times.shape == (2,) and lead_times[0] == 5.0 and np.isnan(lead_times[1])
    # by default only the horizon (6 h) counts: an alarm 10 h before the event does not
    early = np.where(windows.patient_ids == 0, (windows.end_hours == 10).astype(float), 0.0)
    assert np.isnan(alarm_lead_times(early, windows, event_hours, threshold=0.5)).all()
    assert alarm_lead_times(early, windows, event_hours, 0.5, lookback_hours=12)[0] == 10.0
    with pytest.raises(ValueError, match="scores for"):
        alarm_lead_times(scores[:-1], windows, event_hours, threshold=0.5)


def test_alarm_burden_and_the_threshold_that_keeps_it() -> None:
    scores = np.linspace(0.0, 1.0, 48)  # two patient-days of hourly scores
    assert alarms_per_patient_day(scores, 0.5) == pytest.approx(12.0)
    threshold = threshold_for_alarm_burden(scores, 3.0)  # 6 alarms allowed in 48 hours
    assert threshold == pytest.approx(scores[-6])
    assert alarms_per_patient_day(scores, threshold) == 3.0
    tied = np.array([0.1, 0.2, 0.9, 0.9, 0.9, 0.95] * 4)  # 24 hours, ties of four and twelve
    assert threshold_for_alarm_burden(tied, 10.0) == 0.95  # 0.9 would alarm 16 times
    assert threshold_for_alarm_burden(tied, 3.0) == np.inf  # not even the top tie fits
    assert threshold_for_alarm_burden(tied, 24.0) == 0.1
    with pytest.raises(ValueError, match="max_alarms_per_patient_day"):
        threshold_for_alarm_burden(scores, -1.0)


def test_chance_warns_as_the_hypergeometric_law_says() -> None:
    from scipy.stats import hypergeom

    stays = make_icu_stays(num_patients=40, seed=2)
    windows = warning_windows(stays.inputs, stays.event_hours, window_hours=12, horizon_hours=6)
    scores = np.random.default_rng(0).random(windows.labels.size)
    shares = chance_detected_shares(scores, windows, stays.event_hours, 0.9, num_draws=4000)
    alarms = int(np.sum(scores >= 0.9))
    events = [p for p in np.unique(windows.patient_ids) if stays.event_hours[p] >= 0]
    in_horizon = [int(np.sum((windows.patient_ids == p) & (windows.labels == 1))) for p in events]
    # P(no alarm among the k windows of an event's horizon) when the alarms fall at random
    expected = np.mean([1.0 - hypergeom(windows.labels.size, alarms, k).pmf(0) for k in in_horizon])
    assert shares.shape == (4000,)
    assert shares.mean() == pytest.approx(expected, abs=0.01)
    longer = chance_detected_shares(scores, windows, stays.event_hours, 0.9, lookback_hours=12)
    assert longer.mean() > shares.mean() + 0.1  # a longer look-back flatters any scorer

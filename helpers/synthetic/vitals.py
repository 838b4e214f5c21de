"""Synthetic vital signs whose truth is known: a memory task (notebook 07), ICU stays (08).

**Memory task.** Each patient is a series of minute-by-minute heart rate and systolic
blood pressure readings: a personal baseline, slow physiological drift (an AR(1)
process) and measurement noise. Half of the patients (by default) have a brief
**hypotension episode** early on: blood pressure falls by about 35 mmHg and the heart
rate rises in compensation for a few minutes. The label, read at the end of the series,
is whether such an episode happened. Everything after the episode is noise, so a model
that classifies from its final state has to carry one early event across the whole
series: a test of memory, with a known truth.

**ICU stays.** Each patient has their own baseline heart rate, systolic blood pressure,
SpO2 and respiratory rate, with autocorrelated hour-to-hour noise. Stable patients also
have harmless transient disturbances (pain, agitation: a few hours of faster heart and
breathing) so that one high value is not yet a warning. Patients with an *event*
(cardiac arrest, ICU transfer, ...) deteriorate over the 6-12 hours before it: heart and
respiratory rate climb, blood pressure and SpO2 fall, each patient in their own mix, the
pattern that early-warning scores such as NEWS2 look for.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np
from numpy.typing import NDArray

from helpers.course.validation import (
    check_budget,
    check_fraction,
    check_integer,
    check_positive_int,
    check_seed,
)
from helpers.data.containers import Dataset

VITAL_NAMES = ("heart_rate", "systolic_bp", "spo2", "respiratory_rate")
VITAL_UNITS = ("beats/min", "mmHg", "%", "breaths/min")

# ICU stays, hourly: population baseline, its spread between patients, hourly noise.
_BASELINE_MEAN = np.array([80.0, 120.0, 97.0, 16.0])
_BASELINE_SD = np.array([10.0, 12.0, 1.2, 2.5])
_HOURLY_SD = np.array([4.0, 6.0, 0.8, 1.5])
# Full deterioration: HR +30, SBP -30, SpO2 -6, RR +10 (scaled per patient).
_DETERIORATION = np.array([30.0, -30.0, -6.0, 10.0])
_TRANSIENT = np.array([15.0, 5.0, -1.0, 4.0])

# Memory task, per minute, heart rate and systolic pressure only.
_MINUTE_BASELINE_MEAN = np.array([78.0, 122.0])  # population mean of each patient's baseline
_MINUTE_BASELINE_SD = np.array([8.0, 10.0])  # spread of baselines between patients
_DRIFT_SD = np.array([5.0, 6.0])  # stationary SD of the slow AR(1) drift
_DRIFT_MEMORY = 0.9  # AR(1) coefficient: how much of last minute's drift remains
_MEASUREMENT_SD = np.array([2.0, 3.0])  # monitor noise on every reading
_EPISODE_SHIFT = np.array([20.0, -35.0])  # heart rate up, systolic pressure down

#: Longest series, in steps (minutes or hours), the generators simulate step by step.
MAX_STEPS = 100_000
#: Earliest hour an ICU event may happen: the first 12 hours show each patient's baseline.
MIN_EVENT_HOUR = 12


@dataclass(frozen=True, kw_only=True)
class VitalSequences(Dataset):
    """Minute-by-minute series ``(patients, steps, 2)`` in physical units.

    ``labels`` is 1 for patients with an episode and ``episode_start`` its first step
    (-1 for patients without one); ``feature_names`` name the two vital signs.
    """

    sample_fields: ClassVar[tuple[str, ...]] = (*Dataset.sample_fields, "episode_start")

    episode_start: NDArray[np.integer]
    feature_names: tuple[str, ...] = (
        "heart rate (beats/min)",
        "systolic blood pressure (mmHg)",
    )
    unit: str = "patients"


@dataclass(frozen=True, kw_only=True)
class IcuStays(Dataset):
    """Hourly vitals ``(patients, hours, 4)``; label 1 and ``event_hours`` for an event.

    ``event_hours`` is the hour of each patient's event (-1: none); the columns of
    ``inputs`` are ``VITAL_NAMES`` in ``VITAL_UNITS``.
    """

    sample_fields: ClassVar[tuple[str, ...]] = (*Dataset.sample_fields, "event_hours")

    event_hours: NDArray[np.integer]
    unit: str = "ICU stays"


def make_hypotension_memory_task(
    num_patients: int,
    num_steps: int = 100,
    event_window: int = 10,
    episode_length: int = 4,
    positive_fraction: float = 0.5,
    seed: int = 0,
) -> VitalSequences:
    """Generate the long-range-dependency task (see the module docstring).

    Args:
        num_patients: number of series.
        num_steps: length of each series (minutes), at most ``MAX_STEPS``.
        event_window: an episode starts within the first ``event_window`` steps, so
            the label depends on something at least ``num_steps - event_window -
            episode_length`` steps before the end.
        episode_length: duration of an episode (steps).
        positive_fraction: share of patients with an episode (strictly between 0 and 1).
        seed: seed of the random generator (an integer from 0 to 2**32 - 1); the same
            seed gives the same patients.

    Raises:
        TypeError: an argument of the wrong type.
        ValueError: an argument out of range, a series too short for an episode, or
            more values than the memory budget allows
            (``helpers.course.validation.MEMORY_BUDGET_BYTES``).
    """
    num_patients = check_positive_int(num_patients, "num_patients")
    num_steps = check_positive_int(num_steps, "num_steps", maximum=MAX_STEPS)
    event_window = check_positive_int(event_window, "event_window")
    episode_length = check_positive_int(episode_length, "episode_length")
    positive_fraction = check_fraction(positive_fraction, "positive_fraction")
    seed = check_seed(seed)
    if num_steps < event_window + episode_length + 1:
        raise ValueError(
            f"`num_steps` = {num_steps} is too short: an episode can start as late as step "
            f"{event_window - 1} and lasts {episode_length} steps, so the series needs at "
            f"least {event_window + episode_length + 1} steps (use a longer series for a "
            "real long-range dependency)."
        )
    check_budget(num_patients * num_steps * 2, "`num_patients` * `num_steps`")
    rng = np.random.default_rng(seed)
    y = (rng.random(num_patients) < positive_fraction).astype(np.int64)
    baseline = _MINUTE_BASELINE_MEAN + _MINUTE_BASELINE_SD * rng.standard_normal(
        (num_patients, 1, 2)
    )
    innovations = rng.standard_normal((num_patients, num_steps, 2)) * _DRIFT_SD
    innovations *= np.sqrt(1.0 - _DRIFT_MEMORY**2)
    drift = np.empty_like(innovations)
    drift[:, 0] = rng.standard_normal((num_patients, 2)) * _DRIFT_SD  # start in equilibrium
    for step in range(1, num_steps):
        drift[:, step] = _DRIFT_MEMORY * drift[:, step - 1] + innovations[:, step]
    x = baseline + drift + _MEASUREMENT_SD * rng.standard_normal((num_patients, num_steps, 2))
    episode_start = np.where(y == 1, rng.integers(0, event_window, num_patients), -1)
    for patient in np.flatnonzero(y):
        start = episode_start[patient]
        x[patient, start : start + episode_length] += _EPISODE_SHIFT
    return VitalSequences(
        inputs=x, labels=y, episode_start=episode_start, class_names=("no episode", "episode")
    )


def make_icu_stays(
    num_patients: int = 400,
    hours: int = 48,
    event_fraction: float = 0.4,
    min_event_hour: int = 24,
    seed: int = 0,
) -> IcuStays:
    """Simulate ``num_patients`` stays; about ``event_fraction`` end in an event.

    An event happens at an hour between ``min_event_hour`` and ``hours - 1``;
    values after it are left as simulated but belong to no warning window.
    ``min_event_hour`` is at least ``MIN_EVENT_HOUR``, so ``hours`` is at least
    ``MIN_EVENT_HOUR + 1`` (and at most ``MAX_STEPS``); ``event_fraction`` lies strictly
    between 0 and 1; ``seed`` is an integer from 0 to 2**32 - 1.

    Raises:
        TypeError: an argument of the wrong type.
        ValueError: an argument out of range, or more values than the memory budget
            allows (``helpers.course.validation.MEMORY_BUDGET_BYTES``).
    """
    num_patients = check_positive_int(num_patients, "num_patients")
    hours = check_positive_int(hours, "hours", maximum=MAX_STEPS)
    event_fraction = check_fraction(event_fraction, "event_fraction")
    seed = check_seed(seed)
    if hours <= MIN_EVENT_HOUR:
        raise ValueError(
            f"`hours` must be more than {MIN_EVENT_HOUR}: events happen from hour "
            f"`min_event_hour` >= {MIN_EVENT_HOUR} on, but got hours={hours}."
        )
    min_event_hour = check_integer(
        min_event_hour, "min_event_hour", low=MIN_EVENT_HOUR, high=hours - 1
    )
    check_budget(num_patients * hours * 4, "`num_patients` * `hours`")
    rng = np.random.default_rng(seed)
    baseline = _BASELINE_MEAN + _BASELINE_SD * rng.normal(size=(num_patients, 1, 4))
    noise = np.zeros((num_patients, hours, 4))
    innovations = _HOURLY_SD * rng.normal(size=(num_patients, hours, 4))
    for hour in range(hours):  # AR(1): each hour remembers 60% of the last deviation
        noise[:, hour] = (0.6 * noise[:, hour - 1] if hour else 0.0) + 0.8 * innovations[:, hour]
    vitals = baseline + noise
    time = np.arange(hours)
    # transient, harmless disturbances in every patient: 0-2 episodes of 2-4 hours
    for patient in range(num_patients):
        for _ in range(rng.integers(0, 3)):
            start, length = rng.integers(0, hours), rng.integers(2, 5)
            vitals[patient, start : start + length] += _TRANSIENT * rng.uniform(0.5, 1.0)
    has_event = rng.random(num_patients) < event_fraction
    event_hours = np.where(has_event, rng.integers(min_event_hour, hours, num_patients), -1)
    for patient in np.flatnonzero(has_event).tolist():
        onset = rng.uniform(6.0, 12.0)
        ramp = np.clip((time - (event_hours[patient] - onset)) / onset, 0.0, None) ** 1.5
        weights = rng.uniform(0.5, 1.3, size=4)
        vitals[patient] += ramp[:, None] * _DETERIORATION * weights
    vitals[..., 2] = np.minimum(vitals[..., 2], 100.0)  # SpO2 is a percentage
    return IcuStays(
        inputs=vitals.astype(np.float32),
        labels=(event_hours >= 0).astype(np.int64),
        event_hours=event_hours,
        class_names=("stable", "event"),
    )

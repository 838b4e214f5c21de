"""Synthetic ICU stays: hourly vital signs, some drifting towards a deterioration event.

Each patient has their own baseline heart rate, systolic blood pressure, SpO2 and
respiratory rate, with autocorrelated hour-to-hour noise. Stable patients also have
harmless transient disturbances (pain, agitation: a few hours of faster heart and
breathing) so that one high value is not yet a warning. Patients with an *event*
(cardiac arrest, ICU transfer, ...) deteriorate over the 6-12 hours before it: heart
and respiratory rate climb, blood pressure and SpO2 fall, each patient in their own
mix, the pattern that early-warning scores such as NEWS2 look for.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from helpers.validation import check_fraction, check_positive_int

VITAL_NAMES = ("heart_rate", "systolic_bp", "spo2", "respiratory_rate")
VITAL_UNITS = ("beats/min", "mmHg", "%", "breaths/min")
_BASELINE_MEAN = np.array([80.0, 120.0, 97.0, 16.0])
_BASELINE_SD = np.array([10.0, 12.0, 1.2, 2.5])
_HOURLY_SD = np.array([4.0, 6.0, 0.8, 1.5])
# Full deterioration: HR +30, SBP -30, SpO2 -6, RR +10 (scaled per patient).
_DETERIORATION = np.array([30.0, -30.0, -6.0, 10.0])
_TRANSIENT = np.array([15.0, 5.0, -1.0, 4.0])


@dataclass(frozen=True)
class IcuStays:
    """Hourly vitals ``(patients, hours, 4)`` and each patient's event hour (-1: none)."""

    vitals: np.ndarray
    event_hours: np.ndarray

    @property
    def has_event(self) -> np.ndarray:
        """True for patients with a deterioration event."""
        return self.event_hours >= 0

    def describe(self) -> str:
        """One line: patients, hours and events."""
        patients, hours, _ = self.vitals.shape
        return f"{patients} ICU stays of {hours} h, {int(self.has_event.sum())} with an event"


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
    """
    num_patients = check_positive_int(num_patients, "num_patients")
    hours = check_positive_int(hours, "hours")
    event_fraction = check_fraction(event_fraction, "event_fraction")
    if not 12 <= min_event_hour < hours:
        raise ValueError(
            f"`min_event_hour` must be between 12 and hours - 1, got {min_event_hour}."
        )
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
    for patient in np.flatnonzero(has_event):
        onset = rng.uniform(6.0, 12.0)
        ramp = np.clip((time - (event_hours[patient] - onset)) / onset, 0.0, None) ** 1.5
        weights = rng.uniform(0.5, 1.3, size=4)
        vitals[patient] += ramp[:, None] * _DETERIORATION * weights
    vitals[..., 2] = np.minimum(vitals[..., 2], 100.0)  # SpO2 is a percentage
    return IcuStays(vitals.astype(np.float32), event_hours)

"""Synthetic vital-sign series with a long-range dependency (notebook 07).

Each patient is a series of minute-by-minute heart rate and systolic blood
pressure readings: a personal baseline, slow physiological drift (an AR(1)
process) and measurement noise. Half of the patients (by default) have a brief
**hypotension episode** early on: blood pressure falls by about 35 mmHg and the
heart rate rises in compensation for a few minutes. The label, read at the end
of the series, is whether such an episode happened. Everything after the
episode is noise, so a model that classifies from its final state has to carry
one early event across the whole series: a test of memory, with a known truth.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from helpers.data import standardize
from helpers.validation import as_float_array, check_fraction, check_positive_int

VITAL_NAMES = ("heart rate (beats/min)", "systolic blood pressure (mmHg)")
_BASELINE_MEAN = np.array([78.0, 122.0])  # population mean of each patient's baseline
_BASELINE_SD = np.array([8.0, 10.0])  # spread of baselines between patients
_DRIFT_SD = np.array([5.0, 6.0])  # stationary SD of the slow AR(1) drift
_DRIFT_MEMORY = 0.9  # AR(1) coefficient: how much of last minute's drift remains
_MEASUREMENT_SD = np.array([2.0, 3.0])  # monitor noise on every reading
_EPISODE_SHIFT = np.array([20.0, -35.0])  # heart rate up, systolic pressure down


@dataclass(frozen=True)
class VitalSequences:
    """Vital-sign series, labels and where each hypotension episode started.

    ``x`` has shape (patients, steps, 2) in physical units (see ``feature_names``),
    ``y`` is 1 for patients with an episode, and ``episode_start`` is its first
    step (-1 for patients without one).
    """

    x: np.ndarray
    y: np.ndarray
    episode_start: np.ndarray
    feature_names: tuple[str, ...] = VITAL_NAMES

    def describe(self) -> str:
        """One line: patients, steps, positives."""
        n, steps, _ = self.x.shape
        return (
            f"{n} patients x {steps} minutes x {len(self.feature_names)} vital signs; "
            f"{int(self.y.sum())} with an early hypotension episode"
        )


def make_hypotension_memory_task(
    n_patients: int,
    num_steps: int = 100,
    event_window: int = 10,
    episode_length: int = 4,
    positive_fraction: float = 0.5,
    seed: int = 0,
) -> VitalSequences:
    """Generate the long-range-dependency task (see the module docstring).

    Args:
        n_patients: number of series.
        num_steps: length of each series (minutes).
        event_window: an episode starts within the first ``event_window`` steps, so
            the label depends on something at least ``num_steps - event_window -
            episode_length`` steps before the end.
        episode_length: duration of an episode (steps).
        positive_fraction: share of patients with an episode (strictly between 0 and 1).
        seed: seed of the random generator; the same seed gives the same patients.
    """
    n_patients = check_positive_int(n_patients, "n_patients")
    num_steps = check_positive_int(num_steps, "num_steps")
    event_window = check_positive_int(event_window, "event_window")
    episode_length = check_positive_int(episode_length, "episode_length")
    positive_fraction = check_fraction(positive_fraction, "positive_fraction")
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise ValueError(f"`seed` must be a non-negative integer, got {seed!r}.")
    if num_steps < event_window + episode_length + 1:
        raise ValueError(
            f"`num_steps` = {num_steps} is too short: an episode can start as late as step "
            f"{event_window - 1} and lasts {episode_length} steps, so the series needs at "
            f"least {event_window + episode_length + 1} steps (use a longer series for a "
            "real long-range dependency)."
        )
    rng = np.random.default_rng(seed)
    y = (rng.random(n_patients) < positive_fraction).astype(np.int64)
    baseline = _BASELINE_MEAN + _BASELINE_SD * rng.standard_normal((n_patients, 1, 2))
    innovations = rng.standard_normal((n_patients, num_steps, 2)) * _DRIFT_SD
    innovations *= np.sqrt(1.0 - _DRIFT_MEMORY**2)
    drift = np.empty_like(innovations)
    drift[:, 0] = rng.standard_normal((n_patients, 2)) * _DRIFT_SD  # start in equilibrium
    for step in range(1, num_steps):
        drift[:, step] = _DRIFT_MEMORY * drift[:, step - 1] + innovations[:, step]
    x = baseline + drift + _MEASUREMENT_SD * rng.standard_normal((n_patients, num_steps, 2))
    episode_start = np.where(y == 1, rng.integers(0, event_window, n_patients), -1)
    for patient in np.flatnonzero(y):
        start = episode_start[patient]
        x[patient, start : start + episode_length] += _EPISODE_SHIFT
    return VitalSequences(x=x, y=y, episode_start=episode_start)


def standardize_sequences(
    train: np.ndarray, *others: np.ndarray
) -> tuple[list[np.ndarray], np.ndarray, np.ndarray]:
    """Scale (patients, steps, features) arrays per feature with the training statistics.

    The series are flattened to one row per reading and passed to
    ``helpers.data.standardize``; returns the scaled arrays (train first), the mean
    and the standard deviation of each feature.
    """
    arrays = [as_float_array(train, "train", ndim=3)]
    arrays += [as_float_array(x, f"others[{i}]", ndim=3) for i, x in enumerate(others)]
    scaled, mean, std = standardize(*(a.reshape(-1, a.shape[-1]) for a in arrays))
    return [s.reshape(a.shape) for s, a in zip(scaled, arrays, strict=True)], mean, std

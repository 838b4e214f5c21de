"""Synthetic ECG records whose beat labels are known: normal, PVC and atrial fibrillation.

Each beat is a sum of Gaussian waves (P, Q, R, S, T), the classic sum-of-waves model
of the ECG (McSharry et al. 2003 use the same idea in a dynamical model). Every
synthetic *patient* has their own wave amplitudes and widths, heart rate, ectopic
focus (the shape of their premature ventricular contractions), noise and baseline
wander, so a classifier can memorise patients, which is what a patient-wise split
exposes.

- **normal**: sinus rhythm, P wave before every QRS, mildly varying RR intervals.
- **PVC** (premature ventricular contraction): early, wide, bizarre QRS without a P
  wave, T wave of opposite polarity, followed by a compensatory pause.
- **AF** (atrial fibrillation): a *rhythm*: no P waves, small fast fibrillatory
  (f) waves on the baseline and irregularly irregular RR intervals. Every beat
  inside an AF episode is labelled AF.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from helpers.course.validation import (
    check_budget,
    check_choice,
    check_integer,
    check_positive_int,
    check_seed,
    describe,
)
from helpers.data.containers import BeatDataset
from helpers.data.windows import beat_dataset
from helpers.signals.ecg import check_sampling_rate

CLASS_NAMES = ("normal", "PVC", "AF")
NORMAL, PVC, AF = range(3)
# Which arrhythmias a patient has, assigned in turn so that every kind is common.
PATIENT_KINDS = (("PVC",), ("AF",), ("PVC", "AF"))
KINDS = ("PVC", "AF")
#: Fewest beats a record may have (an AF episode and PVCs need room).
MIN_BEATS = 10
# The longest an RR interval gets (55 beats/min, slowed 4% by breathing, plus noise), in s.
_LONGEST_RR_S = 1.3
# Beat windows of ``helpers.signals.ecg.beats_from_record`` last 0.7 s.
_WINDOW_S = 0.7


@dataclass(frozen=True)
class SyntheticRecord:
    """One synthetic patient's ECG lead with its R-peaks and beat labels."""

    signal: np.ndarray  # millivolts
    r_peaks: np.ndarray  # sample indices
    labels: np.ndarray  # class index per R-peak (see CLASS_NAMES)
    sampling_rate: float
    patient_id: int


def _waves(rng: np.random.Generator) -> dict[str, np.ndarray]:
    """A patient's beat shapes: rows of (amplitude mV, offset from R in s, width in s)."""
    polarity = rng.choice([-1.0, 1.0])
    return {
        "sinus": np.array(
            [
                [rng.uniform(0.08, 0.25), rng.uniform(-0.23, -0.16), rng.uniform(0.02, 0.03)],
                [-rng.uniform(0.05, 0.2), -0.03, 0.01],
                [rng.uniform(0.6, 1.8), 0.0, rng.uniform(0.008, 0.014)],
                [-rng.uniform(0.1, 0.5), rng.uniform(0.025, 0.04), 0.01],
                [rng.uniform(0.15, 0.5), rng.uniform(0.22, 0.3), rng.uniform(0.04, 0.06)],
            ]
        ),
        "pvc": np.array(
            [
                [polarity * rng.uniform(0.8, 2.0), 0.0, rng.uniform(0.025, 0.045)],
                [-polarity * rng.uniform(0.2, 0.8), rng.uniform(0.05, 0.08), 0.025],
                [-polarity * rng.uniform(0.2, 0.5), rng.uniform(0.26, 0.34), 0.06],
            ]
        ),
    }


def _rhythm(
    num_beats: int, kinds: tuple[str, ...], rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """RR interval before each beat (s) and each beat's label."""
    labels = np.full(num_beats, NORMAL)
    mean_rr = 60.0 / rng.uniform(55, 100)
    beat = np.arange(num_beats)
    rr = mean_rr * (1 + 0.04 * np.sin(2 * np.pi * beat / rng.uniform(4, 6)))
    rr += rng.normal(0.0, rng.uniform(0.01, 0.03), num_beats)
    if "AF" in kinds:
        length = int(num_beats * rng.uniform(0.3, 0.6))
        start = rng.integers(0, num_beats - length)
        episode = slice(start, start + length)
        labels[episode] = AF
        af_rr = 60.0 / rng.uniform(80, 130)
        rr[episode] = af_rr * np.clip(
            1 + rng.uniform(0.15, 0.3) * rng.normal(size=length), 0.5, 2.0
        )
    if "PVC" in kinds:
        rate = rng.uniform(0.04, 0.15)
        for index in np.flatnonzero(rng.random(num_beats) < rate):
            if 0 < index < num_beats - 1 and labels[index - 1 : index + 2].tolist() == [NORMAL] * 3:
                coupling = rng.uniform(0.55, 0.75) * mean_rr
                labels[index] = PVC
                rr[index + 1] = rr[index] + rr[index + 1] - coupling  # compensatory pause
                rr[index] = coupling
    return rr, labels


def _add_waves(
    signal: np.ndarray,
    centres_s: np.ndarray,
    waves: np.ndarray,
    rate: float,
    rng: np.random.Generator,
) -> None:
    """Add Gaussian waves (amplitude, offset, width rows) around each centre, in place.

    Each beat's amplitudes vary by about 5% around the patient's.
    """
    for amplitude, offset, width in waves:
        half = int(4 * width * rate) + 1
        index = np.round((centres_s + offset) * rate).astype(np.int64)[:, None] + np.arange(
            -half, half + 1
        )
        jitter = 1 + 0.05 * rng.normal(size=(len(centres_s), 1))
        values = (
            amplitude
            * jitter
            * np.exp(-0.5 * ((index / rate - centres_s[:, None] - offset) / width) ** 2)
        )
        inside = (index >= 0) & (index < signal.size)
        np.add.at(signal, index[inside], values[inside])


def _check_kinds(kinds: object) -> tuple[str, ...]:
    """``kinds`` as a tuple of names from ``KINDS``, or a clear error."""
    if isinstance(kinds, str):
        raise TypeError(
            f"`kinds` must be a tuple of arrhythmia names, but got the string {kinds!r}; "
            f"write ({kinds!r},) for one kind."
        )
    if not isinstance(kinds, tuple | list):
        raise TypeError(
            f"`kinds` must be a tuple of arrhythmia names such as ('PVC', 'AF'), but got "
            f"{describe(kinds)}."
        )
    for kind in kinds:
        check_choice(kind, "kinds", KINDS)
    return tuple(kinds)


def synthetic_record(
    patient_id: int,
    num_beats: int = 150,
    sampling_rate: float = 250.0,
    kinds: tuple[str, ...] = ("PVC",),
    seed: int = 0,
) -> SyntheticRecord:
    """One patient's ECG lead with ``num_beats`` labelled beats.

    ``kinds`` lists the patient's arrhythmias (from ``KINDS``: "PVC", "AF"; empty: sinus
    rhythm only); the same ``seed`` and ``patient_id`` (integers from 0 to 2**32 - 1)
    always give the same patient. ``num_beats`` is at least ``MIN_BEATS``.

    Raises:
        TypeError: an argument of the wrong type.
        ValueError: an argument out of range, or a record longer than the memory budget
            allows (``helpers.course.validation.MEMORY_BUDGET_BYTES``).
    """
    patient_id = check_seed(patient_id, "patient_id")
    num_beats = check_integer(num_beats, "num_beats", low=MIN_BEATS)
    sampling_rate = check_sampling_rate(sampling_rate)
    kinds = _check_kinds(kinds)
    seed = check_seed(seed)
    check_budget(
        (num_beats * _LONGEST_RR_S + 2.0) * sampling_rate, "`num_beats` * `sampling_rate`"
    )
    rng = np.random.default_rng([seed, patient_id])
    waves = _waves(rng)
    rr, labels = _rhythm(num_beats, kinds, rng)
    r_times = 1.0 + np.cumsum(rr)
    num_samples = int((r_times[-1] + 1.0) * sampling_rate)
    time = np.arange(num_samples) / sampling_rate
    signal = rng.normal(0.0, rng.uniform(0.01, 0.05), num_samples)
    signal += rng.uniform(0.0, 0.3) * np.sin(
        2 * np.pi * rng.uniform(0.15, 0.4) * time + rng.uniform(0, 6)
    )
    _add_waves(signal, r_times[labels == NORMAL], waves["sinus"], sampling_rate, rng)
    _add_waves(signal, r_times[labels == AF], waves["sinus"][1:], sampling_rate, rng)  # no P wave
    _add_waves(signal, r_times[labels == PVC], waves["pvc"], sampling_rate, rng)
    if np.any(labels == AF):  # fibrillatory waves between the first and last AF beat
        af_times = r_times[labels == AF]
        during = (time > af_times[0] - 1.0) & (time < af_times[-1] + 0.3)
        for _ in range(2):
            frequency = rng.uniform(4.0, 8.0)
            phase = np.cumsum(rng.normal(0, 0.05, num_samples))
            signal[during] += (
                rng.uniform(0.02, 0.06) * np.sin(2 * np.pi * frequency * time + phase)[during]
            )
    r_peaks = np.round(r_times * sampling_rate).astype(np.int64)
    return SyntheticRecord(signal, r_peaks, labels, sampling_rate, patient_id)


def make_synthetic_beats(
    num_patients: int = 48,
    beats_per_patient: int = 150,
    target_rate: float = 128.0,
    seed: int = 0,
) -> BeatDataset:
    """Beats of ``num_patients`` synthetic patients, through the same pipeline as MIT-BIH.

    Each record is band-pass filtered, resampled to ``target_rate`` and cut into beat
    windows with RR features by ``helpers.data.windows.beat_dataset``. Patients take
    turns at the arrhythmias in ``PATIENT_KINDS``; every patient has normal beats.
    ``beats_per_patient`` is at least ``MIN_BEATS``; ``target_rate`` (Hz) lies between
    50 and 20000; ``seed`` is an integer from 0 to 2**32 - 1.

    Raises:
        TypeError: an argument of the wrong type.
        ValueError: an argument out of range, or more beats than the memory budget
            allows (``helpers.course.validation.MEMORY_BUDGET_BYTES``).
    """
    num_patients = check_positive_int(num_patients, "num_patients")
    beats_per_patient = check_integer(beats_per_patient, "beats_per_patient", low=MIN_BEATS)
    target_rate = check_sampling_rate(target_rate, "target_rate")
    seed = check_seed(seed)
    check_budget(
        num_patients * beats_per_patient * _WINDOW_S * target_rate,
        "`num_patients` * `beats_per_patient` * `target_rate`",
    )
    records = (
        synthetic_record(
            patient, beats_per_patient, kinds=PATIENT_KINDS[patient % len(PATIENT_KINDS)], seed=seed
        )
        for patient in range(num_patients)
    )
    return beat_dataset(
        ((r.patient_id, r.signal, r.r_peaks, r.labels, r.sampling_rate) for r in records),
        CLASS_NAMES,
        target_rate,
    )

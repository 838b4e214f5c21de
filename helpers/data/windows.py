"""Cutting series into labelled windows: beats around R-peaks, hours before an ICU event."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from numpy.typing import ArrayLike

from helpers.course.validation import (
    as_float_array,
    check_budget,
    check_number,
    check_positive_int,
    describe,
)
from helpers.data.containers import BeatDataset, WarningWindows, check_class_names
from helpers.signals.ecg import beats_from_record, check_sampling_rate

# One patient's record: (patient id, signal in mV, R-peak samples, class per R-peak, rate in Hz)
BeatRecord = tuple[int | str, ArrayLike, ArrayLike, ArrayLike, float]


def beat_dataset(
    records: Iterable[BeatRecord], class_names: Sequence[str], target_rate: float = 128.0
) -> BeatDataset:
    """Beats of every record through one pipeline, as a ``BeatDataset``.

    Each record is band-pass filtered, resampled to ``target_rate`` and cut into beat
    windows with RR features by ``helpers.signals.ecg.beats_from_record``. Beats whose
    class index is negative (classes left out) are dropped after their RR features are
    computed, so they still count as neighbours. ``target_rate`` lies between 50 Hz and
    20 kHz, and each resampled record must fit in the memory budget.
    """
    class_names = check_class_names(class_names)
    target_rate = check_sampling_rate(target_rate, "target_rate")
    if isinstance(records, str | bytes) or not isinstance(records, Iterable):
        raise TypeError(
            "`records` must be a list of (patient id, signal, R-peaks, classes, sampling "
            f"rate) tuples, but got {describe(records)}."
        )
    waveforms, features, labels, patients = [], [], [], []
    for number, record in enumerate(records):
        name = f"records[{number}]"
        if not isinstance(record, tuple | list) or len(record) != 5:
            raise TypeError(
                f"`{name}` must be a tuple (patient id, signal, R-peaks, classes, sampling "
                f"rate), but got {describe(record)}."
            )
        patient_id, signal, r_peaks, beat_classes, sampling_rate = record
        if not isinstance(patient_id, str | int | np.integer) or isinstance(patient_id, bool):
            raise TypeError(
                f"`{name}` patient id must be an integer or a name, got {describe(patient_id)}."
            )
        signal = as_float_array(signal, f"{name} signal", ndim=1)
        rate = check_number(sampling_rate, f"{name} sampling rate", low=0.0, low_open=True)
        check_budget(signal.size * target_rate / rate, f"`target_rate` for `{name}`")
        windows, rr, beat_labels = beats_from_record(
            signal, r_peaks, beat_classes, sampling_rate, target_rate
        )
        if beat_labels.size and beat_labels.max() >= len(class_names):
            raise ValueError(
                f"`{name}` has beat class {beat_labels.max()}, but `class_names` names only "
                f"{len(class_names)} classes (0 to {len(class_names) - 1}; -1 leaves a beat out)."
            )
        keep = beat_labels >= 0
        waveforms.append(windows[keep])
        features.append(rr[keep])
        labels.append(beat_labels[keep])
        patients.append(np.full(int(keep.sum()), patient_id))
    if not labels:
        raise ValueError("`records` is empty; pass at least one record.")
    return BeatDataset(
        inputs=np.concatenate(waveforms),
        rr_features=np.concatenate(features),
        labels=np.concatenate(labels),
        patient_ids=np.concatenate(patients),
        class_names=class_names,
        sampling_rate=float(target_rate),
    )


def warning_windows(
    vitals: ArrayLike, event_hours: ArrayLike, window_hours: int = 12, horizon_hours: int = 6
) -> WarningWindows:
    """Every window of ``window_hours`` that ends before its patient's event (if any).

    The window ending at hour t is labelled 1 when the event happens within
    ``horizon_hours`` after t (``event - horizon <= t < event``). ``vitals`` is
    ``(patients, hours, vitals)``; ``event_hours`` holds one whole hour per patient
    (-1: no event); the windows must fit in the memory budget.
    """
    values = as_float_array(vitals, "vitals", ndim=3)
    num_patients, hours, num_vitals = values.shape
    window_hours = check_positive_int(window_hours, "window_hours")
    horizon_hours = check_positive_int(horizon_hours, "horizon_hours")
    hours_given = as_float_array(event_hours, "event_hours", ndim=1)
    if hours_given.size != num_patients:
        raise ValueError(
            f"`event_hours` has {hours_given.size} entries for {num_patients} patients; "
            "pass one event hour (or -1) per patient in `vitals`."
        )
    if np.any(hours_given != np.round(hours_given)) or hours_given.min() < -1:
        raise ValueError(
            "`event_hours` must hold whole hours from 0 (or -1 for no event), but holds "
            f"values from {hours_given.min():g} to {hours_given.max():g}."
        )
    if hours_given.max() >= hours:
        raise ValueError(
            f"`event_hours` reaches hour {hours_given.max():g}, but the stays in `vitals` "
            f"last {hours} hours (0 to {hours - 1}); check the units or the patient order."
        )
    events = hours_given.astype(np.int64)
    if window_hours > hours:
        raise ValueError(f"`window_hours` ({window_hours}) exceeds the stay length ({hours} h).")
    lasts = np.where(events >= 0, events, hours)
    num_windows = int(np.maximum(lasts - window_hours + 1, 0).sum())
    check_budget(num_windows * window_hours * num_vitals, "`window_hours`", bytes_per_value=4)
    inputs, labels, patients, ends = [], [], [], []
    for patient in range(num_patients):
        last = events[patient] if events[patient] >= 0 else hours
        for end in range(window_hours - 1, last):
            inputs.append(values[patient, end - window_hours + 1 : end + 1])
            labels.append(int(events[patient] >= 0 and end >= events[patient] - horizon_hours))
            patients.append(patient)
            ends.append(end)
    return WarningWindows(
        inputs=np.asarray(inputs, dtype=np.float32),
        labels=np.asarray(labels, dtype=np.int64),
        patient_ids=np.asarray(patients),
        end_hours=np.asarray(ends),
        class_names=("stable", "event ahead"),
    )

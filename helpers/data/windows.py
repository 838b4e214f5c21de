"""Cutting series into labelled windows: beats around R-peaks, hours before an ICU event."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
from numpy.typing import ArrayLike

from helpers.course.validation import as_float_array, check_positive_int
from helpers.data.containers import BeatDataset, WarningWindows
from helpers.signals.ecg import beats_from_record

# One patient's record: (patient id, signal in mV, R-peak samples, class per R-peak, rate in Hz)
BeatRecord = tuple[int | str, ArrayLike, ArrayLike, ArrayLike, float]


def beat_dataset(
    records: Iterable[BeatRecord], class_names: Sequence[str], target_rate: float = 128.0
) -> BeatDataset:
    """Beats of every record through one pipeline, as a ``BeatDataset``.

    Each record is band-pass filtered, resampled to ``target_rate`` and cut into beat
    windows with RR features by ``helpers.signals.ecg.beats_from_record``. Beats whose
    class index is negative (classes left out) are dropped after their RR features are
    computed, so they still count as neighbours.
    """
    waveforms, features, labels, patients = [], [], [], []
    for patient_id, signal, r_peaks, beat_classes, sampling_rate in records:
        windows, rr, beat_labels = beats_from_record(
            signal, r_peaks, beat_classes, sampling_rate, target_rate
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
        class_names=tuple(class_names),
        sampling_rate=float(target_rate),
    )


def warning_windows(
    vitals: ArrayLike, event_hours: ArrayLike, window_hours: int = 12, horizon_hours: int = 6
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
        inputs=np.asarray(inputs, dtype=np.float32),
        labels=np.asarray(labels, dtype=np.int64),
        patient_ids=np.asarray(patients),
        end_hours=np.asarray(ends),
        class_names=("stable", "event ahead"),
    )

"""ECG signal processing: filtering, R-peaks, heart rate, beat windows, RR features.

The heavy lifting is done by the field's libraries: ``scipy.signal`` designs and
applies the filter and resamples, neurokit2 finds the R-peaks. This module adds what a
course needs around them: checks of the sampling rate, NaN and record length with
messages that say what to do. Reading ECGs is in ``helpers.data.dicom`` (DICOM) and
``helpers.data.mitbih`` (WFDB); ``helpers.data.windows.beat_dataset`` turns records
into the ``BeatDataset`` that synthetic beats and MIT-BIH share.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from helpers.course.validation import (
    as_float_array,
    check_budget,
    check_number,
    check_positive_int,
)

# Names of the RR-interval features computed by ``rr_features``, in column order.
RR_FEATURE_NAMES = (
    "pre_rr_s",
    "post_rr_s",
    "pre_rr_over_local_median",
    "post_rr_over_pre_rr",
    "local_rr_irregularity",
)


LOCAL_RR_BEATS = 10  # RR intervals before a beat that define its local rhythm

# Human heart rates, in beats per minute: anything else means wrong units or a wrong rate.
MIN_BPM, MAX_BPM = 20.0, 300.0

# Highest Butterworth order ``bandpass_filter`` designs (higher ones ring and add nothing).
MAX_FILTER_ORDER = 10


def check_sampling_rate(sampling_rate: float, name: str = "sampling_rate") -> float:
    """Return ``sampling_rate`` in Hz if it is a plausible ECG rate (50 Hz to 20 kHz)."""
    rate = check_number(sampling_rate, name)
    if not 50.0 <= rate <= 20_000.0:
        raise ValueError(
            f"`{name}` = {sampling_rate} Hz is not a plausible ECG sampling rate "
            "(50 Hz to 20 kHz). Pass the rate the record was acquired at, e.g. 360 for MIT-BIH."
        )
    return rate


def check_signal(
    signal: ArrayLike, sampling_rate: float, min_seconds: float = 2.0
) -> NDArray[np.float64]:
    """Validate one ECG lead: 1-D, finite, at least ``min_seconds`` long; return it as float."""
    sampling_rate = check_sampling_rate(sampling_rate)
    min_seconds = check_number(min_seconds, "min_seconds", low=0.0)
    values = as_float_array(signal, "signal", ndim=1)
    if values.size < min_seconds * sampling_rate:
        raise ValueError(
            f"`signal` lasts {values.size / sampling_rate:.2f} s ({values.size} samples at "
            f"{sampling_rate:g} Hz); at least {min_seconds:g} s are needed. Pass a longer "
            "record, or check `sampling_rate`."
        )
    return values


def _sample_indices(r_peaks: ArrayLike) -> NDArray[np.int64]:
    """``r_peaks`` as int sample indices; fractions (times in seconds?) are refused."""
    peaks = as_float_array(r_peaks, "r_peaks", ndim=1)
    fractions = peaks[peaks != np.round(peaks)]
    if fractions.size:
        raise ValueError(
            f"`r_peaks` must be sample indices (whole numbers), but holds fractions such as "
            f"{fractions[0]:g}. If these are times in seconds, pass "
            "np.round(times * sampling_rate).astype(int) instead."
        )
    return peaks.astype(np.int64)


def bandpass_filter(
    signal: ArrayLike,
    sampling_rate: float,
    low_hz: float = 0.5,
    high_hz: float = 40.0,
    order: int = 3,
) -> NDArray[np.float64]:
    """Zero-phase Butterworth band-pass (``scipy.signal.butter`` + ``sosfiltfilt``).

    0.5 Hz removes baseline wander (breathing, movement); 40 Hz removes muscle noise
    and mains hum while keeping the QRS complex. Zero phase keeps the waves in place.
    """
    from scipy import signal as scipy_signal

    values = check_signal(signal, sampling_rate, min_seconds=1.0)
    low_hz = check_number(low_hz, "low_hz", low=0.0, low_open=True)
    high_hz = check_number(high_hz, "high_hz", low=0.0, low_open=True)
    order = check_positive_int(order, "order", maximum=MAX_FILTER_ORDER)
    nyquist = sampling_rate / 2.0
    if not low_hz < high_hz < nyquist:
        raise ValueError(
            f"Need 0 < low_hz < high_hz < sampling_rate / 2 = {nyquist:g} Hz, got "
            f"low_hz={low_hz}, high_hz={high_hz}. Is `sampling_rate` right?"
        )
    pad = 3 * (2 * order + 1)  # samples sosfiltfilt mirrors at each end
    if values.size <= pad:
        raise ValueError(
            f"`signal` has {values.size} samples, too few for a filter of `order` {order} "
            f"(more than {pad} needed); pass a longer record or a lower order."
        )
    sos = scipy_signal.butter(
        order, [low_hz, high_hz], btype="bandpass", fs=sampling_rate, output="sos"
    )
    return scipy_signal.sosfiltfilt(sos, values)


def detect_r_peaks(signal: ArrayLike, sampling_rate: float) -> NDArray[np.int64]:
    """Sample indices of the R-peaks (neurokit2's default QRS detector)."""
    values = check_signal(signal, sampling_rate)
    import neurokit2 as nk

    peaks = nk.ecg_findpeaks(values, sampling_rate=int(round(sampling_rate)), method="neurokit")
    r_peaks = np.asarray(peaks["ECG_R_Peaks"], dtype=np.int64)
    if r_peaks.size < 2:
        raise ValueError(
            f"Found {r_peaks.size} R-peak(s) in {values.size / sampling_rate:.1f} s; is this an "
            "ECG lead, and is `sampling_rate` right?"
        )
    return r_peaks


def rr_intervals(r_peaks: ArrayLike, sampling_rate: float) -> NDArray[np.float64]:
    """Seconds between consecutive R-peaks.

    ``r_peaks`` are sample indices at ``sampling_rate``. Raises ``ValueError`` when the
    typical (median) interval is not a human heart rate (20-300 bpm): R-peaks given in
    seconds, or a wrong ``sampling_rate``.
    """
    sampling_rate = check_sampling_rate(sampling_rate)
    peaks = _sample_indices(r_peaks)
    if peaks.size < 2:
        raise ValueError("`r_peaks` needs at least two R-peaks to measure an RR interval.")
    if np.any(np.diff(peaks) <= 0):
        raise ValueError("`r_peaks` must be strictly increasing sample indices.")
    rr = np.diff(peaks) / sampling_rate
    typical = float(np.median(rr))
    if not 60.0 / MAX_BPM <= typical <= 60.0 / MIN_BPM:
        units = (
            "`r_peaks` must be sample indices, not times in seconds. "
            if typical < 60.0 / MAX_BPM
            else ""
        )
        raise ValueError(
            f"`r_peaks` are typically {typical:.3g} s apart ({60.0 / typical:.0f} bpm), not a "
            f"human heart rate ({MIN_BPM:.0f}-{MAX_BPM:.0f} bpm). {units}Check "
            f"`sampling_rate` ({sampling_rate:g} Hz): is it the rate `r_peaks` were counted at?"
        )
    return rr


def heart_rate(r_peaks: ArrayLike, sampling_rate: float) -> float:
    """Mean heart rate in beats per minute: 60 / mean RR interval.

    Raises ``ValueError`` when the result is not a human heart rate (20-300 bpm),
    which almost always means a wrong ``sampling_rate``.
    """
    rate = 60.0 / float(np.mean(rr_intervals(r_peaks, sampling_rate)))
    if not MIN_BPM <= rate <= MAX_BPM:
        raise ValueError(
            f"Heart rate {rate:.0f} bpm is not plausible ({MIN_BPM:.0f}-{MAX_BPM:.0f} bpm). "
            f"Check `sampling_rate` ({sampling_rate:g} Hz) and that `r_peaks` are sample indices."
        )
    return rate


def beat_windows(
    signal: ArrayLike,
    r_peaks: ArrayLike,
    sampling_rate: float,
    before_s: float = 0.25,
    after_s: float = 0.45,
) -> tuple[NDArray[np.float64], NDArray[np.intp]]:
    """Fixed windows around each R-peak: ``(windows, kept)``.

    ``windows`` has shape (beats, samples); ``kept`` holds the positions (in
    ``r_peaks``) of the beats whose window lies fully inside the signal.
    """
    before_s = check_number(before_s, "before_s", low=0.0)
    after_s = check_number(after_s, "after_s", low=0.0)
    values = check_signal(signal, sampling_rate, min_seconds=before_s + after_s)
    peaks = _sample_indices(r_peaks)
    before, after = int(round(before_s * sampling_rate)), int(round(after_s * sampling_rate))
    if before + after < 1:
        raise ValueError(
            f"`before_s` + `after_s` = {before_s + after_s:g} s is shorter than one sample at "
            f"{sampling_rate:g} Hz; a beat window needs a length (e.g. 0.25 and 0.45)."
        )
    check_budget(peaks.size * (before + after), "`r_peaks` with `before_s` + `after_s`")
    kept = np.flatnonzero((peaks - before >= 0) & (peaks + after <= values.size))
    if kept.size == 0:
        raise ValueError("No R-peak lies far enough from both ends of the signal for a window.")
    offsets = np.arange(-before, after)
    return values[peaks[kept, None] + offsets], kept


def rr_features(r_peaks: ArrayLike, sampling_rate: float) -> NDArray[np.float32]:
    """RR-interval features of every beat, columns as in ``RR_FEATURE_NAMES``.

    A single beat window cannot see a *rhythm*; these features describe the beat's
    timing relative to its neighbours: the intervals before and after it, the
    previous interval relative to the local median of the last ``LOCAL_RR_BEATS``
    intervals (short = premature), and the local irregularity (median absolute
    successive difference over the local median: high in atrial fibrillation, and
    robust to an occasional premature beat). The first and last beats have no
    neighbour on one side and get their one known interval on both.
    """
    from numpy.lib.stride_tricks import sliding_window_view

    rr = rr_intervals(r_peaks, sampling_rate)
    pre = np.concatenate([rr[:1], rr])  # interval ending at each beat
    post = np.concatenate([rr, rr[-1:]])  # interval starting at each beat
    # the last LOCAL_RR_BEATS intervals up to each beat (the first beats repeat the first one)
    local = sliding_window_view(
        np.concatenate([np.repeat(pre[:1], LOCAL_RR_BEATS - 1), pre]), LOCAL_RR_BEATS
    )
    local_median = np.median(local, axis=1)
    irregularity = np.median(np.abs(np.diff(local, axis=1)), axis=1) / local_median
    return np.stack([pre, post, pre / local_median, post / pre, irregularity], axis=1).astype(
        np.float32
    )


def beats_from_record(
    signal: ArrayLike,
    r_peaks: ArrayLike,
    labels: ArrayLike,
    sampling_rate: float,
    target_rate: float,
    before_s: float = 0.25,
    after_s: float = 0.45,
) -> tuple[NDArray[np.float32], NDArray[np.float32], NDArray[np.int64]]:
    """One record's beats: band-pass, resample to ``target_rate``, cut windows, RR features.

    ``r_peaks`` are sample indices at ``sampling_rate`` and ``labels`` one class index
    per R-peak. Returns ``(waveforms, rr_features, labels)`` of the beats whose window
    fits in the record. RR features use every R-peak, so edge beats still count as
    neighbours.
    """
    from fractions import Fraction

    from scipy import signal as scipy_signal

    sampling_rate = check_sampling_rate(sampling_rate)
    target_rate = check_sampling_rate(target_rate, "target_rate")
    before_s = check_number(before_s, "before_s", low=0.0)
    after_s = check_number(after_s, "after_s", low=0.0)
    peaks = _sample_indices(r_peaks)
    label_values = as_float_array(labels, "labels", ndim=1)
    if np.any(label_values != np.round(label_values)):
        raise ValueError(
            "`labels` must hold whole-number class indices (one per R-peak), but holds "
            "fractions; pass labels, not probabilities."
        )
    beat_labels = label_values.astype(np.int64)
    if peaks.size != beat_labels.size:
        raise ValueError(f"{peaks.size} R-peaks but {beat_labels.size} labels; pass one per beat.")
    values = check_signal(signal, sampling_rate, min_seconds=1.0)
    check_budget(values.size * max(target_rate / sampling_rate, 1.0), "`target_rate`")
    filtered = bandpass_filter(values, sampling_rate)
    ratio = Fraction(target_rate / sampling_rate).limit_denominator(1000)
    resampled = scipy_signal.resample_poly(filtered, ratio.numerator, ratio.denominator)
    peaks_resampled = np.round(peaks * float(ratio)).astype(np.int64)
    windows, kept = beat_windows(resampled, peaks_resampled, target_rate, before_s, after_s)
    features = rr_features(peaks, sampling_rate)
    return windows.astype(np.float32), features[kept], beat_labels[kept]

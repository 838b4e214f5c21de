"""Bad and unusual calls of ``helpers.signals``: ECG filtering, R-peaks, RR intervals, beats."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from bad_calls.table import Arguments, BadCall, GoodCall

ECG = "helpers.signals.ecg."
RATE = 360.0
SIGNAL = np.sin(2 * np.pi * 1.2 * np.arange(0, 5, 1 / RATE))  # 5 s of a 72 bpm "lead"
PEAKS = np.arange(100, 1800, 300)  # sample indices, 0.83 s apart
PEAKS_IN_SECONDS = PEAKS / RATE  # the same beats, in seconds: the classic mix-up
LABELS = np.zeros(PEAKS.size, dtype=int)


def _many_windows(folder: Path) -> Arguments:
    """400 000 copies of one R-peak with 1 s windows: 3 GiB of windows."""
    return (np.zeros(2000), np.full(400_000, 1000), 1000.0), {"before_s": 0.5, "after_s": 0.5}


def _huge_upsampling(folder: Path) -> Arguments:
    """A million samples at 50 Hz resampled to 20 kHz: 400 million values."""
    return (np.zeros(1_000_000), [100, 150], [0, 0], 50.0, 20_000.0), {}


CALLS: list[BadCall | GoodCall] = [
    # --- units: R-peaks in seconds instead of samples ------------------------------------
    BadCall(ECG + "rr_features", (PEAKS_IN_SECONDS, RATE), mentions="seconds",
            why="R-peaks in seconds gave RR intervals of 0.0023 s"),
    BadCall(ECG + "rr_features", (np.arange(1, 21), RATE), mentions="seconds",
            why="whole-second R-peak times: 1 sample apart"),
    BadCall(ECG + "rr_intervals", (PEAKS_IN_SECONDS, RATE), mentions="r_peaks",
            why="R-peaks in seconds"),
    BadCall(ECG + "heart_rate", (PEAKS_IN_SECONDS, RATE), mentions="seconds",
            why="R-peaks in seconds, refused like rr_features"),
    BadCall(ECG + "beat_windows", (SIGNAL, PEAKS_IN_SECONDS, RATE), mentions="r_peaks",
            why="R-peaks in seconds used to be truncated to sample 0 and 1"),
    BadCall(ECG + "heart_rate", ([0, 1000, 2000], 100.0), mentions="sampling_rate",
            why="a 1000 Hz record declared as 100 Hz: 6 bpm"),
    # --- sampling_rate --------------------------------------------------------------------
    BadCall(ECG + "heart_rate", (PEAKS, "360"), raises=TypeError, mentions="sampling_rate",
            why="rate as text"),
    BadCall(ECG + "heart_rate", (PEAKS, np.nan), mentions="sampling_rate", why="rate NaN"),
    BadCall(ECG + "heart_rate", (PEAKS, 0), mentions="sampling_rate", why="rate 0"),
    BadCall(ECG + "heart_rate", (PEAKS, True), raises=TypeError, mentions="sampling_rate",
            why="boolean rate"),
    BadCall(ECG + "rr_features", (PEAKS, None), raises=TypeError, mentions="sampling_rate",
            why="rate None"),
    BadCall(ECG + "detect_r_peaks", (SIGNAL, -360.0), mentions="sampling_rate",
            why="negative rate"),
    BadCall(ECG + "check_sampling_rate", (np.inf,), mentions="sampling_rate",
            why="infinite rate"),
    # --- r_peaks --------------------------------------------------------------------------
    BadCall(ECG + "heart_rate", (None, RATE), raises=TypeError, mentions="r_peaks",
            why="R-peaks None"),
    BadCall(ECG + "heart_rate", ([[0, 360], [720]], RATE), mentions="r_peaks",
            why="ragged R-peaks"),
    BadCall(ECG + "heart_rate", ([0, np.nan, 720], RATE), mentions="r_peaks",
            why="NaN R-peak"),
    BadCall(ECG + "rr_intervals", ([500], RATE), mentions="r_peaks", why="one R-peak"),
    BadCall(ECG + "rr_intervals", ([0, 720, 360], RATE), mentions="r_peaks",
            why="R-peaks out of order"),
    BadCall(ECG + "rr_features", (np.stack([PEAKS, PEAKS]), RATE), mentions="r_peaks",
            why="2-D R-peaks"),
    # --- signal ---------------------------------------------------------------------------
    BadCall(ECG + "bandpass_filter", (np.where(np.arange(SIGNAL.size) == 9, np.nan, SIGNAL),
                                      RATE), mentions="signal", why="one NaN sample"),
    BadCall(ECG + "bandpass_filter", (np.zeros((5000, 2)), 1000.0), mentions="signal",
            why="two leads at once"),
    BadCall(ECG + "bandpass_filter", (SIGNAL[:100], RATE), mentions="signal",
            why="0.3 s of signal"),
    BadCall(ECG + "detect_r_peaks", (None, RATE), raises=TypeError, mentions="signal",
            why="signal None"),
    BadCall(ECG + "detect_r_peaks", ("lead II", RATE), raises=TypeError, mentions="signal",
            why="text instead of samples"),
    BadCall(ECG + "check_signal", (SIGNAL, RATE), {"min_seconds": -1.0},
            mentions="min_seconds", why="negative minimum length"),
    # --- filter settings ------------------------------------------------------------------
    BadCall(ECG + "bandpass_filter", (SIGNAL, RATE), {"low_hz": np.nan}, mentions="low_hz",
            why="cut-off NaN"),
    BadCall(ECG + "bandpass_filter", (SIGNAL, RATE), {"low_hz": "0.5"}, raises=TypeError,
            mentions="low_hz", why="cut-off as text"),
    BadCall(ECG + "bandpass_filter", (SIGNAL, RATE), {"high_hz": 200.0}, mentions="high_hz",
            why="cut-off above Nyquist (180 Hz)"),
    BadCall(ECG + "bandpass_filter", (SIGNAL, RATE), {"low_hz": 40.0, "high_hz": 0.5},
            mentions="low_hz", why="cut-offs swapped"),
    BadCall(ECG + "bandpass_filter", (SIGNAL, RATE), {"order": 3.5}, raises=TypeError,
            mentions="order", why="fractional order"),
    BadCall(ECG + "bandpass_filter", (SIGNAL, RATE), {"order": 0}, mentions="order",
            why="order 0"),
    BadCall(ECG + "bandpass_filter", (SIGNAL, RATE), {"order": 10**6}, mentions="order",
            why="order of a million"),
    BadCall(ECG + "bandpass_filter", (np.zeros(60), 50.0), {"order": 10, "high_hz": 20.0},
            mentions="order",
            why="too few samples for the filter's edge padding"),
    # --- beat windows ---------------------------------------------------------------------
    BadCall(ECG + "beat_windows", (SIGNAL, PEAKS, RATE), {"before_s": -0.1},
            mentions="before_s", why="negative window start"),
    BadCall(ECG + "beat_windows", (SIGNAL, PEAKS, RATE), {"after_s": "0.45"},
            raises=TypeError, mentions="after_s", why="window end as text"),
    BadCall(ECG + "beat_windows", (SIGNAL, PEAKS, RATE), {"before_s": 0.0, "after_s": 0.0},
            mentions="before_s", why="empty windows"),
    BadCall(ECG + "beat_windows", build=_many_windows, mentions="r_peaks",
            why="3 GiB of repeated windows"),
    BadCall(ECG + "beats_from_record", build=_huge_upsampling, mentions="target_rate",
            why="upsampling a long record 400-fold"),
    BadCall(ECG + "beats_from_record", (SIGNAL, PEAKS, LABELS + 0.5, RATE, 128.0),
            mentions="labels", why="probabilities instead of labels"),
    BadCall(ECG + "beats_from_record", (SIGNAL, PEAKS, LABELS[:-1], RATE, 128.0),
            mentions="labels", why="one label missing"),
    BadCall(ECG + "beats_from_record", (SIGNAL, PEAKS, LABELS, RATE, "128"),
            raises=TypeError, mentions="target_rate", why="target rate as text"),
    BadCall(ECG + "beats_from_record", (SIGNAL, PEAKS, LABELS, RATE, 128.0),
            {"before_s": "0.25"}, raises=TypeError, mentions="before_s",
            why="window start as text, refused before filtering"),
    BadCall(ECG + "beats_from_record", (SIGNAL, PEAKS_IN_SECONDS, LABELS, RATE, 128.0),
            mentions="seconds", why="R-peaks in seconds"),
    # --- valid alternative inputs ---------------------------------------------------------
    GoodCall(ECG + "heart_rate", (PEAKS.tolist(), np.float64(RATE)),
             reference=((PEAKS, RATE), {}), why="list and np.float64 rate"),
    GoodCall(ECG + "heart_rate", (PEAKS.astype(float), 360),
             reference=((PEAKS, RATE), {}), why="whole-number floats and an int rate"),
    GoodCall(ECG + "rr_intervals", (pd.Series(PEAKS), RATE),
             reference=((PEAKS, RATE), {}), why="pandas Series"),
    GoodCall(ECG + "rr_features", (tuple(PEAKS), np.int64(360)),
             reference=((PEAKS, RATE), {}), why="tuple and np.int64 rate"),
    GoodCall(ECG + "bandpass_filter", (SIGNAL.tolist(), 360), {"order": np.int64(3)},
             reference=((SIGNAL, RATE), {"order": 3}), why="list, int rate, np.int64 order"),
    GoodCall(ECG + "beat_windows", (pd.Series(SIGNAL), PEAKS.tolist(), RATE),
             reference=((SIGNAL, PEAKS, RATE), {}), why="pandas signal and list of peaks"),
]

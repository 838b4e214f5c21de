"""ECG helpers: DICOM waveform units, filtering, R-peaks, beats, synthetic patients, metrics."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from pydicom import examples

from helpers.data.dicom import read_dicom_ecg
from helpers.data.splits import indices_by_patient, patient_wise_split
from helpers.evaluation.multiclass import confusion_matrix, multiclass_report, sensitivity_and_ppv
from helpers.signals.ecg import (
    RR_FEATURE_NAMES,
    bandpass_filter,
    beat_windows,
    beats_from_record,
    detect_r_peaks,
    heart_rate,
    rr_features,
    rr_intervals,
)
from helpers.synthetic.ecg import CLASS_NAMES, make_synthetic_beats, synthetic_record

RATE = 1000.0


@pytest.fixture(scope="module")
def lead_ii() -> np.ndarray:
    return read_dicom_ecg(examples.waveform).lead("II")


def test_dicom_ecg_is_read_in_millivolts() -> None:
    recording = read_dicom_ecg(examples.waveform)
    assert recording.signals.shape == (10000, 12) and recording.sampling_rate == 1000.0
    assert recording.lead_names[:3] == ("I", "II", "III") and recording.duration_s == 10.0
    raw = np.frombuffer(examples.waveform.WaveformSequence[0].WaveformData, dtype=np.int16)
    np.testing.assert_allclose(recording.signals, raw.reshape(-1, 12) * 1.25e-3)  # 1.25 uV/unit
    assert 0.5 < np.abs(recording.lead("II")).max() < 3.0  # an R wave of about a millivolt
    assert read_dicom_ecg(examples.waveform, group=1).signals.shape == (1200, 12)
    with pytest.raises(ValueError, match="No lead 'V7'"):
        recording.lead("V7")


def test_dicom_ecg_bad_inputs() -> None:
    with pytest.raises(ValueError, match="`group` must be between 0 and 1"):
        read_dicom_ecg(examples.waveform, group=2)
    with pytest.raises(ValueError, match="holds no waveform"):
        read_dicom_ecg(examples.ct)  # missing and corrupt files: tests/test_dicom.py
    import copy

    odd_unit = copy.deepcopy(examples.waveform)
    channel = odd_unit.WaveformSequence[0].ChannelDefinitionSequence[0]
    channel.ChannelSensitivityUnitsSequence[0].CodeValue = "mm[Hg]"
    with pytest.raises(ValueError, match="Channel I declares unit 'mm\\[Hg\\]'"):
        read_dicom_ecg(odd_unit)


def test_bandpass_keeps_the_qrs_band_and_removes_wander() -> None:
    time = np.arange(0, 10, 1 / RATE)
    qrs_band = np.sin(2 * np.pi * 10 * time)
    wander = np.sin(2 * np.pi * 0.05 * time)
    filtered = bandpass_filter(qrs_band + wander, RATE)
    middle = slice(2000, 8000)  # away from the edges
    np.testing.assert_allclose(filtered[middle], qrs_band[middle], atol=0.05)


@pytest.mark.parametrize(
    ("rate", "error", "message"),
    [
        (0, ValueError, "not a plausible ECG sampling rate"),
        (-360, ValueError, "not a plausible ECG sampling rate"),
        (float("nan"), ValueError, "`sampling_rate` must be a finite number"),
        ("1000", TypeError, "`sampling_rate` must be a number"),
        (True, TypeError, "`sampling_rate` must be a number"),
        (60, ValueError, "high_hz < sampling_rate / 2"),  # 40 Hz is above Nyquist
    ],
)
def test_wrong_sampling_rate_is_refused(rate, error, message) -> None:
    with pytest.raises(error, match=message):
        bandpass_filter(np.zeros(5000), rate)


def test_nan_short_and_misshapen_signals_are_refused(lead_ii) -> None:
    with_nan = lead_ii.copy()
    with_nan[100] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        bandpass_filter(with_nan, RATE)
    with pytest.raises(ValueError, match="at least 2 s are needed"):
        detect_r_peaks(lead_ii[:1500], RATE)
    with pytest.raises(ValueError, match="at least 1 s are needed"):
        bandpass_filter(lead_ii[:500], RATE)
    with pytest.raises(ValueError, match="1 dimension"):
        bandpass_filter(np.zeros((5000, 2)), RATE)


def test_r_peaks_and_heart_rate_of_the_dicom_ecg(lead_ii) -> None:
    peaks = detect_r_peaks(bandpass_filter(lead_ii, RATE), RATE)
    assert len(peaks) == 10 and np.all(np.diff(peaks) > 900)
    assert 55 < heart_rate(peaks, RATE) < 65
    with pytest.raises(ValueError, match="Found 0 R-peak"):
        detect_r_peaks(np.zeros(5000), RATE)


def test_heart_rate_exact_and_implausible() -> None:
    assert heart_rate([0, 1000, 2000, 3000], RATE) == pytest.approx(60.0)
    np.testing.assert_allclose(rr_intervals([0, 360, 900], 360.0), [1.0, 1.5])
    with pytest.raises(ValueError, match="Check `sampling_rate`"):
        heart_rate([0, 1000, 2000], 100.0)  # a 1000 Hz record declared as 100 Hz: 6 bpm
    with pytest.raises(ValueError, match="strictly increasing"):
        heart_rate([0, 2000, 1000], RATE)
    with pytest.raises(ValueError, match="at least two R-peaks"):
        heart_rate([500], RATE)


def test_beat_windows_drop_beats_at_the_edges() -> None:
    signal = np.arange(3000, dtype=float)
    windows, kept = beat_windows(signal, [100, 1000, 2900], RATE, before_s=0.2, after_s=0.3)
    assert windows.shape == (1, 500) and kept.tolist() == [1]
    assert windows[0, 200] == 1000.0  # the R-peak sits at before_s
    with pytest.raises(ValueError, match="far enough"):
        beat_windows(signal, [10, 2990], RATE)


def test_rr_features_see_premature_beats_and_irregularity() -> None:
    regular = np.arange(0, 20 * 360, 360)
    features = rr_features(regular, 360.0)
    assert features.shape == (20, len(RR_FEATURE_NAMES))
    np.testing.assert_allclose(features[:, 2:4], 1.0)
    np.testing.assert_allclose(features[:, 4], 0.0)
    premature = regular.copy()
    premature[10] -= 120  # early beat, then a compensatory pause
    features = rr_features(premature, 360.0)
    assert features[10, 2] < 0.7 and features[10, 3] > 1.5
    irregular = np.cumsum(np.random.default_rng(0).uniform(200, 500, 30)).astype(int)
    assert np.median(rr_features(irregular, 360.0)[10:, 4]) > 0.2


def test_beats_from_record_needs_one_label_per_beat() -> None:
    record = synthetic_record(0, 20, sampling_rate=360.0)
    with pytest.raises(ValueError, match="one per beat"):
        beats_from_record(record.signal, record.r_peaks, record.labels[:-1], 360.0, 128.0)


def test_synthetic_patients_have_the_three_classes_and_their_own_beats() -> None:
    beats = make_synthetic_beats(num_patients=6, beats_per_patient=40, seed=3)
    again = make_synthetic_beats(num_patients=6, beats_per_patient=40, seed=3)
    np.testing.assert_array_equal(beats.inputs, again.inputs)
    assert beats.class_names == CLASS_NAMES and beats.inputs.shape[1] == 90
    assert all(count > 0 for count in beats.class_counts().values())
    assert set(np.unique(beats.patient_ids)) == set(range(6))
    af = beats.rr_features[beats.labels == 2, 4]
    normal = beats.rr_features[beats.labels == 0, 4]
    assert np.median(af) > 2 * np.median(normal)  # AF is irregular
    pvc = synthetic_record(0, 60, kinds=("PVC",), seed=1)
    assert (pvc.labels == 1).any() and not (pvc.labels == 2).any()
    with pytest.raises(ValueError, match="`kinds` must be one of"):
        synthetic_record(0, 60, kinds=("VF",))


def test_multiclass_metrics() -> None:
    truth = np.array([0, 0, 0, 1, 1, 2, 2, 2])
    predicted = np.array([0, 0, 1, 1, 1, 2, 2, 0])
    matrix = confusion_matrix(truth, predicted, 3)
    np.testing.assert_array_equal(matrix, [[2, 1, 0], [0, 2, 0], [1, 0, 2]])
    sensitivity, ppv = sensitivity_and_ppv(matrix)
    np.testing.assert_allclose(sensitivity, [2 / 3, 1.0, 2 / 3])
    np.testing.assert_allclose(ppv, [2 / 3, 2 / 3, 1.0])
    report = multiclass_report(truth, predicted, ("a", "b", "c"))
    np.testing.assert_array_equal(report.matrix, matrix)
    np.testing.assert_allclose(report.sensitivity, [2 / 3, 1.0, 2 / 3])
    np.testing.assert_allclose(report.ppv, [2 / 3, 2 / 3, 1.0])
    np.testing.assert_allclose(report.f1, [2 / 3, 0.8, 0.8])  # 2 Se PPV / (Se + PPV) by hand
    assert report.macro_f1 == pytest.approx((2 / 3 + 0.8 + 0.8) / 3)
    assert report.accuracy == pytest.approx(6 / 8) and "macro-F1" in str(report)
    absent = multiclass_report([0, 0, 1], [0, 1, 1], ("a", "b", "c"))  # class c never occurs
    assert np.isnan(absent.f1[2]) and absent.macro_f1 == pytest.approx(2 / 3)
    # c never occurs but is predicted once: its Se and F1 are NaN, left out of the mean
    predicted_absent = multiclass_report([0, 0, 1], [0, 2, 1], ("a", "b", "c"))
    assert np.isnan(predicted_absent.sensitivity[2]) and predicted_absent.ppv[2] == 0.0
    assert np.isnan(predicted_absent.f1[2])
    assert predicted_absent.macro_f1 == pytest.approx((2 / 3 + 1.0) / 2)
    # b occurs but is never predicted: its PPV is undefined (NaN), its F1 is 0 and counts
    never_called = multiclass_report([0, 0, 1, 1, 2], [0, 0, 0, 0, 2], ("a", "b", "c"))
    np.testing.assert_allclose(never_called.sensitivity, [1.0, 0.0, 1.0])
    assert np.isnan(never_called.ppv[1]) and never_called.f1[1] == 0.0
    assert never_called.macro_f1 == pytest.approx((2 / 3 + 0.0 + 1.0) / 3)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no library warning on undefined ratios or one class
        multiclass_report([0, 1, 1], [1, 0, 0], ("a", "b", "c"))
        np.testing.assert_array_equal(confusion_matrix([0, 0], [0, 0], 1), [[2]])
    generator = np.random.default_rng(3)
    many_truth, many_predicted = generator.integers(0, 4, 500), generator.integers(0, 4, 500)
    by_hand = np.zeros((4, 4), dtype=int)
    for true_class, predicted_class in zip(many_truth, many_predicted, strict=True):
        by_hand[true_class, predicted_class] += 1
    np.testing.assert_array_equal(confusion_matrix(many_truth, many_predicted, 4), by_hand)
    with pytest.raises(ValueError, match="class indices 0..2"):
        confusion_matrix([0, 3], [0, 1], 3)
    with pytest.raises(ValueError, match="argmax"):
        confusion_matrix([0, 1], [0.2, 0.8], 3)
    with pytest.raises(ValueError, match="square table"):
        sensitivity_and_ppv(np.ones((2, 3)))


def test_patient_wise_split_keeps_patients_together() -> None:
    patients = np.repeat(np.arange(10), 5)
    train, test = patient_wise_split(patients, 0.3, seed=1)
    assert len(np.unique(patients[test])) == 3
    assert not set(patients[train]) & set(patients[test])
    assert sorted(np.concatenate([train, test]).tolist()) == list(range(50))
    assert np.all(np.diff(train) > 0) and np.all(np.diff(test) > 0)  # sorted indices
    again = patient_wise_split(patients, 0.3, seed=1)
    assert np.array_equal(again[1], test)  # the seed fixes the split
    draws = {tuple(patient_wise_split(patients, 0.3, seed=s)[1]) for s in range(8)}
    assert len(draws) > 1  # ... and another seed gives other test patients
    shuffled = np.random.default_rng(0).permutation(np.repeat(np.arange(72), 3))
    for fraction, expected in ((0.25, 18), (0.2, 14), (0.001, 1), (0.999, 71)):
        train, test = patient_wise_split(shuffled, fraction, seed=2)
        assert len(np.unique(shuffled[test])) == expected  # round(), at least 1, not all
        assert not set(shuffled[train]) & set(shuffled[test]) and len(train) + len(test) == 216
    names = np.array(["100", "101", "100", "103", "105", "101"])
    train, test = patient_wise_split(names, 0.5, seed=0)
    assert not set(names[train]) & set(names[test]) and len(set(names[test])) == 2
    train, test = indices_by_patient(np.array(["a", "b", "a"]), ["b"])
    assert train.tolist() == [0, 2] and test.tolist() == [1]
    with pytest.raises(ValueError, match="no samples"):
        indices_by_patient(patients, [42])
    with pytest.raises(ValueError, match="at least two patients"):
        patient_wise_split(np.zeros(5), 0.5)
    with pytest.raises(ValueError, match="strictly between"):
        patient_wise_split(patients, 1.5)
    with pytest.raises(ValueError, match="`seed` must be a non-negative integer"):
        patient_wise_split(patients, 0.3, seed=-1)
    with pytest.raises(ValueError, match="`patient_ids` must be a non-empty 1-D array"):
        patient_wise_split(patients.reshape(5, 10), 0.3)

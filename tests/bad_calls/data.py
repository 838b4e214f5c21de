"""Bad calls of the real-data helpers: containers, DICOM, examples, splits, windows, preprocessing.

DICOM files cut short must be refused, not read as a plausible dataset; sizes that would
allocate gigabytes must be refused before anything is allocated; indices, labels, seeds,
fractions and windows must be whole, finite and in range. (The cache, download, MedMNIST
and MIT-BIH helpers have their own table.)
"""

from __future__ import annotations

import copy
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from bad_calls.table import Arguments, BadCall, GoodCall

DATASET = "helpers.data.containers.Dataset"
SUBSET = "helpers.data.containers.Dataset.subset"
SPLITS = "helpers.data.containers.DataSplits"
TABULAR = "helpers.data.containers.TabularSplits"
BEATS = "helpers.data.containers.BeatDataset"
NAMES = "helpers.data.containers.check_class_names"
READ = "helpers.data.dicom.read_dicom"
HU = "helpers.data.dicom.to_modality_values"
ECG = "helpers.data.dicom.read_dicom_ecg"
RECORDING = "helpers.data.dicom.EcgRecording"
LEAD = "helpers.data.dicom.EcgRecording.lead"
EXAMPLE = "helpers.data.examples.load_example_image"
CANCER = "helpers.data.breast_cancer.load_breast_cancer_splits"
BY_PATIENT = "helpers.data.splits.indices_by_patient"
SPLIT = "helpers.data.splits.patient_wise_split"
BEAT_SET = "helpers.data.windows.beat_dataset"
WARNING = "helpers.data.windows.warning_windows"
STANDARDIZE = "helpers.data.preprocessing.standardize"
WINDOW = "helpers.data.preprocessing.apply_window"
SHAPE = "helpers.data.preprocessing.image_shape"
RESIZE = "helpers.data.preprocessing.resize_image"
WEIGHTS = "helpers.data.preprocessing.balanced_class_weights"

CLASSES = ("normal", "disease")
HU_IMAGE = np.linspace(-1000.0, 1000.0, 32 * 32).reshape(32, 32)
TABLE = np.arange(12.0).reshape(6, 2)
IDS = np.array([1, 1, 2, 2, 3, 3, 4, 4])
VITALS = np.arange(2 * 10 * 1, dtype=float).reshape(2, 10, 1)


def _dataset() -> object:
    from helpers.data.containers import Dataset

    return Dataset(
        inputs=TABLE,
        labels=np.array([0, 1, 0, 1, 1, 0]),
        class_names=CLASSES,
        patient_ids=np.array([7, 7, 8, 8, 9, 9]),
    )


def _recording() -> object:
    from helpers.data.dicom import EcgRecording

    return EcgRecording(np.zeros((100, 2)), 500.0, ("I", "II"))


def _with_dataset(indices: object) -> object:
    return lambda folder: ((_dataset(), indices), {})


def _cut(example: str, keep: float | int, folder: Path) -> Path:
    """A copy of one of pydicom's bundled files cut to ``keep`` bytes (or that share)."""
    from pydicom.examples import get_path

    data = get_path(example).read_bytes()
    length = keep if isinstance(keep, int) else int(len(data) * keep)
    path = folder / f"{example}_cut.dcm"
    path.write_bytes(data[:length])
    return path


def _file(name: str, content: bytes, folder: Path) -> Path:
    path = folder / name
    path.write_bytes(content)
    return path


def _ecg_with_cut_waveform(folder: Path) -> Arguments:
    """A well-formed DICOM ECG file whose first waveform holds 1000 of 240000 bytes."""
    from pydicom import examples

    ecg = copy.deepcopy(examples.waveform)
    ecg.WaveformSequence[0].WaveformData = ecg.WaveformSequence[0].WaveformData[:1000]
    ecg.save_as(folder / "ecg_cut.dcm")
    return (folder / "ecg_cut.dcm",), {}


def _ct_with_nan_slope(folder: Path) -> Arguments:
    from pydicom import examples

    ct = copy.deepcopy(examples.ct)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # pydicom warns that 'nan' is no valid DS value
        ct.RescaleSlope = "nan"
    return (ct,), {}


def _record(patient: object = 1, classes: object = None, signal: object = None) -> tuple:
    """A 10 s record at 250 Hz with an R-peak every second (patient id, signal, ...)."""
    rng = np.random.default_rng(0)
    r_peaks = np.arange(250, 2500, 250)
    if signal is None:
        signal = 0.05 * rng.standard_normal(2500)
        signal[r_peaks] += 1.0
    beat_classes = np.zeros(r_peaks.size, dtype=int) if classes is None else classes
    return (patient, signal, r_peaks, beat_classes, 250.0)


def _ct_path_as(kind: type) -> object:
    def build(folder: Path) -> tuple[Arguments, Arguments]:
        from pydicom.examples import get_path

        path = get_path("ct")
        return ((kind(path),), {}), ((path,), {})

    return build


CALLS: list[BadCall | GoodCall] = [
    # --- Dataset and its subclasses: rows line up, labels are class indices ------------
    BadCall(
        DATASET,
        (),
        {"inputs": [[0.0, 1.0], [2.0]], "labels": [0, 1], "class_names": CLASSES},
        mentions="inputs",
        why="ragged list of feature rows",
    ),
    BadCall(
        DATASET,
        (),
        {"inputs": np.array([[0.0], [np.nan]]), "labels": [0, 1], "class_names": CLASSES},
        mentions="inputs",
        why="NaN in the inputs",
    ),
    BadCall(
        DATASET,
        (),
        {"inputs": np.array([["a"], ["b"]]), "labels": [0, 1], "class_names": CLASSES},
        raises=TypeError,
        mentions="inputs",
        why="text inputs",
    ),
    BadCall(
        DATASET,
        (),
        {"inputs": TABLE, "labels": [0, 0.5, 1, 1, 0, 0], "class_names": CLASSES},
        mentions="labels",
        why="probabilities passed as labels",
    ),
    BadCall(
        DATASET,
        (),
        {"inputs": TABLE, "labels": [0, 1, 2, 1, 0, 0], "class_names": CLASSES},
        mentions="labels",
        why="label 2 with two class names",
    ),
    BadCall(
        DATASET,
        (),
        {"inputs": TABLE, "labels": [0, -1, 1, 1, 0, 0], "class_names": CLASSES},
        mentions="labels",
        why="negative label",
    ),
    BadCall(
        DATASET,
        (),
        {"inputs": TABLE, "labels": np.eye(2)[[0, 1, 0, 1, 1, 0]], "class_names": CLASSES},
        mentions="labels",
        why="one-hot labels",
    ),
    BadCall(
        DATASET,
        (),
        {"inputs": TABLE, "labels": None, "class_names": CLASSES},
        raises=TypeError,
        mentions="labels",
        why="no labels",
    ),
    BadCall(
        DATASET,
        (),
        {"inputs": TABLE, "labels": [0, 1, 0], "class_names": CLASSES},
        mentions="inputs",
        why="6 input rows, 3 labels",
    ),
    BadCall(
        DATASET,
        (),
        {"inputs": TABLE, "labels": [0, 1, 0, 1, 1, 0], "class_names": "ab"},
        raises=TypeError,
        mentions="class_names",
        why="one string, not a list of names",
    ),
    BadCall(
        DATASET,
        (),
        {"inputs": TABLE, "labels": [0] * 6, "class_names": ("a", "a")},
        mentions="class_names",
        why="the same name twice",
    ),
    BadCall(
        DATASET,
        (),
        {"inputs": TABLE, "labels": [0] * 6, "class_names": ("a",)},
        mentions="class_names",
        why="a single class",
    ),
    BadCall(
        DATASET,
        (),
        {
            "inputs": TABLE,
            "labels": [0] * 6,
            "class_names": CLASSES,
            "patient_ids": [1, 2, np.nan, 3, 4, 5],
        },
        mentions="patient_ids",
        why="a NaN patient id",
    ),
    BadCall(
        DATASET,
        (),
        {"inputs": TABLE, "labels": [0] * 6, "class_names": CLASSES, "patient_ids": [1, 2]},
        mentions="patient_ids",
        why="fewer patient ids than samples",
    ),
    BadCall(
        DATASET,
        (),
        {"inputs": TABLE, "labels": [0] * 6, "class_names": CLASSES, "unit": 3},
        raises=TypeError,
        mentions="unit",
        why="unit not text",
    ),
    BadCall(
        BEATS,
        (),
        {
            "inputs": TABLE,
            "labels": [0] * 6,
            "class_names": CLASSES,
            "rr_features": np.zeros((6, 4)),
            "sampling_rate": np.nan,
        },
        mentions="sampling_rate",
        why="NaN sampling rate",
    ),
    BadCall(
        BEATS,
        (),
        {
            "inputs": TABLE,
            "labels": [0] * 6,
            "class_names": CLASSES,
            "rr_features": np.zeros((5, 4)),
            "sampling_rate": 128.0,
        },
        mentions="rr_features",
        why="RR features for 5 of 6 beats",
    ),
    BadCall(NAMES, ([0, 1],), raises=TypeError, mentions="class_names", why="numbers as names"),
    BadCall(
        SPLITS,
        (),
        build=lambda folder: (
            (),
            {"train": (TABLE, [0, 1]), "val": _dataset(), "test": _dataset()},
        ),
        raises=TypeError,
        mentions="train",
        why="an (x, y) tuple instead of a Dataset",
    ),
    BadCall(
        SPLITS,
        (),
        build=lambda folder: (
            (),
            {
                "train": _dataset(),
                "test": _dataset(),
                "val": _dataset().__class__(inputs=TABLE, labels=[0] * 6, class_names=("b", "m")),
            },
        ),
        mentions="val",
        why="splits with different class names",
    ),
    BadCall(
        TABULAR,
        (),
        build=lambda folder: (
            (),
            {
                "train": _dataset(),
                "val": _dataset(),
                "test": _dataset(),
                "feature_names": ("a", "b"),
                "mean": np.zeros(3),
                "std": np.ones(2),
            },
        ),
        mentions="mean",
        why="three means for two features",
    ),
    BadCall(
        TABULAR,
        (),
        build=lambda folder: (
            (),
            {
                "train": _dataset(),
                "val": _dataset(),
                "test": _dataset(),
                "feature_names": ("a", "b"),
                "mean": np.zeros(2),
                "std": np.zeros(2),
            },
        ),
        mentions="std",
        why="zero standard deviation",
    ),
    # --- subset: indices in range, whole numbers, masks of the right length ------------
    BadCall(SUBSET, build=_with_dataset([0, 10]), mentions="indices", why="index out of range"),
    BadCall(SUBSET, build=_with_dataset([-1]), mentions="indices", why="negative index"),
    BadCall(
        SUBSET,
        build=_with_dataset([0.5, 1.0]),
        raises=TypeError,
        mentions="indices",
        why="fractional indices",
    ),
    BadCall(
        SUBSET,
        build=_with_dataset(np.array([True, False])),
        mentions="indices",
        why="mask of another dataset's length",
    ),
    BadCall(SUBSET, build=_with_dataset([[0, 1]]), mentions="indices", why="2-D index"),
    BadCall(
        SUBSET, build=_with_dataset(None), raises=TypeError, mentions="indices", why="no indices"
    ),
    BadCall(
        SUBSET, build=_with_dataset(["a"]), raises=TypeError, mentions="indices", why="text indices"
    ),
    GoodCall(
        SUBSET,
        build=lambda folder: (
            ((_dataset(), pd.Series([True, False, True, False, False, True])), {}),
            ((_dataset(), np.array([True, False, True, False, False, True])), {}),
        ),
        why="pandas boolean Series as mask",
    ),
    GoodCall(
        SUBSET,
        build=lambda folder: (((_dataset(), (4, 1)), {}), ((_dataset(), np.array([4, 1])), {})),
        why="tuple of indices",
    ),
    GoodCall(
        DATASET,
        (),
        {"inputs": TABLE.tolist(), "labels": [0, 1, 0, 1, 1, 0], "class_names": list(CLASSES)},
        reference=(
            (),
            {"inputs": TABLE, "labels": np.array([0, 1, 0, 1, 1, 0]), "class_names": CLASSES},
        ),
        why="lists for inputs, labels and class names",
    ),
    # --- DICOM: missing, foreign, truncated, corrupt files -----------------------------
    BadCall(
        READ,
        build=lambda folder: ((folder / "absent.dcm",), {}),
        raises=FileNotFoundError,
        mentions="source",
        why="missing file",
    ),
    BadCall(READ, build=lambda folder: ((folder,), {}), mentions="source", why="a folder"),
    BadCall(READ, (3,), raises=TypeError, mentions="source", why="a number as path"),
    BadCall(
        READ,
        build=lambda folder: ((_file("x.dcm", np.random.default_rng(0).bytes(4096), folder),), {}),
        mentions="not a readable DICOM",
        why="random bytes",
    ),
    BadCall(
        READ,
        build=lambda folder: ((_file("x.csv", b"age,sex\n61,F\n", folder),), {}),
        mentions="not a readable DICOM",
        why="a CSV file",
    ),
    BadCall(
        READ,
        build=lambda folder: ((_file("empty.dcm", b"", folder),), {}),
        mentions="not a readable DICOM",
        why="an empty file",
    ),
    BadCall(
        READ,
        build=lambda folder: ((_cut("ct", 0.5, folder),), {}),
        mentions="truncated",
        why="CT cut in half (in the pixel data)",
    ),
    BadCall(
        READ,
        build=lambda folder: ((_cut("ct", 5000, folder),), {}),
        mentions="truncated",
        why="CT cut in its header",
    ),
    BadCall(
        READ,
        build=lambda folder: ((_cut("mr", 0.5, folder),), {}),
        mentions="truncated",
        why="MR cut in half",
    ),
    BadCall(
        READ,
        build=lambda folder: ((_cut("ct", 1.0, folder),), {"require_image": "yes"}),
        raises=TypeError,
        mentions="require_image",
        why="require_image as text",
    ),
    BadCall(
        HU,
        build=lambda folder: ((_cut("ct", 0.5, folder),), {}),
        mentions="truncated",
        why="HU of a CT cut in half",
    ),
    BadCall(HU, build=_ct_with_nan_slope, mentions="rescale", why="NaN rescale slope"),
    BadCall(HU, (None,), raises=TypeError, mentions="source", why="no file"),
    BadCall(
        ECG,
        build=_ecg_with_cut_waveform,
        mentions="truncated",
        why="ECG whose waveform data is cut",
    ),
    BadCall(
        ECG,
        build=lambda folder: ((_cut("waveform", 0.5, folder),), {}),
        mentions="truncated",
        why="ECG file cut in half",
    ),
    BadCall(
        ECG,
        build=lambda folder: ((_cut("ct", 1.0, folder),), {}),
        mentions="waveform",
        why="a CT is no ECG",
    ),
    BadCall(
        ECG,
        build=lambda folder: ((_cut("waveform", 1.0, folder),), {"group": 1.0}),
        raises=TypeError,
        mentions="group",
        why="float group",
    ),
    BadCall(
        ECG,
        build=lambda folder: ((_cut("waveform", 1.0, folder),), {"group": 5}),
        mentions="group",
        why="group beyond the two in the file",
    ),
    BadCall(
        ECG,
        build=lambda folder: ((_cut("waveform", 1.0, folder),), {"group": -1}),
        mentions="group",
        why="negative group",
    ),
    BadCall(RECORDING, (np.zeros(100), 500.0, ("I",)), mentions="signals", why="1-D signals"),
    BadCall(
        RECORDING,
        (np.zeros((100, 2)), 500.0, ("I", "II", "III")),
        mentions="lead_names",
        why="three names for two leads",
    ),
    BadCall(
        RECORDING,
        (np.zeros((100, 2)), 0.0, ("I", "II")),
        mentions="sampling_rate",
        why="zero sampling rate",
    ),
    BadCall(
        LEAD,
        build=lambda folder: ((_recording(), "V7"), {}),
        mentions="name",
        why="a lead the recording lacks",
    ),
    BadCall(
        LEAD,
        build=lambda folder: ((_recording(), 1), {}),
        raises=TypeError,
        mentions="name",
        why="lead by number",
    ),
    GoodCall(HU, build=_ct_path_as(str), why="path as str"),
    # --- bundled example images ------------------------------------------------------
    BadCall(EXAMPLE, ("xray",), mentions="name", why="unknown image"),
    BadCall(EXAMPLE, (3,), raises=TypeError, mentions="name", why="name as number"),
    BadCall(EXAMPLE, ("ct", 10**5), mentions="size", why="100000 x 100000 image"),
    BadCall(EXAMPLE, ("ct", 0), mentions="size", why="size 0"),
    BadCall(EXAMPLE, ("ct", 2.5), raises=TypeError, mentions="size", why="fractional size"),
    BadCall(
        EXAMPLE,
        ("ct", (64, 64)),
        raises=TypeError,
        mentions="size",
        why="a pair where one int is expected",
    ),
    # --- breast cancer splits ---------------------------------------------------------
    BadCall(CANCER, (), {"test_fraction": 1.5}, mentions="test_fraction", why="fraction above 1"),
    BadCall(CANCER, (), {"test_fraction": 20}, mentions="test_fraction", why="percent"),
    BadCall(
        CANCER,
        (),
        {"test_fraction": 0.001},
        mentions="test_fraction",
        why="test split of one patient",
    ),
    BadCall(
        CANCER,
        (),
        {"validation_fraction": np.nan},
        mentions="validation_fraction",
        why="NaN fraction",
    ),
    BadCall(CANCER, (), {"seed": -1}, mentions="seed", why="negative seed"),
    BadCall(CANCER, (), {"seed": "0"}, raises=TypeError, mentions="seed", why="seed as text"),
    BadCall(CANCER, (), {"scale": "yes"}, raises=TypeError, mentions="scale", why="scale as text"),
    GoodCall(
        CANCER, (), {"seed": np.int64(3)}, reference=((), {"seed": 3}), why="NumPy integer seed"
    ),
    # --- patient-wise splits -----------------------------------------------------------
    BadCall(SPLIT, (IDS.reshape(2, 4),), mentions="patient_ids", why="2-D patient ids"),
    BadCall(SPLIT, ([],), mentions="patient_ids", why="no patients"),
    BadCall(SPLIT, ([1.0, np.nan, 2.0],), mentions="patient_ids", why="NaN patient id"),
    BadCall(SPLIT, ([[1, 2], [3]],), mentions="patient_ids", why="ragged patient ids"),
    BadCall(SPLIT, ([5, 5, 5],), mentions="patient_ids", why="one patient"),
    BadCall(
        SPLIT,
        (pd.Series([1, "a", 2], dtype=object),),
        raises=TypeError,
        mentions="patient_ids",
        why="numbers mixed with names",
    ),
    BadCall(SPLIT, (IDS,), {"seed": -3}, mentions="seed", why="negative seed"),
    BadCall(SPLIT, (IDS,), {"seed": "7"}, raises=TypeError, mentions="seed", why="seed as text"),
    BadCall(SPLIT, (IDS,), {"seed": 1.5}, raises=TypeError, mentions="seed", why="float seed"),
    BadCall(SPLIT, (IDS,), {"seed": 2**40}, mentions="seed", why="seed beyond 2**32"),
    BadCall(SPLIT, (IDS, 0.0), mentions="test_fraction", why="empty test split"),
    BadCall(SPLIT, (IDS, 25), mentions="test_fraction", why="percent"),
    BadCall(
        SPLIT, (IDS, "0.2"), raises=TypeError, mentions="test_fraction", why="fraction as text"
    ),
    BadCall(BY_PATIENT, (IDS, [42]), mentions="test_patients", why="unknown patient"),
    BadCall(BY_PATIENT, (IDS, []), mentions="test_patients", why="no test patients"),
    BadCall(
        BY_PATIENT,
        (IDS, [1, 2, 3, 4]),
        mentions="test_patients",
        why="every patient in the test set",
    ),
    BadCall(BY_PATIENT, (IDS, [[1]]), mentions="test_patients", why="2-D test patients"),
    BadCall(
        BY_PATIENT, (None, [1]), raises=TypeError, mentions="patient_ids", why="no patient ids"
    ),
    GoodCall(
        SPLIT,
        (pd.Series(IDS), 0.25),
        {"seed": np.int64(1)},
        reference=((IDS, 0.25), {"seed": 1}),
        why="pandas Series and NumPy seed",
    ),
    GoodCall(BY_PATIENT, (IDS, 2), reference=((IDS, [2]), {}), why="one patient id"),
    # --- windows: beats and early-warning windows ---------------------------------------
    BadCall(WARNING, (VITALS[0], [-1]), mentions="vitals", why="2-D vitals"),
    BadCall(
        WARNING,
        (np.where(VITALS == 3, np.nan, VITALS), [-1, 8]),
        mentions="vitals",
        why="NaN in vitals",
    ),
    BadCall(
        WARNING,
        (VITALS, [2.5, -1]),
        {"window_hours": 2},
        mentions="event_hours",
        why="fractional event hour",
    ),
    BadCall(
        WARNING,
        (VITALS, [-5, 8]),
        {"window_hours": 2},
        mentions="event_hours",
        why="event hour below -1",
    ),
    BadCall(
        WARNING,
        (VITALS, [-1, 30]),
        {"window_hours": 2},
        mentions="event_hours",
        why="event after the stay (minutes, not hours?)",
    ),
    BadCall(WARNING, (VITALS, [-1]), mentions="event_hours", why="one event hour for 2 stays"),
    BadCall(
        WARNING, (VITALS, [-1, 8]), {"window_hours": 0}, mentions="window_hours", why="zero window"
    ),
    BadCall(
        WARNING,
        (VITALS, [-1, 8]),
        {"window_hours": 1.5},
        raises=TypeError,
        mentions="window_hours",
        why="fractional window",
    ),
    BadCall(
        WARNING,
        (VITALS, [-1, 8]),
        {"window_hours": 10**9},
        mentions="window_hours",
        why="window longer than the stay",
    ),
    BadCall(
        WARNING,
        (VITALS, [-1, 8]),
        {"horizon_hours": "6"},
        raises=TypeError,
        mentions="horizon_hours",
        why="horizon as text",
    ),
    BadCall(
        WARNING,
        build=lambda folder: ((np.zeros((100, 5000, 4)), np.full(100, -1)), {"window_hours": 2500}),
        mentions="window_hours",
        why="10 GiB of overlapping windows: refused up front",
    ),
    GoodCall(
        WARNING,
        (VITALS.tolist(), [-1, 8]),
        {"window_hours": 3},
        reference=((VITALS, np.array([-1, 8])), {"window_hours": 3}),
        why="nested lists",
    ),
    BadCall(
        BEAT_SET,
        ("records", CLASSES),
        raises=TypeError,
        mentions="records",
        why="a string as records",
    ),
    BadCall(BEAT_SET, ([], CLASSES), mentions="records", why="no records"),
    BadCall(
        BEAT_SET,
        ([(1, np.zeros(2500))], CLASSES),
        raises=TypeError,
        mentions="records",
        why="record without R-peaks, classes and rate",
    ),
    BadCall(
        BEAT_SET,
        ([_record(patient=None)], CLASSES),
        raises=TypeError,
        mentions="records",
        why="record without patient id",
    ),
    BadCall(
        BEAT_SET,
        ([_record(signal=np.full(2500, np.nan))], CLASSES),
        mentions="records",
        why="NaN signal",
    ),
    BadCall(
        BEAT_SET,
        ([_record(classes=np.full(9, 2))], CLASSES),
        mentions="class_names",
        why="beat class 2 with two class names",
    ),
    BadCall(
        BEAT_SET,
        ([_record()], "NV"),
        raises=TypeError,
        mentions="class_names",
        why="class names as one string",
    ),
    BadCall(BEAT_SET, ([_record()], CLASSES, 1e9), mentions="target_rate", why="resample to 1 GHz"),
    BadCall(
        BEAT_SET,
        ([_record()], CLASSES, "128"),
        raises=TypeError,
        mentions="target_rate",
        why="rate as text",
    ),
    # --- preprocessing: standardise, CT windows, resize, class weights ------------------
    BadCall(WINDOW, (HU_IMAGE, 40, np.nan), mentions="width", why="NaN width: all-NaN image"),
    BadCall(WINDOW, (HU_IMAGE, 40, "400"), raises=TypeError, mentions="width", why="width as text"),
    BadCall(WINDOW, (HU_IMAGE, 40, -400), mentions="width", why="negative width"),
    BadCall(WINDOW, (HU_IMAGE, np.inf, 400), mentions="center", why="infinite center"),
    BadCall(WINDOW, (HU_IMAGE, None, 400), raises=TypeError, mentions="center", why="no center"),
    BadCall(
        WINDOW,
        ((HU_IMAGE + 1000) / 2000, 40, 400),
        mentions="image",
        why="image already scaled to [0, 1]",
    ),
    BadCall(WINDOW, (HU_IMAGE[0], 40, 400), mentions="image", why="1-D image"),
    BadCall(WINDOW, ([[0.0, 1.0], [2.0]], 40, 400), mentions="image", why="ragged image"),
    GoodCall(
        WINDOW,
        (HU_IMAGE.tolist(), np.float32(40), np.int64(400)),
        reference=((HU_IMAGE, 40.0, 400.0), {}),
        why="nested list and NumPy scalars",
    ),
    BadCall(RESIZE, (HU_IMAGE, 4 * 10**4), mentions="size", why="40000 x 40000: many GiB"),
    BadCall(RESIZE, (HU_IMAGE, (10**5, 10**5)), mentions="size", why="huge (height, width)"),
    BadCall(RESIZE, (HU_IMAGE, 0), mentions="size", why="size 0"),
    BadCall(RESIZE, (HU_IMAGE, "32"), raises=TypeError, mentions="size", why="size as text"),
    BadCall(RESIZE, (HU_IMAGE, (32,)), mentions="size", why="one-element size"),
    BadCall(
        RESIZE, (HU_IMAGE, (32, 32.5)), raises=TypeError, mentions="size", why="fractional width"
    ),
    BadCall(
        RESIZE, (np.where(HU_IMAGE > 900, np.nan, HU_IMAGE), 16), mentions="image", why="NaN pixels"
    ),
    BadCall(RESIZE, (np.zeros((2, 8, 8)), 4), mentions="image", why="a stack, not one image"),
    BadCall(SHAPE, (True,), raises=TypeError, mentions="size", why="bool size"),
    GoodCall(
        RESIZE, (HU_IMAGE, [20, 40]), reference=((HU_IMAGE, (20, 40)), {}), why="size as a list"
    ),
    GoodCall(
        RESIZE, (HU_IMAGE, np.int64(16)), reference=((HU_IMAGE, 16), {}), why="NumPy integer size"
    ),
    BadCall(WEIGHTS, ([0, 0.5, 1], 2), mentions="labels", why="fractional labels"),
    BadCall(WEIGHTS, ([0, -1, 1], 2), mentions="labels", why="negative label"),
    BadCall(WEIGHTS, ([0, 1, 2], 2), mentions="labels", why="label beyond num_classes"),
    BadCall(WEIGHTS, (np.eye(2)[[0, 1, 1]], 2), mentions="labels", why="one-hot labels"),
    BadCall(WEIGHTS, ([0, np.nan], 2), mentions="labels", why="NaN label"),
    BadCall(
        WEIGHTS, ([0, 1], 2.0), raises=TypeError, mentions="num_classes", why="float num_classes"
    ),
    BadCall(WEIGHTS, ([0, 1], 0), mentions="num_classes", why="zero classes"),
    GoodCall(
        WEIGHTS,
        (pd.Series([0, 0, 1]), np.int64(2)),
        reference=((np.array([0, 0, 1]), 2), {}),
        why="pandas Series, NumPy int",
    ),
    BadCall(STANDARDIZE, (np.arange(5.0),), mentions="train", why="1-D train"),
    BadCall(
        STANDARDIZE, (np.array([[0.0, np.nan], [1.0, 2.0]]),), mentions="train", why="NaN in train"
    ),
    BadCall(
        STANDARDIZE, (np.array([[1.0, 2.0]]),), mentions="train", why="one training row: no spread"
    ),
    BadCall(
        STANDARDIZE,
        (TABLE, np.zeros((2, 3))),
        mentions="others",
        why="test table with other columns",
    ),
    BadCall(
        STANDARDIZE, (TABLE, np.zeros((2, 3, 2))), mentions="others", why="series next to a table"
    ),
    BadCall(STANDARDIZE, ([[1.0, 2.0], [3.0]],), mentions="train", why="ragged train"),
    GoodCall(
        STANDARDIZE,
        (pd.DataFrame(TABLE), TABLE[:2].tolist()),
        reference=((TABLE, TABLE[:2]), {}),
        why="DataFrame and list",
    ),
]

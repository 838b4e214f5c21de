"""MIT-BIH loader on small WFDB records written with wfdb's own writers; nothing is downloaded."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import wfdb
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier

from helpers.data.mitbih import (
    AAMI_CLASSES,
    DS1,
    DS2,
    download_mitbih,
    load_mitbih_beats,
    read_record,
    record_names,
)
from helpers.data.splits import patient_wise_split
from helpers.synthetic.ecg import PVC, synthetic_record

RATE = 360


def macro_f1_by_hand(truth: np.ndarray, predicted: np.ndarray) -> float:
    """Mean over the classes present in ``truth`` of F1 = 2 TP / (2 TP + FP + FN)."""
    scores = []
    for label in np.unique(truth):
        tp = np.sum((truth == label) & (predicted == label))
        fp = np.sum((truth != label) & (predicted == label))
        fn = np.sum((truth == label) & (predicted != label))
        scores.append(2 * tp / (2 * tp + fp + fn))
    return float(np.mean(scores))


def write_record(
    folder: Path, name: str, patient: int, num_beats: int = 60, annotation: bool = True
) -> list[str]:
    """A two-lead WFDB record (MLII, V1) with an .atr file; returns its beat symbols.

    Normal beats are 'N', PVCs 'V'; beats 3 and 4 become 'A' (supraventricular) and
    'F' (fusion), beat 5 '/' (paced), and a rhythm annotation '+' opens the file, as
    in MIT-BIH.
    """
    record = synthetic_record(patient, num_beats, sampling_rate=RATE, kinds=("PVC",), seed=5)
    signals = np.stack([record.signal, 0.6 * record.signal], axis=1)
    wfdb.wrsamp(
        name,
        fs=RATE,
        units=["mV", "mV"],
        sig_name=["MLII", "V1"],
        p_signal=signals,
        fmt=["212", "212"],
        write_dir=str(folder),
    )
    symbols = np.where(record.labels == PVC, "V", "N")
    symbols[3:6] = ["A", "F", "/"]
    if annotation:
        wfdb.wrann(
            name,
            "atr",
            np.concatenate([[2], record.r_peaks]),
            np.concatenate([["+"], symbols]).tolist(),
            fs=RATE,
            write_dir=str(folder),
        )
    return symbols.tolist()


@pytest.fixture(scope="module")
def mitbih_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three DS1-named and two DS2-named records."""
    folder = tmp_path_factory.mktemp("mitdb")
    for patient, name in enumerate(("101", "106", "108", "100", "103")):
        write_record(folder, name, patient)
    return folder


def test_standard_record_sets() -> None:
    assert len(DS1) == len(DS2) == 22 and not set(DS1) & set(DS2)
    assert not {"102", "104", "107", "217"} & (set(DS1) | set(DS2))  # paced records left out
    assert record_names("DS2") == DS2 and record_names([100, "101"]) == ("100", "101")
    with pytest.raises(ValueError, match="'DS1', 'DS2' or a list"):
        record_names("DS3")
    with pytest.raises(ValueError, match="is empty"):
        record_names([])
    assert {AAMI_CLASSES[s] for s in "NLRej"} == {"N"} and AAMI_CLASSES["/"] == "Q"


def test_loader_maps_beats_to_aami_classes(mitbih_folder: Path, tmp_path: Path) -> None:
    symbols = write_record(tmp_path, "200", patient=7)
    signal, rate, samples, classes = read_record("200", tmp_path)
    assert rate == RATE and signal.ndim == 1 and len(samples) == len(symbols)  # '+' dropped
    assert classes.tolist() == [AAMI_CLASSES[s] for s in symbols]
    beats = load_mitbih_beats(["200"], tmp_path)
    assert beats.class_names == ("N", "S", "V", "F") and beats.sampling_rate == 128.0
    counts = beats.class_counts()
    assert counts["S"] == counts["F"] == 1 and counts["V"] == symbols.count("V")
    assert len(beats.labels) < len(symbols)  # Q (paced) and edge beats dropped
    assert set(beats.patient_ids) == {"200"} and beats.inputs.shape[1] == 90
    both = load_mitbih_beats(["101", "106"], mitbih_folder, classes=("N", "V"))
    assert set(both.patient_ids) == {"101", "106"} and set(both.labels) <= {0, 1}
    with pytest.raises(ValueError, match="AAMI classes"):
        load_mitbih_beats(["101"], mitbih_folder, classes=("N", "X"))


def test_missing_files_are_named(tmp_path: Path) -> None:
    write_record(tmp_path, "111", patient=1, annotation=False)
    with pytest.raises(FileNotFoundError, match=r"No annotation file 111\.atr"):
        read_record("111", tmp_path)
    with pytest.raises(FileNotFoundError, match=r"No header file 999\.hea.*dl_database"):
        load_mitbih_beats(["999"], tmp_path)


def test_mismatched_annotation_files_are_refused(tmp_path: Path) -> None:
    long_record = synthetic_record(0, 80, sampling_rate=RATE)
    write_record(tmp_path, "113", patient=1, num_beats=30)
    wfdb.wrann(
        "113",
        "atr",
        long_record.r_peaks,
        ["N"] * len(long_record.r_peaks),
        fs=RATE,
        write_dir=str(tmp_path),
    )  # annotations of a longer record
    with pytest.raises(ValueError, match="past the end of the signal"):
        read_record("113", tmp_path)
    write_record(tmp_path, "117", patient=2, num_beats=30)
    peaks = synthetic_record(2, 30, sampling_rate=RATE, kinds=("PVC",), seed=5).r_peaks
    wfdb.wrann("117", "atr", peaks // 2, ["N"] * len(peaks), fs=180, write_dir=str(tmp_path))
    with pytest.raises(ValueError, match="at 180 Hz but the signal at 360"):
        read_record("117", tmp_path)
    write_record(tmp_path, "119", patient=3, num_beats=30)
    wfdb.wrann("119", "atr", np.array([5, 10]), ["+", "~"], fs=RATE, write_dir=str(tmp_path))
    with pytest.raises(ValueError, match="fewer than two beat labels"):
        read_record("119", tmp_path)
    with pytest.raises(ValueError, match="no lead 'V5'"):
        read_record("113", tmp_path, lead="V5")


def test_truncated_signal_file_gives_a_clear_error(tmp_path: Path) -> None:
    write_record(tmp_path, "121", patient=4, num_beats=30)
    data = tmp_path / "121.dat"
    data.write_bytes(data.read_bytes()[:1000])
    with pytest.raises(ValueError, match="Cannot read WFDB record"):
        read_record("121", tmp_path)


def test_streaming_without_network_says_how_to_get_the_data() -> None:
    with pytest.raises(ConnectionError, match="Could not stream record 100 from PhysioNet"):
        read_record("100")


def test_notebook_runs_in_mitbih_mode_on_local_records(mitbih_folder: Path, run_notebook) -> None:
    figures = run_notebook(
        "08_vital_signs_and_ecg",
        data_mode="mitbih",
        mitbih_folder=str(mitbih_folder),
        mitbih_train_records=["101", "106", "108"],
        mitbih_test_records=["100", "103"],
        num_epochs=2,
        icu_patients=80,
        vitals_epochs=1,
    )
    # the notebook read exactly the fixture records of each side of the split
    assert figures["num_training_beats"] == len(
        load_mitbih_beats(["101", "106", "108"], mitbih_folder).labels
    )
    assert figures["num_test_beats"] == len(load_mitbih_beats(["100", "103"], mitbih_folder).labels)
    # the memoriser experiment on these beats, scored here by hand; the notebook's defaults
    # seed = 0 and test_fraction = 0.25 choose its two splits
    beats = load_mitbih_beats(["101", "106", "108"], mitbih_folder, target_rate=128.0)

    def memoriser_macro_f1(train: np.ndarray, test: np.ndarray) -> float:
        memoriser = KNeighborsClassifier(n_neighbors=1)
        memoriser.fit(beats.inputs[train], beats.labels[train])
        return macro_f1_by_hand(beats.labels[test], memoriser.predict(beats.inputs[test]))

    by_beat = train_test_split(np.arange(len(beats.labels)), test_size=0.25, random_state=0)
    by_patient = patient_wise_split(beats.patient_ids, 0.25, seed=0)
    assert figures["beatwise_knn_macro_f1"] == pytest.approx(memoriser_macro_f1(*by_beat))
    assert figures["patientwise_knn_macro_f1"] == pytest.approx(memoriser_macro_f1(*by_patient))
    assert figures["median_beat_correlation"] > 0.95  # the DICOM part is unchanged


def test_download_verifies_every_file_against_the_published_sums(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hashlib

    from helpers.data.download import ChecksumError

    server = tmp_path / "physionet"  # a local stand-in for PhysioNet, reached by file:// URLs
    server.mkdir()
    write_record(server, "100", patient=0, num_beats=20)
    sums = [
        f"{hashlib.sha256(path.read_bytes()).hexdigest()} {path.name}"
        for path in sorted(server.iterdir())
    ]
    (server / "SHA256SUMS.txt").write_text("\n".join(sums) + "\n")
    monkeypatch.setenv("MEDICAL_DL_DATA_DIR", str(tmp_path / "cache"))
    folder = download_mitbih(["100"], base_url=server.as_uri() + "/")
    assert folder == tmp_path / "cache" / "mitdb"
    assert sorted(p.name for p in folder.iterdir()) == ["100.atr", "100.dat", "100.hea"]
    assert set(load_mitbih_beats(["100"], folder).patient_ids) == {"100"}
    with pytest.raises(ValueError, match="lists no 101.hea"):
        download_mitbih(["101"], base_url=server.as_uri() + "/")
    (folder / "100.dat").unlink()
    good_dat = (server / "100.dat").read_bytes()
    (server / "100.dat").write_bytes(b"corrupted")
    with pytest.raises(ChecksumError, match="does not match its published SHA256"):
        download_mitbih(["100"], base_url=server.as_uri() + "/")
    with pytest.raises(ConnectionError, match="Could not download .*SHA256SUMS.txt"):
        download_mitbih(["100"])  # the tests are offline
    (server / "100.dat").write_bytes(good_dat)
    # a base_url without its final '/' used to read as "Is this machine online?"
    assert download_mitbih(["100", "100"], base_url=server.as_uri()) == folder
    with pytest.raises(FileNotFoundError, match="cannot read .*SHA256SUMS.txt"):
        download_mitbih(["100"], base_url=(tmp_path / "nowhere").as_uri())
    (tmp_path / "junk").mkdir()
    (tmp_path / "junk" / "SHA256SUMS.txt").write_bytes(b"<html>Moved</html>")
    with pytest.raises(ValueError, match="not a list of SHA-256 checksums"):
        download_mitbih(["100"], base_url=(tmp_path / "junk").as_uri())
    for base_url in ("physionet.org/files/mitdb", "ftp://physionet.org/", "https://h/?q=1"):
        with pytest.raises(ValueError, match="`base_url`"):
            download_mitbih(["100"], base_url=base_url)


def test_record_names_are_validated() -> None:
    assert record_names(np.array([100, 101])) == ("100", "101")
    with pytest.raises(ValueError, match="more than once"):
        record_names(["100", 100])
    with pytest.raises(ValueError, match="not a WFDB record name"):
        record_names(["../etc/passwd"])
    with pytest.raises(TypeError, match="`records`"):
        record_names([100.0])
    with pytest.raises(TypeError, match="`records`"):
        record_names(100)
    with pytest.raises(TypeError, match="`name`"):
        read_record(None)


def test_arguments_are_validated_before_reading(mitbih_folder: Path, tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="`data_folder`: no folder"):
        read_record("100", tmp_path / "absent")
    with pytest.raises(ValueError, match="`data_folder` must be the folder"):
        read_record("100", mitbih_folder / "100.hea")
    with pytest.raises(ValueError, match="`classes` names a class twice"):
        load_mitbih_beats(["100"], mitbih_folder, classes=("N", "N"))
    with pytest.raises(TypeError, match="`classes`"):
        load_mitbih_beats(["100"], mitbih_folder, classes=5)
    with pytest.raises(ValueError, match="`target_rate`"):
        load_mitbih_beats(["100"], mitbih_folder, target_rate=0.0)
    with pytest.raises(TypeError, match="`lead`"):
        load_mitbih_beats(["100"], mitbih_folder, lead=1)
    with pytest.raises(ValueError, match="`pn_dir`"):
        read_record("100", pn_dir="../mitdb")


def test_an_annotation_note_that_would_hang_wfdb_is_refused(tmp_path: Path) -> None:
    write_record(tmp_path, "100", patient=0, num_beats=20)
    note = b"## hello"  # wfdb.rdann loops forever on an unknown '## ' note at sample 0
    words = [(22 << 10).to_bytes(2, "little"), ((63 << 10) | len(note)).to_bytes(2, "little")]
    (tmp_path / "100.atr").write_bytes(b"".join(words) + note + (tmp_path / "100.atr").read_bytes())
    with pytest.raises(ValueError, match="unknown '## ' notes"):
        read_record("100", tmp_path)

"""The MIT-BIH Arrhythmia Database through wfdb: AAMI classes and the inter-patient split.

48 half-hour two-lead ambulatory ECGs (47 patients, 360 Hz) with every beat annotated
by two cardiologists (Moody and Mark 2001; https://physionet.org/content/mitdb/1.0.0/,
Open Data Commons Attribution licence). ``wfdb`` streams a record from PhysioNet
(``pn_dir="mitdb"``) or reads it from a local folder of WFDB files (``.hea``, ``.dat``,
``.atr``): one you have, or the course cache filled once by ``download_mitbih``, which
checks every file against the SHA-256 sums PhysioNet publishes.

Beat labels are grouped into the five AAMI EC57 classes, and the records into the
inter-patient split of de Chazal, O'Dwyer and Reilly (IEEE TBME 2004): train on DS1,
test on DS2, no patient in both; the four paced records are left out.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np

from helpers.data.containers import BeatDataset
from helpers.data.windows import BeatRecord, beat_dataset

# MIT-BIH beat annotation symbol -> AAMI class.
AAMI_CLASSES = {
    "N": "N", "L": "N", "R": "N", "e": "N", "j": "N",  # normal, bundle branch block, escape
    "A": "S", "a": "S", "J": "S", "S": "S",  # supraventricular ectopic
    "V": "V", "E": "V",  # ventricular ectopic
    "F": "F",  # fusion of ventricular and normal
    "/": "Q", "f": "Q", "Q": "Q",  # paced, fusion of paced and normal, unclassifiable
}  # fmt: skip
AAMI_CLASS_NAMES = ("N", "S", "V", "F", "Q")
# de Chazal et al. (2004): the inter-patient split (paced records 102, 104, 107, 217 excluded).
DS1 = ("101", "106", "108", "109", "112", "114", "115", "116", "118", "119", "122", "124",
       "201", "203", "205", "207", "208", "209", "215", "220", "223", "230")  # fmt: skip
DS2 = ("100", "103", "105", "111", "113", "117", "121", "123", "200", "202", "210", "212",
       "213", "214", "219", "221", "222", "228", "231", "232", "233", "234")  # fmt: skip
RECORD_SETS = {"DS1": DS1, "DS2": DS2}
PHYSIONET_URL = "https://physionet.org/files/mitdb/1.0.0/"
RECORD_FILES = ("hea", "dat", "atr")
SUBFOLDER = "mitdb"  # in the course data cache, helpers.data.cache.data_dir
HOW_TO_DOWNLOAD = (
    "Download the database once, with `helpers.data.mitbih.download_mitbih()`, "
    "`wfdb.dl_database('mitdb', 'data/mitdb')` or the ZIP from "
    "https://physionet.org/content/mitdb/1.0.0/, and pass that folder as `data_folder`."
)


def record_names(records: str | Sequence[str]) -> tuple[str, ...]:
    """``"DS1"``/``"DS2"`` or an explicit list of record names -> a tuple of names."""
    if isinstance(records, str):
        if records not in RECORD_SETS:
            raise ValueError(
                f"`records` must be 'DS1', 'DS2' or a list of record names, got {records!r}."
            )
        return RECORD_SETS[records]
    names = tuple(str(name) for name in records)
    if not names:
        raise ValueError("`records` is empty; name at least one record, e.g. ['100'].")
    return names


def download_mitbih(records: str | Sequence[str] = "DS1", base_url: str = PHYSIONET_URL) -> Path:
    """Download the records' files once into ``data_dir("mitdb")``; return that folder.

    Each ``.hea``, ``.dat`` and ``.atr`` file is checked against the SHA-256 listed in
    the database's published ``SHA256SUMS.txt`` (``helpers.data.download.download_file``);
    files already cached with the right checksum are not downloaded again.
    """
    import urllib.error
    import urllib.request

    from helpers.data.cache import data_dir
    from helpers.data.download import download_file

    names = record_names(records)
    sums_url = base_url + "SHA256SUMS.txt"
    try:
        with urllib.request.urlopen(sums_url, timeout=60) as response:
            listing = response.read().decode()
    except (urllib.error.URLError, OSError) as error:
        raise ConnectionError(
            f"Could not download {sums_url} ({getattr(error, 'reason', error)}). Is this "
            f"machine online? {HOW_TO_DOWNLOAD}"
        ) from error
    checksums = {
        line.split()[-1]: line.split()[0] for line in listing.splitlines() if len(line.split()) == 2
    }
    for name in names:
        for extension in RECORD_FILES:
            filename = f"{name}.{extension}"
            if filename not in checksums:
                raise ValueError(f"{sums_url} lists no {filename}: is {name!r} an MIT-BIH record?")
            sha256 = checksums[filename]
            download_file(base_url + filename, filename, subfolder=SUBFOLDER, sha256=sha256)
    return data_dir(SUBFOLDER)


def read_record(
    name: str, data_folder: str | Path | None = None, lead: str = "MLII", pn_dir: str = "mitdb"
) -> tuple[np.ndarray, float, np.ndarray, np.ndarray]:
    """One record's lead (mV), sampling rate, and beat annotations (samples, AAMI classes).

    Reads ``data_folder/name`` if a folder is given, else streams from PhysioNet.
    Non-beat annotations (rhythm changes, noise, comments) are dropped.
    """
    import wfdb

    if data_folder is not None:
        folder = Path(data_folder)
        path = str(folder / name)
        for suffix, what in ((".hea", "header"), (".atr", "annotation")):
            if not (folder / f"{name}{suffix}").is_file():
                raise FileNotFoundError(
                    f"No {what} file {name}{suffix} in {folder}. A WFDB record needs "
                    f"{name}.hea, {name}.dat and {name}.atr side by side. {HOW_TO_DOWNLOAD}"
                )
        try:
            record = wfdb.rdrecord(path)
            annotation = wfdb.rdann(path, "atr")
        except (OSError, ValueError, IndexError) as error:
            raise ValueError(
                f"Cannot read WFDB record {path} ({error}); is it complete?"
            ) from error
    else:
        try:
            record = wfdb.rdrecord(name, pn_dir=pn_dir)
            annotation = wfdb.rdann(name, "atr", pn_dir=pn_dir)
        except Exception as error:  # network failures surface as many exception types
            raise ConnectionError(
                f"Could not stream record {name} from PhysioNet ({pn_dir}): {error}. "
                f"{HOW_TO_DOWNLOAD}"
            ) from error
    if lead not in record.sig_name:
        raise ValueError(f"Record {name} has no lead {lead!r}; its leads are {record.sig_name}.")
    signal = record.p_signal[:, record.sig_name.index(lead)]
    if annotation.fs is not None and float(annotation.fs) != float(record.fs):
        raise ValueError(
            f"Annotation file of record {name} is at {annotation.fs} Hz but the signal at "
            f"{record.fs} Hz: the .atr file belongs to another record."
        )
    samples = np.asarray(annotation.sample)
    if samples.size and samples.max() >= signal.size:
        raise ValueError(
            f"Annotation file of record {name} marks a beat at sample {samples.max()}, past the "
            f"end of the signal ({signal.size} samples): the .atr file does not match the record."
        )
    is_beat = np.array([symbol in AAMI_CLASSES for symbol in annotation.symbol], dtype=bool)
    if is_beat.sum() < 2:
        raise ValueError(f"Annotation file of record {name} holds fewer than two beat labels.")
    classes = np.array([AAMI_CLASSES[symbol] for symbol in np.asarray(annotation.symbol)[is_beat]])
    return signal, float(record.fs), samples[is_beat], classes


def load_mitbih_beats(
    records: str | Sequence[str] = "DS1",
    data_folder: str | Path | None = None,
    classes: Sequence[str] = ("N", "S", "V", "F"),
    lead: str = "MLII",
    target_rate: float = 128.0,
    pn_dir: str = "mitdb",
) -> BeatDataset:
    """Beats of the given records as a ``BeatDataset`` with AAMI class labels.

    Each record goes through ``helpers.signals.ecg.beats_from_record`` (band-pass, resample to
    ``target_rate``, beat windows, RR features from all annotated beats); beats of
    AAMI classes not in ``classes`` (by default Q: paced and unclassifiable) are dropped.
    ``patient_ids`` holds the record names.
    """
    classes = tuple(classes)
    unknown = set(classes) - set(AAMI_CLASS_NAMES)
    if unknown or not classes:
        raise ValueError(f"`classes` must be AAMI classes from {AAMI_CLASS_NAMES}, got {classes}.")

    def labelled_records() -> Iterator[BeatRecord]:
        for name in record_names(records):
            signal, sampling_rate, samples, aami = read_record(name, data_folder, lead, pn_dir)
            index = np.array([classes.index(c) if c in classes else -1 for c in aami])
            yield name, signal, samples, index, sampling_rate

    return beat_dataset(labelled_records(), classes, target_rate)

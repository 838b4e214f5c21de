"""The MIT-BIH Arrhythmia Database through wfdb: AAMI classes and the inter-patient split.

48 half-hour two-lead ambulatory ECGs (47 patients, 360 Hz) with every beat annotated
by two cardiologists (Moody and Mark 2001; https://physionet.org/content/mitdb/1.0.0/,
Open Data Commons Attribution licence). ``wfdb`` streams a record from PhysioNet
(``pn_dir="mitdb"``) or reads it from a local folder of WFDB files (``.hea``, ``.dat``,
``.atr``): one you have, or the course cache filled once by ``download_mitbih``, which
checks every file against the SHA-256 sums PhysioNet publishes.

A record read here must be whole: its samples must add up to the checksums in its
header, and its annotation file must end with its end mark, run in time order within
the signal and hold known codes. Otherwise a ``ValueError`` names the record and says to
delete its files and download them again (random bytes, a file cut short and a
mismatched signal were read as plausible beats before).

Beat labels are grouped into the five AAMI EC57 classes, and the records into the
inter-patient split of de Chazal, O'Dwyer and Reilly (IEEE TBME 2004): train on DS1,
test on DS2, no patient in both; the four paced records are left out.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from helpers.course.environment import has_network
from helpers.course.validation import (
    check_budget,
    check_path,
    check_text,
    describe,
)
from helpers.data.cache import data_dir
from helpers.data.containers import BeatDataset
from helpers.data.download import DEFAULT_TIMEOUT, check_timeout, check_url, download_file, read_url
from helpers.data.windows import BeatRecord, beat_dataset
from helpers.signals.ecg import check_sampling_rate

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


_RECORD_NAME = re.compile(r"[A-Za-z0-9_]+")
_PN_DIR = re.compile(r"[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*")
# a WFDB annotation file (MIT format) is a series of 16-bit words: 6 bits of code, 10 of data
_SKIP, _AUX, _END_OF_FILE = 59, 63, 0
_TIME_RESOLUTION = re.compile(r"## time resolution: \d")
_DEFINITION_BLOCK = ("## annotation type definitions", "## end of definitions")


def _record_name(value: Any, name: str) -> str:
    if isinstance(value, bool | np.bool_) or not isinstance(value, str | int | np.integer):
        raise TypeError(
            f"`{name}` must hold record names such as '100' (text or whole numbers), but got "
            f"{describe(value)}."
        )
    text = str(value)
    if not _RECORD_NAME.fullmatch(text):
        raise ValueError(
            f"`{name}`: {text!r} is not a WFDB record name (letters, digits and '_' only, "
            "e.g. '100')."
        )
    return text


def _record_names(records: Any, allow_repeats: bool) -> tuple[str, ...]:
    if isinstance(records, str):
        if records not in RECORD_SETS:
            raise ValueError(
                f"`records` must be 'DS1', 'DS2' or a list of record names, got {records!r}."
            )
        return RECORD_SETS[records]
    if isinstance(records, bytes | dict) or not isinstance(records, Iterable):
        raise TypeError(
            f"`records` must be 'DS1', 'DS2' or a list of record names such as ['100', '101'], "
            f"but got {describe(records)}."
        )
    names = tuple(_record_name(name, "records") for name in records)
    if not names:
        raise ValueError("`records` is empty; name at least one record, e.g. ['100'].")
    repeated = sorted(name for name, count in Counter(names).items() if count > 1)
    if repeated and not allow_repeats:
        raise ValueError(
            f"`records` names {repeated} more than once; each record's beats would be counted "
            "twice. Name every record once."
        )
    return tuple(dict.fromkeys(names))


def record_names(records: str | Sequence[str]) -> tuple[str, ...]:
    """``"DS1"``/``"DS2"`` or an explicit list of record names -> a tuple of names.

    Names are text or whole numbers (``100`` -> ``'100'``), each named once.
    """
    return _record_names(records, allow_repeats=False)


def _check_base_url(base_url: Any) -> str:
    url = check_url(base_url, "base_url")
    if "?" in url or "#" in url:
        raise ValueError(
            f"`base_url` must be the address of the database's folder, without '?' or '#', "
            f"but got {url!r}, e.g. {PHYSIONET_URL!r}."
        )
    return url if url.endswith("/") else url + "/"


def _published_sums(sums_url: str, timeout: float) -> dict[str, str]:
    """File name -> SHA-256 from a ``SHA256SUMS.txt`` listing (``sha256sum`` format)."""
    try:
        content = read_url(sums_url, timeout=timeout)
    except OSError as error:  # ConnectionError, FileNotFoundError
        raise type(error)(f"{error} {HOW_TO_DOWNLOAD}") from error
    try:
        lines = content.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        lines = []
    checksums = {}
    for line in lines:
        fields = line.split()
        if len(fields) == 2 and re.fullmatch(r"[0-9a-fA-F]{64}", fields[0]):
            checksums[fields[1].lstrip("*")] = fields[0].lower()
    if not checksums:
        raise ValueError(
            f"{sums_url} is not a list of SHA-256 checksums: is `base_url` the database's "
            f"folder ({PHYSIONET_URL})?"
        )
    return checksums


def download_mitbih(
    records: str | Sequence[str] = "DS1",
    base_url: str = PHYSIONET_URL,
    timeout: float = DEFAULT_TIMEOUT,
) -> Path:
    """Download the records' files once into ``data_dir("mitdb")``; return that folder.

    Each ``.hea``, ``.dat`` and ``.atr`` file is checked against the SHA-256 listed in
    the database's published ``SHA256SUMS.txt`` (``helpers.data.download.download_file``);
    files already cached with the right checksum are not downloaded again. ``base_url``
    is the database's folder (a missing final '/' is added); ``timeout`` is how many
    seconds to wait for the server. A record named twice is downloaded once.
    """
    names = _record_names(records, allow_repeats=True)
    base_url = _check_base_url(base_url)
    timeout = check_timeout(timeout)
    sums_url = base_url + "SHA256SUMS.txt"
    checksums = _published_sums(sums_url, timeout)
    for name in names:
        for extension in RECORD_FILES:
            if f"{name}.{extension}" not in checksums:
                raise ValueError(
                    f"{sums_url} lists no {name}.{extension}: is {name!r} an MIT-BIH record?"
                )
    for name in names:
        for extension in RECORD_FILES:
            filename = f"{name}.{extension}"
            download_file(
                base_url + filename,
                filename,
                subfolder=SUBFOLDER,
                sha256=checksums[filename],
                timeout=timeout,
            )
    return data_dir(SUBFOLDER)


def _damaged(path: Path | str, problem: str) -> ValueError:
    return ValueError(
        f"Cannot read WFDB record {path}: {problem}. The file is truncated, damaged or belongs "
        f"to another record: delete the record's files and download them again. "
        f"{HOW_TO_DOWNLOAD}"
    )


def _check_annotation_words(path: Path) -> None:
    """Walk the 16-bit words of a WFDB annotation file: it must end with its end mark,
    and its '## ' notes must be ones wfdb understands (others make ``wfdb.rdann`` loop
    forever)."""
    data = path.read_bytes()
    if len(data) % 2:
        raise _damaged(path, f"the annotation file {path.name} has an odd number of bytes")
    words = np.frombuffer(data, dtype="<u2")
    index, notes = 0, []
    while index < len(words):
        code, value = int(words[index]) >> 10, int(words[index]) & 1023
        if code == _END_OF_FILE and value == 0:
            if index != len(words) - 1:
                raise _damaged(path, f"the annotation file {path.name} goes on after its end mark")
            break
        if code == _AUX:
            notes.append(data[2 * index + 2 : 2 * index + 2 + value].decode("latin-1"))
        index += 1 + (2 if code == _SKIP else (value + 1) // 2 if code == _AUX else 0)
    else:
        raise _damaged(path, f"the annotation file {path.name} lacks its end mark (cut short?)")
    definitions = [note for note in notes if note.startswith("## ")]
    resolutions = [note for note in definitions if _TIME_RESOLUTION.match(note)]
    blocks = [note for note in definitions if note in _DEFINITION_BLOCK]
    well_formed = blocks == list(_DEFINITION_BLOCK) * (len(blocks) // 2)
    if len(resolutions) > 1 or len(resolutions) + len(blocks) < len(definitions) or not well_formed:
        raise _damaged(path, f"the annotation file {path.name} holds unknown '## ' notes")


def _read_local(folder: Path, name: str) -> tuple[Any, Any]:
    """Header-checked signal (digital) and annotations of ``folder/name``."""
    import wfdb

    path = folder / name
    for suffix, what in ((".hea", "header"), (".atr", "annotation")):
        if not (folder / f"{name}{suffix}").is_file():
            raise FileNotFoundError(
                f"No {what} file {name}{suffix} in {folder}. A WFDB record needs "
                f"{name}.hea, {name}.dat and {name}.atr side by side. {HOW_TO_DOWNLOAD}"
            )
    try:
        header = wfdb.rdheader(str(path))
    except Exception as error:  # a damaged header surfaces as many exception types
        raise _damaged(path, f"its header {name}.hea cannot be parsed ({error})") from error
    if not isinstance(header, wfdb.Record) or not header.n_sig or not float(header.fs) > 0:
        raise _damaged(path, f"its header {name}.hea describes no single-segment signal")
    for file_name in sorted(set(header.file_name or ())):
        if not (folder / file_name).is_file():
            raise FileNotFoundError(
                f"No signal file {file_name} in {folder} (named by {name}.hea). {HOW_TO_DOWNLOAD}"
            )
    if header.sig_len:
        check_budget(header.sig_len * header.n_sig, f"The header of record {path}")
    try:
        record = wfdb.rdrecord(str(path), physical=False)
    except Exception as error:  # truncated signal files surface as many exception types
        raise _damaged(path, f"its signal cannot be read ({error}); is it complete?") from error
    _check_annotation_words(folder / f"{name}.atr")
    try:
        annotation = wfdb.rdann(str(path), "atr")
    except Exception as error:
        raise _damaged(path, f"its annotation file cannot be read ({error})") from error
    return record, annotation


def _stream(name: str, pn_dir: str, timeout: float) -> tuple[Any, Any]:
    """Digital signal and annotations of record ``name`` streamed from PhysioNet."""
    import urllib.parse
    import urllib.request

    import wfdb
    from wfdb.io import download

    index = urllib.parse.urlsplit(download.config.db_index_url)
    default_port = 443 if index.scheme == "https" else 80
    if index.scheme not in urllib.request.getproxies() and not has_network(
        index.hostname or "physionet.org", index.port or default_port, timeout
    ):  # wfdb itself waits without limit; behind a proxy the probe cannot tell
        raise ConnectionError(
            f"Could not stream record {name} from PhysioNet ({pn_dir}): {index.hostname} does "
            f"not answer within `timeout` = {timeout:g} s. Is this machine online? "
            f"{HOW_TO_DOWNLOAD}"
        )
    try:
        record = wfdb.rdrecord(name, pn_dir=pn_dir, physical=False)
        annotation = wfdb.rdann(name, "atr", pn_dir=pn_dir)
    except Exception as error:  # network failures surface as many exception types
        raise ConnectionError(
            f"Could not stream record {name} from PhysioNet ({pn_dir}): {error}. {HOW_TO_DOWNLOAD}"
        ) from error
    return record, annotation


def _check_signal_checksums(record: Any, where: Path | str) -> None:
    """The digital samples must add up to the checksums their header publishes."""
    if record.checksum is None or any(frames != 1 for frames in record.samps_per_frame):
        return
    for channel, (published, actual) in enumerate(
        zip(record.checksum, record.calc_checksum(), strict=True)
    ):
        if published is not None and (actual - published) % 65536:
            raise _damaged(
                where,
                f"the samples of signal {record.sig_name[channel]!r} do not add up to the "
                "checksum in its header",
            )


def _check_annotations(
    name: str, annotation: Any, num_samples: int, fs: float, where: Path | str
) -> np.ndarray:
    """Refuse annotations that cannot belong to the signal; return which ones are beats."""
    from wfdb.io.annotation import ann_label_table

    if annotation.fs is not None and float(annotation.fs) != float(fs):
        raise _damaged(
            where, f"its annotation file is at {annotation.fs} Hz but the signal at {fs} Hz"
        )
    samples = np.asarray(annotation.sample)
    if samples.size and samples.max() >= num_samples:
        raise _damaged(
            where,
            f"its annotation file marks a beat at sample {samples.max()}, past the end of "
            f"the signal ({num_samples} samples)",
        )
    known = set(ann_label_table["symbol"]) - {" "}
    if annotation.custom_labels is not None:
        known |= set(annotation.custom_labels["symbol"])
    unknown = sorted({str(s) for s in annotation.symbol if s not in known})
    if samples.size and (samples.min() < 0 or np.any(np.diff(samples) < 0)) or unknown:
        problem = f"unknown codes {unknown[:5]}" if unknown else "times that run backwards"
        raise _damaged(where, f"its annotation file holds {problem}")
    is_beat = np.array([symbol in AAMI_CLASSES for symbol in annotation.symbol], dtype=bool)
    if np.any(np.diff(samples[is_beat]) <= 0):
        raise _damaged(where, "its annotation file marks two beats at the same sample")
    if is_beat.sum() < 2:
        raise ValueError(f"Annotation file of record {name} holds fewer than two beat labels.")
    return is_beat


def read_record(
    name: str,
    data_folder: str | Path | None = None,
    lead: str = "MLII",
    pn_dir: str = "mitdb",
    timeout: float = DEFAULT_TIMEOUT,
) -> tuple[np.ndarray, float, np.ndarray, np.ndarray]:
    """One record's lead (mV), sampling rate, and beat annotations (samples, AAMI classes).

    Reads ``data_folder/name`` if a folder is given, else streams from PhysioNet
    (``timeout``: seconds to wait for PhysioNet to answer). Non-beat annotations (rhythm
    changes, noise, comments) are dropped. The signal must add up to the checksums of its
    header, and the annotation file must be complete (end mark), in time order, within
    the signal and hold known codes; otherwise a ``ValueError`` says to download the
    record again.
    """
    name = _record_name(name, "name")
    folder = _check_folder(data_folder)
    lead = check_text(lead, "lead")
    pn_dir = _check_pn_dir(pn_dir)
    timeout = check_timeout(timeout)
    if folder is not None:
        record, annotation = _read_local(folder, name)
        where: Path | str = folder / name
    else:
        record, annotation = _stream(name, pn_dir, timeout)
        where = f"{pn_dir}/{name}"
    _check_signal_checksums(record, where)
    if lead not in record.sig_name:
        raise ValueError(f"Record {name} has no lead {lead!r}; its leads are {record.sig_name}.")
    try:  # digital -> mV, exactly as wfdb.rdrecord(physical=True) does
        record.dac(inplace=True)
    except Exception as error:  # a damaged format or gain field surfaces as many types
        raise _damaged(where, f"its header's format or gain is damaged ({error!r})") from error
    signal = record.p_signal[:, record.sig_name.index(lead)]
    is_beat = _check_annotations(name, annotation, signal.size, float(record.fs), where)
    samples = np.asarray(annotation.sample)
    classes = np.array([AAMI_CLASSES[symbol] for symbol in np.asarray(annotation.symbol)[is_beat]])
    return signal, float(record.fs), samples[is_beat], classes


def _check_folder(data_folder: Any) -> Path | None:
    if data_folder is None:
        return None
    folder = check_path(data_folder, "data_folder").expanduser()
    if not folder.exists():
        raise FileNotFoundError(
            f"`data_folder`: no folder at {folder}. Check the path, or pass None to stream "
            f"the records from PhysioNet. {HOW_TO_DOWNLOAD}"
        )
    if not folder.is_dir():
        raise ValueError(
            f"`data_folder` must be the folder that holds the WFDB files, but {folder} is a file."
        )
    return folder


def _check_pn_dir(pn_dir: Any) -> str:
    text = check_text(pn_dir, "pn_dir")
    if not _PN_DIR.fullmatch(text) or ".." in text.split("/"):
        raise ValueError(
            f"`pn_dir` must be a PhysioNet database folder such as 'mitdb', but got {text!r}."
        )
    return text


def _check_classes(classes: Any) -> tuple[str, ...]:
    if not isinstance(classes, Iterable) or isinstance(classes, bytes | dict):
        raise TypeError(
            f"`classes` must be a list of AAMI classes such as ('N', 'S', 'V', 'F'), but got "
            f"{describe(classes)}."
        )
    chosen = tuple(classes)
    unknown = [c for c in chosen if not isinstance(c, str) or c not in AAMI_CLASS_NAMES]
    if unknown or not chosen:
        raise ValueError(f"`classes` must be AAMI classes from {AAMI_CLASS_NAMES}, got {chosen}.")
    if len(set(chosen)) < len(chosen):
        raise ValueError(f"`classes` names a class twice: {chosen}. Name each class once.")
    return chosen


def load_mitbih_beats(
    records: str | Sequence[str] = "DS1",
    data_folder: str | Path | None = None,
    classes: Sequence[str] = ("N", "S", "V", "F"),
    lead: str = "MLII",
    target_rate: float = 128.0,
    pn_dir: str = "mitdb",
    timeout: float = DEFAULT_TIMEOUT,
) -> BeatDataset:
    """Beats of the given records as a ``BeatDataset`` with AAMI class labels.

    Each record goes through ``helpers.signals.ecg.beats_from_record`` (band-pass, resample to
    ``target_rate``, beat windows, RR features from all annotated beats); beats of
    AAMI classes not in ``classes`` (by default Q: paced and unclassifiable) are dropped.
    ``patient_ids`` holds the record names. Without ``data_folder`` the records are
    streamed from PhysioNet (``timeout``: seconds to wait for it to answer).
    """
    names = record_names(records)
    folder = _check_folder(data_folder)
    classes = _check_classes(classes)
    lead = check_text(lead, "lead")
    target_rate = check_sampling_rate(target_rate, "target_rate")
    pn_dir = _check_pn_dir(pn_dir)
    timeout = check_timeout(timeout)

    def labelled_records() -> Iterator[BeatRecord]:
        for name in names:
            signal, sampling_rate, samples, aami = read_record(name, folder, lead, pn_dir, timeout)
            index = np.array([classes.index(c) if c in classes else -1 for c in aami])
            yield name, signal, samples, index, sampling_rate

    return beat_dataset(labelled_records(), classes, target_rate)

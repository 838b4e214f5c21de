"""Bad and unusual calls of the cache, the downloads and the loaders of downloaded files.

A bad call here is a cache path that climbs out of the cache, an address that is not
one, a checksum of the wrong length, a timeout of zero, NaN or text, a record name that
is a path, or a downloaded file that is truncated, corrupt, random bytes, the wrong
version or claims gigabytes in its header. Nothing goes to the internet: files are
written into each call's own folder, served by ``file://`` addresses, and a cache is
passed as ``cache_dir`` (never by changing ``MEDICAL_DL_DATA_DIR`` for later tests);
an ``https://`` address fails at once because the test session blocks the network.
A good call passes a path as text, a record name as a NumPy integer, an image size as
``np.int64``: it must give what the plain call gives.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

from bad_calls.table import BadCall, GoodCall

MAKE_FOLDER = "helpers.course.repository.make_folder"
FOLDER_KWARGS = {"purpose": "data", "env_variable": "MEDICAL_DL_DATA_DIR"}
CACHE = "helpers.data.cache."
DOWNLOAD = "helpers.data.download."
MEDMNIST = "helpers.data.medmnist."
MITBIH = "helpers.data.mitbih."
NETWORK = "helpers.course.environment.has_network"

CONTENT = b"an ECG, honestly"
MD5 = hashlib.md5(CONTENT).hexdigest()
SHA256 = hashlib.sha256(CONTENT).hexdigest()
OFFLINE_URL = "https://zenodo.org/records/10519652/files/pneumoniamnist.npz"

Arguments = tuple[tuple[Any, ...], dict[str, Any]]


def _source(folder: Path, content: bytes = CONTENT) -> str:
    """A ``file://`` address of a file holding ``content`` (a stand-in server)."""
    path = folder / "server" / "file.bin"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(content)
    return path.as_uri()


def _download(folder: Path, url: str, **changes: Any) -> Arguments:
    """A ``download_file`` call into ``folder/cache`` (never the course cache)."""
    kwargs = {"subfolder": "demo", "md5": MD5, "cache_dir": folder / "cache"} | changes
    return (url, "file.bin"), kwargs


def _user_copy(folder: Path) -> Arguments:
    """The cache already holds a file of the user's with another checksum; offline."""
    placed = folder / "cache" / "demo" / "file.bin"
    placed.parent.mkdir(parents=True)
    placed.write_bytes(b"the user's own version")
    return _download(folder, OFFLINE_URL)


def _folder_in_the_way(folder: Path) -> Arguments:
    (folder / "cache" / "demo" / "file.bin").mkdir(parents=True)
    return _download(folder, _source(folder))


def _file(folder: Path, content: bytes = CONTENT) -> Path:
    path = folder / "f.bin"
    path.write_bytes(content)
    return path


def _medmnist_arrays(**changes: Any) -> dict[str, np.ndarray]:
    generator = np.random.default_rng(0)
    arrays: dict[str, np.ndarray] = {}
    for split, n in (("train", 8), ("val", 4), ("test", 4)):
        arrays[f"{split}_images"] = generator.integers(0, 256, (n, 28, 28)).astype(np.uint8)
        arrays[f"{split}_labels"] = (np.arange(n) % 2).reshape(n, 1).astype(np.uint8)
    return arrays | changes


def _npz(folder: Path, compressed: bool = False, **changes: Any) -> Path:
    path = folder / "pneumoniamnist.npz"
    (np.savez_compressed if compressed else np.savez)(path, **_medmnist_arrays(**changes))
    return path


def _read_npz(path: Path, **kwargs: Any) -> Arguments:
    return (path,), kwargs


def _truncated_npz(folder: Path) -> Arguments:
    path = _npz(folder, compressed=True)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    return _read_npz(path)


def _corrupt_compressed_npz(folder: Path) -> Arguments:
    path = _npz(folder, compressed=True)
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("train_images.npy")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start + 5 : start + 40] = bytes(35)  # a damaged deflate stream: zlib.error before
    path.write_bytes(bytes(data))
    return _read_npz(path)


def _huge_npz(folder: Path) -> Arguments:
    path = _npz(folder)
    header = io.BytesIO()
    np.lib.format.write_array_header_1_0(
        header, {"descr": "|u1", "fortran_order": False, "shape": (10**6, 224, 224)}
    )
    with zipfile.ZipFile(path) as archive:
        members = {name: archive.read(name) for name in archive.namelist()}
    members["train_images.npy"] = header.getvalue()  # claims 50 GB, holds no data
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return _read_npz(path)


def _single_array(folder: Path) -> Arguments:
    path = folder / "images.npy"
    np.save(path, np.zeros((4, 28, 28)))
    return _read_npz(path)


def _renamed_keys(folder: Path) -> Arguments:
    arrays = _medmnist_arrays()
    arrays["images"] = arrays.pop("train_images")
    path = folder / "renamed.npz"
    np.savez(path, **arrays)
    return _read_npz(path)


def _mixed_scaling(folder: Path) -> Arguments:
    images = _medmnist_arrays()["train_images"] / 255.0  # one split already in [0, 1]
    return _read_npz(_npz(folder, train_images=images))


def _wfdb_record(folder: Path, name: str = "100") -> None:
    import wfdb

    t = np.arange(3600) / 360
    wfdb.wrsamp(
        name, fs=360, units=["mV"], sig_name=["MLII"],
        p_signal=(np.sin(2 * np.pi * 1.2 * t) ** 21)[:, None], fmt=["212"],
        write_dir=str(folder),
    )  # fmt: skip
    peaks = np.arange(75, 3600, 300)
    wfdb.wrann(name, "atr", peaks, ["N"] * len(peaks), fs=360, write_dir=str(folder))


def _record(folder: Path, **kwargs: Any) -> Arguments:
    _wfdb_record(folder)
    return ("100", folder), kwargs


def _random_annotations(folder: Path) -> Arguments:
    _wfdb_record(folder)
    junk = np.random.default_rng(7).integers(0, 256, 900, dtype=np.uint8).tobytes()
    (folder / "100.atr").write_bytes(junk + b"\0\0")
    return ("100", folder), {}


def _truncated_annotations(folder: Path) -> Arguments:
    _wfdb_record(folder)
    data = (folder / "100.atr").read_bytes()
    (folder / "100.atr").write_bytes(data[: len(data) // 4 * 2])  # was read as fewer beats
    return ("100", folder), {}


def _damaged_signal(folder: Path) -> Arguments:
    _wfdb_record(folder)
    data = bytearray((folder / "100.dat").read_bytes())
    data[100:110] = bytes(10)  # same length, other samples
    (folder / "100.dat").write_bytes(bytes(data))
    return ("100", folder), {}


def _hanging_note(folder: Path) -> Arguments:
    _wfdb_record(folder)
    note = b"## hello"  # wfdb.rdann loops forever on it
    words = ((22 << 10).to_bytes(2, "little"), ((63 << 10) | len(note)).to_bytes(2, "little"))
    (folder / "100.atr").write_bytes(b"".join(words) + note + (folder / "100.atr").read_bytes())
    return ("100", folder), {}


def _no_annotations(folder: Path) -> Arguments:
    _wfdb_record(folder)
    (folder / "100.atr").unlink()
    return ("100", folder), {}


def _sums_server(folder: Path, listing: bytes) -> Arguments:
    server = folder / "physionet"
    server.mkdir()
    (server / "SHA256SUMS.txt").write_bytes(listing)
    return (["100"],), {"base_url": server.as_uri()}


CALLS: list[BadCall | GoodCall] = [
    # --- the cache folder --------------------------------------------------------------
    BadCall(CACHE + "data_dir", ("../escape",), mentions="`subfolder`",
            why="a subfolder that climbs out of the cache"),
    BadCall(CACHE + "data_dir", ("/etc",), mentions="absolute",
            why="an absolute subfolder"),
    BadCall(CACHE + "data_dir", (3,), raises=TypeError, mentions="`subfolder`",
            why="a number as subfolder"),
    BadCall(CACHE + "check_subfolder", ("a/../../b",), mentions="`subfolder`",
            why="'..' inside a longer subfolder"),
    BadCall(MAKE_FOLDER, (None,), FOLDER_KWARGS, raises=TypeError, mentions="`folder`",
            why="no folder"),
    BadCall(MAKE_FOLDER, raises=OSError, mentions="Cannot create the data folder",
            build=lambda folder: ((_file(folder) / "sub",), FOLDER_KWARGS),
            why="a file where a folder belongs"),
    # --- checksums ---------------------------------------------------------------------
    BadCall(DOWNLOAD + "file_checksum", raises=FileNotFoundError, mentions="`path`",
            build=lambda folder: ((folder / "absent.bin",), {}), why="no such file"),
    BadCall(DOWNLOAD + "file_checksum", mentions="`path`",
            build=lambda folder: ((folder,), {}), why="a folder instead of a file"),
    BadCall(DOWNLOAD + "file_checksum", (b"f.bin",), raises=TypeError, mentions="`path`",
            why="bytes as path"),
    BadCall(DOWNLOAD + "file_checksum", mentions="`algorithm`",
            build=lambda folder: ((_file(folder), "crc32"), {}), why="unknown algorithm"),
    BadCall(DOWNLOAD + "file_checksum", raises=TypeError, mentions="`algorithm`",
            build=lambda folder: ((_file(folder), 5), {}), why="a number as algorithm"),
    BadCall(DOWNLOAD + "verify_checksum", mentions="`expected`",
            build=lambda folder: ((_file(folder), "abc123"), {}),
            why="a checksum of the wrong length"),
    BadCall(DOWNLOAD + "verify_checksum", raises=TypeError, mentions="`expected`",
            build=lambda folder: ((_file(folder), None), {}), why="no checksum"),
    BadCall(DOWNLOAD + "verify_checksum", mentions="delete it and download it again",
            build=lambda folder: ((_file(folder, b"changed"), MD5), {}),
            why="a file whose checksum differs"),
    BadCall(DOWNLOAD + "check_url", ("https://host:port/f",), mentions="`url`",
            why="a port that is not a number"),
    BadCall(DOWNLOAD + "check_digest", ("0" * 32, "sha256", "sha256"), mentions="`sha256`",
            why="an MD5-length SHA-256"),
    BadCall(DOWNLOAD + "check_algorithm", ("SHA-1",), mentions="`algorithm`",
            why="an algorithm the course does not use"),
    # --- download_file: arguments, refused before anything is written ------------------
    BadCall(DOWNLOAD + "download_file", ("not a url", "file.bin"), {"subfolder": "d", "md5": MD5},
            mentions="`url`", why="not an address"),
    BadCall(DOWNLOAD + "download_file", ("ftp://example.org/f", "file.bin"),
            {"subfolder": "d", "md5": MD5}, mentions="`url`", why="an unsupported scheme"),
    BadCall(DOWNLOAD + "download_file", (None, "file.bin"), {"subfolder": "d", "md5": MD5},
            raises=TypeError, mentions="`url`", why="no address"),
    BadCall(DOWNLOAD + "download_file", (OFFLINE_URL, "file.bin"),
            {"subfolder": "../escape", "md5": MD5}, mentions="`subfolder`",
            why="a subfolder outside the cache (wrote outside it before)"),
    BadCall(DOWNLOAD + "download_file", (OFFLINE_URL, "file.bin"),
            {"subfolder": "/tmp", "md5": MD5}, mentions="`subfolder`",
            why="an absolute subfolder"),
    BadCall(DOWNLOAD + "download_file", (OFFLINE_URL, "../file.bin"),
            {"subfolder": "d", "md5": MD5}, mentions="`filename`", why="a path as file name"),
    BadCall(DOWNLOAD + "download_file", (OFFLINE_URL, 7), {"subfolder": "d", "md5": MD5},
            raises=TypeError, mentions="`filename`", why="a number as file name"),
    BadCall(DOWNLOAD + "download_file", (OFFLINE_URL, "file.bin"), {"subfolder": "d"},
            mentions="`md5`", why="no checksum to verify against"),
    BadCall(DOWNLOAD + "download_file", (OFFLINE_URL, "file.bin"), {"subfolder": "d", "md5": "x"},
            mentions="`md5`", why="a checksum that is not one"),
    BadCall(DOWNLOAD + "download_file", (OFFLINE_URL, "file.bin"),
            {"subfolder": "d", "sha256": MD5}, mentions="`sha256`",
            why="an MD5 passed as SHA-256"),
    BadCall(DOWNLOAD + "download_file", (OFFLINE_URL, "file.bin"),
            {"subfolder": "d", "md5": MD5, "timeout": 0}, mentions="`timeout`",
            why="a zero timeout"),
    BadCall(DOWNLOAD + "download_file", (OFFLINE_URL, "file.bin"),
            {"subfolder": "d", "md5": MD5, "timeout": float("nan")}, mentions="`timeout`",
            why="a NaN timeout"),
    BadCall(DOWNLOAD + "download_file", (OFFLINE_URL, "file.bin"),
            {"subfolder": "d", "md5": MD5, "timeout": "30"}, raises=TypeError,
            mentions="`timeout`", why="a timeout as text"),
    BadCall(DOWNLOAD + "download_file", (OFFLINE_URL, "file.bin"),
            {"subfolder": "d", "md5": MD5, "cache_dir": 1}, raises=TypeError,
            mentions="`cache_dir`", why="a number as cache folder"),
    # --- download_file: the cache and the network --------------------------------------
    BadCall(DOWNLOAD + "download_file", raises=ConnectionError, mentions="kept as",
            build=_user_copy,
            why="offline with the user's own copy in the cache (it was deleted before)"),
    BadCall(DOWNLOAD + "download_file", raises=ConnectionError, mentions="zenodo.org",
            build=lambda folder: _download(folder, OFFLINE_URL), why="offline: name the host"),
    BadCall(DOWNLOAD + "download_file", raises=FileNotFoundError, mentions="cannot read",
            build=lambda folder: _download(folder, (folder / "absent").as_uri()),
            why="a file:// address of no file"),
    BadCall(DOWNLOAD + "download_file", mentions="does not match its published MD5",
            build=lambda folder: _download(folder, _source(folder, b"truncat")),
            why="a download with the wrong checksum"),
    BadCall(DOWNLOAD + "download_file", mentions="`filename`", build=_folder_in_the_way,
            why="a folder where the file belongs"),
    BadCall(DOWNLOAD + "read_url", mentions="`max_bytes`",
            build=lambda folder: ((_source(folder),), {"max_bytes": 4}),
            why="a file larger than expected"),
    BadCall(DOWNLOAD + "read_url", mentions="`max_bytes`",
            build=lambda folder: ((_source(folder),), {"max_bytes": 2**40}),
            why="a huge read limit"),
    BadCall(DOWNLOAD + "read_url", ("zenodo.org/records",), mentions="`url`",
            why="an address without scheme"),
    # --- has_network ---------------------------------------------------------------------
    BadCall(NETWORK, (None,), raises=TypeError, mentions="`host`", why="no host"),
    BadCall(NETWORK, ("https://zenodo.org/records",), mentions="`host`",
            why="an address instead of a host"),
    BadCall(NETWORK, ("127.0.0.1", 70000), mentions="`port`", why="a port out of range"),
    BadCall(NETWORK, ("127.0.0.1", "443"), raises=TypeError, mentions="`port`",
            why="a port as text"),
    BadCall(NETWORK, ("127.0.0.1", 443, -1.0), mentions="`timeout`", why="a negative timeout"),
    # --- MedMNIST ------------------------------------------------------------------------
    BadCall(MEDMNIST + "load_medmnist", ("dermamnist",), mentions="`name`",
            why="a data set the loader does not know"),
    BadCall(MEDMNIST + "load_medmnist", (None,), raises=TypeError, mentions="`name`",
            why="no name"),
    BadCall(MEDMNIST + "load_medmnist", ("pneumoniamnist",), {"image_size": 32},
            mentions="`image_size`", why="a size MedMNIST does not publish"),
    BadCall(MEDMNIST + "load_medmnist", ("pneumoniamnist",), {"image_size": 28.0},
            raises=TypeError, mentions="`image_size`", why="a float image size"),
    BadCall(MEDMNIST + "load_medmnist", ("chestmnist",), {"finding": 3}, raises=TypeError,
            mentions="`finding`", why="a column number as finding"),
    BadCall(MEDMNIST + "load_medmnist", ("pneumoniamnist",), {"timeout": float("inf")},
            mentions="`timeout`", why="an infinite timeout"),
    BadCall(MEDMNIST + "medmnist_url", ("chestmnist", 100), mentions="`image_size`",
            why="an unpublished size"),
    BadCall(MEDMNIST + "read_medmnist_npz", raises=FileNotFoundError, mentions="`path`",
            build=lambda folder: ((folder / "absent.npz",), {}), why="no such file"),
    BadCall(MEDMNIST + "read_medmnist_npz", mentions="`path`",
            build=lambda folder: ((folder,), {}), why="a folder instead of a file"),
    BadCall(MEDMNIST + "read_medmnist_npz", (None,), raises=TypeError, mentions="`path`",
            why="no path"),
    BadCall(MEDMNIST + "read_medmnist_npz", mentions="truncated", build=_truncated_npz,
            why="a download cut in half"),
    BadCall(MEDMNIST + "read_medmnist_npz", mentions="download", build=_corrupt_compressed_npz,
            why="a corrupt compressed member (zlib.error before)"),
    BadCall(MEDMNIST + "read_medmnist_npz", mentions="not a .npz",
            build=lambda folder: _read_npz(_file(folder, b"<html>Too many requests</html>")),
            why="an HTML error page saved as .npz"),
    BadCall(MEDMNIST + "read_medmnist_npz", mentions="single array", build=_single_array,
            why="a .npy instead of a .npz"),
    BadCall(MEDMNIST + "read_medmnist_npz", mentions="train_images", build=_renamed_keys,
            why="arrays under other names"),
    BadCall(MEDMNIST + "read_medmnist_npz", mentions="GiB", build=_huge_npz,
            why="a header claiming 50 GB (refused before reading)"),
    BadCall(MEDMNIST + "read_medmnist_npz", mentions="scale all splits alike",
            build=_mixed_scaling, why="one split already scaled to [0, 1]"),
    BadCall(MEDMNIST + "read_medmnist_npz", mentions="NaN",
            build=lambda folder: _read_npz(_npz(folder, val_images=np.full((4, 28, 28), np.nan))),
            why="NaN images"),
    BadCall(MEDMNIST + "read_medmnist_npz", mentions="only 0 and 1",
            build=lambda folder: _read_npz(_npz(folder, test_labels=np.full((4, 1), 2))),
            why="a label 2 in a binary task"),
    BadCall(MEDMNIST + "read_medmnist_npz", mentions="only the integers 0 and 1",
            build=lambda folder: _read_npz(_npz(folder, **{
                f"{s}_images": np.ones((n, 28, 28), np.uint8)
                for s, n in (("train", 8), ("val", 4), ("test", 4))
            })),
            why="images scaled to [0, 1] and cast to integers"),
    BadCall(MEDMNIST + "read_medmnist_npz", mentions="`finding`",
            build=lambda folder: _read_npz(_npz(folder), name="chestmnist", finding="broken leg"),
            why="an unknown ChestMNIST finding"),
    # --- MIT-BIH -------------------------------------------------------------------------
    BadCall(MITBIH + "record_names", ("DS3",), mentions="`records`", why="an unknown record set"),
    BadCall(MITBIH + "record_names", (["100", 100],), mentions="`records`",
            why="a record named twice (its beats counted twice)"),
    BadCall(MITBIH + "record_names", (["../../etc/passwd"],), mentions="`records`",
            why="a path as record name"),
    BadCall(MITBIH + "record_names", ([100.0],), raises=TypeError, mentions="`records`",
            why="a float record name"),
    BadCall(MITBIH + "record_names", (100,), raises=TypeError, mentions="`records`",
            why="one number instead of a list"),
    BadCall(MITBIH + "download_mitbih", (["100"],), {"base_url": "physionet.org/files/mitdb"},
            mentions="`base_url`", why="an address without scheme"),
    BadCall(MITBIH + "download_mitbih", (["100"],), {"timeout": 0.0}, mentions="`timeout`",
            why="a zero timeout"),
    BadCall(MITBIH + "download_mitbih", raises=FileNotFoundError, mentions="SHA256SUMS.txt",
            build=lambda folder: ((["100"],), {"base_url": (folder / "nowhere").as_uri()}),
            why="a base_url folder that does not exist"),
    BadCall(MITBIH + "download_mitbih", mentions="`base_url`",
            build=lambda folder: _sums_server(folder, b"<html>Moved</html>"),
            why="a page that is not a checksum list"),
    BadCall(MITBIH + "download_mitbih", mentions="lists no 100.hea",
            build=lambda folder: _sums_server(folder, f"{SHA256}  101.hea\n".encode()),
            why="a record the database does not have"),
    BadCall(MITBIH + "download_mitbih", raises=ConnectionError, mentions="physionet.org",
            args=(["100"],), why="offline: name the host"),
    BadCall(MITBIH + "read_record", (None,), raises=TypeError, mentions="`name`",
            why="no record name"),
    BadCall(MITBIH + "read_record", ("100",), {"pn_dir": "../mitdb"}, mentions="`pn_dir`",
            why="a PhysioNet folder that climbs out"),
    BadCall(MITBIH + "read_record", raises=FileNotFoundError, mentions="`data_folder`",
            build=lambda folder: (("100", folder / "absent"), {}), why="no such folder"),
    BadCall(MITBIH + "read_record", raises=TypeError, mentions="`lead`",
            build=lambda folder: _record(folder, lead=0), why="a lead number instead of its name"),
    BadCall(MITBIH + "read_record", mentions="`timeout`",
            build=lambda folder: _record(folder, timeout=-5), why="a negative timeout"),
    BadCall(MITBIH + "read_record", mentions="download them again", build=_random_annotations,
            why="random bytes as annotation file (read as beats before)"),
    BadCall(MITBIH + "read_record", mentions="end mark", build=_truncated_annotations,
            why="an annotation file cut in half (fewer beats before)"),
    BadCall(MITBIH + "read_record", mentions="checksum", build=_damaged_signal,
            why="signal samples changed"),
    BadCall(MITBIH + "read_record", mentions="'## ' notes", build=_hanging_note,
            why="a note on which wfdb loops forever"),
    BadCall(MITBIH + "read_record", raises=FileNotFoundError, mentions="100.atr",
            build=_no_annotations, why="no annotation file"),
    BadCall(MITBIH + "load_mitbih_beats", (["100"],), {"classes": ("N", "N")},
            mentions="`classes`", why="a class named twice"),
    BadCall(MITBIH + "load_mitbih_beats", (["100"],), {"classes": ("N", "X")},
            mentions="`classes`", why="not an AAMI class"),
    BadCall(MITBIH + "load_mitbih_beats", (["100"],), {"target_rate": float("nan")},
            mentions="`target_rate`", why="a NaN sampling rate"),
    BadCall(MITBIH + "load_mitbih_beats", (["100"],), {"target_rate": 1e9},
            mentions="`target_rate`", why="a huge sampling rate"),
    BadCall(MITBIH + "load_mitbih_beats", (["100", "100"],), mentions="`records`",
            why="a record named twice"),
    # --- good calls: other containers, the same result ----------------------------------
    GoodCall(MITBIH + "record_names", (np.array([100, 101]),),
             reference=((("100", "101"),), {}), why="a NumPy array of numbers"),
    GoodCall(MEDMNIST + "medmnist_url", ("chestmnist", np.int64(64)),
             reference=(("chestmnist", 64), {}), why="a NumPy integer size"),
    GoodCall(DOWNLOAD + "check_timeout", (np.float32(2.5),), reference=((2.5,), {}),
             why="a NumPy float timeout"),
    GoodCall(DOWNLOAD + "verify_checksum",
             build=lambda folder: (((str(_file(folder)), MD5.upper()), {}),
                                   ((_file(folder), MD5), {})),
             why="a path as text and an upper-case checksum"),
    GoodCall(MEDMNIST + "read_medmnist_npz",
             build=lambda folder: (((str(_npz(folder)),), {}), ((_npz(folder),), {})),
             why="a path as text"),
    GoodCall(DOWNLOAD + "file_checksum",
             build=lambda folder: (((str(_file(folder)), "sha256"), {}),
                                   ((_file(folder), "sha256"), {})),
             why="a path as text"),
    GoodCall(DOWNLOAD + "download_file",
             build=lambda folder: (_download(folder, _source(folder) + "  ", subfolder="x"),
                                   _download(folder, _source(folder), subfolder="x")),
             why="an address with spaces around it"),
]  # fmt: skip

"""The cache never loses data: checksummed downloads, kept user files, timeouts, clear errors.

Nothing here goes to the internet: servers are stood in for by a fake ``urlopen``, by
``file://`` addresses, or by small servers on this machine's loopback address (which
the test session's network block allows).
"""

from __future__ import annotations

import hashlib
import http.server
import io
import os
import socket
import subprocess
import sys
import threading
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

import numpy as np
import pytest
import wfdb

from helpers.course.environment import has_network
from helpers.data import cache, download, medmnist, mitbih
from helpers.data.download import (
    ChecksumError,
    download_file,
    file_checksum,
    read_url,
    verify_checksum,
)

URL = "https://example.org/data/file.bin"
CONTENT = b"medical images, honestly"
MD5 = hashlib.md5(CONTENT).hexdigest()
SHA256 = hashlib.sha256(CONTENT).hexdigest()
USER_COPY = b"the user's own copy, another version"


@pytest.fixture(autouse=True)
def cache_in_tmp(tmp_path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("MEDICAL_DL_DATA_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _serve(monkeypatch: pytest.MonkeyPatch, content: bytes) -> list[tuple[str, float]]:
    """Replace ``urlopen`` by a server of ``content``; return the (url, timeout) asked for."""
    requested: list[tuple[str, float]] = []

    def fake_urlopen(url: str, timeout: float) -> io.BytesIO:
        requested.append((url, timeout))
        return io.BytesIO(content)

    monkeypatch.setattr(urllib.request, "urlopen", fake_urlopen)
    return requested


def _user_file(cache_in_tmp: Path, content: bytes = USER_COPY) -> Path:
    path = cache_in_tmp / "demo" / "file.bin"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return path


def test_checksums_of_a_file(tmp_path) -> None:
    path = tmp_path / "f.bin"
    path.write_bytes(CONTENT)
    assert file_checksum(path) == MD5
    assert file_checksum(path, "sha256") == SHA256
    verify_checksum(path, MD5.upper())
    verify_checksum(path, f" {SHA256}\n", "sha256")
    with pytest.raises(ChecksumError, match="delete it and download it again"):
        verify_checksum(path, "0" * 32)
    with pytest.raises(ValueError, match="algorithm"):
        file_checksum(path, "crc32")
    with pytest.raises(TypeError, match="algorithm"):
        file_checksum(path, 5)
    with pytest.raises(ValueError, match="`expected` must be the 32 hex digits"):
        verify_checksum(path, "abc")
    with pytest.raises(FileNotFoundError, match="`path`"):
        file_checksum(tmp_path / "absent.bin")
    with pytest.raises(TypeError, match="`path`"):
        file_checksum(3)


def test_download_verifies_and_then_uses_the_cache(monkeypatch, cache_in_tmp) -> None:
    requested = _serve(monkeypatch, CONTENT)
    path = download_file(URL, "file.bin", subfolder="demo", md5=MD5)
    assert path == cache_in_tmp / "demo" / "file.bin" and path.read_bytes() == CONTENT
    assert download_file(URL, "file.bin", subfolder="demo", md5=MD5) == path
    assert requested == [(URL, download.DEFAULT_TIMEOUT)]  # the second call did not download
    assert sorted(p.name for p in path.parent.iterdir()) == ["file.bin"]  # no .part left


def test_no_network_gives_a_clear_error_naming_the_host(cache_in_tmp) -> None:
    # the test session blocks the network, so this is a real failed connection attempt
    with pytest.raises(ConnectionError, match="no network connection to example.org") as error:
        download_file(URL, "file.bin", subfolder="demo", md5=MD5)
    message = str(error.value)
    assert URL in message and "by hand" in message
    assert str(cache_in_tmp / "demo" / "file.bin") in message  # where to place the file
    assert not list((cache_in_tmp / "demo").iterdir())


def test_http_error_names_the_status(monkeypatch) -> None:
    def not_found(url: str, timeout: float):
        raise urllib.error.HTTPError(url, 404, "Not Found", {}, None)  # type: ignore[arg-type]

    monkeypatch.setattr(urllib.request, "urlopen", not_found)
    with pytest.raises(ConnectionError, match="HTTP 404"):
        download_file(URL, "file.bin", subfolder="demo", md5=MD5)


def test_checksum_mismatch_removes_only_the_temporary_download(monkeypatch, cache_in_tmp) -> None:
    _serve(monkeypatch, CONTENT[:-3])  # a truncated transfer
    with pytest.raises(ChecksumError, match="does not match its published MD5"):
        download_file(URL, "file.bin", subfolder="demo", md5=MD5)
    assert not list((cache_in_tmp / "demo").iterdir())


def test_a_user_file_with_another_checksum_is_kept_when_offline(cache_in_tmp) -> None:
    # before: the file was deleted, then the download failed offline: the data was gone
    user_file = _user_file(cache_in_tmp)
    kept = user_file.with_name(f"file.bin.mismatch-{hashlib.md5(USER_COPY).hexdigest()[:8]}")
    with pytest.warns(UserWarning, match="nothing is deleted"):
        with pytest.raises(ConnectionError, match=f"kept as {kept}"):
            download_file(URL, "file.bin", subfolder="demo", md5=MD5)
    assert kept.read_bytes() == USER_COPY
    assert sorted(p.name for p in user_file.parent.iterdir()) == [kept.name]


def test_a_user_file_with_another_checksum_is_kept_when_the_download_works(
    monkeypatch, cache_in_tmp
) -> None:
    user_file = _user_file(cache_in_tmp)
    _user_file(cache_in_tmp).with_name(
        f"file.bin.mismatch-{hashlib.sha256(USER_COPY).hexdigest()[:8]}"
    ).write_bytes(b"an earlier kept copy")  # the new name is taken: another one is found
    requested = _serve(monkeypatch, CONTENT)
    with pytest.warns(UserWarning, match="was kept as"):
        path = download_file(URL, "file.bin", subfolder="demo", sha256=SHA256)
    assert path.read_bytes() == CONTENT and len(requested) == 1
    contents = sorted(p.read_bytes() for p in user_file.parent.iterdir())
    assert contents == sorted([CONTENT, USER_COPY, b"an earlier kept copy"])


def test_the_download_is_moved_into_place_only_after_its_checksum_matched(
    monkeypatch, cache_in_tmp
) -> None:
    destination = cache_in_tmp / "demo" / "file.bin"
    seen: list[list[str]] = []

    class Response(io.BytesIO):
        def read(self, size: int = -1) -> bytes:  # the destination is untouched meanwhile
            seen.append(sorted(p.name for p in destination.parent.iterdir()))
            return super().read(size)

    monkeypatch.setattr(urllib.request, "urlopen", lambda url, timeout: Response(CONTENT))
    moves: list[tuple[Path, Path]] = []
    real_replace = os.replace

    def replace(source: str | Path, target: str | Path) -> None:
        checked = file_checksum(source) == MD5  # the temporary file is complete and verified
        moves.append((Path(source), Path(target)))
        assert checked
        real_replace(source, target)

    monkeypatch.setattr(download.os, "replace", replace)
    download_file(URL, "file.bin", subfolder="demo", md5=MD5)
    assert seen and all(len(names) == 1 and names[0].endswith(".part") for names in seen)
    assert moves == [(moves[0][0], destination)] and moves[0][0].parent == destination.parent
    monkeypatch.setattr(urllib.request, "urlopen", lambda url, timeout: Response(b"other"))
    moves.clear()
    with pytest.raises(ChecksumError):
        download_file(URL, "other.bin", subfolder="demo", md5=MD5)
    assert moves == []  # a mismatched download is never moved into place


@pytest.mark.parametrize("subfolder", ["../escape", "a/../../escape", "..", "/tmp/abs", "C:\\x"])
def test_subfolders_outside_the_cache_are_refused(tmp_path, subfolder) -> None:
    with pytest.raises(ValueError, match="`subfolder`"):
        download_file(URL, "file.bin", subfolder=subfolder, md5=MD5)
    with pytest.raises(ValueError, match="`subfolder`"):
        cache.data_dir(subfolder)
    assert not (tmp_path / "escape").exists()


def test_subfolders_inside_the_cache_are_fine(cache_in_tmp) -> None:
    assert cache.data_dir("a/b") == cache_in_tmp / "a" / "b"
    assert cache.data_dir(Path("mitdb")) == cache_in_tmp / "mitdb"
    assert cache.data_dir("") == cache.data_dir() == cache_in_tmp
    with pytest.raises(TypeError, match="`subfolder`"):
        cache.data_dir(3)


def test_permission_problems_are_reported_as_such(monkeypatch, cache_in_tmp) -> None:
    # the tests may run as root, who may write anywhere: simulate a read-only cache
    def no_permission(*args: object, **kwargs: object):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(download.tempfile, "mkstemp", no_permission)
    with pytest.raises(PermissionError, match="permission denied") as error:
        download_file(URL, "file.bin", subfolder="demo", md5=MD5)  # offline, yet not "network"
    assert "network" not in str(error.value) and "MEDICAL_DL_DATA_DIR" in str(error.value)
    monkeypatch.undo()
    monkeypatch.setenv("MEDICAL_DL_DATA_DIR", str(cache_in_tmp))
    monkeypatch.setattr(Path, "mkdir", no_permission)
    with pytest.raises(PermissionError, match="Cannot create the data folder .* permission"):
        cache.data_dir("new")
    monkeypatch.undo()
    monkeypatch.setenv("MEDICAL_DL_DATA_DIR", str(cache_in_tmp))
    _user_file(cache_in_tmp)
    monkeypatch.setattr(download.os, "rename", no_permission)
    with pytest.raises(PermissionError, match="cannot be renamed .* permission denied"):
        download_file(URL, "file.bin", subfolder="demo", md5=MD5)
    assert (cache_in_tmp / "demo" / "file.bin").read_bytes() == USER_COPY


def test_a_folder_in_the_way_is_named(cache_in_tmp) -> None:
    (cache_in_tmp / "demo" / "file.bin").mkdir(parents=True)
    with pytest.raises(ValueError, match="there is a folder at"):
        download_file(URL, "file.bin", subfolder="demo", md5=MD5)


def test_timeout_is_passed_to_urlopen_everywhere(monkeypatch, tmp_path) -> None:
    requested = _serve(monkeypatch, CONTENT)
    download_file(URL, "file.bin", subfolder="demo", md5=MD5, timeout=4.5)
    assert requested[-1] == (URL, 4.5)
    monkeypatch.setitem(medmnist.MEDMNIST_MD5, ("pneumoniamnist", 28), MD5)
    with pytest.raises(ValueError, match="not a .npz"):  # the served bytes are no .npz
        medmnist.load_medmnist("pneumoniamnist", timeout=7)
    assert requested[-1] == (medmnist.medmnist_url("pneumoniamnist"), 7)
    listing = f"{SHA256}  100.hea\n{SHA256}  100.dat\n{SHA256}  100.atr\n".encode()
    requested = _serve(monkeypatch, listing)
    with pytest.raises(ChecksumError):  # the listing itself is served for every file
        mitbih.download_mitbih(["100"], base_url="https://example.org/mitdb", timeout=9)
    assert requested[0] == ("https://example.org/mitdb/SHA256SUMS.txt", 9)
    assert requested[1] == ("https://example.org/mitdb/100.hea", 9)


@pytest.mark.parametrize(
    ("timeout", "error"),
    [(0, ValueError), (-1.0, ValueError), (float("nan"), ValueError), (float("inf"), ValueError),
     (10**6, ValueError), ("30", TypeError), (True, TypeError), (None, TypeError)],
)  # fmt: skip
def test_bad_timeouts_are_refused(timeout, error) -> None:
    with pytest.raises(error, match="`timeout`"):
        download_file(URL, "file.bin", subfolder="demo", md5=MD5, timeout=timeout)
    with pytest.raises(error, match="`timeout`"):
        medmnist.load_medmnist(timeout=timeout)
    with pytest.raises(error, match="`timeout`"):
        mitbih.download_mitbih(["100"], timeout=timeout)
    with pytest.raises(error, match="`timeout`"):
        has_network("127.0.0.1", 80, timeout=timeout)


@pytest.fixture
def silent_server():
    """A server on the loopback address that accepts connections and never answers."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(8)
        yield f"http://127.0.0.1:{server.getsockname()[1]}/file.bin"


def test_a_stalled_server_is_given_up_after_the_timeout(silent_server, cache_in_tmp) -> None:
    with pytest.raises(ConnectionError, match="127.0.0.1 did not answer within 0.3 s") as error:
        download_file(silent_server, "file.bin", subfolder="demo", md5=MD5, timeout=0.3)
    assert "larger `timeout`" in str(error.value)
    assert not list((cache_in_tmp / "demo").iterdir())


@pytest.fixture
def local_server(tmp_path):
    """An HTTP server on the loopback address serving ``tmp_path/site``."""
    site = tmp_path / "site"
    site.mkdir()

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, directory=str(site), **kwargs)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield site, f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


def test_a_real_http_download_and_a_missing_file(local_server, cache_in_tmp) -> None:
    site, address = local_server
    (site / "file.bin").write_bytes(CONTENT)
    path = download_file(address + "file.bin", "file.bin", subfolder="demo", sha256=SHA256)
    assert path.read_bytes() == CONTENT
    with pytest.raises(ConnectionError, match="HTTP 404"):
        download_file(address + "absent.bin", "absent.bin", subfolder="demo", md5=MD5)
    assert read_url(address + "file.bin", timeout=5) == CONTENT
    with pytest.raises(ValueError, match="`max_bytes`"):
        read_url(address + "file.bin", max_bytes=4)


def test_file_addresses_and_bad_addresses(tmp_path) -> None:
    source = tmp_path / "source.bin"
    source.write_bytes(CONTENT)
    assert download_file(source.as_uri(), "f.bin", subfolder="d", md5=MD5).read_bytes() == CONTENT
    with pytest.raises(FileNotFoundError, match="cannot read"):
        download_file((tmp_path / "absent").as_uri(), "g.bin", subfolder="d", md5=MD5)
    for url in ("not a url", "ftp://example.org/f", "https://", "example.org/f", "http://h:x/"):
        with pytest.raises(ValueError, match="`url` must be an http"):
            download_file(url, "file.bin", subfolder="demo", md5=MD5)
    with pytest.raises(TypeError, match="`url`"):
        download_file(None, "file.bin", subfolder="demo", md5=MD5)


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="md5"):
        download_file(URL, "file.bin", subfolder="demo")
    with pytest.raises(ValueError, match="`md5` must be the 32 hex digits"):
        download_file(URL, "file.bin", subfolder="demo", md5="not-a-checksum")
    with pytest.raises(ValueError, match="`sha256` must be the 64 hex digits"):
        download_file(URL, "file.bin", subfolder="demo", sha256=MD5)
    for filename in ("../file.bin", "a/b", "..", ""):
        with pytest.raises(ValueError, match="`filename`"):
            download_file(URL, filename, subfolder="demo", md5=MD5)
    with pytest.raises(TypeError, match="`cache_dir`"):
        download_file(URL, "file.bin", subfolder="demo", md5=MD5, cache_dir=1)


def test_cache_dir_replaces_the_course_cache(monkeypatch, tmp_path, cache_in_tmp) -> None:
    _serve(monkeypatch, CONTENT)
    path = download_file(URL, "file.bin", subfolder="demo", md5=MD5, cache_dir=tmp_path / "own")
    assert path == tmp_path / "own" / "demo" / "file.bin" and not cache_in_tmp.exists()


def test_has_network_probes_the_host_it_is_given(silent_server) -> None:
    port = int(silent_server.split(":")[2].split("/")[0])
    assert has_network("127.0.0.1", port, timeout=1.0)  # a listening loopback port
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        free_port = closed.getsockname()[1]
    assert not has_network("127.0.0.1", free_port, timeout=1.0)
    assert not has_network("zenodo.org", timeout=1.0)  # the tests are offline
    with pytest.raises(ValueError, match="`host`"):
        has_network("https://zenodo.org/records")
    with pytest.raises(ValueError, match="`port`"):
        has_network("127.0.0.1", 70000)
    with pytest.raises(TypeError, match="`port`"):
        has_network("127.0.0.1", 443.0)


# corrupt files: a clear ValueError that names the file and says to download it again


def _npz_bytes(compressed: bool) -> bytes:
    rng = np.random.default_rng(0)
    arrays = {}
    for split, n in (("train", 8), ("val", 4), ("test", 4)):
        arrays[f"{split}_images"] = rng.integers(0, 256, (n, 28, 28)).astype(np.uint8)
        arrays[f"{split}_labels"] = np.arange(n).reshape(n, 1) % 2
    buffer = io.BytesIO()
    (np.savez_compressed if compressed else np.savez)(buffer, **arrays)
    return buffer.getvalue()


def test_a_corrupt_compressed_npz_is_reported_not_a_zlib_error(tmp_path) -> None:
    data = bytearray(_npz_bytes(compressed=True))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("train_images.npy")
    start = info.header_offset + 30 + len(info.filename) + len(info.extra)
    data[start + 5 : start + 40] = bytes(35)  # damage the deflate stream of one member
    path = tmp_path / "pneumoniamnist.npz"
    path.write_bytes(bytes(data))
    with pytest.raises(ValueError, match="truncated or not a .npz archive") as error:
        medmnist.read_medmnist_npz(path)
    assert str(path) in str(error.value) and "Delete it" in str(error.value)


@pytest.mark.parametrize("compressed", [True, False])
@pytest.mark.parametrize("fraction", [0.1, 0.5, 0.9, 0.999])
def test_a_truncated_npz_is_reported(tmp_path, compressed, fraction) -> None:
    data = _npz_bytes(compressed)
    path = tmp_path / "cut.npz"
    path.write_bytes(data[: int(len(data) * fraction)])
    with pytest.raises(ValueError, match="truncated or not a .npz archive.*Delete it"):
        medmnist.read_medmnist_npz(path)


def _wfdb_record(folder: Path) -> None:
    t = np.arange(3600) / 360
    signal = np.sin(2 * np.pi * 1.2 * t) ** 21
    wfdb.wrsamp(
        "100", fs=360, units=["mV"], sig_name=["MLII"], p_signal=signal[:, None],
        fmt=["212"], write_dir=str(folder),
    )  # fmt: skip
    peaks = np.arange(75, 3600, 300)
    wfdb.wrann("100", "atr", peaks, ["N"] * len(peaks), fs=360, write_dir=str(folder))


def test_random_bytes_as_an_annotation_file_are_never_read_as_beats(tmp_path) -> None:
    # before: 41 of 200 random files were parsed as beats
    _wfdb_record(tmp_path)
    assert len(mitbih.read_record("100", tmp_path)[2]) == 12
    for seed in range(100):
        generator = np.random.default_rng(seed)
        junk = generator.integers(0, 256, int(generator.integers(2, 2000)), dtype=np.uint8)
        (tmp_path / "100.atr").write_bytes(junk.tobytes() + b"\0\0" * (seed % 2))
        with pytest.raises(ValueError, match="Cannot read WFDB record .*download them again"):
            mitbih.read_record("100", tmp_path)


def test_a_truncated_or_damaged_record_is_reported(tmp_path) -> None:
    _wfdb_record(tmp_path)
    annotation = (tmp_path / "100.atr").read_bytes()
    for cut in (len(annotation) // 4 * 2, len(annotation) - 2):  # was read as fewer beats
        (tmp_path / "100.atr").write_bytes(annotation[:cut])
        with pytest.raises(ValueError, match="lacks its end mark"):
            mitbih.read_record("100", tmp_path)
    (tmp_path / "100.atr").write_bytes(annotation)
    signal = bytearray((tmp_path / "100.dat").read_bytes())
    signal[100:110] = bytes(10)  # same length, other samples
    (tmp_path / "100.dat").write_bytes(bytes(signal))
    with pytest.raises(ValueError, match="do not add up to the checksum"):
        mitbih.read_record("100", tmp_path)


def test_nothing_is_downloaded_at_import() -> None:
    probe = (
        "import socket\n"
        "def refuse(*args, **kwargs):\n    raise AssertionError('network used at import')\n"
        "socket.socket.connect = socket.getaddrinfo = refuse\n"
        "import helpers.data.download, helpers.data.medmnist, helpers.data.mitbih\n"
    )
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run([sys.executable, "-c", probe], cwd=root, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr

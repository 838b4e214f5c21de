"""Checksummed downloads: cache hits, no network, HTTP errors and checksum mismatches."""

from __future__ import annotations

import hashlib
import io
import urllib.error
import urllib.request

import pytest

from helpers.data.download import ChecksumError, download_file, file_checksum, verify_checksum

URL = "https://example.org/data/file.bin"
CONTENT = b"medical images, honestly"
MD5 = hashlib.md5(CONTENT).hexdigest()


@pytest.fixture(autouse=True)
def cache_in_tmp(tmp_path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("MEDICAL_DL_DATA_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def _serve(monkeypatch: pytest.MonkeyPatch, content: bytes) -> list[str]:
    requested: list[str] = []

    def fake_urlopen(url: str, timeout: float) -> io.BytesIO:
        requested.append(url)
        return io.BytesIO(content)

    monkeypatch.setattr(urllib.request, "urlopen", fake_urlopen)
    return requested


def test_checksums_of_a_file(tmp_path) -> None:
    path = tmp_path / "f.bin"
    path.write_bytes(CONTENT)
    assert file_checksum(path) == MD5
    assert file_checksum(path, "sha256") == hashlib.sha256(CONTENT).hexdigest()
    verify_checksum(path, MD5.upper())
    with pytest.raises(ChecksumError, match="delete it and download it again"):
        verify_checksum(path, "0" * 32)
    with pytest.raises(ValueError, match="algorithm"):
        file_checksum(path, "crc32")
    with pytest.raises(FileNotFoundError):
        file_checksum(tmp_path / "absent.bin")


def test_download_verifies_and_then_uses_the_cache(monkeypatch, cache_in_tmp) -> None:
    requested = _serve(monkeypatch, CONTENT)
    path = download_file(URL, "file.bin", subfolder="demo", md5=MD5)
    assert path == cache_in_tmp / "demo" / "file.bin" and path.read_bytes() == CONTENT
    assert download_file(URL, "file.bin", subfolder="demo", md5=MD5) == path
    assert requested == [URL]  # the second call did not download again
    assert not list(path.parent.glob("*.part"))


def test_no_network_gives_a_clear_error(cache_in_tmp) -> None:
    # the test session blocks the network, so this is a real failed connection attempt
    with pytest.raises(ConnectionError, match="no network connection") as error:
        download_file(URL, "file.bin", subfolder="demo", md5=MD5)
    message = str(error.value)
    assert URL in message and "by hand" in message and str(cache_in_tmp) in message
    assert not list((cache_in_tmp / "demo").iterdir())


def test_http_error_names_the_status(monkeypatch) -> None:
    def not_found(url: str, timeout: float):
        raise urllib.error.HTTPError(url, 404, "Not Found", {}, None)

    monkeypatch.setattr(urllib.request, "urlopen", not_found)
    with pytest.raises(ConnectionError, match="HTTP 404"):
        download_file(URL, "file.bin", subfolder="demo", md5=MD5)


def test_checksum_mismatch_removes_the_download(monkeypatch, cache_in_tmp) -> None:
    _serve(monkeypatch, CONTENT[:-3])  # a truncated transfer
    with pytest.raises(ChecksumError, match="does not match its published MD5"):
        download_file(URL, "file.bin", subfolder="demo", md5=MD5)
    assert not list((cache_in_tmp / "demo").iterdir())


def test_a_broken_cached_file_is_fetched_again(monkeypatch, cache_in_tmp) -> None:
    stale = cache_in_tmp / "demo" / "file.bin"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"half a file")
    requested = _serve(monkeypatch, CONTENT)
    assert (
        download_file(
            URL, "file.bin", subfolder="demo", sha256=hashlib.sha256(CONTENT).hexdigest()
        ).read_bytes()
        == CONTENT
    )
    assert requested == [URL]


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="md5"):
        download_file(URL, "file.bin", subfolder="demo")
    with pytest.raises(ValueError, match="bare file name"):
        download_file(URL, "../file.bin", subfolder="demo", md5=MD5)

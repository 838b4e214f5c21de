"""Download a data file once into the course cache, verified by its published checksum.

Every failure says what went wrong and how to get the file by hand: no network (or a
firewall), a server that does not answer within ``timeout`` seconds, an HTTP error,
a cache folder without write permission, or a file whose checksum does not match
(truncated download, changed upstream file). A file already in the cache with the
right checksum is never downloaded again.

The cache never loses data: a download goes to a temporary file next to its
destination and is moved into place only after its checksum matched, and a file
already in the cache whose checksum differs (a copy the user placed there, another
version) is kept under a new name, ``<name>.mismatch-<checksum[:8]>``, never deleted
or overwritten.
"""

from __future__ import annotations

import hashlib
import http.client
import os
import tempfile
import urllib.error
import urllib.parse
import urllib.request
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from helpers.course.repository import make_folder
from helpers.course.validation import (
    check_choice,
    check_existing_file,
    check_number,
    check_path,
    check_positive_int,
    check_text,
    describe,
)
from helpers.data.cache import DATA_DIR_ENV, check_subfolder, data_dir

ALGORITHMS = ("md5", "sha256")
HEX_DIGITS = {"md5": 32, "sha256": 64}
URL_SCHEMES = ("http", "https", "file")
#: Seconds a download waits for the server (to connect, and for each block of data).
DEFAULT_TIMEOUT = 30.0
MAX_TIMEOUT = 3600.0
_CHUNK = 1 << 20


class ChecksumError(ValueError):
    """A file's checksum differs from the published one."""


def check_timeout(timeout: Any, name: str = "timeout") -> float:
    """Return ``timeout`` in seconds if it is a finite number above 0 and at most an hour."""
    return check_number(timeout, name, low=0.0, high=MAX_TIMEOUT, low_open=True)


def check_url(url: Any, name: str = "url") -> str:
    """Return ``url`` if it is an ``http://``, ``https://`` or ``file://`` address."""
    text = check_text(url, name).strip()
    parts = urllib.parse.urlsplit(text)
    scheme = parts.scheme.lower()
    try:
        parts.port  # noqa: B018  (raises ValueError on a port that is not a number)
        valid = bool(parts.path if scheme == "file" else parts.hostname)
    except ValueError:
        valid = False
    if scheme not in URL_SCHEMES or not valid:
        raise ValueError(
            f"`{name}` must be an http://, https:// or file:// address, but got {describe(url)}. "
            "Copy the full address, e.g. 'https://zenodo.org/records/10519652/files/...'."
        )
    return text


def check_algorithm(algorithm: Any) -> str:
    """Return ``algorithm`` if it is a supported checksum: 'md5' or 'sha256'."""
    return check_choice(check_text(algorithm, "algorithm"), "algorithm", ALGORITHMS)


def check_digest(value: Any, name: str, algorithm: str) -> str:
    """Return ``value`` in lower case if it is a hex digest of the right length."""
    digest = check_text(value, name).strip().lower()
    length = HEX_DIGITS[algorithm]
    if len(digest) != length or any(char not in "0123456789abcdef" for char in digest):
        raise ValueError(
            f"`{name}` must be the {length} hex digits of a published {algorithm.upper()} "
            f"checksum, but got {describe(value)}. Copy it from the data set's page."
        )
    return digest


def file_checksum(path: str | Path, algorithm: str = "md5") -> str:
    """Hex digest of a file, read in chunks (``algorithm``: 'md5' or 'sha256')."""
    algorithm = check_algorithm(algorithm)
    path = check_existing_file(path, "path")
    digest = hashlib.new(algorithm)
    try:
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(_CHUNK), b""):
                digest.update(chunk)
    except PermissionError as error:
        raise PermissionError(
            f"Cannot read {path}: permission denied. Fix the file's permissions (or copy it "
            "to a folder of yours) and try again."
        ) from error
    return digest.hexdigest()


def verify_checksum(path: str | Path, expected: str, algorithm: str = "md5") -> None:
    """Raise ``ChecksumError`` unless the file's digest equals ``expected``."""
    algorithm = check_algorithm(algorithm)
    expected = check_digest(expected, "expected", algorithm)
    actual = file_checksum(path, algorithm)
    if actual != expected:
        raise ChecksumError(
            f"{path} has {algorithm.upper()} {actual}, but the published value is {expected}. "
            "The file is truncated, corrupt or not the expected version: delete it and "
            "download it again."
        )


def _manual_help(url: str, destination: Path) -> str:
    return (
        f"To get the file by hand, open {url} in a browser, save it as {destination} "
        f"(set {DATA_DIR_ENV} to use another cache folder), and run the cell again; or "
        "pass the path of a copy you already have to the notebook's path parameter."
    )


def _published_checksum(md5: Any, sha256: Any) -> tuple[str, str]:
    if sha256 is not None:
        return "sha256", check_digest(sha256, "sha256", "sha256")
    if md5 is not None:
        return "md5", check_digest(md5, "md5", "md5")
    raise ValueError(
        "Pass the published `md5` or `sha256` of the file to download: a download that "
        "cannot be verified is refused."
    )


def _check_filename(filename: Any) -> str:
    name = check_text(filename, "filename")
    if name != name.strip() or "/" in name or "\\" in name or "\0" in name or name in (".", ".."):
        raise ValueError(
            f"`filename` must be a bare file name such as 'pneumoniamnist.npz', but got "
            f"{describe(filename)}. Put folders in `subfolder`."
        )
    return name


def _keep_aside(path: Path, digest: str) -> Path:
    """Rename ``path`` to a free name ``<name>.mismatch-<digest[:8]>[-k]`` and return it."""
    stem = f"{path.name}.mismatch-{digest[:8]}"
    kept, number = path.with_name(stem), 1
    while kept.exists():
        number += 1
        kept = path.with_name(f"{stem}-{number}")
    try:
        os.rename(path, kept)
    except PermissionError as error:
        raise PermissionError(
            f"{path} has the wrong checksum, and it cannot be renamed to {kept.name} to make "
            f"room for a fresh copy: permission denied. Move it away yourself, or set "
            f"{DATA_DIR_ENV} to a folder you can write to."
        ) from error
    return kept


def _cached_copy(destination: Path, expected: str, algorithm: str) -> tuple[bool, Path | None]:
    """(True, None) if ``destination`` holds the published file, else (False, where a
    different file that was there is kept now, or None if there was none)."""
    if destination.is_dir():
        raise ValueError(
            f"`filename`: there is a folder at {destination}, where the downloaded file "
            "belongs. Move or rename that folder."
        )
    if not destination.exists():
        return False, None
    actual = file_checksum(destination, algorithm)
    if actual == expected:
        return True, None
    kept = _keep_aside(destination, actual)
    warnings.warn(
        f"{destination} has {algorithm.upper()} {actual}, not the published {expected}, so "
        f"it is not used. It was kept as {kept} (nothing is deleted); a fresh copy is about to be "
        f"downloaded. Delete {kept.name} once you no longer need it.",
        UserWarning,
        stacklevel=3,
    )
    return False, kept


def _temporary_file(folder: Path, filename: str) -> Path:
    """A new empty file ``<filename>.<random>.part`` in ``folder``, made for this download."""
    try:
        handle, name = tempfile.mkstemp(prefix=f"{filename}.", suffix=".part", dir=folder)
    except PermissionError as error:
        raise PermissionError(
            f"Cannot write to the data folder {folder}: permission denied. Set "
            f"{DATA_DIR_ENV} to a folder you can write to, or fix the folder's permissions."
        ) from error
    except OSError as error:
        raise OSError(
            f"Cannot write to the data folder {folder} ({error.strerror}). Set "
            f"{DATA_DIR_ENV} to a folder you can write to."
        ) from error
    os.close(handle)
    return Path(name)


def _connection_error(url: str, error: BaseException, timeout: float, help_text: str) -> Exception:
    """The clear exception for a failed ``urlopen``/``read`` of ``url``."""
    parts = urllib.parse.urlsplit(url)
    reason = getattr(error, "reason", error)
    if isinstance(error, urllib.error.HTTPError):
        return ConnectionError(
            f"The server answered HTTP {error.code} ({error.reason}) for {url}. The file may "
            f"have moved or the server may be down. {help_text}"
        )
    if parts.scheme.lower() == "file":
        kind = FileNotFoundError if isinstance(reason, FileNotFoundError) else OSError
        return kind(f"`url`: cannot read {url} ({reason}). Check the path. {help_text}")
    host = parts.hostname
    if isinstance(reason, TimeoutError) or isinstance(error, TimeoutError):
        return ConnectionError(
            f"{host} did not answer within {timeout:g} s while downloading {url}: the server "
            f"is slow or down, or a firewall drops the connection. Try again later, or pass a "
            f"larger `timeout`. {help_text}"
        )
    return ConnectionError(
        f"Could not download {url}: no network connection to {host}, or the transfer broke "
        f"off ({reason}). Check that this machine is online and can reach {host}. {help_text}"
    )


def _chunks(url: str, timeout: float, help_text: str) -> Iterator[bytes]:
    """The bytes at ``url`` in blocks; network failures become clear exceptions."""
    try:
        response = urllib.request.urlopen(url, timeout=timeout)
    except (OSError, http.client.HTTPException, ValueError) as error:
        raise _connection_error(url, error, timeout, help_text) from error
    with response:
        while True:
            try:
                chunk = response.read(_CHUNK)
            except (OSError, http.client.HTTPException) as error:
                raise _connection_error(url, error, timeout, help_text) from error
            if not chunk:
                return
            yield chunk


def read_url(url: str, *, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = 2**20) -> bytes:
    """The content of a small file at ``url`` (a checksum listing), read into memory.

    Raises:
        ConnectionError: no network, unreachable host, timeout or an HTTP error status.
        FileNotFoundError: a ``file://`` address that names no file.
        ValueError: the file is larger than ``max_bytes``.
    """
    url = check_url(url)
    timeout = check_timeout(timeout)
    max_bytes = check_positive_int(max_bytes, "max_bytes", maximum=2**30)
    help_text = "Is the address right, and is this machine online?"
    content = bytearray()
    for chunk in _chunks(url, timeout, help_text):
        content += chunk
        if len(content) > max_bytes:
            raise ValueError(
                f"{url} is larger than `max_bytes` = {max_bytes} bytes: is it the small "
                "text file you meant? Check the address."
            )
    return bytes(content)


def _write_chunks(url: str, partial: Path, timeout: float, help_text: str) -> None:
    with partial.open("wb") as out:
        for chunk in _chunks(url, timeout, help_text):
            try:
                out.write(chunk)
            except PermissionError as error:
                raise PermissionError(f"Cannot write {partial}: permission denied.") from error
            except OSError as error:
                raise OSError(
                    f"Cannot write {partial} ({error.strerror}): is the disk full? Free some "
                    f"space, or set {DATA_DIR_ENV} to a folder on another disk."
                ) from error


def download_file(
    url: str,
    filename: str,
    *,
    subfolder: str,
    md5: str | None = None,
    sha256: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    cache_dir: str | Path | None = None,
) -> Path:
    """Return ``data_dir(subfolder)/filename``, downloading and verifying it if needed.

    At least one checksum (``md5`` or ``sha256``) is required: a download that cannot
    be verified is refused. ``url`` must be an http(s):// or file:// address;
    ``subfolder`` a folder inside the cache; ``timeout`` (seconds) bounds the wait for
    the server to connect and for each block of data; ``cache_dir`` replaces the
    course cache folder (``data_dir()``) when given.

    The file is written to a temporary ``<name>.<random>.part`` next to its destination
    and moved into place (``os.replace``) only after its checksum matched, so an
    interrupted download leaves no half-file behind. A different file already at the
    destination is never deleted: it is renamed ``<name>.mismatch-<checksum[:8]>`` (with
    a warning) and the error messages say where it went.

    Raises:
        ConnectionError: no network, unreachable host, timeout or an HTTP error status.
        ChecksumError: the downloaded file has the wrong checksum.
        PermissionError: the cache folder or file is not writable (or readable).
    """
    url = check_url(url)
    filename = _check_filename(filename)
    subfolder = check_subfolder(subfolder)
    algorithm, expected = _published_checksum(md5, sha256)
    timeout = check_timeout(timeout)
    if cache_dir is None:
        folder = data_dir(subfolder)
    else:
        folder = make_folder(
            check_path(cache_dir, "cache_dir").expanduser() / subfolder,
            purpose="data",
            env_variable=DATA_DIR_ENV,
        )
    destination = folder / filename
    found, kept = _cached_copy(destination, expected, algorithm)
    if found:
        return destination
    help_text = _manual_help(url, destination)
    if kept is not None:
        help_text += (
            f" The file that was at {destination} had another {algorithm.upper()} and is "
            f"kept as {kept}."
        )
    partial = _temporary_file(folder, filename)
    try:
        _write_chunks(url, partial, timeout, help_text)
        try:
            verify_checksum(partial, expected, algorithm)
        except ChecksumError as error:
            raise ChecksumError(
                f"The file downloaded from {url} does not match its published "
                f"{algorithm.upper()} ({error}). {help_text}"
            ) from error
        if not _cached_copy(destination, expected, algorithm)[0]:  # placed meanwhile?
            try:
                os.replace(partial, destination)
            except PermissionError as error:
                raise PermissionError(
                    f"Cannot move the verified download to {destination}: permission denied. "
                    f"Set {DATA_DIR_ENV} to a folder you can write to."
                ) from error
    finally:
        partial.unlink(missing_ok=True)
    return destination

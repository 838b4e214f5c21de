"""Download a data file once into the course cache, verified by its published checksum.

Every failure says what went wrong and how to get the file by hand: no network (or a
firewall), an HTTP error from the server, or a file whose checksum does not match
(truncated download, changed upstream file). A file already in the cache with the
right checksum is never downloaded again.
"""

from __future__ import annotations

import hashlib
import shutil
import urllib.error
import urllib.request
from pathlib import Path

from helpers.data.cache import DATA_DIR_ENV, data_dir

ALGORITHMS = ("md5", "sha256")


class ChecksumError(ValueError):
    """A file's checksum differs from the published one."""


def file_checksum(path: str | Path, algorithm: str = "md5") -> str:
    """Hex digest of a file, read in chunks (``algorithm``: 'md5' or 'sha256')."""
    if algorithm not in ALGORITHMS:
        raise ValueError(f"`algorithm` must be one of {ALGORITHMS}, got {algorithm!r}.")
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"No file at {path}.")
    digest = hashlib.new(algorithm)
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def verify_checksum(path: str | Path, expected: str, algorithm: str = "md5") -> None:
    """Raise ``ChecksumError`` unless the file's digest equals ``expected``."""
    actual = file_checksum(path, algorithm)
    if actual.lower() != expected.strip().lower():
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


def download_file(
    url: str,
    filename: str,
    *,
    subfolder: str,
    md5: str | None = None,
    sha256: str | None = None,
    timeout: float = 60.0,
) -> Path:
    """Return ``data_dir(subfolder)/filename``, downloading and verifying it if needed.

    At least one checksum (``md5`` or ``sha256``) is required: a download that cannot
    be verified is refused. The file is written to ``<name>.part`` first and moved into
    place only after its checksum matched, so an interrupted download leaves no
    half-file behind.

    Raises:
        ConnectionError: no network, DNS failure, timeout or an HTTP error status.
        ChecksumError: the downloaded (or cached) file has the wrong checksum.
    """
    if sha256:
        algorithm, expected = "sha256", sha256
    elif md5:
        algorithm, expected = "md5", md5
    else:
        raise ValueError("Pass the published `md5` or `sha256` of the file to download.")
    if not filename or "/" in filename or "\\" in filename:
        raise ValueError(f"`filename` must be a bare file name, got {filename!r}.")
    destination = data_dir(subfolder) / filename
    if destination.is_file():
        try:
            verify_checksum(destination, expected, algorithm)
            return destination
        except ChecksumError:
            destination.unlink()  # a stale or broken copy: fetch it again below
    partial = destination.with_name(destination.name + ".part")
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response, partial.open("wb") as out:
            shutil.copyfileobj(response, out)
    except urllib.error.HTTPError as error:
        partial.unlink(missing_ok=True)
        raise ConnectionError(
            f"The server answered HTTP {error.code} ({error.reason}) for {url}. The file may "
            f"have moved or the server may be down. {_manual_help(url, destination)}"
        ) from error
    except (urllib.error.URLError, OSError, TimeoutError) as error:
        partial.unlink(missing_ok=True)
        reason = getattr(error, "reason", error)
        raise ConnectionError(
            f"Could not download {url}: no network connection, or the transfer broke off "
            f"({reason}). Check that this machine is online. {_manual_help(url, destination)}"
        ) from error
    try:
        verify_checksum(partial, expected, algorithm)
    except ChecksumError as error:
        partial.unlink(missing_ok=True)
        raise ChecksumError(
            f"The file downloaded from {url} does not match its published {algorithm.upper()} "
            f"({error}). {_manual_help(url, destination)}"
        ) from error
    partial.replace(destination)
    return destination

"""Where the course keeps its data: one cache folder that an environment variable moves."""

from __future__ import annotations

import os
import re
from pathlib import Path, PureWindowsPath
from typing import Any

from helpers.course.repository import repository_root
from helpers.course.validation import check_path, describe

DATA_DIR_ENV = "MEDICAL_DL_DATA_DIR"


def check_subfolder(subfolder: Any, name: str = "subfolder") -> str:
    """Return ``subfolder`` as text if it is a relative path that stays inside the cache.

    An absolute path or a ``..`` part would put files outside the cache folder (or
    overwrite files elsewhere), so both are refused; ``""`` means the cache itself.
    """
    if not isinstance(subfolder, str | os.PathLike):
        raise TypeError(
            f"`{name}` must be a folder name inside the cache (str or Path), but got "
            f"{describe(subfolder)}."
        )
    text = os.fspath(subfolder)
    if not isinstance(text, str):  # a bytes path
        raise TypeError(f"`{name}` must be a text path, but got {describe(subfolder)}.")
    windows = PureWindowsPath(text)
    if Path(text).is_absolute() or windows.drive or windows.root or text.startswith(("/", "\\")):
        raise ValueError(
            f"`{name}` must be a folder inside the cache, but {text!r} is an absolute path. "
            f"Pass a name such as 'medmnist', or set {DATA_DIR_ENV} to move the whole cache."
        )
    if ".." in re.split(r"[\\/]", text) or "\0" in text:
        raise ValueError(
            f"`{name}` must stay inside the cache, but {text!r} climbs out of it with '..'. "
            f"Pass a name such as 'medmnist', or set {DATA_DIR_ENV} to move the whole cache."
        )
    return text


def data_dir(subfolder: str | os.PathLike[str] | None = None) -> Path:
    """Return (and create) the data cache folder, or a subfolder of it.

    ``$MEDICAL_DL_DATA_DIR`` wins; otherwise the repository's ``data/`` folder, or
    ``~/.cache/medical-dl-course/data`` when the helpers were installed with pip.
    ``subfolder`` must be a relative path inside the cache (no ``..``, not absolute).
    Permission problems raise ``PermissionError`` (see :func:`make_folder`).
    """
    if subfolder is not None:
        subfolder = check_subfolder(subfolder)
    configured = os.environ.get(DATA_DIR_ENV)
    if configured:
        folder = Path(configured).expanduser()
    elif (root := repository_root()) is not None:
        folder = root / "data"
    else:
        folder = Path.home() / ".cache" / "medical-dl-course" / "data"
    if subfolder:
        folder = folder / subfolder
    return make_folder(folder)


def make_folder(folder: str | Path) -> Path:
    """Create ``folder`` and its parents if needed and return it as a ``Path``.

    Raises:
        PermissionError: the folder cannot be created for lack of permission.
        OSError: the folder cannot be created for another reason (a file in the way).
    """
    folder = check_path(folder, "folder").expanduser()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except PermissionError as error:
        raise PermissionError(
            f"Cannot create the data folder {folder}: permission denied. Set "
            f"{DATA_DIR_ENV} to a folder you can write to, or fix the folder's permissions."
        ) from error
    except OSError as error:
        raise OSError(
            f"Cannot create the data folder {folder} ({error.strerror}). Set "
            f"{DATA_DIR_ENV} to a folder you can write to."
        ) from error
    return folder

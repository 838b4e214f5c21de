"""Where the course keeps its data: one cache folder that an environment variable moves."""

from __future__ import annotations

import os
import re
from pathlib import Path, PureWindowsPath
from typing import Any

from helpers.course.repository import course_folder, make_folder
from helpers.course.validation import describe

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
    folder = course_folder(DATA_DIR_ENV, "data", "data")
    if subfolder:
        folder = make_folder(folder / subfolder, purpose="data", env_variable=DATA_DIR_ENV)
    return folder

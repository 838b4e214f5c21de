"""Where the course keeps its data: one cache folder that an environment variable moves."""

from __future__ import annotations

import os
from pathlib import Path

from helpers.course.repository import repository_root

DATA_DIR_ENV = "MEDICAL_DL_DATA_DIR"


def data_dir(subfolder: str | None = None) -> Path:
    """Return (and create) the data cache folder, or a subfolder of it.

    ``$MEDICAL_DL_DATA_DIR`` wins; otherwise the repository's ``data/`` folder, or
    ``~/.cache/medical-dl-course/data`` when the helpers were installed with pip.
    """
    configured = os.environ.get(DATA_DIR_ENV)
    if configured:
        folder = Path(configured).expanduser()
    elif (root := repository_root()) is not None:
        folder = root / "data"
    else:
        folder = Path.home() / ".cache" / "medical-dl-course" / "data"
    if subfolder:
        folder = folder / subfolder
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OSError(
            f"Cannot create the data folder {folder} ({error.strerror}). Set "
            f"{DATA_DIR_ENV} to a folder you can write to."
        ) from error
    return folder

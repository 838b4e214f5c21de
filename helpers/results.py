"""Record a notebook's key figures to a JSON file that tests and the benchmark read."""

from __future__ import annotations

import json
import math
import os
from pathlib import Path

from helpers.paths import repository_root

RESULTS_ENV = "COURSE_RESULTS_DIR"


def results_dir() -> Path:
    """Folder for result files: ``$COURSE_RESULTS_DIR``, else ``build/results``."""
    configured = os.environ.get(RESULTS_ENV)
    if configured:
        folder = Path(configured).expanduser()
    elif (root := repository_root()) is not None:
        folder = root / "build" / "results"
    else:
        folder = Path.home() / ".cache" / "medical-dl-course" / "results"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def record_results(notebook: str, **figures: float | int | bool | str) -> Path:
    """Merge ``figures`` into ``<results_dir>/<notebook>.json`` and return the path.

    Example: ``record_results("01_forward_propagation", test_accuracy=0.97)``.
    Values must be plain numbers, booleans or strings; NaN is refused.
    """
    if not notebook or "/" in notebook or "\\" in notebook:
        raise ValueError(f"`notebook` must be a bare notebook name, got {notebook!r}.")
    if not figures:
        raise ValueError("Pass at least one figure, e.g. record_results(name, accuracy=0.9).")
    clean: dict[str, float | int | bool | str] = {}
    for key, value in figures.items():
        if hasattr(value, "item"):  # NumPy or TensorFlow scalar
            value = value.item()
        if not isinstance(value, int | float | bool | str):
            raise TypeError(f"Figure `{key}` must be a number, bool or string, got {value!r}.")
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError(f"Figure `{key}` is {value}; something upstream went wrong.")
        clean[key] = value
    path = results_dir() / f"{notebook}.json"
    existing = json.loads(path.read_text()) if path.exists() else {}
    existing.update(clean)
    path.write_text(json.dumps(existing, indent=2, sort_keys=True) + "\n")
    return path


def load_results(notebook: str) -> dict[str, float | int | bool | str]:
    """Read the figures recorded for ``notebook``; raise FileNotFoundError if none."""
    path = results_dir() / f"{notebook}.json"
    if not path.exists():
        raise FileNotFoundError(
            f"No results recorded for {notebook} in {path.parent}. Run the notebook first."
        )
    return json.loads(path.read_text())

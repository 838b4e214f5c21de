"""Record a notebook's key figures (JSON that tests and the benchmark read) and check them."""

from __future__ import annotations

import json
import math
import os
from pathlib import Path

from helpers.course.repository import repository_root
from helpers.course.targets import TARGETS, Figure

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


def check_figures(notebook: str, **figures: Figure) -> None:
    """Record ``figures`` and print one verdict per figure against its target.

    The bounds live in ``helpers.course.targets.TARGETS`` only; a notebook's check cell
    prints, e.g., ``Test ROC AUC (test_auc >= 0.97): True``, and nbval compares that
    line with the stored one. Returns nothing, so a check cell shows only its verdicts.
    """
    targets = TARGETS.get(notebook, {})
    unknown = sorted(set(figures) - set(targets))
    if unknown:
        raise KeyError(
            f"{notebook} has no target for {unknown}; add one to helpers.course.targets.TARGETS "
            "or record the figure with record_results instead."
        )
    path = record_results(notebook, **figures)
    recorded = json.loads(path.read_text())
    for name in figures:
        print(f"{targets[name].describe(name)}: {targets[name].met_by(recorded[name])}")

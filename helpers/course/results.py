"""Record a notebook's key figures (JSON that tests and the benchmark read) and check them."""

from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Any

import numpy as np

from helpers.course.repository import course_folder
from helpers.course.targets import TARGETS, Figure, check_target_notebook
from helpers.course.validation import check_choice, check_text, describe

RESULTS_ENV = "COURSE_RESULTS_DIR"
SNAPSHOT_PATH = Path(__file__).with_name("recorded_results.json")
"""The shipped snapshot of every notebook's figures (``tools/benchmark.py --snapshot``)."""
SNAPSHOT_EXCLUDED = frozenset({"17_faq_and_glossary"})
"""Notebooks left out of the snapshot: notebook 17 reads it, so it records nothing into it."""


def results_dir() -> Path:
    """Folder for result files: ``$COURSE_RESULTS_DIR``, else ``build/results``.

    Raises:
        ValueError: the folder's path names a file.
        OSError: the folder cannot be created (e.g. no permission).
    """
    return course_folder(RESULTS_ENV, "build/results", "results")


def _check_notebook_name(notebook: Any) -> str:
    """Return ``notebook`` if it is a bare notebook name such as ``01_forward_propagation``."""
    notebook = check_text(notebook, "notebook")
    if any(mark in notebook for mark in "/\\") or notebook.startswith("."):
        raise ValueError(
            f"`notebook` must be a bare notebook name such as '01_forward_propagation' "
            f"(no folder), but got {notebook!r}."
        )
    if notebook.endswith((".ipynb", ".json")):
        raise ValueError(
            f"`notebook` must be a bare notebook name without extension, but got "
            f"{notebook!r}; pass {notebook.rsplit('.', 1)[0]!r}."
        )
    return notebook


def _clean_figure(name: str, value: Any) -> Figure:
    """``value`` as a plain JSON number, bool or string; NumPy and TensorFlow scalars too."""
    if hasattr(value, "numpy") and callable(value.numpy):  # TensorFlow tensor
        value = value.numpy()
    if hasattr(value, "item") and not isinstance(value, str):  # NumPy scalar or array
        if np.size(value) != 1:
            raise TypeError(
                f"Figure `{name}` must be a number, bool or string, but got "
                f"{np.size(value)} values (shape {np.shape(value)}); pass one number, "
                "e.g. float(values.mean())."
            )
        value = value.item()
    if not isinstance(value, int | float | bool | str):
        raise TypeError(f"Figure `{name}` must be a number, bool or string, got {describe(value)}.")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"Figure `{name}` is {value}; something upstream went wrong.")
    return value


def _read_results(path: Path) -> dict[str, Figure]:
    """The figures in the results file ``path``; a corrupt file raises a clear error."""
    try:
        recorded = json.loads(path.read_text())
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ValueError(
            f"The results file {path} is corrupt ({error}), perhaps cut short by an "
            "interrupted run. Delete it and run the notebook again to record its figures."
        ) from error
    if not isinstance(recorded, dict):
        raise ValueError(
            f"The results file {path} is corrupt: it holds a {type(recorded).__name__}, "
            "not figures by name. Delete it and run the notebook again to record its figures."
        )
    return recorded


def record_results(notebook: str, **figures: Any) -> None:
    """Merge ``figures`` into ``<results_dir>/<notebook>.json`` (nothing to show in a cell).

    Example: ``record_results("01_forward_propagation", test_accuracy=0.97)``.
    Values must be plain numbers, booleans or strings (NumPy and TensorFlow scalars
    are converted); NaN and infinity are refused.

    Raises:
        TypeError: ``notebook`` is not a string, or a figure is not one number, bool or
            string.
        ValueError: ``notebook`` is not a bare name, no figure is given, a figure is
            NaN or infinite, or the recorded file is corrupt.
    """
    notebook = _check_notebook_name(notebook)
    if not figures:
        raise ValueError("Pass at least one figure, e.g. record_results(name, accuracy=0.9).")
    clean = {name: _clean_figure(name, value) for name, value in figures.items()}
    path = results_dir() / f"{notebook}.json"
    existing = _read_results(path) if path.exists() else {}
    existing.update(clean)
    partial = path.with_name(f".{path.name}.partial")  # a crash cannot truncate the file
    partial.write_text(json.dumps(existing, indent=2, sort_keys=True) + "\n")
    os.replace(partial, path)


def load_results(notebook: str) -> dict[str, Figure]:
    """Read the figures recorded for ``notebook``.

    Raises:
        FileNotFoundError: nothing was recorded for ``notebook`` (run it first).
        ValueError: ``notebook`` is not a bare name, or its results file is corrupt.
    """
    notebook = _check_notebook_name(notebook)
    path = results_dir() / f"{notebook}.json"
    if not path.exists():
        raise FileNotFoundError(
            f"No results recorded for {notebook} in {path.parent}. Run the notebook first."
        )
    return _read_results(path)


def check_figures(notebook: str, **figures: Any) -> None:
    """Record ``figures`` and print one verdict per figure against its target.

    The bounds live in ``helpers.course.targets.TARGETS`` only; a notebook's check cell
    prints, e.g., ``Test ROC AUC (test_auc >= 0.97): True``, and nbval compares that
    line with the stored one. Returns nothing, so a check cell shows only its verdicts.

    Raises:
        TypeError: a figure is not one number, bool or string, or text where its
            target compares numbers.
        ValueError: ``notebook`` has no targets, a figure has no target (record it with
            ``record_results`` instead), or a figure is NaN or infinite. Nothing is
            recorded then.
    """
    check_target_notebook(notebook)
    targets = TARGETS[notebook]
    unknown = sorted(set(figures) - set(targets))
    if unknown:
        raise ValueError(
            f"{notebook} has no target for {unknown}; its targets are "
            f"{', '.join(targets)}. Fix the name, add a target to "
            "helpers.course.targets.TARGETS, or record the figure with record_results instead."
        )
    clean = {name: _clean_figure(name, value) for name, value in figures.items()}
    verdicts = {name: targets[name].met_by(value, name=name) for name, value in clean.items()}
    record_results(notebook, **clean)
    for name, verdict in verdicts.items():
        print(f"{targets[name].describe(name)}: {verdict}")


def load_snapshot() -> dict[str, Any]:
    """The shipped snapshot: ``{"provenance": {...}, "results": {notebook: figures}}``.

    Raises:
        FileNotFoundError: the package was installed without its snapshot.
        ValueError: the snapshot is corrupt (regenerate it with
            ``python tools/benchmark.py --snapshot``).
    """
    if not SNAPSHOT_PATH.exists():
        raise FileNotFoundError(
            f"The shipped snapshot {SNAPSHOT_PATH} is missing; reinstall the helpers or "
            "write it with `python tools/benchmark.py --snapshot`."
        )
    snapshot = _read_results(SNAPSHOT_PATH)
    if not isinstance(snapshot.get("results"), dict):
        raise ValueError(
            f"The snapshot {SNAPSHOT_PATH} has no 'results'; regenerate it with "
            "`python tools/benchmark.py --snapshot`."
        )
    return snapshot


def course_results(notebook: str, source: str = "shipped") -> dict[str, Figure]:
    """The figures of ``notebook``: from the shipped snapshot or from your own runs.

    ``source``: ``"shipped"`` reads the snapshot that came with the helpers (every
    notebook run once with its defaults); ``"mine"`` reads what your own run of the
    notebook recorded in ``results_dir()``.

    Raises:
        TypeError: ``notebook`` or ``source`` is not a string.
        ValueError: ``notebook`` is not a bare name, ``source`` is neither choice, the
            snapshot has no such notebook, or a results file is corrupt.
        FileNotFoundError: ``source="mine"`` and you have not run ``notebook`` yet.
    """
    notebook = _check_notebook_name(notebook)
    source = check_choice(source, "source", ("shipped", "mine"))
    if source == "mine":
        path = results_dir() / f"{notebook}.json"
        if not path.exists():
            raise FileNotFoundError(
                f"You have not recorded results of {notebook} yet (nothing in {path.parent}). "
                f"Run notebooks/{notebook}.ipynb to the end first, or use source='shipped'."
            )
        return _read_results(path)
    shipped = load_snapshot()["results"]
    if notebook not in shipped:
        raise ValueError(
            f"The shipped snapshot has no notebook {notebook!r}; it has "
            f"{', '.join(sorted(shipped))}."
        )
    return dict(shipped[notebook])

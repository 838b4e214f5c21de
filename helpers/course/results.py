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
SPREAD_PATH = Path(__file__).with_name("recorded_spread.json")
"""Each figure's range over the perturbation sweep (``tools/robustness.py --write-spread``)."""
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
    return _read_shipped(SNAPSHOT_PATH, "results", "python tools/benchmark.py --snapshot")


def _read_shipped(path: Path, key: str, command: str) -> dict[str, Any]:
    """A file shipped with the helpers, which ``command`` writes and whose ``key`` is a dict."""
    if not path.exists():
        raise FileNotFoundError(
            f"{path} is missing; reinstall the helpers or write it with `{command}`."
        )
    shipped = _read_results(path)
    if not isinstance(shipped.get(key), dict):
        raise ValueError(f"{path} has no {key!r}; write it again with `{command}`.")
    return shipped


BASELINE_COMPARISONS: dict[str, tuple[str, str, str, str]] = {
    "06": ("slide diagnosis", "AUC", "attention_test_auc", "baseline_test_auc"),
    "08": ("early warning from vital signs", "AUC", "early_warning_auc", "best_baseline_auc"),
    "09": (
        "the ring of 8 Gaussians",
        "-distance",
        "ttur_sliced_wasserstein",
        "gmm_sliced_wasserstein",
    ),
    "10": ("metastasis from 76 genes", "AUC", "mlp_auc", "lr_auc"),
    "11": ("clinical notes", "macro F1", "transformer_all_f1", "tfidf_all_f1"),
    "12": ("peptide binding", "AUC", "best_test_auc", "logistic_roc_auc"),
    "13": ("breast cancer, tuned MLP", "AUC", "tuned_test_auc", "logistic_test_auc"),
    "14": ("breast cancer, 80 patients", "AUC", "nonprivate_test_auc", "logistic_test_auc"),
    "15": ("chest films, small CNN", "AUC", "cnn_home_auc", "pixel_baseline_auc"),
    "16": ("four modalities fused", "AUC", "intermediate_fusion_auc", "baseline_auc"),
}
"""Every deep model the course measures against its strongest simple baseline on the same test
patients: notebook number -> (task, metric, the deep model's figure, the baseline's figure). A
metric that starts with "-" is a distance, lower is better (notebook 09's GAN)."""
TIE_WIDTH = 0.01
"""Two scores closer than this count as a tie (notebook 17's default ``tie_width``)."""


RESULTS_SOURCES = ("auto", "mine", "shipped")
"""Where ``course_results`` reads: your own run where you have one, only yours, or the snapshot."""


def results_origin(notebook: str, source: str = "auto") -> str:
    """``"mine"`` or ``"shipped"``: where ``course_results(notebook, source)`` reads from.

    ``"auto"`` is ``"mine"`` once your own run of ``notebook`` recorded figures in
    ``results_dir()``, else ``"shipped"``.

    Raises:
        TypeError: ``notebook`` or ``source`` is not a string.
        ValueError: ``notebook`` is not a bare name or ``source`` is none of ``RESULTS_SOURCES``.
    """
    notebook = _check_notebook_name(notebook)
    source = check_choice(source, "source", RESULTS_SOURCES)
    if source == "auto":
        return "mine" if (results_dir() / f"{notebook}.json").exists() else "shipped"
    return source


def course_results(notebook: str, source: str = "shipped") -> dict[str, Figure]:
    """The figures of ``notebook``: from the shipped snapshot or from your own runs.

    ``source``: ``"shipped"`` reads the snapshot that came with the helpers (every
    notebook run once with its defaults); ``"mine"`` reads what your own run of the
    notebook recorded in ``results_dir()``; ``"auto"`` reads yours where they exist and
    the snapshot otherwise (``results_origin`` says which).

    Raises:
        TypeError: ``notebook`` or ``source`` is not a string.
        ValueError: ``notebook`` is not a bare name, ``source`` is none of the choices, the
            snapshot has no such notebook, or a results file is corrupt.
        FileNotFoundError: ``source="mine"`` and you have not run ``notebook`` yet.
    """
    notebook = _check_notebook_name(notebook)
    if results_origin(notebook, source) == "mine":
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


class Quoted(float):
    """A figure that prints with its spread over the sweep's runs; arithmetic gives floats.

    ``f"{Quoted(0.953, 0.931, 0.962, 6):.3f}"`` is ``"0.953 [0.931 to 0.962 in 6 runs]"``;
    where the range rounds to one value at that precision, the value alone is printed.
    """

    value: int | float
    low: float
    high: float
    runs: int

    def __new__(cls, value: float, low: float, high: float, runs: int) -> Quoted:
        """A number equal to ``value`` that remembers its range ``low``-``high`` over ``runs``."""
        quoted = super().__new__(cls, value)
        quoted.value, quoted.low, quoted.high, quoted.runs = value, low, high, runs
        return quoted

    def __format__(self, spec: str) -> str:
        text = format(self.value, spec)
        low, high = format(self.low, spec), format(self.high, spec)
        return text if low == high else f"{text} [{low} to {high} in {self.runs} runs]"


def load_spread() -> dict[str, Any]:
    """Every figure's value in each run of the perturbation sweep that shipped with the helpers.

    ``{"provenance": {..., "perturbations": [six names]}, "spread": {notebook: {figure:
    [one value per perturbation, None where that run did not record it]}}}``, written by
    ``python tools/robustness.py --write-spread`` (five seeds, oneDNN on and off, one or
    two threads).

    Raises:
        FileNotFoundError: the package was installed without it.
        ValueError: the file is corrupt.
    """
    return _read_shipped(SPREAD_PATH, "spread", "python tools/robustness.py --write-spread")


def swept_values(notebook: str, name: str) -> list[float]:
    """The values figure ``name`` of ``notebook`` took in the sweep's runs (empty: not swept)."""
    notebook = _check_notebook_name(notebook)
    name = check_text(name, "name")
    runs = load_spread()["spread"].get(notebook, {}).get(name, [])
    return [value for value in runs if value is not None]


def quoted(notebook: str, name: str, value: Figure) -> Figure | Quoted:
    """``value`` of figure ``name`` of ``notebook``, as ``Quoted`` where the sweep measured it.

    Booleans, strings and figures the sweep did not record come back unchanged.
    """
    runs = swept_values(notebook, name)
    if not runs or isinstance(value, bool) or not isinstance(value, int | float):
        return value
    return Quoted(value, min(runs), max(runs), len(runs))

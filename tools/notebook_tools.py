"""Maintain the course notebooks: store check outputs, sync Colab links, inspect cells.

    python tools/notebook_tools.py store-outputs notebooks/01_forward_propagation.ipynb
    python tools/notebook_tools.py sync-links

``store-outputs`` executes a notebook (or takes ``make bench``'s executed copy, if its code is
current) and keeps only the outputs of check cells (cells containing ``# NBVAL_CHECK_OUTPUT``),
which nbval compares in the tests.
``sync-links`` rewrites every badge and Colab setup cell from the repository URL in
``pyproject.toml``, the run-time statements (each notebook's and the README's) from the
seconds measured by ``tools/benchmark.py --snapshot``, and the README's table of results from
that snapshot and the sweep's spread (``tools/robustness.py --write-spread``). The tests
import the cell helpers below to check the skeleton.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK_DIR = ROOT / "notebooks"
CHECK_MARKER = "# NBVAL_CHECK_OUTPUT"
BADGE_PATTERN = re.compile(r"\[!\[Open In Colab\]\([^)]*\)\]\([^)]*\)")
REQUIREMENT_PATTERN = re.compile(r'requirement = "([^"]*)"')
# The setup cell installs on Colab when any module the notebook needs is missing (not only
# `helpers`: a notebook's extra may be missing where another notebook installed the helpers).
NEEDED_PATTERN = re.compile(r"^needed = .*$", re.MULTILINE)
CONDITION_PATTERN = re.compile(r'^if "google\.colab" in sys\.modules and .*:$', re.MULTILINE)
# One run-time statement per notebook and one for the course, written from the seconds that
# `tools/benchmark.py --snapshot` measured, never typed by hand.
TIME_PATTERN = re.compile(r"^\*\*Time\.\*\*.*$", re.MULTILINE)
OBJECTIVES = "**Learning objectives.**"
FIGURES_PATTERN = re.compile(r"^\*\*Your figures\.\*\*.*$", re.MULTILINE)
FIGURES_LINE = (
    "**Your figures.** Another computer computes slightly different figures from the same code "
    "and seed (other CPU kernels, thread counts, oneDNN on or off). The check cells compare each "
    "claim's verdict, `True` or `False`, not its digits; `make robustness` runs every notebook "
    "under five seeds, oneDNN on and off and one or two threads to test that the verdicts hold. "
    "Lines that start with `Your run:` show your own run's figures."
)
README_TIME_PATTERN = re.compile(r"<!-- run-time -->.*?<!-- /run-time -->", re.DOTALL)
README_RESULTS_PATTERN = re.compile(r"<!-- results -->.*?<!-- /results -->", re.DOTALL)
CONDITION = (
    'if "google.colab" in sys.modules and '
    "any(importlib.util.find_spec(name) is None for name in needed):"
)
sys.path.insert(0, str(ROOT))

from helpers.checks.nb17 import _baseline_verdicts
from helpers.course.curriculum import CURRICULUM
from helpers.course.repository import colab_badge, colab_install_target, colab_required_modules
from helpers.course.results import (
    BASELINE_COMPARISONS,
    TIE_WIDTH,
    load_snapshot,
    load_spread,
    quoted,
)


def notebook_paths() -> list[Path]:
    """All course notebooks, in course order."""
    return sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb"))


def is_check_cell(cell: dict) -> bool:
    """True for code cells whose outputs are stored and compared by nbval."""
    return cell["cell_type"] == "code" and CHECK_MARKER in cell["source"]


def has_tag(cell: dict, tag: str) -> bool:
    """True if the cell carries the given tag (e.g. 'parameters')."""
    return tag in cell.get("metadata", {}).get("tags", [])


def setup_extras(source: str) -> str:
    """The optional-dependency group named in a setup cell's requirement line."""
    match = REQUIREMENT_PATTERN.search(source)
    if not match:
        return ""
    extras = re.search(r"\[([^\]]*)\]", match.group(1))
    return extras.group(1) if extras else ""


def strip_outputs(notebook: nbformat.NotebookNode) -> None:
    """Drop outputs and counters everywhere except in check cells (numbered 1, 2, ...)."""
    check_number = 0
    for cell in notebook.cells:
        if cell["cell_type"] != "code":
            continue
        cell["metadata"].pop("execution", None)
        if not is_check_cell(cell):
            cell["execution_count"], cell["outputs"] = None, []
            continue
        check_number += 1  # nbval treats a cell without a count as never run
        cell["execution_count"] = check_number
        for output in cell["outputs"]:
            if "execution_count" in output:
                output["execution_count"] = check_number
    notebook.metadata.pop("papermill", None)
    notebook.metadata.pop("widgets", None)


def store_outputs(path: Path, executed_dir: Path | None = None) -> None:
    """Keep only the check-cell outputs of ``path``, from a run offline on the CPU.

    The run is ``make bench``'s executed copy in ``executed_dir`` (default
    ``build/executed``) when its code cells are the notebook's, so the course is not
    executed twice; else a new execution.
    """
    from executed import EXECUTED_DIR, is_fresh
    from nbclient import NotebookClient

    executed_dir = executed_dir or EXECUTED_DIR
    notebook = nbformat.read(path, as_version=4)
    if is_fresh(path, executed_dir):
        executed = nbformat.read(executed_dir / path.name, as_version=4)
        for cell, run in zip(notebook.cells, executed.cells):
            if cell.cell_type == "code":
                cell["outputs"], cell["execution_count"] = run.outputs, run.execution_count
    else:
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
        os.environ.setdefault("MPLBACKEND", "Agg")
        os.environ["COURSE_RESULTS_DIR"] = tempfile.mkdtemp(prefix="course-results-")
        NotebookClient(
            notebook,
            timeout=1800,
            kernel_name="python3",
            resources={"metadata": {"path": str(path.parent)}},
        ).execute()
    strip_outputs(notebook)
    for cell in notebook.cells:  # stderr noise from TensorFlow is never part of a check
        if is_check_cell(cell):
            cell["outputs"] = [o for o in cell["outputs"] if o.get("name") != "stderr"]
    nbformat.write(notebook, path)
    print(f"stored check outputs of {path.name}")


def needed_line(extras: str) -> str:
    """The setup cell's list of modules whose absence makes it install on Colab."""
    names = ", ".join(f'"{name}"' for name in colab_required_modules(extras))
    comma = "," if "," not in names else ""  # a one-element tuple
    return f"needed = ({names}{comma})  # this notebook's imports that Colab lacks"


def setup_cell_source(source: str) -> str:
    """``source`` of a setup cell with its install target, module list and condition current."""
    extras = setup_extras(source)
    source = REQUIREMENT_PATTERN.sub(f'requirement = "{colab_install_target(extras)}"', source)
    if NEEDED_PATTERN.search(source):
        source = NEEDED_PATTERN.sub(needed_line(extras), source)
    else:
        source = CONDITION_PATTERN.sub(lambda m: f"{needed_line(extras)}\n{m.group(0)}", source)
    return CONDITION_PATTERN.sub(CONDITION, source)


def about(seconds: float) -> str:
    """A rounded duration for prose: '25 s' below 90 s, else half minutes ('2.5 minutes')."""
    if seconds < 90:
        return f"{max(5, 5 * round(seconds / 5))} s"
    return f"{round(seconds / 30) / 2:g} minutes"


def measured_times() -> tuple[dict[str, float], str]:
    """Seconds per notebook from the shipped snapshot, and the machine that measured them."""
    snapshot = load_snapshot()
    return snapshot["seconds"], snapshot["provenance"]["machine"]


def time_line(stem: str) -> str:
    """The notebook's '**Time.**' statement, from the benchmark's measured seconds."""
    seconds, machine = measured_times()
    if stem not in seconds:
        raise SystemExit(f"No time measured for {stem}: run `tools/benchmark.py --snapshot`.")
    return (
        f"**Time.** About {about(seconds[stem])} to run with the shipped settings "
        f"(`make bench` on {machine})."
    )


def course_time_statement() -> str:
    """The README's run-time sentence for the whole course, from the benchmark."""
    seconds, machine = measured_times()
    slowest = max(seconds, key=seconds.__getitem__)
    return (
        f"<!-- run-time -->With its shipped settings the whole course runs in about "
        f"{about(sum(seconds.values()))}, each notebook in {about(min(seconds.values()))} to "
        f"{about(seconds[slowest])} (notebook {slowest[:2]}), measured by `make bench` on "
        f"{machine}.<!-- /run-time -->"
    )


def with_time_line(source: str, stem: str) -> str:
    """``source`` of the objectives cell with its '**Time.**' and '**Your figures.**' lines."""
    if TIME_PATTERN.search(source):
        source = TIME_PATTERN.sub(time_line(stem), source)
    else:
        source = f"{source.rstrip()}\n\n{time_line(stem)}"
    if FIGURES_PATTERN.search(source):
        return FIGURES_PATTERN.sub(lambda _: FIGURES_LINE, source)
    return f"{source.rstrip()}\n\n{FIGURES_LINE}"


def results_table() -> str:
    """The README's table of every deep model against its strongest simple baseline: the
    snapshot's figures with their range over the sweep, and the verdict in each sweep run."""
    stems = {f"{lesson.number:02d}": lesson.notebook for lesson in CURRICULUM if lesson.notebook}
    snapshot, spread = load_snapshot()["results"], load_spread()["spread"]
    lines = [
        "<!-- results -->",
        "| # | task | metric | deep model | strongest simple baseline | "
        f"verdict in the sweep's runs (tie: within {TIE_WIDTH}) |",
        "|---|---|---|---|---|---|",
    ]
    for number, (task, metric, deep, base) in BASELINE_COMPARISONS.items():
        stem = stems[number]
        deep_runs, base_runs = spread[stem][deep], spread[stem][base]
        sign = -1.0 if metric.startswith("-") else 1.0  # a distance: lower is better
        paired = [(d, b) for d, b in zip(deep_runs, base_runs) if d is not None and b is not None]
        verdicts = list(
            _baseline_verdicts(
                [sign * d for d, _ in paired], [sign * b for _, b in paired], TIE_WIDTH
            )
        )
        counts = ", ".join(
            f"{word} {verdicts.count(verdict)}"
            for verdict, word in ((1, "deep model ahead"), (0, "tie"), (-1, "baseline ahead"))
            if verdict in verdicts
        )
        name = f"{metric[1:]} (lower is better)" if metric.startswith("-") else metric
        shown = [f"{quoted(stem, figure, snapshot[stem][figure]):.3f}" for figure in (deep, base)]
        lines.append(
            f"| {number} | {task} | {name} | {shown[0]} | {shown[1]} | {counts} of {len(paired)} |"
        )
    return "\n".join([*lines, "<!-- /results -->"])


def sync_readme(readme: Path) -> bool:
    """Rewrite the README's run-time sentence from the benchmark and its table of results
    from the snapshot and the sweep; True if it changed."""
    text = readme.read_text()
    updated = README_TIME_PATTERN.sub(course_time_statement(), text)
    updated = README_RESULTS_PATTERN.sub(lambda _: results_table(), updated)
    if updated != text:
        readme.write_text(updated)
    return updated != text


def sync_links(path: Path) -> bool:
    """Rewrite the badge, the setup cell and the run time of ``path``; True if it changed."""
    notebook = nbformat.read(path, as_version=4)
    changed = False
    for cell in notebook.cells:
        source = cell["source"]
        if cell["cell_type"] == "markdown":
            source = BADGE_PATTERN.sub(colab_badge(path.name), source)
            if OBJECTIVES in source:
                source = with_time_line(source, path.stem)
        elif has_tag(cell, "setup"):
            source = setup_cell_source(source)
        if source != cell["source"]:
            cell["source"] = source
            changed = True
    if changed:
        nbformat.write(notebook, path)
    return changed


def main() -> None:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["store-outputs", "sync-links"])
    parser.add_argument(
        "notebooks", nargs="*", type=Path, help="notebooks to process (default: all)"
    )
    arguments = parser.parse_args()
    paths = [p.resolve() for p in arguments.notebooks] or notebook_paths()
    for path in paths:
        if arguments.command == "store-outputs":
            store_outputs(path)
        elif sync_links(path):
            print(f"updated links in {path.name}")
    if arguments.command == "sync-links" and sync_readme(ROOT / "README.md"):
        print("updated the run-time sentence and the table of results in README.md")


if __name__ == "__main__":
    main()

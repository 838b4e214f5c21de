"""One executed copy of each notebook, shared by the benchmark, the site and the slides.

    python tools/executed.py [notebooks/NN_name.ipynb ...]

``make bench`` writes ``build/executed/<name>.ipynb`` with every output (figures included);
``make site`` and ``make slides`` reuse those copies and execute only the notebooks whose
copy is missing or whose code cells differ from the notebook's, so the course is not executed
three times; prose and metadata edits (``make links``) are copied into the copies without a run.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import time
from pathlib import Path

import nbformat
from notebook_tools import ROOT, notebook_paths

EXECUTED_DIR = ROOT / "build" / "executed"


def run_notebook(path: Path, output_dir: Path) -> float:
    """Execute ``path`` with its defaults into ``output_dir``; return the wall-clock seconds.

    The kernel runs offline as in the tests, quiet about TensorFlow, with matplotlib's inline
    backend (no ``MPLBACKEND``) so that the copy keeps its figures.
    """
    import papermill

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.pop("MPLBACKEND", None)
    output_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    papermill.execute_notebook(
        path,
        output_dir / path.name,
        cwd=str(path.parent),
        kernel_name="python3",
        progress_bar=False,
    )
    return time.perf_counter() - started


def code_digest(notebook: nbformat.NotebookNode) -> str:
    """A digest of the cell layout and the code of ``notebook`` (not its prose or outputs)."""
    cells = [
        (cell.cell_type, cell.source if cell.cell_type == "code" else "") for cell in notebook.cells
    ]
    return hashlib.sha256(json.dumps(cells).encode()).hexdigest()


def is_fresh(path: Path, output_dir: Path = EXECUTED_DIR) -> bool:
    """True when ``output_dir`` holds an executed copy of ``path`` with the same code cells."""
    copy = output_dir / path.name
    if not copy.exists():
        return False
    return code_digest(nbformat.read(copy, as_version=4)) == code_digest(
        nbformat.read(path, as_version=4)
    )


def update_prose(path: Path, copy: Path) -> None:
    """Give the fresh executed ``copy`` the markdown and cell metadata of ``path`` (no run)."""
    notebook, executed = (nbformat.read(p, as_version=4) for p in (path, copy))
    changed = False
    for cell, run in zip(notebook.cells, executed.cells):
        prose = cell.source if cell.cell_type == "markdown" else run.source
        if (prose, cell.metadata) != (run.source, run.metadata):
            run.source, run.metadata, changed = prose, cell.metadata, True
    if changed:
        nbformat.write(executed, copy)


def executed_copies(paths: list[Path], output_dir: Path = EXECUTED_DIR) -> list[Path]:
    """The executed copy of each notebook in ``paths``: executed again only if its code changed.

    Prose and metadata edits (a new run-time line, slide roles) are copied over without a run.
    """
    copies = []
    for path in paths:
        copy = output_dir / path.name
        if is_fresh(path, output_dir):
            update_prose(path, copy)
        else:
            print(f"executing {path.name} ...", flush=True)
            run_notebook(path, output_dir)
        copies.append(copy)
    return copies


def main() -> None:
    """Bring the executed copies of the given notebooks (default: all) up to date."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    paths = [p.resolve() for p in parser.parse_args().notebooks] or notebook_paths()
    for copy in executed_copies(paths):
        print(f"up to date: {copy}")


if __name__ == "__main__":
    main()

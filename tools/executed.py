"""One executed copy of each notebook, shared by the benchmark, the site and the slides.

    python tools/executed.py [notebooks/NN_name.ipynb ...]

``make bench`` writes ``build/executed/<name>.ipynb`` with every output (figures included);
``make site`` and ``make slides`` reuse those copies and execute only the notebooks whose
copy is missing or whose cells (types and sources) differ from the notebook's, so the course
is not executed three times, and metadata edits such as ``make links`` do not force a rerun.
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


def cells_digest(path: Path) -> str:
    """A digest of the cell types and sources of the notebook ``path`` (not metadata, outputs)."""
    notebook = nbformat.read(path, as_version=4)
    cells = [(cell.cell_type, cell.source) for cell in notebook.cells]
    return hashlib.sha256(json.dumps(cells).encode()).hexdigest()


def is_fresh(path: Path, output_dir: Path = EXECUTED_DIR) -> bool:
    """True when ``output_dir`` holds an executed copy of ``path`` with the same cells."""
    copy = output_dir / path.name
    return copy.exists() and cells_digest(copy) == cells_digest(path)


def executed_copies(paths: list[Path], output_dir: Path = EXECUTED_DIR) -> list[Path]:
    """The executed copy of each notebook in ``paths``, executing missing or stale ones."""
    copies = []
    for path in paths:
        if not is_fresh(path, output_dir):
            print(f"executing {path.name} ...", flush=True)
            run_notebook(path, output_dir)
        copies.append(output_dir / path.name)
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

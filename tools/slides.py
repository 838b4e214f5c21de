"""Turn notebooks into reveal.js slide decks for presenting a lesson live.

    python tools/slides.py [notebooks/NN_name.ipynb ...]

Each notebook is executed (offline, CPU) and split into slides: a new slide at the
title and at every '## ' section, a sub-slide at every '### ' heading; exercise
solutions are left out so the audience can try first. Decks go to build/slides/.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import nbformat
from nbconvert import SlidesExporter
from nbconvert.preprocessors import ExecutePreprocessor
from notebook_tools import ROOT, notebook_paths


def slide_type(cell: nbformat.NotebookNode, index: int) -> str:
    """reveal.js role of a cell: 'slide', 'subslide', 'skip' or '-' (continue)."""
    if cell.metadata.get("jupyter", {}).get("source_hidden"):
        return "skip"
    if cell.cell_type == "markdown":
        if index == 0 or cell.source.startswith("## "):
            return "slide"
        if cell.source.startswith("### "):
            return "subslide"
    return "-"


def build_deck(path: Path, output_dir: Path) -> Path:
    """Execute ``path`` and write its slide deck; return the HTML file."""
    notebook = nbformat.read(path, as_version=4)
    ExecutePreprocessor(timeout=1800, kernel_name="python3").preprocess(
        notebook, {"metadata": {"path": str(path.parent)}}
    )
    for index, cell in enumerate(notebook.cells):
        cell.metadata["slideshow"] = {"slide_type": slide_type(cell, index)}
    body, _ = SlidesExporter().from_notebook_node(notebook)
    output = output_dir / f"{path.stem}.slides.html"
    output.write_text(body)
    return output


def main() -> None:
    """Build the decks of the given notebooks (default: all)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    paths = [p.resolve() for p in parser.parse_args().notebooks] or notebook_paths()
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    output_dir = ROOT / "build" / "slides"
    output_dir.mkdir(parents=True, exist_ok=True)
    for path in paths:
        print(f"wrote {build_deck(path, output_dir)}")


if __name__ == "__main__":
    main()

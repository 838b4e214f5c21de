"""Slides for presenting a lesson live: offline reveal.js decks and JupyterLab (RISE) metadata.

    python tools/slides.py [notebooks/NN_name.ipynb ...]      # decks in build/slides/
    python tools/slides.py --write-metadata [notebooks ...]   # `make links` runs this

A slide starts at the title and at every ``## `` heading, a sub-slide at every ``### ``
heading and wherever a section grows taller than one slide; the Colab setup cell and exercise
solutions are skipped, so the audience can try first. ``--write-metadata`` splits markdown
cells so that every heading starts a cell and stores each cell's role in its ``slideshow``
metadata, which the jupyterlab-rise extension reads when presenting inside JupyterLab.

Decks are built from the executed copies in build/executed (``make bench`` writes them; stale
or missing ones are executed) and load reveal.js and MathJax from ``build/slides/_assets``,
copied from the PyPI packages sphinx-revealjs and jupyter-server-mathjax: no CDN, no network.
"""

from __future__ import annotations

import argparse
import copy
import json
import math
import re
import shutil
from pathlib import Path

import nbformat
from executed import executed_copies
from nbconvert import SlidesExporter
from notebook_tools import BADGE_PATTERN as BADGE
from notebook_tools import ROOT, notebook_paths
from vendored import MATHJAX_CONFIG_NAME, mathjax_config, mathjax_source, revealjs_source

SLIDES_DIR = ROOT / "build" / "slides"
TEMPLATE_DIR = Path(__file__).with_name("slides_template")
HEADING = re.compile(r"^#{2,3} ", re.MULTILINE)
# What fits on a 960 x 700 slide at the deck's font size, in lines of about 80 characters;
# a cell that draws a figure counts as FIGURE_LINES more, every code cell as OUTPUT_LINES more.
SLIDE_LINES = 18
FIGURE_LINES = 12
OUTPUT_LINES = 3
FIGURE_CALL = re.compile(r"\bplt\.|\bplot_|\bshow_|imshow|\bax\.|\bfig\b")


def split_at_headings(notebook: nbformat.NotebookNode) -> bool:
    """Split markdown cells so that each ``##``/``###`` heading starts a cell; True if changed.

    Headings inside code fences are left alone. New cells get fresh cell ids.
    """
    cells, changed = [], False
    for cell in notebook.cells:
        if cell.cell_type != "markdown":
            cells.append(cell)
            continue
        parts, current, in_fence = [], [], False
        for line in cell.source.split("\n"):
            if line.startswith("```"):
                in_fence = not in_fence
            if not in_fence and HEADING.match(line) and "".join(current).strip():
                parts.append("\n".join(current).strip("\n"))
                current = []
            current.append(line)
        parts.append("\n".join(current).strip("\n"))
        cells.append(cell)
        if len(parts) > 1:
            changed = True
            cell.source = parts[0]
            cells.extend(nbformat.v4.new_markdown_cell(part) for part in parts[1:])
    notebook.cells = cells
    return changed


def cell_lines(cell: nbformat.NotebookNode) -> int:
    """Estimated height of ``cell`` on a slide, in lines of about 80 characters."""
    lines = sum(max(1, math.ceil(len(line) / 80)) for line in cell.source.split("\n"))
    if cell.cell_type == "code":
        lines += OUTPUT_LINES + (FIGURE_LINES if FIGURE_CALL.search(cell.source) else 0)
    return lines


def is_skipped(cell: nbformat.NotebookNode) -> bool:
    """True for cells an audience should not see: collapsed solutions and the Colab setup."""
    hidden = cell.metadata.get("jupyter", {}).get("source_hidden", False)
    return bool(hidden) or (cell.cell_type == "code" and "google.colab" in cell.source)


def slide_types(notebook: nbformat.NotebookNode) -> list[str]:
    """reveal.js role of each cell: 'slide', 'subslide', 'skip' or '-' (same slide)."""
    roles, used = [], 0
    for index, cell in enumerate(notebook.cells):
        height = cell_lines(cell)
        if is_skipped(cell):
            roles.append("skip")
            continue
        if index == 0 or (cell.cell_type == "markdown" and cell.source.startswith("## ")):
            role = "slide"
        elif cell.cell_type == "markdown" and cell.source.startswith("### "):
            role = "subslide"
        elif used and used + height > SLIDE_LINES:
            role = "subslide"
        else:
            role = "-"
        used = height if role != "-" else used + height
        roles.append(role)
    return roles


def set_slide_metadata(notebook: nbformat.NotebookNode) -> bool:
    """Split at headings and store each cell's slide role; True if the notebook changed."""
    changed = split_at_headings(notebook)
    for cell, role in zip(notebook.cells, slide_types(notebook)):
        if cell.metadata.get("slideshow") != {"slide_type": role}:
            cell.metadata["slideshow"] = {"slide_type": role}
            changed = True
    return changed


def copy_assets(output_dir: Path) -> Path:
    """Copy reveal.js and MathJax from their PyPI packages into ``output_dir/_assets``."""
    assets = output_dir / "_assets"
    for name, source in {"reveal.js": revealjs_source(), "mathjax": mathjax_source()}.items():
        if not (assets / name).exists():
            shutil.copytree(source, assets / name)
    return assets


def presentable(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of an executed notebook ready for a deck: roles set, stderr and noise removed."""
    notebook = copy.deepcopy(notebook)
    set_slide_metadata(notebook)
    title = notebook.cells[0]
    title.source = BADGE.sub("", title.source).strip()  # the Colab badge is for readers
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs = [
                output
                for output in cell.outputs
                if output.get("name") != "stderr" and output.output_type != "error"
            ]
    return notebook


def build_deck(executed: Path, output_dir: Path) -> Path:
    """Write the deck of the executed notebook ``executed``; return the HTML file."""
    notebook = presentable(nbformat.read(executed, as_version=4))
    copy_assets(output_dir)
    exporter = SlidesExporter(
        extra_template_basedirs=[str(TEMPLATE_DIR.parent)],
        template_name=TEMPLATE_DIR.name,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        reveal_url_prefix="_assets/reveal.js",
        reveal_theme="white",
        mathjax_url=f"_assets/mathjax/MathJax.js?config={MATHJAX_CONFIG_NAME}",
    )
    resources = {"mathjax_config": json.dumps(mathjax_config(dollars=True))}
    body, _ = exporter.from_notebook_node(notebook, resources=resources)
    output = output_dir / f"{executed.stem}.slides.html"
    output.write_text(body)
    return output


def write_metadata(paths: list[Path]) -> list[Path]:
    """Split headings and store slide roles in the notebooks ``paths``; return those changed."""
    changed = []
    for path in paths:
        notebook = nbformat.read(path, as_version=4)
        if set_slide_metadata(notebook):
            nbformat.write(notebook, path)
            changed.append(path)
    return changed


def main() -> None:
    """Build the decks of the given notebooks (default: all), or write their metadata."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path)
    parser.add_argument("--write-metadata", action="store_true", help="store slide roles")
    arguments = parser.parse_args()
    paths = [p.resolve() for p in arguments.notebooks] or notebook_paths()
    if arguments.write_metadata:
        for path in write_metadata(paths):
            print(f"slide metadata updated: {path.relative_to(ROOT)}")
        return
    SLIDES_DIR.mkdir(parents=True, exist_ok=True)
    for executed in executed_copies(paths):
        print(f"wrote {build_deck(executed, SLIDES_DIR)}")


if __name__ == "__main__":
    main()

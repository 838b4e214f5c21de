"""Notebook maintenance tools: output stripping, link syncing, slide roles."""

from __future__ import annotations

import shutil

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from notebook_tools import CHECK_MARKER, NOTEBOOK_DIR, strip_outputs, sync_links
from slides import slide_type

from helpers.course.repository import colab_badge, colab_install_target


def test_strip_outputs_keeps_only_numbered_check_cells() -> None:
    printed = new_output("stream", name="stdout", text="True\n")
    notebook = new_notebook(
        cells=[
            new_code_cell("x = 1", execution_count=4, outputs=[printed]),
            new_code_cell(f"{CHECK_MARKER}\nprint(True)", execution_count=7, outputs=[printed]),
        ]
    )
    strip_outputs(notebook)
    plain, check = notebook.cells
    assert plain.outputs == [] and plain.execution_count is None
    assert check.outputs == [printed] and check.execution_count == 1


def test_sync_links_rewrites_a_stale_badge_and_setup_cell(tmp_path) -> None:
    path = tmp_path / "01_forward_propagation.ipynb"
    shutil.copy(NOTEBOOK_DIR / path.name, path)
    notebook = nbformat.read(path, as_version=4)
    stale = "https://github.com/someone/old-name"
    notebook.cells[0].source = notebook.cells[0].source.replace(
        colab_badge(path.name), colab_badge(path.name, url=stale)
    )
    notebook.cells[2].source = notebook.cells[2].source.replace(
        colab_install_target(), colab_install_target(url=stale)
    )
    nbformat.write(notebook, path)
    assert sync_links(path) is True
    fixed = nbformat.read(path, as_version=4)
    assert colab_badge(path.name) in fixed.cells[0].source
    assert colab_install_target() in fixed.cells[2].source
    assert sync_links(path) is False  # nothing left to change


def test_slide_roles() -> None:
    solution = new_code_cell("x = 1", metadata={"jupyter": {"source_hidden": True}})
    assert slide_type(new_markdown_cell("# 01 · Title"), 0) == "slide"
    assert slide_type(new_markdown_cell("## 2. Section"), 5) == "slide"
    assert slide_type(new_markdown_cell("### Exercise 1"), 9) == "subslide"
    assert slide_type(new_markdown_cell("Some text"), 3) == "-"
    assert slide_type(solution, 10) == "skip"

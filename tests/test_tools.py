"""Notebook maintenance tools: output stripping, link syncing, the Python check."""

from __future__ import annotations

import importlib.metadata
import shutil
import subprocess
import sys

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from notebook_tools import CHECK_MARKER, NOTEBOOK_DIR, ROOT, strip_outputs, sync_links

from helpers.course.repository import (
    IMPORT_NAMES,
    colab_badge,
    colab_install_target,
    colab_required_modules,
    course_extras,
    extra_requirements,
)


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


def test_store_outputs_takes_a_current_executed_copy_without_running(tmp_path) -> None:
    from notebook_tools import store_outputs

    printed = new_output("stream", name="stdout", text="Claim (x >= 1): True\n")
    cells = [new_code_cell("print('plain')"), new_code_cell(f"{CHECK_MARKER}\nprint('x')")]
    nbformat.write(new_notebook(cells=cells), tmp_path / "nb.ipynb")
    copies = tmp_path / "executed"
    copies.mkdir()
    ran = new_notebook(
        cells=[
            new_code_cell("print('plain')", outputs=[printed]),
            new_code_cell(f"{CHECK_MARKER}\nprint('x')", outputs=[printed]),
        ]
    )
    nbformat.write(ran, copies / "nb.ipynb")
    store_outputs(tmp_path / "nb.ipynb", copies)  # no kernel: the cell would print 'x'
    stored = nbformat.read(tmp_path / "nb.ipynb", as_version=4)
    assert stored.cells[0].outputs == [] and stored.cells[1].outputs == [printed]


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


def test_sync_links_makes_the_setup_cell_install_a_missing_extra(tmp_path) -> None:
    path = tmp_path / "05_imaging_diagnosis.ipynb"
    shutil.copy(NOTEBOOK_DIR / path.name, path)
    notebook = nbformat.read(path, as_version=4)
    setup = notebook.cells[2]
    old_condition = (
        'if "google.colab" in sys.modules and importlib.util.find_spec("helpers") is None:'
    )
    lines = [line for line in setup.source.splitlines() if not line.startswith("needed = ")]
    setup.source = "\n".join(old_condition if line.startswith("if ") else line for line in lines)
    nbformat.write(notebook, path)  # the setup cell as it was: installing only without helpers
    assert sync_links(path) is True
    source = nbformat.read(path, as_version=4).cells[2].source
    assert 'needed = ("helpers", "skimage", "pydicom")' in source
    assert "any(importlib.util.find_spec(name) is None for name in needed)" in source
    assert sync_links(path) is False


def test_every_extra_maps_to_modules_its_distributions_provide() -> None:
    provided = importlib.metadata.packages_distributions()
    for extra in course_extras():
        distributions = extra_requirements(extra)
        assert distributions, f"extra {extra!r} installs nothing"
        for distribution in distributions:
            module = IMPORT_NAMES[distribution]
            assert distribution in provided.get(module, []), (extra, distribution, module)
            assert module in colab_required_modules(extra)


def _check_python(*version: str) -> subprocess.CompletedProcess[str]:
    script = ROOT / "tools" / "check_python.py"
    return subprocess.run(
        [sys.executable, str(script), *version], capture_output=True, text=True, check=False
    )


def test_setup_refuses_a_python_without_tensorflow_wheels() -> None:
    refused = _check_python("3.14")
    assert refused.returncode == 1
    assert "Python 3.14 cannot run this course" in refused.stderr
    assert "3.10, 3.11, 3.12, 3.13" in refused.stderr and "PYTHON=" in refused.stderr
    assert _check_python("3.9").returncode == 1
    assert _check_python("3.11").returncode == 0
    assert _check_python().returncode == 0, "the Python running the tests must be supported"
    makefile = (ROOT / "Makefile").read_text()
    setup_recipe = makefile.split("$(STAMP):", 1)[1].split("\n\n", 1)[0]
    assert "tools/check_python.py" in setup_recipe.splitlines()[1], "checked before the venv"


def test_an_executed_copy_is_reused_while_its_code_matches(tmp_path) -> None:
    from executed import executed_copies, is_fresh

    source, copies = tmp_path / "01_x.ipynb", tmp_path / "executed"
    copies.mkdir()
    nbformat.write(
        new_notebook(cells=[new_markdown_cell("old"), new_code_cell("print(1)")]), source
    )
    assert not is_fresh(source, copies)  # no copy yet
    printed = new_output("stream", name="stdout", text="1\n")
    executed = new_code_cell("print(1)", outputs=[printed])
    nbformat.write(new_notebook(cells=[new_markdown_cell("old"), executed]), copies / source.name)
    prose = new_markdown_cell("new", metadata={"slideshow": {"slide_type": "slide"}})
    nbformat.write(new_notebook(cells=[prose, new_code_cell("print(1)")]), source)
    assert is_fresh(source, copies)  # prose, metadata and outputs do not count
    (copy,) = executed_copies([source], copies)  # reused without a run: no kernel needed
    reused = nbformat.read(copy, as_version=4)
    assert reused.cells[0].source == "new" and reused.cells[0].metadata == prose.metadata
    assert reused.cells[1].outputs == [printed]
    nbformat.write(new_notebook(cells=[prose, new_code_cell("print(2)")]), source)
    assert not is_fresh(source, copies)


def test_run_time_statements_come_from_the_benchmark() -> None:
    from notebook_tools import README_TIME_PATTERN, TIME_PATTERN, course_time_statement, time_line

    stale = "stale: run `make links` after `tools/benchmark.py --snapshot`"
    readme = (ROOT / "README.md").read_text()
    assert README_TIME_PATTERN.findall(readme) == [course_time_statement()], f"README {stale}"
    for path in sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        lines = [m for cell in notebook.cells for m in TIME_PATTERN.findall(cell.source)]
        assert lines == [time_line(path.stem)], f"{path.name}: run-time statement {stale}"


def test_the_readme_table_of_results_comes_from_the_snapshot_and_the_sweep() -> None:
    from notebook_tools import README_RESULTS_PATTERN, results_table

    table = results_table()
    readme = (ROOT / "README.md").read_text()
    assert README_RESULTS_PATTERN.findall(readme) == [table], "stale: run `make links`"
    rows = [line for line in table.splitlines() if line.startswith("| 0") or line.startswith("| 1")]
    assert len(rows) >= 10 and all(" runs] | " in row and " of 6 |" in row for row in rows)


def test_every_notebook_says_that_verdicts_not_digits_are_compared() -> None:
    from notebook_tools import FIGURES_LINE, FIGURES_PATTERN

    for path in sorted(NOTEBOOK_DIR.glob("[0-9][0-9]_*.ipynb")):
        objectives = nbformat.read(path, as_version=4).cells[1].source
        assert FIGURES_PATTERN.findall(objectives) == [FIGURES_LINE], f"{path.name}: `make links`"


def test_run_time_rounding() -> None:
    from notebook_tools import about

    assert [about(s) for s in (1.0, 14.2, 62.6, 89.0, 101.0, 124.0, 1040.0)] == [
        "5 s",
        "15 s",
        "65 s",
        "90 s",
        "1.5 minutes",
        "2 minutes",
        "17.5 minutes",
    ]

"""Every notebook follows the course skeleton (COURSE_DESIGN.md, 'Notebook skeleton')."""

from __future__ import annotations

import re

import nbformat
import pytest
from notebook_tools import (
    ROOT,
    has_tag,
    is_check_cell,
    needed_line,
    notebook_paths,
    setup_extras,
)

from helpers.course.curriculum import CURRICULUM
from helpers.course.repository import colab_badge, colab_install_target

NOTEBOOKS = notebook_paths()


def test_there_are_notebooks() -> None:
    assert [path.name for path in NOTEBOOKS][:3] == [
        "00_welcome.ipynb",
        "01_forward_propagation.ipynb",
        "02_backpropagation_and_gradient_descent.ipynb",
    ]


@pytest.fixture(params=NOTEBOOKS, ids=[path.stem for path in NOTEBOOKS])
def notebook(request: pytest.FixtureRequest) -> tuple[str, nbformat.NotebookNode]:
    return request.param.name, nbformat.read(request.param, as_version=4)


def _markdown(cells: list) -> str:
    return "\n".join(cell.source for cell in cells if cell.cell_type == "markdown")


def test_title_badge_and_objectives(notebook: tuple[str, nbformat.NotebookNode]) -> None:
    name, nb = notebook
    number = int(name[:2])
    lessons = {lesson.notebook: lesson for lesson in CURRICULUM if lesson.notebook}
    assert name.removesuffix(".ipynb") in lessons, f"{name}: not in the curriculum"
    assert nb.cells[0].cell_type == "markdown"
    assert nb.cells[0].source.startswith(f"# {number:02d} · "), "title must be '# NN · ...'"
    assert colab_badge(name) in nb.cells[0].source, "badge missing or stale: run `make links`"
    assert "Learning objectives" in nb.cells[1].source


def test_setup_cell_installs_helpers_only_on_colab(
    notebook: tuple[str, nbformat.NotebookNode],
) -> None:
    _, nb = notebook
    setup = [cell for cell in nb.cells if has_tag(cell, "setup")]
    assert len(setup) == 1 and nb.cells.index(setup[0]) == 2, "third cell must be the setup cell"
    source = setup[0].source
    assert 'if "google.colab" in sys.modules' in source
    target = colab_install_target(setup_extras(source))
    assert f'requirement = "{target}"' in source, "setup cell is stale: run `make links`"
    assert needed_line(setup_extras(source)) in source, "setup cell is stale: run `make links`"
    assert "for name in needed" in source, "install when any needed module is missing"
    assert "tensorflow" not in target.lower(), "never reinstall TensorFlow on Colab"
    assert "quiet_tensorflow()" in source, "the setup cell must quiet TensorFlow's start-up lines"


def test_parameters_cell(notebook: tuple[str, nbformat.NotebookNode]) -> None:
    _, nb = notebook
    parameters = [cell for cell in nb.cells if has_tag(cell, "parameters")]
    assert len(parameters) == 1, "exactly one cell tagged 'parameters'"
    assert parameters[0].cell_type == "code"
    assert re.search(r"^\w+ = ", parameters[0].source, re.MULTILINE)


def test_summary_exercises_solutions_and_review(
    notebook: tuple[str, nbformat.NotebookNode],
) -> None:
    _, nb = notebook
    markdown = _markdown(nb.cells)
    for heading in ("## Summary", "## Exercises", "## Questions to review"):
        assert f"\n{heading}" in "\n" + markdown, f"missing '{heading}'"
    exercises = re.findall(r"^### Exercise \d+", markdown, re.MULTILINE)
    assert len(exercises) >= 3, "at least three exercises"
    stubs = [
        c for c in nb.cells if c.cell_type == "code" and "raise NotImplementedError" in c.source
    ]
    solutions = [c for c in nb.cells if c.metadata.get("jupyter", {}).get("source_hidden")]
    assert len(stubs) >= len(exercises), "each exercise has a stub"
    assert len(solutions) >= len(exercises), "each exercise has a collapsed solution"
    for stub in stubs:
        assert re.search(r"check_\w+\(", stub.source), "each stub calls its self-check"
    for solution in solutions:
        assert solution.metadata.get("cellView") == "form", "solutions collapse on Colab too"
        assert re.search(r"assert check_\w+\(", solution.source), "solutions are checked in CI"
        assert is_check_cell(solution), "a solution's verdict is compared by nbval"


def test_only_check_cells_store_outputs(notebook: tuple[str, nbformat.NotebookNode]) -> None:
    _, nb = notebook
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        if is_check_cell(cell):
            assert cell.outputs, f"cell {index}: check cell without stored output (`make outputs`)"
            assert all(o.get("name") != "stderr" for o in cell.outputs)
        else:
            assert not cell.outputs, f"cell {index}: stored output outside a check cell"
            assert cell.execution_count is None, f"cell {index}: stored execution count"


def test_readme_lists_every_notebook_with_its_badge() -> None:
    readme = (ROOT / "README.md").read_text()
    for path in NOTEBOOKS:
        assert colab_badge(path.name) in readme, f"README lacks the badge of {path.name}"


def test_every_review_question_has_a_collapsed_answer(
    notebook: tuple[str, nbformat.NotebookNode],
) -> None:
    """Issue 9: each review question is followed by its own ``<details>`` answer.

    The answer sits inside the question's list item (indented by three spaces) with a
    blank line after ``<summary>`` and before ``</details>``, so that its Markdown renders
    in JupyterLab, Colab and on GitHub, and the list keeps its numbering.
    """
    _, nb = notebook
    review = [
        cell
        for cell in nb.cells
        if cell.cell_type == "markdown" and cell.source.startswith("## Questions to review")
    ]
    assert len(review) == 1, "exactly one '## Questions to review' cell"
    source = review[0].source
    numbers = [int(number) for number in re.findall(r"^(\d+)\. ", source, re.MULTILINE)]
    assert numbers == list(range(1, len(numbers) + 1)), f"questions numbered 1..n: {numbers}"
    assert source.count("<details>") == len(numbers), "one <details> answer per question"
    for line in source.splitlines()[1:]:
        assert not line or re.match(r"\d+\. |   ", line), f"line outside the list: {line!r}"
    items = re.split(r"^\d+\. ", source, flags=re.MULTILINE)[1:]
    for number, item in enumerate(items, start=1):
        answers = re.findall(
            r"\n   <details><summary>Answer</summary>\n\n(.+?)\n\n   </details>", item, re.DOTALL
        )
        assert len(answers) == 1, f"question {number}: no collapsed answer right under it"
        words = len(answers[0].split())
        assert words >= 15, f"question {number}: the answer has {words} words, want at least 15"

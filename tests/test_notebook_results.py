"""Every figure a notebook asserts has one target, and its check cell judges it.

The bounds live once, in ``helpers.course.targets.TARGETS``. A notebook's check cell
(``# NBVAL_CHECK_OUTPUT``) calls ``check_figures(NOTEBOOK, name=value)``, which records
the figure and prints ``claim (name >= bound): True``; nbval compares that verdict with
the stored one when it executes the notebook, so a figure that misses its target fails
the suite. This module makes sure no target goes unchecked, and tests the mechanism.
The papermill runs with other parameters assert the same targets
(``tests/test_notebook_parameters.py``).
"""

from __future__ import annotations

import ast

import nbformat
import pytest
from notebook_tools import is_check_cell, notebook_paths

from helpers.course.results import check_figures, load_results, record_results, results_dir
from helpers.course.targets import TARGETS, Target, unmet_targets


def _checked_figures(notebook: nbformat.NotebookNode) -> tuple[list[str], list[str]]:
    """Figure names passed to check_figures inside check cells, and outside them."""
    inside, outside = [], []
    for cell in notebook.cells:
        if cell.cell_type != "code" or "check_figures(" not in cell.source:
            continue
        source = "\n".join(
            line for line in cell.source.splitlines() if not line.lstrip().startswith(("%", "!"))
        )
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "check_figures":
                names = [keyword.arg for keyword in node.keywords if keyword.arg]
                (inside if is_check_cell(cell) else outside).extend(names)
    return inside, outside


def test_every_notebook_has_targets() -> None:
    missing = {path.stem for path in notebook_paths()} - set(TARGETS)
    assert not missing, f"add the asserted figures of {sorted(missing)} to TARGETS"


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda path: path.stem)
def test_every_target_is_checked_once_in_a_check_cell(path) -> None:
    inside, outside = _checked_figures(nbformat.read(path, as_version=4))
    assert not outside, f"check_figures outside a # NBVAL_CHECK_OUTPUT cell for {outside}"
    targets = set(TARGETS[path.stem])
    assert sorted(set(targets) - set(inside)) == [], "targets no check cell judges"
    assert sorted(set(inside) - targets) == [], "checked figures without a target"
    assert len(inside) == len(set(inside)), "a figure is checked twice"


def test_targets_judge_figures() -> None:
    target = Target(">=", 0.9, "Test AUC")
    assert target.met_by(0.9) and not target.met_by(0.89) and not target.met_by(float("nan"))
    heart_rate = Target("approx", 61.065, "Heart rate")
    assert heart_rate.met_by(61.07) and not heart_rate.met_by(61.2)
    assert target.describe("test_auc") == "Test AUC (test_auc >= 0.9)"
    with pytest.raises(TypeError):  # one bound for every run: no looser one for other seeds
        Target(">=", 0.97, "Test accuracy", any_seed=0.95)
    with pytest.raises(ValueError, match="`comparison` must be one of"):
        Target("=>", 1.0, "typo")
    failures = unmet_targets("01_forward_propagation", {"test_accuracy": 0.5})
    assert "dense_max_abs_diff: not recorded" in failures
    assert any(f.startswith("Test accuracy (test_accuracy >= 0.93): got 0.5") for f in failures)


def test_check_figures_records_and_prints_verdicts(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("COURSE_RESULTS_DIR", str(tmp_path))
    check_figures("01_forward_propagation", test_accuracy=0.95, test_auc=0.9)
    assert capsys.readouterr().out.splitlines() == [
        "Test accuracy (test_accuracy >= 0.93): True",
        "Test ROC AUC (test_auc >= 0.97): False",
    ]
    assert load_results("01_forward_propagation") == {"test_accuracy": 0.95, "test_auc": 0.9}
    with pytest.raises(ValueError, match="no target for \\['epochs'\\]"):
        check_figures("01_forward_propagation", epochs=3)


def test_a_corrupt_or_misplaced_results_file_is_reported(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("COURSE_RESULTS_DIR", str(tmp_path))
    (tmp_path / "nb.json").write_text('{"test_auc": 0.9')  # a run cut short
    with pytest.raises(ValueError, match="nb.json is corrupt.*Delete it"):
        load_results("nb")
    with pytest.raises(ValueError, match="is corrupt"):
        record_results("nb", test_auc=0.95)
    (tmp_path / "nb.json").unlink()
    record_results("nb", test_auc=0.95)
    assert load_results("nb") == {"test_auc": 0.95}
    assert sorted(path.name for path in tmp_path.iterdir()) == ["nb.json"]  # no partial file
    with pytest.raises(ValueError, match="no target for \\[.unknown.\\]"):
        check_figures("01_forward_propagation", test_auc=0.9, unknown=1.0)
    assert not (tmp_path / "01_forward_propagation.json").exists()  # nothing recorded
    monkeypatch.setenv("COURSE_RESULTS_DIR", str(tmp_path / "nb.json"))
    with pytest.raises(ValueError, match="is a file, not a folder"):
        results_dir()


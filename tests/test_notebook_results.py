"""The figures each notebook recorded in this test session meet their targets.

nbval executes the notebooks first (conftest orders this module last). Each notebook's
check cells record their figures and print verdicts with
``helpers.course.results.check_figures``; the bounds live once, in
``helpers.course.targets.TARGETS``. A notebook that runs but computes nonsense fails
here even if no cell raised.
"""

from __future__ import annotations

import pytest
from notebook_tools import notebook_paths

from helpers.course.results import load_results
from helpers.course.targets import TARGETS, Target, unmet_targets


def test_every_notebook_has_targets() -> None:
    missing = {path.stem for path in notebook_paths()} - set(TARGETS)
    assert not missing, f"add the asserted figures of {sorted(missing)} to TARGETS"


def test_targets_judge_figures() -> None:
    target = Target(">=", 0.9, "Test AUC")
    assert target.met_by(0.9) and not target.met_by(0.89) and not target.met_by(float("nan"))
    heart_rate = Target("approx", 61.065, "Heart rate")
    assert heart_rate.met_by(61.07) and not heart_rate.met_by(61.2)
    assert target.describe("test_auc") == "Test AUC (test_auc >= 0.9)"
    with pytest.raises(ValueError, match="`comparison` must be one of"):
        Target("=>", 1.0, "typo")
    failures = unmet_targets("01_forward_propagation", {"test_accuracy": 0.5})
    assert "dense_max_abs_diff: not recorded" in failures
    assert any(f.startswith("Test accuracy (test_accuracy >= 0.93): got 0.5") for f in failures)


@pytest.mark.parametrize("notebook", sorted(TARGETS))
def test_recorded_figures_meet_targets(notebook: str, executed_notebooks: set[str]) -> None:
    if notebook not in executed_notebooks:
        pytest.skip(f"{notebook} was not executed in this session (run `make test`)")
    failures = unmet_targets(notebook, load_results(notebook))  # raises if nothing was recorded
    assert not failures, f"{notebook}: " + "; ".join(failures)

"""Notebooks executed by papermill with parameters other than the shipped ones.

nbval already runs every notebook with its defaults; here only parameter sets
that exercise a different path or guard against a lucky default are run.
"""

from __future__ import annotations


def test_backpropagation_result_does_not_depend_on_a_lucky_seed(run_notebook) -> None:
    figures = run_notebook("02_backpropagation_and_gradient_descent", seed=7)
    assert figures["gradient_check_relative_error"] < 1e-6
    assert figures["loss_curve_max_abs_diff"] <= 1e-5
    assert figures["test_accuracy"] >= 0.95
    assert figures["test_auc"] >= 0.98

"""The figures each notebook recorded in this test session meet their bounds.

nbval executes the notebooks first (conftest orders this module last); every
notebook records its key figures with ``helpers.course.results.record_results``. A
notebook that runs but computes nonsense fails here even if no cell raised.
"""

from __future__ import annotations

import operator

import pytest
from notebook_tools import notebook_paths

from helpers.course.results import load_results

# notebook -> figure -> (comparison, bound)
EXPECTED: dict[str, dict[str, tuple[str, float]]] = {
    "00_welcome": {
        "keras_major": ("==", 3),
        "tensorflow_minor": (">=", 18),
        "screening_ppv": ("approx", 0.0876),
    },
    "01_forward_propagation": {
        "dense_max_abs_diff": ("<=", 1e-5),
        "model_max_abs_diff": ("<=", 1e-5),
        "trained_max_abs_diff": ("<=", 1e-5),
        "test_accuracy": (">=", 0.93),
        "test_auc": (">=", 0.97),
    },
    "02_backpropagation_and_gradient_descent": {
        "gradient_check_relative_error": ("<", 1e-6),
        "tape_max_abs_diff": ("<=", 1e-5),
        "loss_curve_max_abs_diff": ("<=", 1e-5),
        "final_training_loss": ("<", 0.1),
        "sweep_small_final_loss": (">", 0.1),
        "sweep_large_max_loss": (">", 2.0),
        "test_accuracy": (">=", 0.97),
        "test_sensitivity": (">=", 0.9),
        "test_specificity": (">=", 0.9),
        "test_auc": (">=", 0.98),
    },
    "03_convolution": {
        "loops_vs_scipy_max_abs_diff": ("<=", 1e-10),
        "conv_max_abs_diff": ("<=", 1e-5),
        "strided_max_abs_diff": ("<=", 1e-5),
        "output_shapes_match": ("==", True),
        "phantom_edge_ratio": (">", 10.0),
        "blur_noise_fraction": ("<", 0.5),
        "learned_kernel_max_abs_error": ("<", 0.05),
        "clean_kernel_max_abs_error": (">", 0.1),
    },
    "04_pooling_and_cnns": {
        "pool_max_abs_diff": ("<=", 1e-5),
        "pool_gradient_max_abs_diff": ("<=", 1e-5),
        "measured_receptive_field": ("==", 22),
        "formula_receptive_field": ("==", 22),
        "parameter_count": ("==", 158465),
        "keras_parameter_count": ("==", 158465),
        "test_auc": (">=", 0.95),
        "test_sensitivity": (">=", 0.85),
        "test_specificity": (">=", 0.85),
    },
    "05_imaging_diagnosis": {
        "data_mode": ("==", "synthetic"),
        "ct_min_hu": ("<=", -800.0),
        "class_weight_max_abs_diff": ("<=", 1e-12),
        "auc_rank_formula_diff": ("<=", 1e-12),
        "test_auc": (">=", 0.95),
        "test_auc_ci_low": (">=", 0.9),
        "validation_sensitivity": (">=", 0.95),
        "test_sensitivity": (">=", 0.85),
        "test_specificity": (">=", 0.8),
        "gradcam_max_abs_diff": ("<=", 1e-5),
        "gradcam_peak_in_lesion": (">=", 0.8),
        "gradcam_mean_iou": (">=", 0.2),
    },
    "08_vital_signs_and_ecg": {
        "ecg_heart_rate_bpm": ("approx", 61.065),
        "r_peak_max_diff_ms": ("<=", 10.0),
        "median_beat_correlation": (">", 0.95),
        "beatwise_split_overstatement": (">", 0.02),
        "beat_macro_f1": (">=", 0.85),
        "beat_min_sensitivity": (">=", 0.7),
        "early_warning_auc": (">=", 0.85),
        "lstm_minus_snapshot_auc": (">", 0.0),
        "early_warning_detected_share": (">=", 0.75),
        "early_warning_median_lead_hours": (">=", 2.0),
        "early_warning_test_false_alarm_rate": ("<=", 0.15),
    },
    "07_recurrent_networks": {
        "rnn_max_abs_diff": ("<=", 1e-5),
        "lstm_max_abs_diff": ("<=", 1e-5),
        "gru_max_abs_diff": ("<=", 1e-5),
        "rnn_gradient_ratio": (">", 100),
        "open_lstm_gradient_ratio": ("<", 10),
        "lstm_test_auc": (">=", 0.9),
        "gru_test_auc": (">=", 0.9),
        "simple_rnn_test_auc": ("<=", 0.7),
        "best_gated_minus_simple_rnn_auc": (">=", 0.3),
        "trained_simple_rnn_gradient_ratio": (">", 30),
        "trained_lstm_gradient_ratio": ("<", 30),
        "trained_gru_gradient_ratio": ("<", 30),
    },
}
COMPARE = {
    "==": operator.eq,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "approx": lambda value, bound: abs(value - bound) <= 1e-3 * max(1.0, abs(bound)),
}


def test_every_notebook_has_expected_figures() -> None:
    missing = {path.stem for path in notebook_paths()} - set(EXPECTED)
    assert not missing, f"add the asserted figures of {sorted(missing)} to EXPECTED"


@pytest.mark.parametrize("notebook", sorted(EXPECTED))
def test_recorded_figures_meet_bounds(notebook: str, executed_notebooks: set[str]) -> None:
    if notebook not in executed_notebooks:
        pytest.skip(f"{notebook} was not executed in this session (run `make test`)")
    figures = load_results(notebook)  # raises if the notebook recorded nothing
    failures = []
    for name, (comparison, bound) in EXPECTED[notebook].items():
        if name not in figures:
            failures.append(f"{name}: not recorded")
        elif not COMPARE[comparison](figures[name], bound):
            failures.append(f"{name} = {figures[name]!r}, expected {comparison} {bound}")
    assert not failures, f"{notebook}: " + "; ".join(failures)

"""Every figure a notebook asserts, with its bound, stated once.

A notebook's check cell calls ``helpers.course.results.check_figures``, which records
the figures and prints one verdict per figure from this table (nbval compares the
verdicts); ``tests/test_notebook_results.py`` asserts the recorded figures against the
same table, for the shipped run and for papermill runs with other parameters. To
change a bound, change it here, nowhere else.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from helpers.course.validation import (
    check_bool,
    check_choice,
    check_number,
    check_text,
    describe,
)

Figure = float | int | bool | str

_COMPARE: dict[str, Callable[[Figure, Figure], bool]] = {
    "==": operator.eq,
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "approx": lambda value, bound: math.isclose(float(value), float(bound), rel_tol=1e-3),
}


@dataclass(frozen=True)
class Target:
    """``figure <comparison> bound``, and the claim it stands for in words.

    ``any_seed`` is a looser bound that every other seed must meet, for a figure whose
    shipped run is known to sit above what other seeds reach (None: the same bound).
    """

    comparison: str
    bound: Figure
    claim: str
    any_seed: Figure | None = None

    def __post_init__(self) -> None:
        check_choice(self.comparison, "comparison", sorted(_COMPARE))
        self._check_figure(self.bound, "bound", allow_nan=False)
        check_text(self.claim, "claim")
        if self.any_seed is not None:
            self._check_figure(self.any_seed, "any_seed", allow_nan=False)

    def _check_figure(self, value: Any, name: str, *, allow_nan: bool) -> None:
        """Refuse a figure that cannot be compared with this target's bound."""
        if self.comparison != "==":  # ordered or approximate: a real number
            if isinstance(value, float) and math.isnan(value) and allow_nan:
                return
            check_number(value, name)
        elif not isinstance(value, int | float | str):  # bool is an int
            raise TypeError(
                f"`{name}` must be a number, bool or string, but got {describe(value)}."
            )
        elif isinstance(value, str) != isinstance(self.bound, str):
            raise TypeError(
                f"`{name}` is compared with {self.bound!r} by ==, so it must be "
                f"{'a string' if isinstance(self.bound, str) else 'a number or bool'}, "
                f"but got {describe(value)}."
            )

    def met_by(self, value: Figure, *, any_seed: bool = False, name: str = "value") -> bool:
        """Whether ``value`` meets the target (NaN never does); ``any_seed``: the looser bound.

        ``name`` names the figure in the error raised for a value that cannot be compared
        with the bound (text where a number belongs, an infinity, None).
        """
        any_seed = check_bool(any_seed, "any_seed")
        self._check_figure(value, name, allow_nan=True)
        if isinstance(value, float) and math.isnan(value):
            return False
        bound = self.any_seed if any_seed and self.any_seed is not None else self.bound
        return bool(_COMPARE[self.comparison](value, bound))

    def describe(self, name: str) -> str:
        """The claim with its bound, e.g. ``Test AUC (test_auc >= 0.95)``."""
        check_text(name, "name")
        bound = f"{self.bound:g}" if isinstance(self.bound, float) else repr(self.bound)
        comparison = "≈" if self.comparison == "approx" else self.comparison
        return f"{self.claim} ({name} {comparison} {bound})"


TARGETS: dict[str, dict[str, Target]] = {
    "00_welcome": {
        "keras_major": Target("==", 3, "Keras 3"),
        "tensorflow_minor": Target(">=", 18, "TensorFlow 2.18 or newer"),
        "screening_ppv": Target(
            "approx", 0.08756, "PPV at 1% prevalence equals Bayes' rule by hand"
        ),
    },
    "01_forward_propagation": {
        "dense_max_abs_diff": Target("<=", 1e-5, "Dense layer agrees with NumPy"),
        "model_max_abs_diff": Target("<=", 1e-5, "Whole network agrees with NumPy"),
        "trained_max_abs_diff": Target("<=", 1e-5, "Trained network agrees with NumPy"),
        "test_accuracy": Target(">=", 0.93, "Test accuracy"),
        "test_auc": Target(">=", 0.97, "Test ROC AUC"),
    },
    "02_backpropagation_and_gradient_descent": {
        "gradient_check_relative_error": Target(
            "<", 1e-6, "Backpropagation passes the numerical gradient check"
        ),
        "tape_max_abs_diff": Target("<=", 1e-5, "Hand-written gradients equal tf.GradientTape's"),
        "sweep_small_over_good_final_loss": Target(
            ">", 5.0, "Too-small rate ends with a much higher loss than the good one"
        ),
        "sweep_large_max_over_first_loss": Target(
            ">", 1.0, "Too-large rate climbs above its starting loss"
        ),
        "loss_curve_max_abs_diff": Target("<=", 1e-5, "Scratch and Keras loss curves agree"),
        "final_training_loss": Target("<", 0.1, "Scratch training converges"),
        "test_accuracy": Target(
            ">=", 0.97, "Test accuracy reaches the 97% target", any_seed=0.95
        ),
        "test_sensitivity": Target(">=", 0.9, "Test sensitivity"),
        "test_specificity": Target(">=", 0.9, "Test specificity"),
        "test_auc": Target(">=", 0.98, "Test ROC AUC"),
    },
    "03_convolution": {
        "loops_vs_scipy_max_abs_diff": Target("<=", 1e-10, "Loop versions equal scipy.signal"),
        "conv_max_abs_diff": Target(
            "<=", 1e-5, "Scratch cross-correlation equals tf.nn.conv2d and Conv2D"
        ),
        "output_shapes_match": Target("==", True, "Output-size formula matches Keras everywhere"),
        "strided_max_abs_diff": Target(
            "<=", 1e-5, "Padded, strided scratch cross-correlation equals tf.nn.conv2d"
        ),
        "phantom_edge_ratio": Target(
            ">", 10.0, "Sobel responds far more on the phantom's outlines"
        ),
        "blur_noise_fraction": Target("<", 0.5, "Blur removes more than half of the noise"),
        "learned_kernel_max_abs_error": Target(
            "<", 0.05, "Conv2D recovers the flipped Sobel kernel"
        ),
        "clean_kernel_max_abs_error": Target(">", 0.1, "On clean crops SGD misses the kernel"),
        "least_squares_kernel_max_abs_error": Target(
            "<", 1e-9, "Least squares recovers the kernel from clean crops: it is identifiable"
        ),
        "noise_conditioning_gain": Target(
            ">", 10.0, "Noise in the crops divides the condition number of X^T X by over 10"
        ),
    },
    "04_pooling_and_cnns": {
        "pool_max_abs_diff": Target("<=", 1e-5, "Scratch max and average pooling equal Keras"),
        "pool_gradient_max_abs_diff": Target(
            "<=", 1e-5, "Scratch max-pool backward equals tf.GradientTape"
        ),
        "measured_receptive_field": Target("==", 22, "Measured receptive field"),
        "formula_receptive_field": Target("==", 22, "Receptive field by the formula"),
        "parameter_count": Target("==", 158465, "Parameters counted by hand"),
        "keras_parameter_count": Target("==", 158465, "Parameters counted by Keras"),
        "test_auc": Target(">=", 0.95, "Test ROC AUC"),
        "test_sensitivity": Target(">=", 0.85, "Test sensitivity"),
        "test_specificity": Target(">=", 0.85, "Test specificity"),
    },
    "05_imaging_diagnosis": {
        "ct_min_hu": Target("<=", -800.0, "The CT's darkest voxel is air-like"),
        "class_weight_max_abs_diff": Target(
            "<=", 1e-12, "Class weights equal scikit-learn's 'balanced' weights"
        ),
        "auc_rank_formula_diff": Target("<=", 1e-12, "Rank-formula AUC equals sklearn's"),
        "test_auc": Target(">=", 0.95, "Test AUC"),
        "test_auc_ci_low": Target(">=", 0.9, "Lower end of the test AUC's 95% CI"),
        "test_sensitivity_shortfall": Target(
            "<=", 0.10, "Test sensitivity within 10 points of the validation target"
        ),
        "test_specificity": Target(">=", 0.8, "Test specificity at that threshold"),
        "gradcam_max_abs_diff": Target("<=", 1e-5, "Grad-CAM by hand equals helpers' grad_cam"),
        "gradcam_peak_in_lesion": Target(
            ">=", 0.8, "Grad-CAM peaks inside the lesion for true positives"
        ),
        "gradcam_mean_iou": Target(">=", 0.2, "Mean IoU of Grad-CAM with the lesion masks"),
    },
    "07_recurrent_networks": {
        "rnn_max_abs_diff": Target("<=", 1e-5, "NumPy recurrence equals keras.layers.SimpleRNN"),
        "rnn_gradient_ratio": Target(
            ">", 100.0, "tanh RNN: the last step's gradient dwarfs the first step's"
        ),
        "open_lstm_gradient_ratio": Target(
            "<", 10.0, "LSTM with an open forget gate keeps the first step's gradient"
        ),
        "lstm_max_abs_diff": Target("<=", 1e-5, "NumPy LSTM step equals keras.layers.LSTM"),
        "gru_max_abs_diff": Target("<=", 1e-5, "NumPy GRU step equals keras.layers.GRU"),
        "lstm_test_auc": Target(">=", 0.9, "LSTM detects the early episode"),
        "gru_test_auc": Target(">=", 0.9, "GRU detects the early episode"),
        "simple_rnn_test_auc": Target("<=", 0.7, "SimpleRNN misses it"),
        "best_gated_minus_simple_rnn_auc": Target(
            ">=", 0.3, "The best gated RNN beats SimpleRNN by a wide margin"
        ),
        "trained_simple_rnn_gradient_ratio": Target(
            ">", 30.0, "Trained SimpleRNN: early minutes barely move the loss"
        ),
        "trained_lstm_gradient_ratio": Target("<", 30.0, "Trained LSTM still feels early minutes"),
        "trained_gru_gradient_ratio": Target("<", 30.0, "Trained GRU still feels early minutes"),
    },
    "08_vital_signs_and_ecg": {
        "ecg_heart_rate_bpm": Target("approx", 61.065, "Heart rate of pydicom's 12-lead ECG"),
        "r_peak_max_diff_ms": Target(
            "<=", 10.0, "Scratch and neurokit2 detectors find the same beats"
        ),
        "median_beat_correlation": Target(
            ">", 0.95, "Our median beat correlates with the ECG cart's"
        ),
        "beatwise_split_overstatement": Target(
            ">", 0.02, "A beat-wise split overstates 1-NN macro-F1"
        ),
        "beat_macro_f1": Target(">=", 0.85, "Patient-wise macro-F1 of the beat classifier"),
        "beat_min_sensitivity": Target(
            ">=", 0.7, "Every class found: the lowest per-class sensitivity"
        ),
        "early_warning_auc": Target(">=", 0.85, "Early-warning AUC"),
        "lstm_minus_snapshot_auc": Target(
            ">", 0.0, "The LSTM beats the latest-hour logistic regression"
        ),
        "early_warning_detected_share": Target(">=", 0.75, "Share of test events warned of"),
        "early_warning_median_lead_hours": Target(">=", 2.0, "Median warning time in hours"),
        "early_warning_test_false_alarm_rate": Target(
            "<=", 0.15, "False alarms on safe test hours"
        ),
    },
}


def unmet_targets(
    notebook: str, figures: dict[str, Figure], *, any_seed: bool = False
) -> list[str]:
    """The targets of ``notebook`` that ``figures`` misses or fails, in words (empty: all met).

    ``any_seed`` judges a run with a seed other than the shipped one by the looser
    ``Target.any_seed`` bounds where a target has one. Figures without a target are
    ignored.

    Raises:
        TypeError: ``figures`` is not a dictionary, or a figure cannot be compared with
            its bound (text where a number belongs).
        ValueError: ``notebook`` has no targets (an unknown name).
    """
    check_target_notebook(notebook)
    if not isinstance(figures, Mapping):
        raise TypeError(
            f"`figures` must be a dictionary of figures by name (as load_results returns), "
            f"but got {describe(figures)}."
        )
    any_seed = check_bool(any_seed, "any_seed")
    failures = []
    for name, target in TARGETS[notebook].items():
        if name not in figures:
            failures.append(f"{name}: not recorded")
        elif not target.met_by(figures[name], any_seed=any_seed, name=name):
            looser = any_seed and target.any_seed is not None
            bound = f" (any seed: {target.any_seed})" if looser else ""
            value = figures[name]
            shown = value.item() if isinstance(value, np.generic) else value  # plain repr
            failures.append(f"{target.describe(name)}{bound}: got {shown!r}")
    return failures


def check_target_notebook(notebook: Any) -> str:
    """Return ``notebook`` if ``TARGETS`` holds targets for it, else raise a clear error."""
    check_text(notebook, "notebook")
    if notebook not in TARGETS:
        raise ValueError(
            f"`notebook` must be a notebook with targets: one of {', '.join(TARGETS)}; but got "
            f"{notebook!r}. Check the spelling (no folder, no .ipynb), or add its targets to "
            "helpers.course.targets.TARGETS."
        )
    return str(notebook)

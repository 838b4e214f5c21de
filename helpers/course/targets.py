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

    One bound for every run: a claim is a fact only if it holds under every seed and
    floating-point path that ``make robustness`` tries.
    """

    comparison: str
    bound: Figure
    claim: str

    def __post_init__(self) -> None:
        check_choice(self.comparison, "comparison", sorted(_COMPARE))
        self._check_figure(self.bound, "bound", allow_nan=False)
        check_text(self.claim, "claim")

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

    def met_by(self, value: Figure, *, name: str = "value") -> bool:
        """Whether ``value`` meets the target (NaN never does).

        ``name`` names the figure in the error raised for a value that cannot be compared
        with the bound (text where a number belongs, an infinity, None).
        """
        self._check_figure(value, name, allow_nan=True)
        if isinstance(value, float) and math.isnan(value):
            return False
        return bool(_COMPARE[self.comparison](value, self.bound))

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
        "val_loss_rise": Target(
            ">", 1.1, "Validation loss climbs more than 10% above its minimum (overfitting)"
        ),
        "restored_val_loss_excess": Target(
            "<=", 1e-4, "Early stopping keeps the weights of the lowest validation loss"
        ),
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
        "sweep_good_loss_increases": Target("==", 0, "Good rate: the loss falls at every step"),
        "sweep_oscillating_direction_changes": Target(
            ">=", 50, "Oscillating rate: the loss turns from falling to rising over and over"
        ),
        "sweep_oscillating_final_over_first_loss": Target(
            "<", 1.0, "Oscillating rate: the loss stays finite and ends below its start"
        ),
        "sweep_diverging_weight_growth": Target(
            ">", 500.0, "Diverging rate: the weights' size grows over 500-fold"
        ),
        "sweep_diverging_last_losses_over_good": Target(
            ">", 10.0, "Diverging rate: its last 50 losses average over 10x the good final loss"
        ),
        "loss_curve_max_abs_diff": Target("<=", 1e-5, "Scratch and Keras loss curves agree"),
        "overfitting_split_share": Target(
            ">=", 0.1, "On some of 20 random splits the validation loss rises after its minimum"
        ),
        "still_falling_split_share": Target(
            ">=", 0.1, "On others it ends within 0.005 of its minimum"
        ),
        "first_epoch_gap_share": Target(
            "<", 0.25, "At the same weights, training and validation loss after step 1 are close"
        ),
        "sgd_keras_max_abs_diff": Target(
            "<=", 1e-5, "Mini-batch SGD in NumPy equals keras.optimizers.SGD step for step"
        ),
        "adam_keras_max_abs_diff": Target(
            "<=", 1e-5, "Adam in NumPy equals keras.optimizers.Adam step for step"
        ),
        "adam_exact_max_abs_diff": Target(
            "<=", 1e-12, "With float32-exact hyperparameters Adam agrees to float64 rounding"
        ),
        "minibatch_sgd_over_full_batch_loss": Target(
            "<", 1.0, "Same epochs: mini-batch SGD ends below full-batch gradient descent"
        ),
        "adam_over_full_batch_loss": Target(
            "<", 1.0, "Same epochs: mini-batch Adam ends below full-batch gradient descent"
        ),
        "final_training_loss": Target("<", 0.1, "Scratch training converges"),
        "test_accuracy": Target(">=", 0.93, "Test accuracy"),
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
        "test_pixels_shared_with_training": Target(
            "==", 0, "No test patch shares a pixel with a training patch"
        ),
        "test_auc": Target(">=", 0.95, "Test ROC AUC"),
        "test_sensitivity": Target(">=", 0.85, "Test sensitivity"),
        "test_specificity": Target(">=", 0.85, "Test specificity"),
    },
    "05_imaging_diagnosis": {
        "ct_min_hu": Target(
            "<=", -800.0, "The CT's darkest pixel is aerated lung (the crop holds no outside air)"
        ),
        "lung_corner_mean_hu": Target(
            "<=", -700.0, "A lung corner of the CT reads close to air (mean below -700 HU)"
        ),
        "bn_training_max_abs_diff": Target(
            "<=", 1e-5, "NumPy batch norm (batch statistics) equals Keras in training mode"
        ),
        "bn_moving_average_max_abs_diff": Target(
            "<=", 1e-6, "Keras updates the running mean and variance as m * old + (1 - m) * batch"
        ),
        "bn_inference_max_abs_diff": Target(
            "<=", 1e-5, "NumPy batch norm (running averages) equals Keras in inference mode"
        ),
        "dropout_max_abs_diff": Target(
            "<=", 1e-6, "Inverted dropout: Keras scales the kept inputs by 1 / (1 - rate)"
        ),
        "dropout_kept_share_error": Target(
            "<=", 0.01, "Dropout keeps a share 1 - rate of the inputs (within 1 point)"
        ),
        "dropout_mean_ratio_error": Target(
            "<=", 0.01, "Inverted dropout leaves the mean unchanged (within 1%)"
        ),
        "dropout_inference_max_abs_diff": Target("<=", 0.0, "Dropout is the identity at inference"),
        "class_weight_max_abs_diff": Target(
            "<=", 1e-12, "Class weights equal scikit-learn's 'balanced' weights"
        ),
        "auc_rank_formula_diff": Target("<=", 1e-12, "Rank-formula AUC equals sklearn's"),
        "test_auc": Target(">=", 0.95, "Test AUC"),
        "test_auc_ci_low": Target(">=", 0.9, "Lower end of the test AUC's 95% CI"),
        "test_sensitivity_shortfall": Target(
            "<=", 0.10, "Test sensitivity within 10 points of the validation target"
        ),
        "test_specificity": Target(
            ">=", 0.7, "Test specificity at that threshold: most healthy films are cleared"
        ),
        "test_false_positives": Target(
            ">", 0, "False alarms at the 95%-sensitivity threshold: a real trade-off"
        ),
        "test_average_precision": Target(
            "<=", 0.97, "The precision-recall curve is off the ceiling (average precision)"
        ),
        "test_auc_headroom": Target(">=", 0.01, "The task is off the ceiling: test AUC <= 0.99"),
        "specificity_cost_of_sensitivity": Target(
            ">=", 0.2, "Raising the target sensitivity from 80% to 99% costs test specificity"
        ),
        "gradcam_max_abs_diff": Target(
            "<=", 1e-5, "Grad-CAM in NumPy (alpha_k = w_k/HW, no autodiff) equals helpers' grad_cam"
        ),
        "gradcam_peak_in_lesion": Target(
            ">=", 0.5, "Grad-CAM peaks inside the lesion for most true positives"
        ),
        "gradcam_mean_iou": Target(">=", 0.2, "Mean IoU of Grad-CAM with the lesion masks"),
    },
    "06_pathology": {
        "rgb2hed_max_abs_diff": Target(
            "<=", 1e-10, "Colour deconvolution in NumPy from OD = C M equals skimage's rgb2hed"
        ),
        "helpers_rgb2hed_max_abs_diff": Target(
            "<=", 1e-10, "helpers.scratch.stains.rgb_to_stains equals skimage's rgb2hed"
        ),
        "augmentation_inference_max_abs_diff": Target(
            "<=", 0.0, "The stain augmentation layer is the identity at inference"
        ),
        "augmentation_round_trip_max_abs_diff": Target(
            "<=", 1e-4, "RGB -> HED -> RGB in the layer's TF ops gives the image back (float32)"
        ),
        "ihc_discarded_tiles": Target(">", 0, "Tiling the IHC image discards background tiles"),
        "ihc_min_kept_tissue_share": Target(">=", 0.5, "Every kept tile is at least half tissue"),
        "patients_in_two_splits": Target("==", 0, "No patient has slides in two splits"),
        "attention_max_abs_diff": Target(
            "<=", 1e-5, "Attention weights recomputed in NumPy from V, U, w equal the layer's"
        ),
        "best_small_tumour_auc": Target(
            ">=", 0.9, "Best aggregator's slide AUC on small tumours (<= 5% of the tiles)"
        ),
        "best_minus_mean_small_tumour_auc": Target(
            ">=", 0.05, "On small tumours the best aggregator beats mean pooling by 5+ points"
        ),
        "mean_pooling_one_tile_auc": Target(
            "<=", 0.9, "Mean pooling falls short on one-tile tumours"
        ),
        "attention_test_auc": Target(
            ">=", 0.85, "Attention-MIL slide AUC on all test slides"
        ),
        "gru_test_auc": Target(
            "<=", 0.75, "A GRU reading all 64 tiles in order learns next to nothing"
        ),
        "top_k_gru_test_auc": Target(
            ">=", 0.9, "The same kind of GRU on the top-ranked tiles (Campanella's design) works"
        ),
        "baseline_small_tumour_auc": Target(
            ">=", 0.8, "The simple baseline (dark nuclear area, logistic regression) is strong"
        ),
        "baseline_minus_best_small_tumour_auc": Target(
            ">=", -0.02, "The simple baseline is within 2 points of the best network, or ahead"
        ),
        "attention_tile_auc": Target(
            ">=", 0.8, "Attention weights rank tumour tiles first (tile-level AUC)"
        ),
        "max_tile_auc": Target(
            ">=", 0.8, "Max-pooling tile scores rank tumour tiles first (tile-level AUC)"
        ),
        "attention_top_tile_is_tumour": Target(
            ">=", 0.7, "The tile with the highest attention is tumour on most positive slides"
        ),
    },
    "07_recurrent_networks": {
        "rnn_max_abs_diff": Target("<=", 1e-5, "NumPy recurrence equals keras.layers.SimpleRNN"),
        "bptt_max_abs_diff": Target(
            "<=", 1e-5, "NumPy backpropagation through time equals tf.GradientTape"
        ),
        "rnn_gradient_ratio": Target(
            ">", 100.0, "tanh RNN: the last step's gradient dwarfs the first step's"
        ),
        "default_lstm_gradient_ratio": Target(
            ">", 100.0, "LSTM as Keras starts it (forget bias 1): the gradient vanishes too"
        ),
        "open_lstm_gradient_ratio": Target(
            "<", 10.0, "LSTM with an open forget gate keeps the first step's gradient"
        ),
        "irnn_gradient_ratio": Target(
            "<", 10.0, "IRNN (ReLU, identity recurrent kernel) keeps the first step's gradient"
        ),
        "lstm_max_abs_diff": Target("<=", 1e-5, "NumPy LSTM step equals keras.layers.LSTM"),
        "gru_max_abs_diff": Target("<=", 1e-5, "NumPy GRU step equals keras.layers.GRU"),
        "lstm_test_auc": Target(">=", 0.9, "LSTM detects the early episode"),
        "gru_test_auc": Target(">=", 0.9, "GRU detects the early episode"),
        "simple_rnn_test_auc": Target("<=", 0.7, "tanh SimpleRNN (Keras init) misses it"),
        "irnn_test_auc": Target(">=", 0.9, "IRNN, a SimpleRNN started at the identity, detects it"),
        "best_gated_minus_simple_rnn_auc": Target(
            ">=", 0.3, "The best gated RNN beats the tanh SimpleRNN by a wide margin"
        ),
        "trained_lstm_gradient_ratio": Target("<", 30.0, "Trained LSTM still feels early minutes"),
        "trained_gru_gradient_ratio": Target("<", 30.0, "Trained GRU still feels early minutes"),
        "trained_irnn_gradient_ratio": Target("<", 30.0, "Trained IRNN still feels early minutes"),
        "doubled_length_log_ratio_growth": Target(
            ">", 1.5, "Doubling the series about doubles log10 of the gradient ratio"
        ),
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
        "trend_minus_snapshot_auc": Target(
            ">", 0.0, "Adding each sign's 12-hour change beats the latest hour alone"
        ),
        "best_baseline_auc": Target(
            ">=", 0.94, "AUC of the strongest simple baseline (chosen on validation)"
        ),
        "lstm_minus_best_baseline_auc": Target(
            "<", 0.0, "The LSTM does not beat the strongest simple baseline"
        ),
        "lstm_overfits_more_than_baseline": Target(
            ">", 0.0, "The LSTM's training-minus-test AUC exceeds the baseline's"
        ),
        "early_warning_detected_share": Target(
            ">=", 0.75, "Share of test events warned of within the horizon"
        ),
        "early_warning_median_lead_hours": Target(">=", 2.0, "Median warning time in hours"),
        "early_warning_test_false_alarm_rate": Target(
            "<=", 0.15, "False alarms on safe test hours"
        ),
        "early_warning_alarms_per_patient_day": Target(
            "<=", 4.0, "Alarm burden: alarms per patient-day on the test patients"
        ),
        "early_warning_detected_minus_chance": Target(
            ">", 0.2, "Events warned of: model minus a random scorer with the same alarms"
        ),
        "early_warning_detected_minus_chance_99": Target(
            ">", 0.0, "The model warns of more events than 99% of such random scorers"
        ),
    },
    "09_gans_from_the_equations": {
        "single_layer_max_abs_diff": Target(
            "<=", 1e-6, "NumPy G(z) = f(Wz + b) and D(x) = f(Wx + b) equal Keras Dense"
        ),
        "minimax_bce_max_abs_diff": Target(
            "<=", 1e-5, "-V(D, G) and the non-saturating loss equal Keras' binary cross-entropy"
        ),
        "hand_gradient_max_abs_diff": Target(
            "<=", 1e-5, "Hand-derived gradients of L_D and both L_G equal tf.GradientTape"
        ),
        "early_mean_d_fake": Target(
            "<=", 0.05, "Early in training the discriminator rejects the fakes: mean D(G(z))"
        ),
        "saturating_gradient_ratio": Target(
            "<=", 0.01, "The saturating loss's generator gradient, over the non-saturating one"
        ),
        "optimal_d_mean_abs_diff": Target(
            "<=", 0.08, "A discriminator trained against a fixed G matches D* where samples fall"
        ),
        "bimodal_distance_ratio": Target(
            "<=", 0.3, "1-D GAN: Wasserstein distance to the data, final over untrained"
        ),
        "collapsed_modes_covered": Target(
            "<=", 3, "Generator 10x faster than the discriminator: mode collapse on the ring"
        ),
        "ttur_modes_covered": Target(">=", 7, "Two time scales: modes of the ring covered"),
        "ttur_high_quality_share": Target(
            ">=", 0.4, "Two time scales: share of high-quality samples (within 3 std)"
        ),
        "ttur_minus_collapsed_modes": Target(
            ">=", 4, "The remedy covers clearly more modes than the collapsed run"
        ),
        "ttur_minus_collapsed_high_quality": Target(
            ">=", 0.2, "The remedy raises the share of high-quality samples"
        ),
        "ttur_distance_ratio": Target(
            "<=", 0.6, "Two time scales: sliced Wasserstein distance, final over untrained"
        ),
        "gmm_modes_covered": Target(">=", 8, "The 8-component Gaussian mixture covers every mode"),
        "gmm_high_quality_share": Target(
            ">=", 0.9, "The Gaussian mixture's share of high-quality samples"
        ),
        "gmm_minus_ttur_sliced_wasserstein": Target(
            "<", 0.0, "The Gaussian mixture is closer to the data than the GAN (it wins)"
        ),
        "article_generator_error": Target(
            "==", "ValueError", "The source article's generator cannot be built"
        ),
        "equal_rates_minus_collapsed_modes": Target(
            ">=", 2, "Exercise 3: a discriminator as fast as the generator covers more modes"
        ),
    },
    "10_genomics_virtual_cases": {
        "num_patients": Target("==", 189, "GSE7390 patients with a 5-year metastasis label"),
        "num_genes": Target("==", 76, "GSE7390 genes"),
        "excluded_censored": Target(
            "==", 9, "Patients censored before 5 years without metastasis, left out"
        ),
        "prevalence": Target("<", 0.25, "Cases (metastasis within 5 years) are the minority"),
        "scaler_max_abs_diff": Target("<=", 1e-9, "NumPy standardisation equals StandardScaler"),
        "lr_auc": Target("<", 0.9, "Logistic regression: out-of-fold AUC, off the ceiling"),
        "lr_auc_ci_low": Target(
            ">", 0.55, "Logistic regression: lower end of the AUC's 95% CI beats chance"
        ),
        "lr_auc_ci_high": Target(">", 0.7, "Logistic regression: upper end of the AUC's 95% CI"),
        "mlp_auc_ci_low": Target(
            ">", 0.55, "Keras MLP: lower end of the AUC's 95% CI beats chance"
        ),
        "mlp_minus_lr_auc_ci_low": Target(
            "<", 0.0, "The MLP does not beat logistic regression beyond noise (CI includes 0)"
        ),
        "conditional_layer_max_abs_diff": Target(
            "<=", 1e-6, "NumPy G(z, y) = tanh(W[z; y] + b) equals Keras Dense on Concatenate"
        ),
        "shrinkage_max_abs_diff": Target(
            "<=", 1e-9, "Ledoit-Wolf covariance equals the shrinkage formula"
        ),
        "smote_segment_max_residual": Target(
            "<=", 1e-6, "Every SMOTE row lies between a case and one of its 5 neighbours"
        ),
        "ks_floor": Target("<", 0.25, "Mean KS between held-out and training real patients"),
        "gan_ks_minus_gaussian_ks": Target(
            ">", 0.0, "The Gaussian per class is closer to the real genes than the GAN (KS)"
        ),
        "gan_detection_auc": Target(">", 0.7, "A random forest tells GAN patients from real ones"),
        "gaussian_detection_auc": Target(
            "<", 0.8, "Gaussian patients are harder to tell from real ones"
        ),
        "smote_correlation_gap": Target(
            "<", 0.15, "SMOTE keeps the gene-gene correlations (mean absolute gap)"
        ),
        "gan_augmentation_ci_low": Target(
            "<", 0.0, "GAN augmentation: no AUC gain beyond noise (CI's lower end below 0)"
        ),
        "gaussian_augmentation_ci_low": Target(
            "<", 0.0, "Gaussian augmentation: no AUC gain beyond noise (CI's lower end below 0)"
        ),
        "smote_augmentation_ci_low": Target(
            "<", 0.0, "SMOTE augmentation: no AUC gain beyond noise (CI's lower end below 0)"
        ),
        "gan_tstr_minus_trtr": Target(
            "<", 0.0, "Trained on GAN patients only, the model loses AUC (TSTR < TRTR)"
        ),
        "copier_flagged_folds": Target("==", 5, "The copier is flagged on every fold"),
        "copier_membership_auc": Target(
            ">=", 0.95, "Membership inference finds the copier's training patients"
        ),
        "smote_membership_auc": Target(
            ">", 0.7, "SMOTE leaks membership (attack AUC well above 0.5)"
        ),
        "gaussian_flagged_folds": Target("==", 0, "Gaussian patients are never flagged"),
        "gan_flagged_folds": Target("==", 0, "GAN patients are never flagged"),
        "gaussian_membership_auc": Target(
            "<", 0.75, "Membership inference on Gaussian patients: far below the copier"
        ),
        "gene_selection_leak_gain": Target(
            ">", 0.0, "Exercise 3: genes chosen on all patients inflate the AUC"
        ),
    },
    "11_nlp_and_embeddings": {
        "embedding_max_abs_diff": Target(
            "<=", 1e-6, "One-hot vector times W equals keras.layers.Embedding with the same W"
        ),
        "softmax_ce_max_abs_diff": Target(
            "<=", 1e-5, "Stable softmax and log-sum-exp cross-entropy equal Keras (large logits)"
        ),
        "tokenizer_disagreements": Target(
            "==", 0, "Scratch tokenizer and vocabulary give TextVectorization's ids on every note"
        ),
        "attention_single_head_max_abs_diff": Target(
            "<=", 1e-5, "NumPy attention equals MultiHeadAttention with one head"
        ),
        "attention_multi_head_max_abs_diff": Target(
            "<=", 1e-5, "NumPy attention equals MultiHeadAttention with four heads"
        ),
        "tfidf_macro_f1": Target(">=", 0.85, "TF-IDF + logistic regression is a strong baseline"),
        "tfidf_no_negation_minus_negation_f1": Target(
            ">=", 0.05, "TF-IDF does clearly worse on notes with negated findings"
        ),
        "bilstm_minus_tfidf_negation_f1": Target(
            ">=", 0.08, "Negation subset: the BiLSTM beats TF-IDF by a clear margin"
        ),
        "transformer_minus_tfidf_negation_f1": Target(
            ">=", 0.08, "Negation subset: the Transformer beats TF-IDF by a clear margin"
        ),
        "mean_pooling_minus_tfidf_negation_f1": Target(
            "<=", 0.02, "Negation subset: mean pooling, another bag of words, does not beat TF-IDF"
        ),
        "counterfactual_leaves_healthy": Target(
            ">=",
            0.6,
            "Negation turned into an assertion: most 'no acute disease' notes get a diagnosis",
        ),
        "trigram_minus_best_sequence_negation_f1": Target(
            "<=",
            -0.05,
            "Exercise 3: TF-IDF with word triples stays clearly below the sequence model",
        ),
    },
    "12_vaccine_peptides": {
        "embedding_lookup_max_abs_diff": Target(
            "<=", 1e-6, "One-hot times W equals a Keras Embedding lookup with the same W"
        ),
        "blosum_embedding_max_abs_diff": Target(
            "<=", 1e-6, "The BLOSUM62 encoding equals a frozen Embedding holding BLOSUM62"
        ),
        "lstm_numpy_max_abs_diff": Target(
            "<=", 1e-5, "Embedding + LSTM forward pass in NumPy equals the trained Keras model"
        ),
        "best_test_auc": Target(">=", 0.9, "Best model's test ROC AUC on the synthetic set"),
        "logistic_gap_to_ceiling": Target(
            "<=", 0.02, "Logistic regression on one-hot: ROC AUC below the true motif's (ceiling)"
        ),
        "deep_minus_logistic_auc": Target(
            "<=", 0.01, "The best deep model does not beat logistic regression by a clear margin"
        ),
        "logistic_precision_at_k": Target(
            ">=", 0.5, "Logistic regression: share of binders among the top k test peptides"
        ),
        "logistic_minus_pwm_pr_auc": Target(
            ">", 0.0, "Logistic regression beats the PWM counted from binders on PR AUC"
        ),
        "lstm_anchors_first": Target(
            "==", True, "Embedding + LSTM: the two most important positions are the anchors 2, 9"
        ),
        "cnn_anchors_first": Target(
            "==", True, "1D CNN: the two most important positions are the anchors 2 and 9"
        ),
        "lstm_motif_correlation": Target(
            ">=", 0.8, "Embedding + LSTM: correlation of its learned motif with the true one"
        ),
        "cnn_motif_correlation": Target(
            ">=", 0.8, "1D CNN: correlation of its learned motif with the true one"
        ),
        "true_motif_epitope_rank": Target(
            "<=", 3, "The synthetic true motif ranks GILGFVFTL near the top of the M1 fragment"
        ),
        "lstm_epitope_rank": Target(
            "<=", 5, "Embedding + LSTM ranks GILGFVFTL among the top 5 of the M1 fragment"
        ),
        "screen_rank_correlation": Target(
            ">=", 0.8, "M1 windows: Spearman correlation of the LSTM's and the true scores"
        ),
        "pseudocount_one_minus_tiny_auc": Target(
            ">=", 0.02, "Exercise 1: PWM from 20 binders, pseudocount 1 beats 0.01 (ROC AUC)"
        ),
        "few_data_blosum_minus_onehot_auc": Target(
            ">", 0.0, "Exercise 2: with 500 training peptides BLOSUM62 beats one-hot (ROC AUC)"
        ),
    },
    "13_hyperparameter_tuning": {
        "winners_curse_gap": Target(
            ">=", 0.005, "Winner picked by test accuracy: test minus fresh accuracy (optimism)"
        ),
        "winners_curse_gap_z": Target(
            ">=", 3.0, "That optimism lies at least 3 standard errors above zero"
        ),
        "validation_pick_gap_share": Target(
            "<=", 0.5, "Picked by validation, at most half of that optimism is left"
        ),
        "budget_spread": Target(
            "<=", 0.35, "The three tuners spend the same epochs up to about one trial"
        ),
        "worst_tuner_validation_auc": Target(
            ">=", 0.95, "Every tuner finds a configuration with validation AUC 0.95 or more"
        ),
        "tuner_validation_auc_range": Target(
            "<=", 0.02, "The three tuners' best validation AUCs lie within 0.02"
        ),
        "resumed_new_epochs": Target(
            "==", 0, "A search re-created with overwrite=False trains nothing again"
        ),
        "resumed_same_best": Target(
            "==", True, "The resumed search reports the same best configuration"
        ),
        "tuned_test_auc": Target(">=", 0.95, "The tuned MLP's test ROC AUC, measured once"),
        "default_gap_in_ci_widths": Target(
            "<", 1.0, "Tuned minus untuned MLP's test AUC, in tuned CI widths: a tie"
        ),
        "logistic_gap_in_ci_widths": Target(
            "<", 1.0, "Tuned MLP minus logistic regression's test AUC, in CI widths: a tie"
        ),
        "mirrored_max_abs_diff": Target(
            "<=", 1e-5, "MirroredStrategy on two logical CPUs: same updated weights as one device"
        ),
        "numpy_data_parallel_max_abs_diff": Target(
            "<=", 1e-5, "Two half-batch gradients summed in NumPy: the same update"
        ),
        "data_parallel_update_size": Target(
            ">=", 1e-2, "The compared step moves the weights far more than the differences"
        ),
        "gap_growth_with_trials": Target(
            ">", 0.0, "Exercise 2: the winner's optimism grows from 1 to all configurations"
        ),
    },
    "14_privacy": {
        "deid_surviving_identifiers": Target(
            "==", 0, "No identifying value survives in the de-identified CT, MR and ECG"
        ),
        "deid_pixels_identical": Target(
            "==", True, "De-identified CT and MR pixels are bit for bit the originals"
        ),
        "deid_hu_max_abs_diff": Target(
            "<=", 0.0, "Hounsfield units (and MR values) unchanged after de-identification"
        ),
        "deid_uids_consistent": Target(
            "==", True, "The UID map is consistent: same old UID, same new UID, across files"
        ),
        "per_example_max_abs_diff": Target(
            "<=", 1e-5, "Per-example gradients: tf.vectorized_map equals a loop over patients"
        ),
        "clip_max_abs_diff": Target(
            "<=", 1e-6, "Per-example clipping in NumPy equals tf.clip_by_norm per row"
        ),
        "hand_epsilon_rel_diff": Target(
            "<=", 0.01, "Gaussian mechanism: epsilon by hand matches dp-accounting within 1%"
        ),
        "classic_minus_improved_epsilon": Target(
            ">", 0.0, "The classic RDP conversion gives a larger epsilon than the library's"
        ),
        "nonprivate_test_auc": Target(
            ">=", 0.95, "Non-private network on 80 patients: test ROC AUC"
        ),
        "logistic_test_auc": Target(
            ">=", 0.95, "Logistic regression (baseline) on the same 80 patients: test ROC AUC"
        ),
        "dp_test_auc_largest_epsilon": Target(
            ">=", 0.8, "DP-SGD at epsilon 10: test ROC AUC stays useful"
        ),
        "auc_cost_smallest_epsilon": Target(
            ">=", 0.05, "DP-SGD at epsilon 1 costs at least 0.05 test AUC (the honest price)"
        ),
        "dp_auc_gain_smallest_to_largest_epsilon": Target(
            ">", 0.0, "A looser budget (epsilon 10 vs 1) gives a higher test AUC"
        ),
        "nonprivate_membership_auc": Target(
            ">=", 0.55, "Hard task: the loss attack finds the non-private network's members"
        ),
        "dp_membership_auc_smallest_epsilon": Target(
            "<=", 0.56, "Hard task: against DP-SGD at epsilon 1 the attack is near chance"
        ),
        "membership_drop_smallest_epsilon": Target(
            ">=", 0.02, "DP-SGD at epsilon 1 lowers the attack's AUC by 0.02 or more"
        ),
        "fedavg_aggregation_max_abs_diff": Target(
            "<=", 1e-6, "FedAvg's weighted mean of Keras weights equals np.average"
        ),
        "noniid_early_auc_gap": Target(
            ">", 0.0, "Non-IID hospitals slow FedAvg: IID ahead in AUC over the first 3 rounds"
        ),
        "noniid_loss_gap": Target(
            ">=", 0.02, "Non-IID hospitals slow FedAvg: higher test loss, averaged over rounds"
        ),
        "fedavg_minus_pooled_auc": Target(
            ">=", -0.05, "Non-IID FedAvg ends within 0.05 AUC of pooled training"
        ),
        "fedavg_minus_mean_local_auc": Target(
            ">=", 0.02, "Non-IID FedAvg beats the hospitals trained alone (mean) by 0.02 AUC"
        ),
        "half_epsilon_auc_cost": Target(
            ">=", 0.05, "Exercise 2: DP-SGD at epsilon 0.5 costs at least 0.05 test AUC"
        ),
    },
    "15_reliability_and_interpretability": {
        "ece_bins_max_abs_diff": Target(
            "<=", 1e-12, "Reliability bins from scratch equal sklearn's calibration_curve"
        ),
        "ece_helper_abs_diff": Target(
            "<=", 1e-12, "ECE from scratch equals helpers.evaluation.calibration"
        ),
        "temperature_gradient_abs": Target(
            "<=", 1e-4, "dNLL/dT by hand vanishes at the fitted temperature"
        ),
        "temperature": Target(">", 1.0, "The over-fitted network is over-confident: T > 1"),
        "ece_drop": Target(
            ">=", 0.01, "Temperature scaling lowers the test ECE (before minus after)"
        ),
        "referral_gain_mc_dropout": Target(
            ">=", 0.01, "MC-dropout referral curve above random referral (mean AUC gain)"
        ),
        "referral_gain_ensemble": Target(
            ">=", 0.01, "Ensemble referral curve above random referral (mean AUC gain)"
        ),
        "cnn_home_auc": Target(">=", 0.9, "The small CNN's test ROC AUC at the home hospital"),
        "cnn_minus_pixel_baseline_auc": Target(
            ">", 0.0, "The CNN beats logistic regression on 8x8 pixels (test AUC)"
        ),
        "shift_auc_drop": Target(
            ">=", 0.03, "At the second hospital the AUC falls (home minus away)"
        ),
        "shift_sensitivity_drop": Target(
            ">=", 0.15, "The home threshold's sensitivity falls at the second hospital"
        ),
        "local_threshold_sensitivity_gain": Target(
            ">=", 0.1, "The local threshold's sensitivity beats the home threshold's by 0.1 or more"
        ),
        "equalized_odds_gap_shared": Target(
            ">=", 0.05, "One shared threshold: the equalised-odds gap shows the subgroup effect"
        ),
        "minority_sensitivity_shortfall": Target(
            ">=", 0.05, "One shared threshold misses more of the minority group's patients"
        ),
        "sensitivity_gap_per_group": Target(
            "<=", 0.06, "Per-group thresholds bring the sensitivities within 0.06"
        ),
        "minority_fpr_cost": Target(
            ">", 0.0, "The price: the minority group's false-positive rate rises"
        ),
        "ig_numpy_vs_helper_max_abs_diff": Target(
            "<=", 1e-5, "Integrated gradients in NumPy equal the helper's (GradientTape)"
        ),
        "ig_numpy_completeness_error": Target(
            "<=", 1e-4, "NumPy IG of logistic regression: attributions sum to f(x) - f(x')"
        ),
        "ig_completeness_relative_error": Target(
            "<=", 0.05, "CNN: IG sums to the logit change within 5% of its typical size"
        ),
        "ig_error_ratio_most_to_fewest_steps": Target(
            "<=", 0.5, "The completeness error shrinks as the steps grow"
        ),
        "ig_peak_in_lesion": Target(
            ">=", 0.5, "IG's peak lies inside a lesion (share of the diseased films explained)"
        ),
        "gradcam_peak_in_lesion_over_chance": Target(
            ">", 0.0, "Grad-CAM's peak lies in a lesion more often than a random pixel does"
        ),
        "randomised_rank_correlation": Target(
            "<", 0.7, "Sanity check: a randomised CNN's IG map ranks pixels differently"
        ),
        "randomised_ig_peak_drop": Target(
            ">=", 0.3, "Sanity check: randomised, IG's peak leaves the lesions"
        ),
    },
    "16_multimodal_and_personalised_medicine": {
        "encoder_parameter_diff": Target(
            "==", 0, "The image encoder's parameters counted by hand equal count_params()"
        ),
        "head_max_abs_diff": Target("<=", 1e-4, "The fusion head in NumPy gives Keras's logits"),
        "single_modality_best_auc": Target(
            "<=", 0.72, "No modality alone comes near the ceiling: best single test AUC <= 0.72"
        ),
        "fusion_gain_over_best_single": Target(
            ">=",
            0.06,
            "Intermediate fusion beats the best single modality by >= 0.06 AUC",
        ),
        "bayes_gap": Target(
            "<=",
            0.14,
            "Intermediate fusion is within 0.14 AUC of the Bayes-optimal AUC",
        ),
        "mean_ablation_drop": Target(
            ">=",
            0.02,
            "Blanking one modality lowers the fused model's test AUC by >= 0.02 on average",
        ),
        "missing_modality_auc_with_dropout": Target(
            ">=",
            0.66,
            "With modality dropout, mean AUC with one modality missing >= 0.66",
        ),
        "risk_error_gain": Target(
            ">=", 0.02, "The fused risk is closer to the true probability than the prevalence"
        ),
    },
    "17_faq_and_glossary": {
        "snapshot_lessons_missing": Target(
            "==", 0, "The shipped snapshot holds every lesson's notebook before this one"
        ),
        "snapshot_unmet_targets": Target(
            "==", 0, "Every figure in the snapshot still meets its notebook's target"
        ),
        "faq_questions": Target(">=", 10, "Questions answered from recorded figures"),
        "faq_figures_missing": Target(
            "==", 0, "Every figure the answers quote was found in the recorded results"
        ),
        "baseline_not_beaten": Target(
            ">=", 3, "Comparisons where the simple baseline ties or beats the deep model"
        ),
        "glossary_terms": Target(">=", 150, "English-Chinese glossary terms, validated"),
        "quiz_solutions_passed": Target("==", 12, "The quiz's 12 solution answers pass"),
    },
}


def unmet_targets(notebook: str, figures: dict[str, Figure]) -> list[str]:
    """The targets of ``notebook`` that ``figures`` misses or fails, in words (empty: all met).

    Figures without a target are ignored.

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
    failures = []
    for name, target in TARGETS[notebook].items():
        if name not in figures:
            failures.append(f"{name}: not recorded")
        elif not target.met_by(figures[name], name=name):
            value = figures[name]
            shown = value.item() if isinstance(value, np.generic) else value  # plain repr
            failures.append(f"{target.describe(name)}: got {shown!r}")
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

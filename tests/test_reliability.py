"""Calibration (ECE, reliability bins, temperature) and integrated gradients, and notebook 15."""

from __future__ import annotations

import keras
import numpy as np
import pytest
from scipy.special import expit
from sklearn.calibration import calibration_curve
from sklearn.metrics import log_loss
from test_medmnist import medmnist_arrays

from helpers.evaluation.calibration import (
    binary_nll,
    expected_calibration_error,
    fit_temperature,
    reliability_bins,
)
from helpers.explain.integrated_gradients import integrated_gradients, model_scores, path_weights

RNG = np.random.default_rng(0)


# --- calibration --------------------------------------------------------------------------
def test_ece_by_hand_on_a_small_example() -> None:
    y = np.array([0, 1, 1, 0, 1, 1])
    p = np.array([0.1, 0.1, 0.7, 0.7, 0.7, 1.0])
    # bins of 0.5: [0, 0.5] holds 0.1, 0.1 (frequency 1/2); (0.5, 1] holds 0.7 x3 and 1.0 (3/4)
    expected = (2 * abs(0.5 - 0.1) + 4 * abs(0.75 - 0.775)) / 6
    assert expected_calibration_error(y, p, 2) == pytest.approx(expected)


def test_reliability_bins_equal_sklearns_calibration_curve() -> None:
    p = RNG.random(2000)
    y = (RNG.random(2000) < p**1.5).astype(int)
    p[:5] = (0.0, 0.2, 0.5, 0.8, 1.0)  # values on bin edges
    bins = reliability_bins(y, p, 10)
    frequency, mean_probability = calibration_curve(y, p, n_bins=10, strategy="uniform")
    np.testing.assert_allclose(bins.frequency[bins.filled], frequency)
    np.testing.assert_allclose(bins.mean_probability[bins.filled], mean_probability)
    assert bins.counts.sum() == len(y)


def test_ece_is_near_zero_when_calibrated_and_large_when_over_confident() -> None:
    p = RNG.random(50_000)
    y = (RNG.random(50_000) < p).astype(int)
    assert expected_calibration_error(y, p) < 0.01
    over = expit(3 * (np.log(p) - np.log1p(-p)))  # logits tripled: over-confident
    assert expected_calibration_error(y, over) > 0.1


def test_empty_bins_are_skipped_and_one_bin_gives_the_prevalence_gap() -> None:
    y, p = np.array([0, 1, 1]), np.array([0.9, 0.95, 0.99])
    bins = reliability_bins(y, p, 10)
    assert bins.filled.sum() == 2 and np.isnan(bins.frequency[0])
    assert expected_calibration_error(y, p, 1) == pytest.approx(abs(2 / 3 - p.mean()))


def test_fit_temperature_recovers_a_known_temperature() -> None:
    z = RNG.normal(scale=4.0, size=20_000)
    y = (RNG.random(20_000) < expit(z / 2.5)).astype(int)  # the truth is sigmoid(z / 2.5)
    assert fit_temperature(z, y) == pytest.approx(2.5, rel=0.05)


def test_binary_nll_equals_sklearn_log_loss_and_is_minimal_at_the_fitted_temperature() -> None:
    z = RNG.normal(scale=3.0, size=500)
    y = (RNG.random(500) < expit(z / 2)).astype(int)
    assert binary_nll(z, y, 1.7) == pytest.approx(log_loss(y, expit(z / 1.7)))
    t = fit_temperature(z, y)
    assert binary_nll(z, y, t) <= min(binary_nll(z, y, t * 0.98), binary_nll(z, y, t * 1.02))


def test_extreme_logits_do_not_overflow() -> None:
    assert np.isfinite(binary_nll([1000.0, -1000.0], [0, 1]))


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (([0, 1], [0.2, 1.5]), "y_prob"),
        (([0, 1], [0.2, np.nan]), "y_prob"),
        (([], []), "y_true"),
        (([0, 1, 1], [0.2, 0.4]), "y_prob"),
        (([0, 1], [0.2, 0.4], 0), "n_bins"),
    ],
)
def test_bad_calibration_input_is_refused(arguments: tuple, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        expected_calibration_error(*arguments)


def test_temperature_needs_both_classes_and_a_positive_temperature() -> None:
    with pytest.raises(ValueError, match="one class"):
        fit_temperature([0.1, 2.0], [1, 1])
    with pytest.raises(ValueError, match="temperature"):
        binary_nll([0.1, 2.0], [0, 1], 0.0)


# --- integrated gradients -----------------------------------------------------------------
def _linear_model() -> keras.Model:
    inputs = keras.Input((3, 3, 1))
    logit = keras.layers.Dense(1, name="logit")(keras.layers.Flatten()(inputs))
    return keras.Model(inputs, keras.layers.Activation("sigmoid")(logit))


def _small_cnn() -> keras.Model:
    keras.utils.set_random_seed(1)
    inputs = keras.Input((8, 8, 1))
    x = keras.layers.Conv2D(4, 3, activation="tanh")(inputs)
    x = keras.layers.GlobalAveragePooling2D()(x)
    logit = keras.layers.Dense(1)(x)
    return keras.Model(inputs, keras.layers.Activation("sigmoid")(logit))


@pytest.mark.parametrize("rule", ["trapezoid", "midpoint"])
def test_ig_of_a_linear_score_is_input_minus_baseline_times_weights(rule: str) -> None:
    model = _linear_model()
    x = RNG.normal(size=(4, 3, 3, 1))
    baseline = RNG.normal(size=(3, 3, 1))
    weights = model.get_layer("logit").get_weights()[0][:, 0].reshape(3, 3, 1)
    attributions = integrated_gradients(model, x, baseline, steps=1, rule=rule)
    np.testing.assert_allclose(attributions, (x - baseline) * weights, atol=1e-5)


def test_ig_completeness_error_shrinks_with_the_steps() -> None:
    model = _small_cnn()
    x = RNG.random((3, 8, 8, 1))
    change = model_scores(model, x) - model_scores(model, np.zeros_like(x))
    errors = [
        np.abs(integrated_gradients(model, x, steps=m).sum(axis=(1, 2, 3)) - change).max()
        for m in (2, 8, 64)
    ]
    assert errors[2] < errors[1] < errors[0]
    assert errors[2] < 1e-3 * np.abs(change).max()


def test_ig_batches_and_baselines_per_input_give_the_same_result() -> None:
    model = _small_cnn()
    x = RNG.random((2, 8, 8, 1))
    one = integrated_gradients(model, x, steps=16, batch_size=5)
    other = integrated_gradients(model, x, np.zeros((2, 8, 8, 1)), steps=16)
    np.testing.assert_allclose(one, other, atol=1e-6)


def test_path_weights_sum_to_one() -> None:
    for rule in ("trapezoid", "midpoint"):
        alphas, weights = path_weights(7, rule)
        assert weights.sum() == pytest.approx(1.0) and 0 <= alphas.min() <= alphas.max() <= 1


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"steps": 0}, "steps"),
        ({"rule": "simpson"}, "rule"),
        ({"baseline": np.zeros((3, 3))}, "baseline"),
        ({"baseline": np.zeros((5, 3, 3, 1))}, "baseline"),
        ({"class_index": 1}, "class_index"),
    ],
)
def test_bad_ig_input_is_refused(changes: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        integrated_gradients(_linear_model(), np.ones((2, 3, 3, 1)), **changes)


def test_ig_refuses_inputs_of_the_wrong_size() -> None:
    with pytest.raises(ValueError, match="inputs"):
        integrated_gradients(_linear_model(), np.ones((2, 4, 4, 1)))


# --- the notebook's full-run path -----------------------------------------------------------
def test_notebook_full_run_path_on_a_fixture_file(tmp_path, monkeypatch, run_notebook) -> None:
    path = tmp_path / "pneumoniamnist.npz"
    np.savez_compressed(path, **medmnist_arrays())
    monkeypatch.setenv("MEDICAL_DL_DATA_DIR", str(tmp_path / "cache"))
    figures = run_notebook(
        "15_reliability_and_interpretability",
        data_mode="pneumoniamnist",
        medmnist_path=str(path),
        num_epochs=2,
        cnn_epochs=2,
        mc_passes=3,
        ig_steps=8,
        num_explained=4,
        num_local_cases=20,
    )
    assert figures["data_mode"] == "pneumoniamnist"
    assert 0.0 <= figures["pixel_baseline_auc"] <= 1.0 and 0.0 <= figures["away_auc"] <= 1.0
    assert "ig_peak_in_lesion" not in figures  # real films have no lesion masks

"""Reference NumPy building blocks agree with Keras (the exercise checks: test_checks.py)."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from helpers.scratch import activations, dense, gradient_check, losses


def test_activations_match_keras() -> None:
    z = np.linspace(-30, 30, 121).reshape(-1, 1)
    for name in ("sigmoid", "tanh", "relu"):
        ours = activations.ACTIVATIONS[name][0](z)
        theirs = keras.activations.get(name)(z.astype("float32")).numpy()
        np.testing.assert_allclose(ours, theirs, atol=1e-6)
    logits = np.array([[1000.0, 1001.0, 1002.0], [-1.0, 0.0, 1.0]])
    np.testing.assert_allclose(
        activations.softmax(logits), keras.activations.softmax(logits).numpy(), atol=1e-6
    )


def test_derivatives_match_numerical_gradient() -> None:
    z = np.array([-2.0, -0.5, 0.3, 1.7])
    for name, (function, derivative) in activations.ACTIVATIONS.items():
        numerical = gradient_check.numerical_gradient(lambda v, f=function: float(np.sum(f(v))), z)
        np.testing.assert_allclose(derivative(z), numerical, atol=1e-6, err_msg=name)


def test_dense_forward_matches_keras_and_validates() -> None:
    rng = np.random.default_rng(0)
    x, w, b = rng.normal(size=(5, 3)), rng.normal(size=(3, 2)), rng.normal(size=2)
    layer = keras.layers.Dense(2, activation="tanh")
    layer.build((None, 3))
    layer.set_weights([w, b])
    np.testing.assert_allclose(
        dense.dense_forward(x, w, b, "tanh"), layer(x.astype("float32")).numpy(), atol=1e-6
    )
    with pytest.raises(ValueError, match="has 4 features per sample but `w` expects 3"):
        dense.dense_forward(rng.normal(size=(5, 4)), w, b)
    with pytest.raises(ValueError, match="`b` has 3 entries"):
        dense.dense_forward(x, w, np.zeros(3))
    with pytest.raises(ValueError, match="`activation` must be one of 'linear'"):
        dense.dense_forward(x, w, b, "swish")


def test_parameter_count_matches_keras() -> None:
    inputs = keras.Input((30,))
    hidden = keras.layers.Dense(16)(inputs)
    model = keras.Model(inputs, keras.layers.Dense(1)(keras.layers.Dense(8)(hidden)))
    assert dense.count_dense_parameters([30, 16, 8, 1]) == model.count_params()
    with pytest.raises(ValueError):
        dense.count_dense_parameters([30])


def test_binary_cross_entropy_matches_keras() -> None:
    y = np.array([1.0, 0.0, 1.0, 0.0])
    p = np.array([0.9, 0.2, 0.4, 0.6])
    expected = float(keras.losses.BinaryCrossentropy()(y, p))
    assert losses.binary_cross_entropy(y, p) == pytest.approx(expected, rel=1e-5)
    with pytest.raises(ValueError, match="4 values but `p` has 3"):
        losses.binary_cross_entropy(y, p[:3])


def test_relative_error() -> None:
    assert gradient_check.relative_error([1.0, 2.0], [1.0, 2.0]) == 0.0
    assert gradient_check.relative_error([0.0], [0.0]) == 0.0
    assert gradient_check.relative_error([1.0], [-1.0]) == pytest.approx(1.0)

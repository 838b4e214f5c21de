"""Reference NumPy building blocks agree with Keras; exercise self-checks judge correctly."""

from __future__ import annotations

import keras
import numpy as np
import pytest
from conftest import unfinished_answer

from helpers.checks import nb00, nb01, nb02
from helpers.scratch import activations, dense, gradient_check, losses, optimizers


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
    with pytest.raises(ValueError, match="Unknown activation"):
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


CHECKS_AND_REFERENCES = [
    (nb01.check_tanh_derivative, activations.tanh_derivative),
    (nb01.check_softmax, activations.softmax),
    (nb01.check_count_dense_parameters, dense.count_dense_parameters),
    (nb02.check_bce_gradient_logits, losses.bce_gradient_logits),
    (nb02.check_numerical_gradient, gradient_check.numerical_gradient),
    (nb02.check_momentum_step, optimizers.momentum_step),
]


@pytest.mark.parametrize(("check", "reference"), CHECKS_AND_REFERENCES)
def test_checks_pass_reference_and_reject_stub(check, reference, verdict) -> None:
    assert verdict(check, reference) == "passed"
    assert verdict(check, unfinished_answer) == "not yet"


def test_check_reports_the_failing_case_with_a_hint(capsys) -> None:
    naive_softmax = lambda z: np.exp(z) / np.exp(z).sum(axis=-1, keepdims=True)  # noqa: E731
    with np.errstate(all="ignore"):
        assert nb01.check_softmax(naive_softmax) is False
    output = capsys.readouterr().out
    assert "[failed] softmax: case 'huge logits'" in output and "Hint:" in output
    assert nb01.check_tanh_derivative(lambda z: z.shape[5]) is False
    assert "raised IndexError" in capsys.readouterr().out
    with pytest.raises(TypeError, match="Pass your function itself"):
        nb01.check_softmax(activations.softmax(np.zeros((1, 2))))


def test_notebook_00_checks() -> None:
    assert nb00.check_sensitivity_specificity(
        lambda y, p: (np.mean(p[y == 1] == 1), np.mean(p[y == 0] == 0))
    )
    assert nb00.check_always_healthy_accuracy(lambda y: float(np.mean(np.asarray(y) == 0)))
    assert not nb00.check_always_healthy_accuracy(lambda y: float(np.mean(y)))

"""Exercise self-checks of notebooks 00-02 (welcome, forward pass, backpropagation)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from helpers import metrics, numpy_nn
from helpers.checks import run_check

_RNG = np.random.default_rng(0)
_Z = _RNG.normal(size=(4, 3))


def check_tanh_derivative(student: Callable[[np.ndarray], np.ndarray]) -> bool:
    """Exercise (notebook 01): the derivative of tanh."""
    cases = [
        ("zero", (np.array([0.0]),)),
        ("a batch", (_Z,)),
        ("large inputs", (np.array([-20.0, 20.0]),)),
    ]
    return run_check(
        "tanh_derivative",
        student,
        numpy_nn.tanh_derivative,
        cases,
        "d/dz tanh(z) = 1 - tanh(z)**2; use np.tanh.",
    )


def check_softmax(student: Callable[[np.ndarray], np.ndarray]) -> bool:
    """Exercise (notebook 01): a numerically stable softmax over the last axis."""
    cases = [
        ("one row", (np.array([[1.0, 2.0, 3.0]]),)),
        ("a batch", (_Z,)),
        ("huge logits", (np.array([[1000.0, 1001.0, 1002.0]]),)),
    ]
    return run_check(
        "softmax",
        student,
        numpy_nn.softmax,
        cases,
        "exp(z - max(z)) / sum(exp(z - max(z))) along axis=-1 with keepdims=True.",
    )


def check_count_dense_parameters(student: Callable[[list[int]], int]) -> bool:
    """Exercise (notebook 01): weights plus biases of a dense stack."""
    cases = [
        ("one layer", ([30, 1],)),
        ("the course MLP", ([30, 16, 8, 1],)),
        ("wide", ([784, 128, 10],)),
    ]
    return run_check(
        "count_dense_parameters",
        student,
        numpy_nn.count_dense_parameters,
        cases,
        "each layer has inputs*units weights plus units biases.",
    )


def check_bce_gradient_logits(student: Callable[[np.ndarray, np.ndarray], np.ndarray]) -> bool:
    """Exercise (notebook 02): gradient of mean binary cross-entropy w.r.t. the logits."""
    y = np.array([[1.0], [0.0], [1.0], [0.0]])
    cases = [
        ("four samples", (y, _Z[:, :1])),
        ("confident and right", (y, 10 * (2 * y - 1))),
        ("one sample", (np.array([[1.0]]), np.array([[0.3]]))),
    ]
    return run_check(
        "bce_gradient_logits",
        student,
        numpy_nn.bce_gradient_logits,
        cases,
        "for sigmoid + BCE the chain rule collapses to (sigmoid(z) - y) / n.",
    )


def check_numerical_gradient(
    student: Callable[[Callable[[np.ndarray], float], np.ndarray, float], np.ndarray],
) -> bool:
    """Exercise (notebook 02): central-difference gradient estimate."""
    cases = [
        ("sum of squares", (lambda w: float(np.sum(w**2)), _Z[0], 1e-6)),
        ("a matrix", (lambda w: float(np.sum(np.sin(w))), _Z, 1e-6)),
    ]
    return run_check(
        "numerical_gradient",
        student,
        numpy_nn.numerical_gradient,
        cases,
        "(f(w + eps e_i) - f(w - eps e_i)) / (2 eps) for each entry i; restore w.",
        atol=1e-6,
    )


def check_momentum_step(student: Callable[..., tuple[np.ndarray, np.ndarray]]) -> bool:
    """Exercise (notebook 02): one SGD-with-momentum update as Keras performs it."""
    w, g, v = _Z[0], _Z[1], _Z[2]
    cases = [("no momentum", (w, g, np.zeros(3), 0.1, 0.0)), ("momentum 0.9", (w, g, v, 0.1, 0.9))]
    return run_check(
        "momentum_step",
        student,
        numpy_nn.momentum_step,
        cases,
        "velocity = momentum * velocity - learning_rate * grad; w = w + velocity.",
    )


def _sensitivity_specificity(y_true: np.ndarray, y_pred: np.ndarray) -> tuple[float, float]:
    counts = metrics.confusion_counts(y_true, y_pred)
    return (
        counts["tp"] / (counts["tp"] + counts["fn"]),
        counts["tn"] / (counts["tn"] + counts["fp"]),
    )


def check_sensitivity_specificity(student: Callable[[np.ndarray, np.ndarray], tuple]) -> bool:
    """Exercise (notebook 00): sensitivity and specificity from labels and predictions."""
    y = np.array([1, 1, 1, 1, 0, 0, 0, 0, 0, 0])
    cases = [
        ("perfect", (y, y.copy())),
        ("misses one cancer", (y, np.array([1, 1, 1, 0, 0, 0, 0, 0, 0, 0]))),
        ("two false alarms", (y, np.array([1, 1, 1, 1, 1, 1, 0, 0, 0, 0]))),
    ]
    return run_check(
        "sensitivity_specificity",
        student,
        _sensitivity_specificity,
        cases,
        "sensitivity = TP / (TP + FN), specificity = TN / (TN + FP); return both.",
    )


def check_positive_predictive_value(student: Callable[[float, float, float], float]) -> bool:
    """Exercise (notebook 00): PPV from sensitivity, specificity and prevalence."""
    cases = [
        ("screening, rare disease", (0.95, 0.90, 0.01)),
        ("common disease", (0.95, 0.90, 0.30)),
        ("perfect specificity", (0.80, 1.0, 0.05)),
    ]
    return run_check(
        "positive_predictive_value",
        student,
        metrics.positive_predictive_value,
        cases,
        "Bayes: sens*prev / (sens*prev + (1 - spec)*(1 - prev)).",
    )


def check_always_healthy_accuracy(student: Callable[[np.ndarray], float]) -> bool:
    """Exercise (notebook 00): accuracy of a 'model' that calls everyone healthy."""
    cases = [
        ("balanced", (np.array([0, 1, 0, 1]),)),
        ("rare disease", (np.array([0] * 99 + [1]),)),
        ("breast cancer test split", (np.array([1] * 42 + [0] * 72),)),
    ]
    return run_check(
        "always_healthy_accuracy",
        student,
        lambda y: float(np.mean(np.asarray(y) == 0)),
        cases,
        "it is right exactly for the patients whose label is 0.",
    )

"""Exercise self-checks of notebook 02 (backpropagation and gradient descent)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from helpers.checks.engine import run_check
from helpers.scratch import gradient_check, losses, optimizers

_RNG = np.random.default_rng(0)


_Z = _RNG.normal(size=(4, 3))


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
        losses.bce_gradient_logits,
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
        gradient_check.numerical_gradient,
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
        optimizers.momentum_step,
        cases,
        "velocity = momentum * velocity - learning_rate * grad; w = w + velocity.",
    )

"""Exercise self-checks of notebook 01 (forward propagation, early stopping)."""

from __future__ import annotations

import numpy as np

from helpers.checks.engine import Student, run_check
from helpers.scratch import activations

_RNG = np.random.default_rng(0)


_Z = _RNG.normal(size=(4, 3))


def check_tanh_derivative(student: Student) -> bool:
    """Exercise 1 of notebook 01: ``tanh_derivative(z) -> array`` shaped like ``z``."""
    cases = [
        ("zero", (np.array([0.0]),)),
        ("a batch", (_Z,)),
        ("large inputs", (np.array([-20.0, 20.0]),)),
    ]
    return run_check(
        "tanh_derivative",
        student,
        activations.tanh_derivative,
        cases,
        "d/dz tanh(z) = 1 - tanh(z)**2; use np.tanh.",
    )


def check_softmax(student: Student) -> bool:
    """Exercise 2 of notebook 01: a numerically stable ``softmax(z)`` over the last axis."""
    cases = [
        ("one row", (np.array([[1.0, 2.0, 3.0]]),)),
        ("a batch", (_Z,)),
        ("huge logits", (np.array([[1000.0, 1001.0, 1002.0]]),)),
    ]
    return run_check(
        "softmax",
        student,
        activations.softmax,
        cases,
        "exp(z - max(z)) / sum(exp(z - max(z))) along axis=-1 with keepdims=True.",
    )


def _early_stopping_epochs(val_losses: list[float], patience: int) -> tuple[int, int]:
    """Reference: Keras' EarlyStopping rule, epochs counted from 1."""
    best, best_epoch, waited = np.inf, 0, 0
    for epoch, loss in enumerate(val_losses, start=1):
        if loss < best:
            best, best_epoch, waited = loss, epoch, 0
            continue
        waited += 1
        if waited >= patience:
            return epoch, best_epoch
    return len(val_losses), best_epoch


def check_early_stopping(student: Student) -> bool:
    """Exercise 3 of notebook 01: ``early_stopping_epochs(val_losses, patience) -> (run, best)``."""
    overfitting = [0.26, 0.12, 0.09, 0.077, 0.076, 0.078, 0.079, 0.081, 0.083, 0.085, 0.09, 0.1]
    cases = [
        ("overfitting after epoch 5, patience 3", (overfitting, 3)),
        ("a tie is no new minimum", ([0.5, 0.3, 0.3, 0.3, 0.4, 0.2], 2)),
        ("a noisy curve, patience 2", ([0.6, 0.4, 0.45, 0.35, 0.36, 0.37, 0.3], 2)),
        ("still improving: all epochs run", ([0.5, 0.4, 0.3, 0.2], 3)),
        ("best at the first epoch", ([0.2, 0.3, 0.25, 0.4, 0.5], 4)),
    ]
    return run_check(
        "early_stopping",
        student,
        _early_stopping_epochs,
        cases,
        "count from 1; after each epoch without a strictly lower loss add one to a counter "
        "(reset it at a new minimum) and stop when it reaches `patience`; the restored epoch "
        "is the first one with the lowest loss.",
    )

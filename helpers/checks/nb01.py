"""Exercise self-checks of notebook 01 (forward propagation)."""

from __future__ import annotations

import numpy as np

from helpers.checks.engine import Student, run_check
from helpers.scratch import activations, dense

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


def check_count_dense_parameters(student: Student) -> bool:
    """Exercise 3 of notebook 01: ``count_dense_parameters(sizes) -> int``."""
    cases = [
        ("one layer", ([30, 1],)),
        ("the course MLP", ([30, 16, 8, 1],)),
        ("wide", ([784, 128, 10],)),
    ]
    return run_check(
        "count_dense_parameters",
        student,
        dense.count_dense_parameters,
        cases,
        "each layer has inputs*units weights plus units biases.",
    )

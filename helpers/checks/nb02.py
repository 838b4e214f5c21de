"""Exercise self-checks of notebook 02 (backpropagation and gradient descent)."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from helpers.checks.engine import Student, run_check
from helpers.scratch import gradient_check, optimizers

_RNG = np.random.default_rng(0)


_Z = _RNG.normal(size=(4, 3))


_Q = np.linalg.qr(_RNG.normal(size=(3, 3)))[0]
_TILTED = _Q @ np.diag([0.5, 2.0, 8.0]) @ _Q.T


def _sum_of_squares(w: NDArray[np.float64]) -> float:
    return float(np.sum(w**2))


def _sum_of_sines(w: NDArray[np.float64]) -> float:
    return float(np.sum(np.sin(w)))


def _sum_of_cubes(w: NDArray[np.float64]) -> float:
    return float(np.sum(w**3))


def check_largest_stable_learning_rate(student: Student) -> bool:
    """Exercise 1 of notebook 02: ``largest_stable_learning_rate(hessian) -> float``.

    The cases tell the answer 2 / largest eigenvalue from the usual slips: 1 / largest
    eigenvalue, the smallest eigenvalue, the largest diagonal entry (right only for a
    diagonal Hessian) and the trace.
    """
    cases = [
        ("one weight, curvature 4", (np.array([[4.0]]),)),
        ("a diagonal bowl", (np.diag([1.0, 10.0]),)),
        ("a tilted bowl", (np.array([[3.0, 1.0], [1.0, 3.0]]),)),
        ("three weights, strongly coupled", (_TILTED,)),
    ]
    return run_check(
        "largest_stable_learning_rate",
        student,
        optimizers.largest_stable_learning_rate,
        cases,
        "one step maps w to (I - lr H) w; along each eigenvector of H the distance to the "
        "minimum is multiplied by 1 - lr * eigenvalue, which must stay inside (-1, 1) "
        "(np.linalg.eigvalsh gives the eigenvalues of a symmetric matrix).",
    )


def check_numerical_gradient(student: Student) -> bool:
    """Exercise 2 of notebook 02: ``numerical_gradient(f, w, eps) -> array`` shaped like ``w``.

    The case with a large step tells central differences from forward ones, whose
    error (about eps) is below the tolerance when eps = 1e-6.
    """
    cases = [
        ("sum of squares", (_sum_of_squares, _Z[0], 1e-6)),
        ("a matrix", (_sum_of_sines, _Z, 1e-6)),
        ("sum of cubes, eps = 0.01", (_sum_of_cubes, _Z[1], 1e-2)),
    ]
    return run_check(
        "numerical_gradient",
        student,
        gradient_check.numerical_gradient,
        cases,
        "central differences (f(w + eps e_i) - f(w - eps e_i)) / (2 eps) for each entry i, "
        "not forward ones; leave the caller's w unchanged.",
        atol=1e-6,
    )


def check_momentum_step(student: Student) -> bool:
    """Exercise 3 of notebook 02: ``momentum_step(w, grad, velocity, lr, momentum)``.

    The answer must return ``(new_w, new_velocity)`` as Keras' SGD computes them.
    """
    w, g, v = _Z[0], _Z[1], _Z[2]
    cases = [("no momentum", (w, g, np.zeros(3), 0.1, 0.0)), ("momentum 0.9", (w, g, v, 0.1, 0.9))]
    return run_check(
        "momentum_step",
        student,
        optimizers.momentum_step,
        cases,
        "velocity = momentum * velocity - learning_rate * grad; w = w + velocity.",
    )

"""Exercise self-checks of notebook 14 (privacy)."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from helpers.checks.engine import Student, run_check
from helpers.scratch.dp_sgd import clip_gradients

_RNG = np.random.default_rng(14)


def check_clip_per_example(student: Student) -> bool:
    """Exercise 1 of notebook 14: ``clip_per_example(gradients, clip_norm)``.

    Each row (one patient's gradient) scaled to L2 norm at most ``clip_norm``; rows
    already inside the ball unchanged, a zero gradient stays zero.
    """
    mixed = _RNG.normal(size=(6, 4)) * np.array([[0.1], [5.0], [0.5], [20.0], [1.0], [0.01]])
    cases = [
        ("every gradient already small", (np.full((3, 2), 0.1), 1.0)),
        ("every gradient too large", (np.array([[3.0, 4.0], [0.0, -10.0]]), 1.0)),
        ("mixed norms, clip norm 0.5", (mixed, 0.5)),
        ("a zero gradient", (np.array([[0.0, 0.0, 0.0], [6.0, 8.0, 0.0]]), 2.0)),
    ]
    return run_check(
        "clip_per_example",
        student,
        clip_gradients,
        cases,
        "scale each row by min(1, C / ||row||) with the L2 norm of that row "
        "(np.linalg.norm(g, axis=1, keepdims=True)), not of the whole batch; a zero row must "
        "not become NaN.",
    )


def _classic_epsilon(orders: NDArray[np.float64], rdp: NDArray[np.float64], delta: float) -> float:
    """Reference: Mironov's conversion, min over orders of rdp + log(1/delta) / (alpha - 1)."""
    orders, rdp = np.asarray(orders, dtype=float), np.asarray(rdp, dtype=float)
    return float(np.min(rdp + np.log(1.0 / delta) / (orders - 1.0)))


def check_classic_epsilon(student: Student) -> bool:
    """Exercise 2 of notebook 14: ``classic_epsilon(orders, rdp, delta)``.

    The classic RDP to (epsilon, delta) conversion: the smallest ``rdp + log(1/delta) /
    (alpha - 1)`` over the orders.
    """
    orders = np.arange(2.0, 64.0)
    cases = [
        ("one Gaussian step, sigma 1", (orders, orders / 2.0, 1e-5)),
        ("1000 steps, sigma 5", (orders, 1000 * orders / 50.0, 1e-5)),
        ("a loose delta", (orders, 10 * orders / 8.0, 1e-2)),
        ("three orders only", (np.array([2.0, 8.0, 32.0]), np.array([0.1, 0.4, 1.6]), 1e-6)),
    ]
    return run_check(
        "classic_epsilon",
        student,
        _classic_epsilon,
        cases,
        "for each order alpha: rdp + log(1 / delta) / (alpha - 1), then the minimum over "
        "the orders (not the first, not the last); log is the natural logarithm.",
    )


def _federated_average(
    weights: NDArray[np.float64], sizes: NDArray[np.float64]
) -> NDArray[np.float64]:
    """Reference: sum_k n_k / n w_k over the hospitals (rows)."""
    sizes = np.asarray(sizes, dtype=float)
    return np.asarray(weights, dtype=float).T @ (sizes / sizes.sum())


def check_federated_average(student: Student) -> bool:
    """Exercise 3 of notebook 14: ``federated_average(weights, sizes)``.

    ``weights`` has one row per hospital (its flattened model), ``sizes`` the number of
    patients of each; the result is ``sum_k n_k / n * w_k``.
    """
    cases = [
        ("two hospitals of equal size", (np.array([[1.0, 2.0], [3.0, 6.0]]), np.array([50, 50]))),
        ("a large and a small hospital", (np.array([[0.0, 1.0], [1.0, 0.0]]), np.array([90, 10]))),
        ("four hospitals", (_RNG.normal(size=(4, 5)), np.array([145, 109, 72, 38]))),
        ("one hospital", (np.array([[0.5, -0.5, 2.0]]), np.array([7]))),
    ]
    return run_check(
        "federated_average",
        student,
        _federated_average,
        cases,
        "weight each hospital's row by its share of all patients, n_k / sum(n), and add the "
        "rows up: np.average(weights, axis=0, weights=sizes) does the same.",
    )

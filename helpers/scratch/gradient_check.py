"""Numerical gradients and the relative error that compares them with ``tf.GradientTape``."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def numerical_gradient(
    f: Callable[[np.ndarray], float], w: np.ndarray, eps: float = 1e-6
) -> np.ndarray:
    """Central-difference estimate of df/dw, one entry at a time (slow, exact-ish)."""
    w = np.array(w, dtype=np.float64)
    grad = np.zeros_like(w)
    for index in np.ndindex(w.shape):
        original = w[index]
        w[index] = original + eps
        f_plus = f(w)
        w[index] = original - eps
        f_minus = f(w)
        w[index] = original
        grad[index] = (f_plus - f_minus) / (2.0 * eps)
    return grad


def relative_error(a: np.ndarray, b: np.ndarray) -> float:
    """||a - b|| / (||a|| + ||b||): the usual gradient-check measure (0 = identical)."""
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    denominator = np.linalg.norm(a) + np.linalg.norm(b)
    return float(np.linalg.norm(a - b) / denominator) if denominator > 0 else 0.0

"""Numerical gradients and the relative error that compares them with ``tf.GradientTape``."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from helpers.course.validation import as_float_array, check_callable, check_number, describe

#: Most entries ``numerical_gradient`` nudges: it calls ``f`` twice per entry.
MAX_GRADIENT_ENTRIES = 100_000


def _check_loss(value: Any, index: tuple[int, ...]) -> None:
    """Refuse a value of ``f`` that is not one finite number (an array, text, NaN)."""
    where = "w[" + ", ".join(str(i) for i in index) + "]"
    if hasattr(value, "numpy") and callable(value.numpy):
        value = value.numpy()
    if np.ndim(value) != 0 or not np.isrealobj(value) or isinstance(value, str | bytes):
        raise TypeError(
            f"`f` must return one number (the loss), but at {where} it returned "
            f"{describe(value)}. Sum or average the losses, e.g. float(np.mean(...))."
        )
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise TypeError(
            f"`f` must return one number (the loss), but at {where} it returned {describe(value)}."
        ) from None
    if not np.isfinite(number):
        raise ValueError(
            f"`f` returned {number} at {where}: a gradient cannot be estimated from NaN or "
            "infinite losses. Check f (log(0), overflow) or use a smaller `eps`."
        )


def numerical_gradient(
    f: Callable[[np.ndarray], float], w: ArrayLike, eps: float = 1e-6
) -> np.ndarray:
    """Central-difference estimate of df/dw, one entry at a time (slow, exact-ish).

    ``f`` maps an array shaped like ``w`` to one number; ``w`` itself is left unchanged.
    """
    f = check_callable(f, "f")
    values = as_float_array(w, "w").copy()
    eps = check_number(eps, "eps", low=0.0, high=1.0, low_open=True)
    if values.size > MAX_GRADIENT_ENTRIES:
        raise ValueError(
            f"`w` has {values.size:,} entries; numerical_gradient calls `f` twice per entry, "
            f"which would take very long (at most {MAX_GRADIENT_ENTRIES:,}). Check a slice of the "
            "parameters or a smaller model."
        )
    lost = (values + eps == values) | (values - eps == values)
    if np.any(lost):
        raise ValueError(
            f"`eps` = {eps:g} is too small for entries of `w` as large as "
            f"{np.max(np.abs(values[lost])):g}: w + eps rounds back to w in float64, so the "
            "estimate would be 0. Use a larger `eps` (e.g. 1e-6 times the size of the entries)."
        )
    grad = np.zeros_like(values)
    for index in np.ndindex(values.shape):
        original = values[index]
        values[index] = original + eps
        f_plus = f(values)
        _check_loss(f_plus, index)
        values[index] = original - eps
        f_minus = f(values)
        _check_loss(f_minus, index)
        values[index] = original
        grad[index] = (f_plus - f_minus) / (2.0 * eps)
    return grad


def _gradient(value: ArrayLike, name: str) -> NDArray[np.float64]:
    """A gradient as a float64 array; NaN or infinite entries are refused."""
    gradient = as_float_array(value, name, allow_nan=True)
    if not np.all(np.isfinite(gradient)):
        raise ValueError(
            f"`{name}` contains NaN or infinite values: that gradient computation failed "
            "(overflow, log(0), division by zero), and it agrees with nothing. Fix it first."
        )
    return gradient


def relative_error(a: ArrayLike, b: ArrayLike) -> float:
    """||a - b|| / (||a|| + ||b||): the usual gradient-check measure (0 = identical).

    ``a`` and ``b`` (the first and second gradient) must have the same shape and finite
    values.
    """
    a = _gradient(a, "a")
    b = _gradient(b, "b")
    if a.shape != b.shape:
        raise ValueError(
            f"`a` (the first gradient) has shape {a.shape} but `b` (the second) has shape "
            f"{b.shape}; compare two gradients of the same parameter."
        )
    denominator = np.linalg.norm(a) + np.linalg.norm(b)
    return float(np.linalg.norm(a - b) / denominator) if denominator > 0 else 0.0

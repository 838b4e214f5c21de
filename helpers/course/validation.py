"""Checks of what users pass to the helpers, with messages that say what to do.

Every public helper validates its inputs here first, so a wrong shape, a NaN or an
empty array is reported in plain words (naming the argument) instead of surfacing
as a traceback from deep inside NumPy or TensorFlow.
"""

from __future__ import annotations

from collections.abc import Sequence, Sized
from typing import Any

import numpy as np
from numpy.typing import NDArray


def as_float_array(
    value: Any,
    name: str,
    *,
    ndim: int | Sequence[int] | None = None,
    allow_empty: bool = False,
    allow_nan: bool = False,
) -> NDArray[np.float64]:
    """Return ``value`` as a float64 array, or raise a clear error.

    Args:
        value: anything array-like (list, NumPy array, tensor with ``.numpy()``).
        name: the argument's name, used in error messages.
        ndim: required number of dimensions (one int or several allowed ones).
        allow_empty: accept arrays with zero elements.
        allow_nan: accept NaN and infinite values.

    Raises:
        TypeError: if the values are not numbers.
        ValueError: on a wrong number of dimensions, an empty array or NaN/inf.
    """
    if hasattr(value, "numpy") and callable(value.numpy):
        value = value.numpy()
    if value is None:
        raise TypeError(f"`{name}` is None; pass an array of numbers.")
    array = np.asarray(value)
    if array.dtype == object or not (
        np.issubdtype(array.dtype, np.number) or np.issubdtype(array.dtype, np.bool_)
    ):
        raise TypeError(
            f"`{name}` must hold numbers, but its dtype is {array.dtype}. "
            "Convert it first, e.g. with np.asarray(values, dtype=float)."
        )
    if np.iscomplexobj(array):
        raise TypeError(f"`{name}` holds complex numbers; pass real values.")
    array = array.astype(np.float64, copy=False)
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if array.ndim not in allowed:
            wanted = " or ".join(str(n) for n in allowed)
            raise ValueError(
                f"`{name}` must have {wanted} dimension(s), but has shape {array.shape} "
                f"({array.ndim} dimension(s))."
            )
    if not allow_empty and array.size == 0:
        raise ValueError(f"`{name}` is empty (shape {array.shape}); pass at least one value.")
    if not allow_nan and not np.all(np.isfinite(array)):
        bad = int(np.size(array) - np.count_nonzero(np.isfinite(array)))
        raise ValueError(
            f"`{name}` contains {bad} NaN or infinite value(s). Remove or impute them "
            "before calling this function (e.g. np.nan_to_num or drop those rows)."
        )
    return array


def as_binary_labels(value: Any, name: str = "y_true") -> NDArray[np.int64]:
    """Return ``value`` as a 1-D int array of 0/1 labels, or raise a clear error."""
    labels = as_float_array(value, name, ndim=(1, 2))
    if labels.ndim == 2:
        if labels.shape[1] != 1:
            raise ValueError(
                f"`{name}` must be a vector of 0/1 labels, but has shape {labels.shape}."
            )
        labels = labels[:, 0]
    unique = np.unique(labels)
    if not np.all(np.isin(unique, (0.0, 1.0))):
        shown = ", ".join(f"{v:g}" for v in unique[:5])
        raise ValueError(
            f"`{name}` must contain only 0 and 1, but contains {shown}"
            f"{' ...' if unique.size > 5 else ''}."
        )
    return labels.astype(np.int64)


def check_same_length(first: Sized, second: Sized, names: tuple[str, str]) -> None:
    """Raise ``ValueError`` unless both arrays have the same number of rows."""
    if len(first) != len(second):
        raise ValueError(
            f"`{names[0]}` has {len(first)} rows but `{names[1]}` has {len(second)}; "
            "they must describe the same samples."
        )


def check_fraction(value: float, name: str, *, low: float = 0.0, high: float = 1.0) -> float:
    """Return ``value`` if it is a number strictly between ``low`` and ``high``."""
    if isinstance(value, bool) or not isinstance(value, int | float | np.floating):
        raise TypeError(f"`{name}` must be a number, got {type(value).__name__}.")
    if not low < float(value) < high:
        raise ValueError(f"`{name}` must lie strictly between {low} and {high}, got {value}.")
    return float(value)


def check_positive_int(value: int, name: str) -> int:
    """Return ``value`` if it is a positive integer, else raise a clear error."""
    if isinstance(value, bool) or not isinstance(value, int | np.integer):
        raise TypeError(f"`{name}` must be an integer, got {type(value).__name__}.")
    if value < 1:
        raise ValueError(f"`{name}` must be at least 1, got {value}.")
    return int(value)


def check_seed(value: int, name: str = "seed") -> int:
    """Return ``value`` if it is a non-negative integer (a valid random seed)."""
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 0:
        raise ValueError(f"`{name}` must be a non-negative integer, got {value!r}.")
    return int(value)

"""Checks of what users pass to the helpers, with messages that say what to do.

Every public helper validates each argument here first, scalars included, so a wrong
type, a NaN, a ragged list or an impossible size is reported in plain words instead of
surfacing as a traceback from deep inside NumPy or TensorFlow, or worse, as a
plausible-looking wrong number. Every message has one shape: which argument, what was
expected, what was given, and what to do.

Wrong types raise ``TypeError``; wrong values (range, shape, NaN, size) raise
``ValueError``; a missing file raises ``FileNotFoundError``.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Sequence, Sized
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
from numpy.typing import NDArray

T = TypeVar("T")

#: Largest array, in bytes, that a helper builds in proportion to an argument.
#: Set the environment variable ``COURSE_MEMORY_BUDGET_GIB`` to change it.
MEMORY_BUDGET_BYTES = int(float(os.environ.get("COURSE_MEMORY_BUDGET_GIB", "2")) * 2**30)

#: Largest seed NumPy, TensorFlow and scikit-learn all accept.
MAX_SEED = 2**32 - 1


def describe(value: Any) -> str:
    """A short description of ``value`` for error messages: its type and a clipped repr."""
    text = repr(value)
    if len(text) > 60:
        text = text[:57] + "..."
    return f"{text} ({type(value).__name__})"


def _is_integer(value: Any) -> bool:
    return isinstance(value, int | np.integer) and not isinstance(value, bool | np.bool_)


def _is_real(value: Any) -> bool:
    return isinstance(value, int | float | np.integer | np.floating) and not isinstance(
        value, bool | np.bool_
    )


def _range_text(low: float | None, high: float | None, low_open: bool, high_open: bool) -> str:
    if low is not None and high is not None:
        if low_open and high_open:
            return f"strictly between {low:g} and {high:g}"
        left, right = ("(" if low_open else "["), (")" if high_open else "]")
        return f"in {left}{low:g}, {high:g}{right}"
    if low is not None:
        return f"{'>' if low_open else '>='} {low:g}"
    if high is not None:
        return f"{'<' if high_open else '<='} {high:g}"
    return "finite"


def check_number(
    value: Any,
    name: str,
    *,
    low: float | None = None,
    high: float | None = None,
    low_open: bool = False,
    high_open: bool = False,
) -> float:
    """Return ``value`` as a float if it is a finite real number in the given range.

    ``low``/``high`` bound it (inclusive unless ``low_open``/``high_open``).
    """
    if not _is_real(value):
        raise TypeError(f"`{name}` must be a number, but got {describe(value)}.")
    number = float(value)
    if not np.isfinite(number):
        raise ValueError(f"`{name}` must be a finite number, but got {number}.")
    too_low = low is not None and (number <= low if low_open else number < low)
    too_high = high is not None and (number >= high if high_open else number > high)
    if too_low or too_high:
        raise ValueError(
            f"`{name}` must be {_range_text(low, high, low_open, high_open)}, but got {value!r}."
        )
    return number


def check_fraction(value: Any, name: str, *, low: float = 0.0, high: float = 1.0) -> float:
    """Return ``value`` if it is a number strictly between ``low`` and ``high``."""
    return check_number(value, name, low=low, high=high, low_open=True, high_open=True)


def check_probability(value: Any, name: str) -> float:
    """Return ``value`` if it is a probability: a number in [0, 1]."""
    return check_number(value, name, low=0.0, high=1.0)


def check_integer(value: Any, name: str, *, low: int | None = None, high: int | None = None) -> int:
    """Return ``value`` as an int if it is a Python or NumPy integer in [low, high]."""
    if not _is_integer(value):
        hint = f" Use int({value!r}) if you meant a whole number." if _is_real(value) else ""
        raise TypeError(f"`{name}` must be an integer, but got {describe(value)}.{hint}")
    number = int(value)
    if (low is not None and number < low) or (high is not None and number > high):
        raise ValueError(
            f"`{name}` must be an integer {_range_text(low, high, False, False)}, "
            f"but got {number}."
        )
    return number


def check_positive_int(value: Any, name: str, *, maximum: int | None = None) -> int:
    """Return ``value`` if it is an integer from 1 to ``maximum`` (if given)."""
    return check_integer(value, name, low=1, high=maximum)


def check_seed(value: Any, name: str = "seed") -> int:
    """Return ``value`` if it is a valid random seed: an integer from 0 to 2**32 - 1."""
    if not _is_integer(value) or not 0 <= int(value) <= MAX_SEED:
        error = ValueError if _is_integer(value) else TypeError
        raise error(
            f"`{name}` must be a non-negative integer below 2**32, but got {describe(value)}."
        )
    return int(value)


def check_bool(value: Any, name: str) -> bool:
    """Return ``value`` if it is ``True`` or ``False`` (NumPy booleans too)."""
    if not isinstance(value, bool | np.bool_):
        raise TypeError(f"`{name}` must be True or False, but got {describe(value)}.")
    return bool(value)


def check_text(value: Any, name: str, *, allow_empty: bool = False) -> str:
    """Return ``value`` if it is a string (non-empty unless ``allow_empty``)."""
    if not isinstance(value, str):
        raise TypeError(f"`{name}` must be a string, but got {describe(value)}.")
    if not allow_empty and not value.strip():
        raise ValueError(f"`{name}` is an empty string; pass some text.")
    return value


def check_choice(value: T, name: str, choices: Collection[T]) -> T:
    """Return ``value`` if it is one of ``choices``."""
    try:
        known = value in choices
    except TypeError:  # unhashable value tested against a set
        known = False
    if not known:
        listed = ", ".join(repr(choice) for choice in choices)
        raise ValueError(f"`{name}` must be one of {listed}, but got {describe(value)}.")
    return value


def check_callable(value: Any, name: str) -> Any:
    """Return ``value`` if it can be called (a function, a model, a layer)."""
    if not callable(value):
        raise TypeError(f"`{name}` must be a function, but got {describe(value)}.")
    return value


def check_path(value: Any, name: str) -> Path:
    """Return ``value`` as a ``Path`` if it is a string or path-like object."""
    if not isinstance(value, str | os.PathLike):
        raise TypeError(f"`{name}` must be a file path (str or Path), but got {describe(value)}.")
    if isinstance(value, str) and not value.strip():
        raise ValueError(f"`{name}` is an empty string; pass the path of a file.")
    return Path(value)


def check_existing_file(value: Any, name: str) -> Path:
    """Return ``value`` as a ``Path`` if it names an existing file."""
    path = check_path(value, name)
    if not path.exists():
        raise FileNotFoundError(f"`{name}`: no file at {path}. Check the path and try again.")
    if not path.is_file():
        raise ValueError(f"`{name}` must be a file, but {path} is a folder.")
    return path


def check_budget(num_values: float, name: str, *, bytes_per_value: int = 8) -> None:
    """Refuse up front a request for more memory than ``MEMORY_BUDGET_BYTES``.

    ``num_values`` is how many numbers the request would allocate (the product of the
    sizes asked for); ``name`` names the argument(s) that set it.
    """
    needed = float(num_values) * bytes_per_value
    if needed > MEMORY_BUDGET_BYTES:
        raise ValueError(
            f"{name} asks for about {needed / 2**30:.1f} GiB, more than the course's "
            f"budget of {MEMORY_BUDGET_BYTES / 2**30:.1f} GiB per array. Ask for less, or "
            "raise the budget with the environment variable COURSE_MEMORY_BUDGET_GIB."
        )


def _as_array(value: Any, name: str) -> NDArray[Any]:
    if hasattr(value, "numpy") and callable(value.numpy):
        value = value.numpy()
    if value is None:
        raise TypeError(f"`{name}` is None; pass an array of numbers.")
    if isinstance(value, str | bytes):
        raise TypeError(f"`{name}` must be an array of numbers, but got text: {describe(value)}.")
    try:
        return np.asarray(value)
    except ValueError as error:  # ragged nested lists
        raise ValueError(
            f"`{name}` is ragged: its rows have different lengths, so it is not an array. "
            "Pad or cut the rows to one length first."
        ) from error
    except TypeError as error:
        raise TypeError(f"`{name}` cannot be read as an array: {describe(value)}.") from error


def as_float_array(
    value: Any,
    name: str,
    *,
    ndim: int | Sequence[int] | None = None,
    shape: Sequence[int | None] | None = None,
    allow_empty: bool = False,
    allow_nan: bool = False,
    low: float | None = None,
    high: float | None = None,
) -> NDArray[np.float64]:
    """Return ``value`` as a float64 array, or raise a clear error.

    Args:
        value: anything array-like (list, NumPy array, pandas object, tensor).
        name: the argument's name, used in error messages.
        ndim: required number of dimensions (one int or several allowed ones).
        shape: required shape; ``None`` entries match any size.
        allow_empty: accept arrays with zero elements.
        allow_nan: accept NaN and infinite values.
        low, high: inclusive bounds every value must respect.

    Raises:
        TypeError: if the values are not real numbers.
        ValueError: on a ragged list, wrong dimensions or shape, an empty array,
            NaN/inf, or a value out of bounds.
    """
    array = _as_array(value, name)
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
    if shape is not None and (
        array.ndim != len(shape)
        or any(want is not None and want != got for want, got in zip(shape, array.shape))
    ):
        wanted_shape = "(" + ", ".join("any" if s is None else str(s) for s in shape) + ")"
        raise ValueError(f"`{name}` must have shape {wanted_shape}, but has shape {array.shape}.")
    if not allow_empty and array.size == 0:
        raise ValueError(f"`{name}` is empty (shape {array.shape}); pass at least one value.")
    if not allow_nan and not np.all(np.isfinite(array)):
        bad = int(np.size(array) - np.count_nonzero(np.isfinite(array)))
        raise ValueError(
            f"`{name}` contains {bad} NaN or infinite value(s). Remove or impute them "
            "before calling this function (e.g. np.nan_to_num or drop those rows)."
        )
    if array.size and (low is not None or high is not None):
        finite = array[np.isfinite(array)]
        smallest, largest = (float(finite.min()), float(finite.max())) if finite.size else (0, 0)
        if (low is not None and smallest < low) or (high is not None and largest > high):
            raise ValueError(
                f"`{name}` must have values {_range_text(low, high, False, False)}, but its "
                f"values run from {smallest:g} to {largest:g}."
            )
    return array


def as_probabilities(
    value: Any, name: str, *, ndim: int | Sequence[int] | None = None
) -> NDArray[np.float64]:
    """Return ``value`` as an array of probabilities, refusing values outside [0, 1].

    A value outside [0, 1] is a logit or a percentage passed where a probability
    belongs; clipping it would hide the mistake.
    """
    try:
        return as_float_array(value, name, ndim=ndim, low=0.0, high=1.0)
    except ValueError as error:
        if "must have values" not in str(error):
            raise
        raise ValueError(
            f"{error} Probabilities lie in [0, 1]: apply a sigmoid/softmax to logits, "
            "or divide percentages by 100."
        ) from None


def as_class_labels(
    value: Any, name: str, *, num_classes: int | None = None, ndim: int = 1
) -> NDArray[np.int64]:
    """Return ``value`` as an int array of class indices 0..num_classes-1, or raise."""
    labels = as_float_array(value, name, ndim=ndim)
    if not np.all(labels == np.round(labels)):
        raise ValueError(
            f"`{name}` must hold whole-number class indices, but holds fractions such as "
            f"{labels[labels != np.round(labels)].flat[0]:g}. Pass labels, not probabilities "
            "(np.argmax(probabilities, axis=-1))."
        )
    if labels.min() < 0 or (num_classes is not None and labels.max() >= num_classes):
        top = "" if num_classes is None else f" to {num_classes - 1}"
        raise ValueError(
            f"`{name}` must hold class indices from 0{top}, but holds values from "
            f"{labels.min():g} to {labels.max():g}."
        )
    return labels.astype(np.int64)


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


def check_both_classes(labels: NDArray[np.int64], name: str = "y_true") -> None:
    """Raise if binary ``labels`` hold only one class (AUC, AP and sensitivity are undefined)."""
    if np.unique(labels).size < 2:
        raise ValueError(
            f"`{name}` contains only one class ({int(labels[0])}); this metric needs "
            "positive and negative examples. Use a larger or stratified sample."
        )


def check_same_length(first: Sized, second: Sized, names: tuple[str, str]) -> None:
    """Raise ``ValueError`` unless both arrays have the same number of rows."""
    if len(first) != len(second):
        raise ValueError(
            f"`{names[0]}` has {len(first)} rows but `{names[1]}` has {len(second)}; "
            "they must describe the same samples."
        )


def as_array(value: Any, name: str, *, ndim: int | Sequence[int] | None = None) -> NDArray[Any]:
    """Return ``value`` as a NumPy array of any dtype (numbers, booleans, text ids), or raise.

    For arrays that need not hold numbers, e.g. patient ids or an index; ``None``, a
    single string and a ragged list are refused, and so is a wrong number of dimensions.
    """
    array = _as_array(value, name)
    allowed = (ndim,) if isinstance(ndim, int) else ndim
    if allowed is not None and array.ndim not in allowed:
        wanted = " or ".join(str(n) for n in allowed)
        raise ValueError(
            f"`{name}` must have {wanted} dimension(s), but has shape {array.shape} "
            f"({array.ndim} dimension(s))."
        )
    return array


def check_strings(
    value: Any, name: str, *, length: int | None = None, min_length: int = 1
) -> tuple[str, ...]:
    """Return ``value`` as a tuple of strings (names, titles), or raise a clear error.

    A single string is refused (``"normal"`` is not six names ``n, o, r, m, a, l``), and so
    is any item that is not a string; ``length`` or ``min_length`` bound how many items.
    """
    if isinstance(value, str | bytes) or not isinstance(value, Sequence | np.ndarray):
        raise TypeError(
            f"`{name}` must be a list or tuple of strings, but got {describe(value)}. "
            "Wrap a single name in a list: ['name']."
        )
    items = tuple(value.tolist() if isinstance(value, np.ndarray) else value)
    for index, item in enumerate(items):
        if not isinstance(item, str):
            raise TypeError(f"`{name}[{index}]` must be a string, but got {describe(item)}.")
    if length is not None and len(items) != length:
        raise ValueError(f"`{name}` must hold {length} string(s), but holds {len(items)}.")
    if len(items) < min_length:
        raise ValueError(
            f"`{name}` must hold at least {min_length} string(s), but holds {len(items)}."
        )
    return items

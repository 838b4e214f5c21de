"""The engine every exercise self-check runs on: compare a student's function with a reference.

For each case the reference and the student each get their own deep copy of the
arguments, so neither can change what the other sees. The student's answer fails
with a reason that says what happened: it raised, it changed its inputs in place,
it returned the wrong kind of value (None, text, a float where a count is expected),
the wrong shape, or the wrong values.
"""

from __future__ import annotations

import copy
import inspect
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

Case = tuple[str, tuple[Any, ...]]
"""One test case: a description shown to the student and the positional arguments."""

Student = Callable[..., Any]
"""A student's answer: any function; the check judges what it does, not its annotations."""


def _short(value: Any) -> str:
    """A one-line preview of a value for a verdict line: '0.0876', '[[0.09, 0.2447]]'."""
    array = np.asarray(value)
    if array.ndim == 0 and array.dtype.kind == "f":
        return f"{array.item():.6g}"
    text = np.array2string(array, precision=4, threshold=6, separator=", ")
    return text.replace("\n", " ")


def _numbers(value: Any) -> NDArray[Any] | None:
    """``value`` as an array of real numbers (or booleans), or None if it is something else."""
    if value is None or isinstance(value, str | bytes):
        return None
    try:
        array = np.asarray(value)
    except (TypeError, ValueError):  # e.g. a ragged list
        return None
    return array if array.dtype.kind in "biuf" else None


def _describe(value: Any) -> str:
    """What a returned value is, in words: 'None', 'the float 3.5', 'a list of shape (2,)'."""
    if value is None:
        return "None"
    if isinstance(value, str | bytes):
        return f"the text {value!r:.40}"
    array = _numbers(value)
    if array is not None and array.ndim == 0:
        number = array.item()
        text = repr(number) if len(repr(number)) <= 12 else _short(number)
        return f"the {type(number).__name__} {text}"
    container = "an array" if isinstance(value, np.ndarray) else f"a {type(value).__name__}"
    if array is not None:
        return f"{container} of shape {array.shape}"
    if isinstance(value, list | tuple) and value:
        return f"{container} holding {type(value[0]).__name__} values"
    return f"a value of type {type(value).__name__}"


def _wanted(expected: NDArray[Any]) -> str:
    """What the reference returned, in words: 'a whole number', 'an array of numbers ...'."""
    integer = expected.dtype.kind in "iu"
    if expected.ndim == 0:
        return "a whole number" if integer else "a single number"
    kind = "whole numbers" if integer else "numbers"
    return f"an array of {kind} with shape {expected.shape}"


def _problem(got: Any, expected: Any, atol: float, what: str = "the result") -> str | None:
    """Why ``got`` does not match ``expected`` (one sentence), or None when it matches."""
    if isinstance(expected, tuple):
        sequence = isinstance(got, tuple | list) or (isinstance(got, np.ndarray) and got.ndim)
        if not sequence or len(got) != len(expected):
            return f"{what} is {_describe(got)}, but a tuple of {len(expected)} values is expected"
        for index, (got_item, expected_item) in enumerate(zip(got, expected)):
            problem = _problem(got_item, expected_item, atol, f"value {index + 1} of the result")
            if problem:
                return problem
        return None
    wanted = np.asarray(expected)
    array = _numbers(got)
    if array is None:
        return f"{what} is {_describe(got)}, but {_wanted(wanted)} is expected"
    if array.shape != wanted.shape:
        if wanted.ndim == 0 or array.ndim == 0:
            return f"{what} is {_describe(got)}, but {_wanted(wanted)} is expected"
        return f"{what} has shape {array.shape}, but shape {wanted.shape} is expected"
    if wanted.dtype.kind in "iu" and array.dtype.kind not in "iu" and array.size:
        return (
            f"{what} is {_describe(got)}, but {_wanted(wanted)} is expected (counts, sizes "
            "and indices are integers: use //, int(...) or an integer array)"
        )
    if wanted.dtype.kind in "iu":
        same = np.array_equal(array, wanted)
    else:
        same = np.allclose(array, wanted, rtol=1e-6, atol=atol, equal_nan=True)
    if not same:
        where = "" if what == "the result" else f"{what}: "
        return f"{where}expected {_short(wanted)}, got {_short(array)}"
    return None


def _unchanged(before: Any, after: Any) -> bool:
    """Whether an argument still holds what it held before the call (up to rounding)."""
    if isinstance(before, np.ndarray):
        if not isinstance(after, np.ndarray) or before.shape != after.shape:
            return False
        if before.dtype.kind in "biuf" and after.dtype.kind in "biuf":
            return bool(np.allclose(before, after, rtol=1e-12, atol=1e-12, equal_nan=True))
        return bool(np.array_equal(before, after))
    if isinstance(before, dict):
        return (
            isinstance(after, dict)
            and before.keys() == after.keys()
            and all(_unchanged(before[key], after[key]) for key in before)
        )
    if isinstance(before, list | tuple):
        return (
            type(before) is type(after)
            and len(before) == len(after)
            and all(_unchanged(b, a) for b, a in zip(before, after))
        )
    try:
        return bool(before is after or before == after)
    except (TypeError, ValueError):
        return False


def _argument_name(function: Callable[..., Any], index: int) -> str:
    """The name of the function's ``index``-th positional parameter, for messages."""
    try:
        parameters = list(inspect.signature(function).parameters.values())
    except (TypeError, ValueError):
        parameters = []
    positional = [p for p in parameters if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    if index < len(positional):
        return f"`{positional[index].name}`"
    return f"argument {index + 1}"


def run_check(
    exercise: str,
    student: Student,
    reference: Callable[..., Any],
    cases: Sequence[Case],
    hint: str,
    atol: float = 1e-6,
) -> bool:
    """Compare ``student(*args)`` with ``reference(*args)`` on every case.

    Prints exactly one verdict line: ``[passed]``, ``[not yet]`` (the student's function
    still raises ``NotImplementedError``) or ``[failed]`` with the first failing case,
    what went wrong and ``hint``. Returns True only when every case passes. Floats are
    compared with ``rtol=1e-6`` and ``atol``, NaN equal to NaN; whole numbers exactly.
    NumPy's floating-point warnings are silenced so the verdict stays the only output.
    """
    if not callable(student):
        raise TypeError(f"Pass your function itself to the check, not {type(student).__name__}.")
    for description, args in cases:
        with np.errstate(all="ignore"):
            expected = reference(*copy.deepcopy(args))
            given = copy.deepcopy(args)
            try:
                got = student(*given)
            except NotImplementedError:
                print(f"[not yet] {exercise}: replace `raise NotImplementedError` with your code.")
                return False
            except Exception as error:  # the student's code may fail in any way
                print(
                    f"[failed] {exercise}: case '{description}' raised "
                    f"{type(error).__name__}: {error}. Hint: {hint}"
                )
                return False
        changed = [i for i, (a, b) in enumerate(zip(args, given)) if not _unchanged(a, b)]
        if changed:
            name = _argument_name(student, changed[0])
            print(
                f"[failed] {exercise}: case '{description}': your function changed its input "
                f"{name} in place. Work on a copy (e.g. np.array(x, dtype=float)) or put every "
                f"value back before returning. Hint: {hint}"
            )
            return False
        problem = _problem(got, expected, atol)
        if problem:
            print(f"[failed] {exercise}: case '{description}': {problem}. Hint: {hint}")
            return False
    print(f"[passed] {exercise}: all {len(cases)} cases match the reference.")
    return True

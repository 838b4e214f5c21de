"""The engine every exercise self-check runs on: compare a student's function with a reference.

For each case the reference and the student each get their own deep copy of the
arguments, so neither can change what the other sees, nor what later cases and later
checks see. The student's answer fails with a reason that says what happened: it
raised, it does not take the arguments the exercise passes, it changed its inputs in
place, it returned NaN or infinity, the wrong kind of value (None, text, a float where
a count is expected), the wrong shape, or the wrong values. A pair of values may come
back as a tuple, a list or one array: only the values are judged. Whatever the answer
returns, the check prints a verdict and never raises itself.
"""

from __future__ import annotations

import copy
import inspect
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

from helpers.course.validation import check_callable, check_number, check_text, describe

Case = tuple[str, tuple[Any, ...]]
"""One test case: a description shown to the student and the positional arguments."""

Student = Callable[..., Any]
"""A student's answer: any function; the check judges what it does, not its annotations."""


def _one_line(text: str, limit: int = 300) -> str:
    """``text`` on one line, clipped to ``limit`` characters, so a verdict stays one line."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


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
    except Exception:  # a ragged list, or an object whose own conversion fails
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


def _several_values(expected: Any) -> bool:
    """Whether the reference returned several separate values: a tuple, or a ragged list."""
    return isinstance(expected, tuple) or (
        isinstance(expected, list) and _numbers(expected) is None
    )


def _items(got: Any) -> list[Any] | None:
    """The values of a returned tuple, list or array (its rows), or None for anything else."""
    if isinstance(got, tuple | list) or (isinstance(got, np.ndarray) and got.ndim):
        return list(got)
    array = _numbers(got)  # e.g. a pandas Series or a tensor
    return list(array) if array is not None and array.ndim else None


def _not_finite(array: NDArray[Any], wanted: NDArray[Any], what: str) -> str | None:
    """Why ``array`` holds NaN or infinity where the reference has a number, or None."""
    if array.dtype.kind != "f":
        return None
    bad = ~np.isfinite(array) & np.isfinite(wanted)
    if not bad.any():
        return None
    word = "NaN" if np.isnan(array[bad]).any() else "infinity"
    where = "" if what == "the result" else f" in {what}"
    count = f" ({int(bad.sum())} of {array.size} values)" if array.ndim else ""
    return (
        f"your function returned {word}{where}{count} where {_short(wanted)} is expected "
        "(look for a division 0/0, log(0), or an exp that overflows)"
    )


def _problem(got: Any, expected: Any, atol: float, what: str = "the result") -> str | None:
    """Why ``got`` does not match ``expected`` (one sentence), or None when it matches."""
    if _several_values(expected):
        items = _items(got)
        if items is None or len(items) != len(expected):
            return f"{what} is {_describe(got)}, but a tuple of {len(expected)} values is expected"
        for index, (got_item, expected_item) in enumerate(zip(items, expected)):
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
    not_finite = _not_finite(array, wanted, what)
    if not_finite:
        return not_finite
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


def _judge(got: Any, expected: Any, atol: float) -> str | None:
    """``_problem``, for any returned value: one whose own methods fail is judged too."""
    try:
        return _problem(got, expected, atol)
    except Exception as error:  # e.g. a returned object whose __len__ or __array__ raises
        return (
            f"the result is {_describe(got)}, which cannot be read as numbers "
            f"({type(error).__name__}); return numbers, a tuple of them, or a NumPy array"
        )


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
    except Exception:  # the student put something into the argument that cannot compare
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


def _wrong_arguments(function: Callable[..., Any], args: tuple[Any, ...]) -> str | None:
    """Why ``function`` cannot be called with ``args`` (its parameters), or None if it can."""
    try:
        signature = inspect.signature(function)
    except (TypeError, ValueError):  # a built-in without a signature: just call it
        return None
    try:
        signature.bind(*args)
    except TypeError:
        return (
            f"your function takes {signature}, but the exercise calls it with "
            f"{len(args)} argument(s); keep the parameters of the exercise's stub"
        )
    return None


def _error_text(error: BaseException) -> str:
    """'ValueError: operands could not be broadcast ...' on one line, even if str() fails."""
    try:
        message = str(error)
    except Exception:  # an exception class whose own __str__ is broken
        message = ""
    name = type(error).__name__
    return _one_line(f"{name}: {message}") if message else name


def _checked_cases(cases: Any) -> list[Case]:
    """``cases`` if it is a non-empty list of (description, argument tuple) pairs; else raise."""
    if not isinstance(cases, list | tuple):
        raise TypeError(
            f"`cases` must be a list of (description, arguments) pairs, but got {describe(cases)}."
        )
    if not cases:
        raise ValueError(
            "`cases` is empty: a check without cases would pass every answer. "
            "Give at least one (description, arguments) pair."
        )
    for number, case in enumerate(cases, start=1):
        if not (isinstance(case, tuple | list) and len(case) == 2):
            raise TypeError(
                f"`cases`: entry {number} must be a (description, arguments) pair, "
                f"but is {describe(case)}."
            )
        description, args = case
        check_text(description, f"cases[{number - 1}][0]")
        if not isinstance(args, tuple):
            raise TypeError(
                f"`cases`: the arguments of case {description!r} must be a tuple, e.g. (z,) "
                f"for one argument (mind the comma), but are {describe(args)}."
            )
        try:
            copy.deepcopy(args)
        except Exception as error:
            raise TypeError(
                f"`cases`: the arguments of case {description!r} cannot be copied "
                f"({_error_text(error)}); pass arrays, numbers, lists or plain functions."
            ) from None
    return [(description, args) for description, args in cases]


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
    compared with ``rtol=1e-6`` and ``atol``, NaN equal to NaN where the reference has
    NaN too; whole numbers exactly; a tuple of values may come back as a list or an array.
    NumPy's floating-point warnings are silenced so the verdict stays the only output.

    Raises:
        TypeError: ``student`` is not a function (e.g. its result was passed), or an
            argument of the check itself has the wrong type.
        ValueError: ``cases`` is empty, ``exercise`` is empty or ``atol`` is negative.
    """
    exercise = check_text(exercise, "exercise")
    if not callable(student):
        raise TypeError(
            "`student`: pass your function itself to the check, e.g. check_softmax(softmax) "
            f"without parentheses after softmax, but got {describe(student)}."
        )
    check_callable(reference, "reference")
    checked = _checked_cases(cases)
    hint = check_text(hint, "hint")
    atol = check_number(atol, "atol", low=0.0)
    for description, args in checked:
        with np.errstate(all="ignore"):
            expected = reference(*copy.deepcopy(args))
            given = copy.deepcopy(args)
            wrong_arguments = _wrong_arguments(student, given)
            if wrong_arguments:
                print(f"[failed] {exercise}: case '{description}': {wrong_arguments}. Hint: {hint}")
                return False
            try:
                got = student(*given)
            except NotImplementedError:
                print(f"[not yet] {exercise}: replace `raise NotImplementedError` with your code.")
                return False
            except Exception as error:  # the student's code may fail in any way
                print(
                    f"[failed] {exercise}: case '{description}' raised "
                    f"{_error_text(error)}. Hint: {hint}"
                )
                return False
            changed = [i for i, (a, b) in enumerate(zip(args, given)) if not _unchanged(a, b)]
            if changed:
                name = _argument_name(student, changed[0])
                print(
                    f"[failed] {exercise}: case '{description}': your function changed its "
                    f"input {name} in place. Work on a copy (e.g. np.array(x, dtype=float)) or "
                    f"put every value back before returning. Hint: {hint}"
                )
                return False
            problem = _judge(got, expected, atol)
        if problem:
            print(f"[failed] {exercise}: case '{description}': {problem}. Hint: {hint}")
            return False
    print(f"[passed] {exercise}: all {len(checked)} cases match the reference.")
    return True

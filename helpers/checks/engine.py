"""The engine every exercise self-check runs on: compare a student's function with a reference."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

Case = tuple[str, tuple[Any, ...]]


def _short(value: Any) -> str:
    text = np.array2string(np.asarray(value), precision=4, threshold=6, separator=", ")
    return text.replace("\n", " ")


def _matches(got: Any, expected: Any, atol: float) -> bool:
    if isinstance(expected, tuple):
        return (
            isinstance(got, tuple | list)
            and len(got) == len(expected)
            and all(_matches(g, e, atol) for g, e in zip(got, expected, strict=False))
        )
    try:
        got_array = np.asarray(got, dtype=np.float64)
    except (TypeError, ValueError):
        return False
    expected_array = np.asarray(expected, dtype=np.float64)
    return got_array.shape == expected_array.shape and bool(
        np.allclose(got_array, expected_array, rtol=1e-6, atol=atol)
    )


def run_check(
    exercise: str,
    student: Callable[..., Any],
    reference: Callable[..., Any],
    cases: Sequence[Case],
    hint: str,
    atol: float = 1e-6,
) -> bool:
    """Compare ``student(*args)`` with ``reference(*args)`` on every case.

    Prints a single verdict line and returns True if all cases agree.
    """
    if not callable(student):
        raise TypeError(f"Pass your function itself to the check, not {type(student).__name__}.")
    for description, args in cases:
        expected = reference(*args)
        try:
            got = student(*args)
        except NotImplementedError:
            print(f"[not yet] {exercise}: replace `raise NotImplementedError` with your code.")
            return False
        except Exception as error:  # the student's code may fail in any way
            print(
                f"[failed] {exercise}: case '{description}' raised "
                f"{type(error).__name__}: {error}. Hint: {hint}"
            )
            return False
        if not _matches(got, expected, atol):
            print(
                f"[failed] {exercise}: case '{description}' expected {_short(expected)}, "
                f"got {_short(got)}. Hint: {hint}"
            )
            return False
    print(f"[passed] {exercise}: all {len(cases)} cases match the reference.")
    return True

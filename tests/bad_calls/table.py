"""What a bad call must do, and how a call's outcome is judged.

A ``BadCall`` must raise ``raises`` from the course's own code (the innermost frame of
the traceback lies in ``helpers/``) with a message that contains ``mentions``, usually
the argument's name. A ``GoodCall`` passes a valid alternative input (a list, a pandas
object, a tensor, a NumPy integer) and must give the same result as ``reference``.

``outcome`` sorts any call into one of: ``clear`` (the bad call was refused as it
should be, or the good call agreed with its reference), ``deep`` (an exception from
inside a library, or of the wrong type, or without the argument's name), ``silent``
(a bad call that returned a result), ``unbounded`` (ran out of the memory cap) and
``wrong`` (a good call that failed or disagreed).
"""

from __future__ import annotations

import importlib
import resource
import traceback
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

HELPERS_DIR = Path(__file__).resolve().parents[2] / "helpers"

#: How far past its current size the process may grow during one call.
MEMORY_HEADROOM_BYTES = 3 * 2**30

Arguments = tuple[tuple[Any, ...], Mapping[str, Any]]


def resolve(target: str) -> Callable[..., Any]:
    """``"helpers.scratch.losses.relative_error"`` -> the function (or class/method)."""
    module_name, _, attribute = target.rpartition(".")
    try:
        return getattr(importlib.import_module(module_name), attribute)
    except ModuleNotFoundError:  # a method: helpers.module.Class.method
        module_name, _, class_name = module_name.rpartition(".")
        return getattr(getattr(importlib.import_module(module_name), class_name), attribute)


@dataclass(frozen=True)
class BadCall:
    """A call that must be refused with a clear message.

    ``build`` makes the arguments when they need files or objects (it gets a fresh
    temporary folder); otherwise ``args``/``kwargs`` are used as they are.
    """

    target: str
    args: tuple[Any, ...] = ()
    kwargs: Mapping[str, Any] = field(default_factory=dict)
    raises: type[BaseException] = ValueError
    mentions: str = ""
    build: Callable[[Path], Arguments] | None = None
    why: str = ""

    def arguments(self, folder: Path) -> Arguments:
        return self.build(folder) if self.build else (self.args, self.kwargs)

    @property
    def label(self) -> str:
        return f"{self.target.removeprefix('helpers.')}: {self.why or self.mentions}"


@dataclass(frozen=True)
class GoodCall:
    """A valid alternative input that must give the same result as ``reference``."""

    target: str
    args: tuple[Any, ...] = ()
    kwargs: Mapping[str, Any] = field(default_factory=dict)
    reference: Arguments = ((), {})
    build: Callable[[Path], tuple[Arguments, Arguments]] | None = None
    why: str = ""

    def arguments(self, folder: Path) -> tuple[Arguments, Arguments]:
        if self.build:
            return self.build(folder)
        return (self.args, self.kwargs), self.reference

    @property
    def label(self) -> str:
        return f"{self.target.removeprefix('helpers.')}: {self.why}"


@contextmanager
def memory_cap(headroom: int = MEMORY_HEADROOM_BYTES) -> Iterator[None]:
    """Cap the address space at its current size plus ``headroom`` while the block runs."""
    with open("/proc/self/status") as status:
        size_kib = next(int(line.split()[1]) for line in status if line.startswith("VmSize"))
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    resource.setrlimit(resource.RLIMIT_AS, (size_kib * 1024 + headroom, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _raised_in_helpers(error: BaseException) -> bool:
    frames = traceback.extract_tb(error.__traceback__)
    return bool(frames) and Path(frames[-1].filename).resolve().is_relative_to(HELPERS_DIR)


def same(first: Any, second: Any) -> bool:
    """Equal results, compared field by field for containers and dataclasses."""
    if hasattr(first, "__dataclass_fields__") and type(first) is type(second):
        return all(same(getattr(first, k), getattr(second, k)) for k in first.__dataclass_fields__)
    if isinstance(first, dict) and isinstance(second, dict):
        return first.keys() == second.keys() and all(same(first[k], second[k]) for k in first)
    if isinstance(first, tuple | list) and isinstance(second, tuple | list):
        return len(first) == len(second) and all(map(same, first, second))
    try:
        return bool(np.allclose(first, second, equal_nan=True, rtol=1e-9, atol=1e-12))
    except (TypeError, ValueError):  # text, or arrays of text
        if isinstance(first, np.ndarray) or isinstance(second, np.ndarray):
            return bool(np.array_equal(first, second))
        return bool(first == second)


def outcome(call: BadCall | GoodCall, folder: Path) -> tuple[str, str]:
    """Run ``call`` under the memory cap; return (outcome, detail)."""
    function = resolve(call.target)
    if isinstance(call, GoodCall):
        (args, kwargs), (ref_args, ref_kwargs) = call.arguments(folder)
        try:
            with memory_cap():
                result = function(*args, **kwargs)
            expected = function(*ref_args, **ref_kwargs)
        except MemoryError:
            return "unbounded", "MemoryError"
        except Exception as error:  # any failure is the finding
            return "wrong", f"{type(error).__name__}: {error}"
        return ("clear", "") if same(result, expected) else ("wrong", f"{result!r} != {expected!r}")
    args, kwargs = call.arguments(folder)
    try:
        with memory_cap():
            result = function(*args, **kwargs)
    except MemoryError:
        return "unbounded", "MemoryError"
    except Exception as error:
        detail = f"{type(error).__name__}: {error}"
        clear = (
            isinstance(error, call.raises)
            and call.mentions.lower() in str(error).lower()
            and _raised_in_helpers(error)
        )
        return ("clear" if clear else "deep"), detail
    return "silent", f"returned {str(result)[:80]!r}"

"""Every public helper, called the wrong way, refuses with a clear message.

The table (``tests/bad_calls/``) holds bad calls (wrong types, NaN, ragged lists,
wrong shapes, corrupt files, huge sizes, no network) and valid alternative inputs
(lists, pandas objects, tensors, NumPy integers). Each bad call must raise the
documented exception from the course's own code naming the argument; each good call
must agree with its reference. Calls run under a memory cap, so a helper that starts
allocating without bound fails here instead of taking the machine down.
"""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import bad_calls
import pytest
from bad_calls.table import BadCall, GoodCall, outcome


def _table() -> list[BadCall | GoodCall]:
    calls: list[BadCall | GoodCall] = []
    for module in pkgutil.iter_modules(bad_calls.__path__):
        if module.name != "table":
            calls += importlib.import_module(f"bad_calls.{module.name}").CALLS
    return calls


CALLS = _table()


def test_the_table_is_large_and_covers_every_subpackage() -> None:
    assert sum(isinstance(call, BadCall) for call in CALLS) >= 200
    covered = {call.target.split(".")[1] for call in CALLS}
    helpers_dir = Path(__file__).resolve().parents[1] / "helpers"
    packages = {p.stem for p in helpers_dir.iterdir() if p.name[0] != "_"}
    assert packages <= covered, f"no bad calls for {sorted(packages - covered)}"


@pytest.mark.parametrize("call", CALLS, ids=[call.label for call in CALLS])
def test_call(call: BadCall | GoodCall, tmp_path: Path) -> None:
    result, detail = outcome(call, tmp_path)
    assert result == "clear", f"{result}: {detail}"

"""The helpers' layout: subpackages by purpose, and imports that point one way.

The rule lives in ``helpers/__init__.py``; this test reads every module's imports
(including those inside functions) and refuses any that points up the order.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import helpers

HELPERS = Path(helpers.__file__).parent
ORDER = (
    "course",
    "scratch",
    "signals",
    "data",
    "evaluation",
    "synthetic",
    "explain",
    "plotting",
    "checks",
)
MODULES = sorted(p for p in HELPERS.rglob("*.py") if "__pycache__" not in p.parts)


def _package(module: str) -> str:
    """``helpers.data.cache`` -> ``data``; ``helpers.plotting`` -> ``plotting``."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def _imported_helpers_modules(path: Path) -> list[str]:
    tree = ast.parse(path.read_text())
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == "helpers":
                found += [f"helpers.{alias.name}" for alias in node.names]
            elif node.module.startswith("helpers."):
                found.append(node.module)
        elif isinstance(node, ast.Import):
            found += [a.name for a in node.names if a.name.startswith("helpers.")]
    return found


def test_every_module_lives_in_a_named_subpackage() -> None:
    top_level = {p.stem for p in HELPERS.glob("*.py")} - {"__init__"}
    folders = {p.name for p in HELPERS.iterdir() if (p / "__init__.py").is_file()}
    assert top_level | folders == set(ORDER), "add new code to a subpackage named by purpose"
    assert helpers.__doc__ and all(name in helpers.__doc__ for name in ORDER)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(HELPERS)))
def test_imports_point_down_the_order(path: Path) -> None:
    own = _package("helpers." + ".".join(path.relative_to(HELPERS).with_suffix("").parts))
    wrong = []
    for module in _imported_helpers_modules(path):
        target = _package(module)
        if own and ORDER.index(target) > ORDER.index(own):
            wrong.append(f"{module} ({target} comes after {own})")
        if target == "checks" and own != "checks":
            wrong.append(f"{module} (nothing imports checks)")
    if path.relative_to(HELPERS).as_posix() == "course/validation.py":
        wrong += [f"{m} (validation is the bottom)" for m in _imported_helpers_modules(path)]
    assert not wrong, f"{path.relative_to(HELPERS)} imports " + "; ".join(wrong)


def test_the_check_catches_an_upward_import(tmp_path: Path) -> None:
    module = tmp_path / "bad.py"
    module.write_text("from helpers.plotting import plot_curves\nimport helpers.checks.nb01\n")
    assert _imported_helpers_modules(module) == ["helpers.plotting", "helpers.checks.nb01"]
    assert ORDER.index(_package("helpers.plotting")) > ORDER.index("data")

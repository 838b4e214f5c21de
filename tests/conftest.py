"""Test-session setup shared by unit tests and notebook runs.

Before any kernel starts, the environment is set so that every notebook kernel
(nbval and papermill) runs offline, on the CPU, with its figures recorded to a
fresh folder (papermill runs: to the test's own ``tmp_path``).
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, NoReturn

import pytest

ROOT = Path(__file__).resolve().parents[1]
OFFLINE_DIR = ROOT / "tests" / "offline"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tools"))  # the maintenance scripts import each other by name
sys.path.insert(0, str(OFFLINE_DIR))

os.environ["COURSE_RESULTS_DIR"] = tempfile.mkdtemp(prefix="course-results-")
os.environ["COURSE_BLOCK_NETWORK"] = "1"
os.environ["PYTHONPATH"] = os.pathsep.join(
    filter(None, [str(OFFLINE_DIR), os.environ.get("PYTHONPATH")])
)
os.environ["MPLBACKEND"] = "Agg"
os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
os.environ["CUDA_VISIBLE_DEVICES"] = "-1"

from sitecustomize import block_network  # noqa: E402  (the module above, on sys.path)

block_network()  # the pytest process itself is offline too


@pytest.fixture
def run_notebook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Run ``notebooks/<name>.ipynb`` with papermill and parameters; return its figures.

    Its figures go to ``tmp_path``, apart from those of the nbval runs of the defaults;
    the executed notebook, with every output, is ``tmp_path / "<name>.ipynb"``.
    ``perturbation`` (a ``tools/robustness.py`` Perturbation) puts the kernel on another
    floating-point path and passes its seed.
    """
    import papermill
    from notebook_tools import NOTEBOOK_DIR

    from helpers.course.results import load_results

    def run(name: str, perturbation: Any = None, **parameters: object) -> dict:
        monkeypatch.setenv("COURSE_RESULTS_DIR", str(tmp_path))
        if perturbation is not None:
            for variable, value in perturbation.environment().items():
                monkeypatch.setenv(variable, value)
            parameters = {**perturbation.parameters(NOTEBOOK_DIR / f"{name}.ipynb"), **parameters}
        # The kernel starts as a student's would: the notebook must quiet TensorFlow itself.
        monkeypatch.delenv("TF_CPP_MIN_LOG_LEVEL", raising=False)
        monkeypatch.delenv("CUDA_VISIBLE_DEVICES", raising=False)
        papermill.execute_notebook(
            NOTEBOOK_DIR / f"{name}.ipynb",
            tmp_path / f"{name}.ipynb",
            parameters=parameters,
            cwd=str(NOTEBOOK_DIR),
            kernel_name="python3",
            progress_bar=False,
        )
        return load_results(name)

    return run


def unfinished_answer(*args: Any) -> NoReturn:
    """A student's untouched exercise stub."""
    raise NotImplementedError


class Verdict:
    """Runs an exercise check on an answer and returns the verdict word it printed.

    The check must print exactly one line, ``[passed] ...``, ``[not yet] ...`` or
    ``[failed] ...``, and return True exactly when it printed 'passed'. The last line
    printed stays in ``line`` for tests of the message.
    """

    def __init__(self, capsys: pytest.CaptureFixture[str]) -> None:
        self.capsys = capsys
        self.line = ""

    def __call__(self, check: Callable[[Callable[..., Any]], bool], answer: Any) -> str:
        passed = check(answer)
        printed = self.capsys.readouterr().out
        assert printed.count("\n") == 1 and printed.endswith("\n"), printed
        self.line = printed.strip()
        word = self.line.split("]")[0].lstrip("[")
        assert word in ("passed", "not yet", "failed"), printed
        assert passed is (word == "passed"), printed
        return word


@pytest.fixture
def verdict(capsys: pytest.CaptureFixture[str]) -> Verdict:
    """An exercise check's verdict on an answer: see ``Verdict``."""
    return Verdict(capsys)

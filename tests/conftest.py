"""Test-session setup shared by unit tests and notebook runs.

Before any kernel starts, the environment is set so that every notebook kernel
(nbval and papermill) runs offline, on the CPU, with its figures recorded to a
fresh folder that ``test_notebook_results.py`` reads afterwards.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

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

EXECUTED_NOTEBOOKS = pytest.StashKey[set]()
LAST_MODULES = ("test_notebook_results.py",)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Run the notebooks before the tests that read what they recorded."""
    config.stash[EXECUTED_NOTEBOOKS] = {
        item.path.stem for item in items if item.path.suffix == ".ipynb"
    }
    items.sort(key=lambda item: item.path.name in LAST_MODULES)


@pytest.fixture(scope="session")
def executed_notebooks(request: pytest.FixtureRequest) -> set[str]:
    """Stems of the notebooks that nbval executes in this test session."""
    return request.config.stash.get(EXECUTED_NOTEBOOKS, set())


@pytest.fixture
def run_notebook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Run ``notebooks/<name>.ipynb`` with papermill and parameters; return its figures.

    Its figures go to ``tmp_path``, apart from those of the nbval run of the defaults.
    """
    import papermill
    from notebook_tools import NOTEBOOK_DIR

    from helpers.course.results import load_results

    def run(name: str, **parameters: object) -> dict:
        monkeypatch.setenv("COURSE_RESULTS_DIR", str(tmp_path))
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


def unfinished_answer(*args: object) -> object:
    """A student's untouched exercise stub."""
    raise NotImplementedError


@pytest.fixture
def verdict(capsys: pytest.CaptureFixture[str]):
    """Run an exercise check on an answer; return the verdict it printed.

    The verdict ('passed', 'not yet' or 'failed') must agree with the check's return value.
    """

    def run(check, answer) -> str:
        passed = check(answer)
        printed = capsys.readouterr().out
        word = printed.split("]")[0].lstrip("[")
        assert word in ("passed", "not yet", "failed"), printed
        assert passed is (word == "passed"), printed
        return word

    return run

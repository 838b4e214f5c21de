"""A notebook opened from its Colab badge, simulated here: its setup cell installs the helpers.

The kernel is a fresh virtual environment in which ``google.colab`` imports, ``helpers``
is not installed, and TensorFlow, Keras and NumPy are the course's own (standing in for
Colab's preinstalled ones). The setup cell's ``git+https://github.com/...`` address is
redirected to this checkout through git's ``insteadOf`` (set by environment variables),
so pip builds the helpers from the local commit, offline. The notebook must then run with
its checks passing, and pip must have installed the helpers and nothing else: no
TensorFlow reinstall, no changed versions.
"""

from __future__ import annotations

import importlib.metadata
import json
import os
import shutil
import site
import subprocess
import sys
from pathlib import Path

import pytest
from notebook_tools import NOTEBOOK_DIR, ROOT

from helpers.course.repository import DISTRIBUTION, repository_url
from helpers.course.results import load_results
from helpers.course.targets import unmet_targets

NOTEBOOK = "01_forward_propagation"
KERNEL = "colab-simulation"


def _colab_runtime(folder: Path) -> dict[str, str]:
    """A kernel like Colab's in ``folder``; the environment variables that select it."""
    runtime = folder / "runtime"
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(runtime)], check=True, timeout=120
    )
    python = str(runtime / "bin" / "python")
    where = "import site; print(site.getsitepackages()[0])"
    found = subprocess.run([python, "-c", where], capture_output=True, text=True, check=True)
    packages = Path(found.stdout.strip())
    # Colab's preinstalled packages: this environment's, seen but not writable through pip's
    # install target (the runtime's own site-packages, empty to start with).
    (packages / "course_packages.pth").write_text(site.getsitepackages()[0] + "\n")
    colab = folder / "fake_colab" / "google" / "colab"  # `google` stays a namespace package
    colab.mkdir(parents=True)
    (colab / "__init__.py").write_text('"""Stands in for Colab\'s module in tests."""\n')
    kernels = folder / "jupyter" / "kernels" / KERNEL
    kernels.mkdir(parents=True)
    # Colab's kernel has imported google.colab before the first cell runs.
    startup = "--IPKernelApp.exec_lines=import google.colab"
    argv = [python, "-m", "ipykernel_launcher", startup, "-f", "{connection_file}"]
    spec = {"argv": argv, "display_name": "Colab (simulated)", "language": "python"}
    (kernels / "kernel.json").write_text(json.dumps(spec))
    return {
        "JUPYTER_PATH": str(folder / "jupyter"),
        "PYTHONPATH": os.pathsep.join([str(folder / "fake_colab"), os.environ["PYTHONPATH"]]),
        "GIT_CONFIG_COUNT": "1",
        "GIT_CONFIG_KEY_0": f"url.{ROOT.as_uri()}.insteadOf",
        "GIT_CONFIG_VALUE_0": repository_url(),
        "PIP_NO_INDEX": "1",  # offline: everything but the helpers is already there
        "PIP_NO_BUILD_ISOLATION": "0",  # build with this environment's setuptools
        "MEDICAL_DL_DATA_DIR": str(folder / "data"),
        "COURSE_RESULTS_DIR": str(folder / "results"),
        "_RUNTIME_PACKAGES": str(packages),
    }


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git (pip clones the course)")
@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="needs the course as a git checkout")
def test_a_notebook_runs_on_simulated_colab_after_its_setup_cell(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import papermill

    settings = _colab_runtime(tmp_path)
    packages = Path(settings.pop("_RUNTIME_PACKAGES"))
    for name, value in settings.items():
        monkeypatch.setenv(name, value)
    assert not list(packages.glob("helpers*")), "the helpers must start uninstalled"
    papermill.execute_notebook(
        NOTEBOOK_DIR / f"{NOTEBOOK}.ipynb",
        tmp_path / f"{NOTEBOOK}.ipynb",
        cwd=str(NOTEBOOK_DIR),
        kernel_name=KERNEL,
        progress_bar=False,
    )
    installed = sorted(path.name for path in packages.iterdir())
    version = importlib.metadata.version(DISTRIBUTION)
    expected = ["course_packages.pth", "helpers", f"medical_dl_course_helpers-{version}.dist-info"]
    assert installed == expected, f"the setup cell installed other than the helpers: {installed}"
    figures = load_results(NOTEBOOK)  # from COURSE_RESULTS_DIR, where the kernel wrote them
    assert figures and unmet_targets(NOTEBOOK, figures) == []

"""JupyterLab as `make lab` starts it, driven in a real Chromium: run a notebook, present it.

The server runs the same command as the Makefile (``jupyter lab <folder>`` with its
environment) on a copy of notebook 00, so that autosave never writes outputs into the
repository, and with every cell rendered (no windowing) so that every output can be checked.
The test runs every cell through the Run menu and checks the page for error and stderr boxes
and for stray ``Out:`` values; then it opens the notebook as a RISE slideshow (jupyterlab-rise)
with the slide metadata the course stores.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator

import nbformat
import pytest
from browser import browser, screenshot_path  # noqa: F401  (a fixture, used by name)
from notebook_tools import NOTEBOOK_DIR
from playwright.sync_api import TimeoutError as PlaywrightTimeout

NOTEBOOK = "00_welcome.ipynb"
# Waiting for a server or a kernel is not a timing assertion: it only stops a hung test.
PATIENCE_MS = 300_000


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def lab_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A JupyterLab server on a copy of notebook 00; its URL with the token."""
    folder = tmp_path_factory.mktemp("lab") / "notebooks"
    folder.mkdir()
    shutil.copy(NOTEBOOK_DIR / NOTEBOOK, folder / NOTEBOOK)
    port, token = _free_port(), secrets.token_hex(16)
    environment = dict(os.environ, TF_CPP_MIN_LOG_LEVEL="2")  # as the Makefile's lab target
    for name in ("CUDA_VISIBLE_DEVICES", "MPLBACKEND"):  # the kernel starts as a student's would
        environment.pop(name, None)
    environment["JUPYTER_RUNTIME_DIR"] = str(folder.parent / "runtime")
    environment["JUPYTERLAB_WORKSPACES_DIR"] = str(folder.parent / "workspaces")
    # Render every cell (not only those on screen) so the page shows every output to check.
    settings = folder.parent / "settings"
    tracker = settings / "@jupyterlab" / "notebook-extension" / "tracker.jupyterlab-settings"
    tracker.parent.mkdir(parents=True)
    tracker.write_text('{"windowingMode": "none"}')
    environment["JUPYTERLAB_SETTINGS_DIR"] = str(settings)
    command = [sys.executable, "-m", "jupyter", "lab", str(folder), "--no-browser"]
    command += [f"--port={port}", "--ip=127.0.0.1", f"--IdentityProvider.token={token}"]
    if os.getuid() == 0:
        command.append("--allow-root")  # as the Makefile's ROOT_FLAG
    log = (folder.parent / "server.log").open("w")
    server = subprocess.Popen(command, env=environment, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + PATIENCE_MS / 1000
    while time.monotonic() < deadline and server.poll() is None:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                break
        time.sleep(0.5)
    else:
        server.kill()
        pytest.fail(f"JupyterLab did not start; see {log.name}")
    yield f"{url}/lab/tree/{NOTEBOOK}?token={token}"
    server.terminate()
    server.wait(timeout=60)
    log.close()


def test_a_notebook_runs_in_jupyterlab_without_errors_or_noise(browser, lab_url: str) -> None:  # noqa: F811
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(lab_url)
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=PATIENCE_MS)
    # On a slow machine JupyterLab may ask which kernel to start, as it would ask a student.
    select = page.locator(".jp-Dialog").get_by_role("button", name="Select", exact=True)
    try:
        select.click(timeout=10_000)
    except PlaywrightTimeout:
        pass  # no question asked: the notebook's own kernel started
    page.wait_for_selector(
        ".jp-Notebook-ExecutionIndicator[data-status='idle']", timeout=PATIENCE_MS
    )
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    page.wait_for_function(
        """() => {
            // Collapsed solution cells show no prompt; every other one must show its number.
            const prompts = Array.from(document.querySelectorAll('.jp-CodeCell .jp-InputPrompt'))
                .map(p => p.innerText.trim()).filter(text => text !== '');
            return prompts.length > 0 && prompts.every(text => /\\[\\d+\\]/.test(text));
        }""",
        timeout=PATIENCE_MS,
    )
    page.screenshot(path=screenshot_path("jupyterlab-run-all"), full_page=True)
    stderr = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    assert stderr.count() == 0, f"error or stderr output in JupyterLab: {stderr.all_inner_texts()}"
    results = page.locator(".jp-OutputArea-executeResult").all_inner_texts()
    noise = [text for text in results if text.strip() in ("True", "False", "None")]
    noise += [text for text in results if "PosixPath(" in text]
    assert noise == [], f"stray Out: values under cells: {noise}"
    page.close()


def test_rise_presents_the_notebook_as_slides(browser, lab_url: str) -> None:  # noqa: F811
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(lab_url.replace("/lab/tree/", "/rise/"))
    page.wait_for_function(
        "document.querySelectorAll('.reveal .slides section').length > 3", timeout=PATIENCE_MS
    )
    notebook = nbformat.read(NOTEBOOK_DIR / NOTEBOOK, as_version=4)
    sections = [
        cell.source.splitlines()[0][3:]
        for cell in notebook.cells
        if cell.cell_type == "markdown" and cell.source.startswith("## ")
    ]
    shown: list[str] = []
    for _ in range(len(sections) + 3):  # RISE may swallow the first key while it takes focus
        page.keyboard.press("ArrowRight")
        page.wait_for_timeout(500)
        heading = page.evaluate(
            "document.querySelector('.reveal .slides section.present h2')?.innerText ?? ''"
        )
        if heading and heading not in shown:
            shown.append(heading)
        if heading == sections[1]:
            page.screenshot(path=screenshot_path("jupyterlab-rise"))
    assert shown == sections, "RISE's slides do not follow the notebook's sections"
    assert errors == [], f"page errors in the RISE slideshow: {errors}"
    page.close()

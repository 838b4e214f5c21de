"""A real Chromium, driven by Playwright, for the tests of the site, the slides and JupyterLab.

The browser is Debian's ``chromium`` (``.ci/run`` installs it) or the one named by
``$COURSE_CHROMIUM``; Playwright's own browser downloads are never used, so the tests stay
offline. Without a browser the tests skip and say how to install one, except under
``$COURSE_REQUIRE_BROWSER`` (set by ``.ci/run``), where they fail. Screenshots go to
``build/screenshots`` as test artefacts.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOT_DIR = ROOT / "build" / "screenshots"
INSTALL_HINT = (
    "No Chromium found for the browser tests. Install one (Debian/Ubuntu: "
    "`sudo apt-get install chromium`; `.ci/run` does this) or set COURSE_CHROMIUM to a "
    "Chromium or Chrome executable."
)


def chromium_executable() -> str | None:
    """Path of the Chromium the tests drive: ``$COURSE_CHROMIUM``, else one on PATH."""
    named = os.environ.get("COURSE_CHROMIUM")
    if named:
        return named if Path(named).is_file() else None
    for name in ("chromium", "chromium-browser", "google-chrome", "chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """A headless Chromium (a Playwright ``Browser``) shared by one test module."""
    executable = chromium_executable()
    if executable is None:
        if os.environ.get("COURSE_REQUIRE_BROWSER"):  # CI: a skipped browser test is a failure
            pytest.fail(INSTALL_HINT)
        pytest.skip(INSTALL_HINT)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable, args=["--no-sandbox", "--disable-gpu"]
        )
        yield launched
        launched.close()


def screenshot_path(name: str) -> Path:
    """Where a test saves the screenshot ``name`` (a PNG under ``build/screenshots``)."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    return SCREENSHOT_DIR / f"{name}.png"


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves a folder without logging every request to the test output."""

    def log_message(self, *args: Any) -> None:
        pass


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` over HTTP on 127.0.0.1 in a thread; yield its base URL (ending in /).

    Pages are served, not opened as files, because search and some scripts need http://.
    """
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()

"""The course's public address and its checkout: badges, Colab install targets."""

from __future__ import annotations

import importlib.metadata
import re
from pathlib import Path

DISTRIBUTION = "medical-dl-course-helpers"


_URL_IN_PYPROJECT = re.compile(r'^Repository\s*=\s*"([^"]+)"', re.MULTILINE)


def repository_url() -> str:
    """The course's public repository address, read from the package metadata.

    It is written once, in ``pyproject.toml`` under ``[project.urls] Repository``.
    """
    from helpers.course.repository import repository_root

    root = repository_root()
    if root is not None and (root / "pyproject.toml").exists():
        match = _URL_IN_PYPROJECT.search((root / "pyproject.toml").read_text())
        if match:
            return match.group(1)
    for entry in importlib.metadata.metadata(DISTRIBUTION).get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        if label.strip() == "Repository":
            return url.strip()
    raise LookupError("No Repository URL in pyproject.toml [project.urls].")


def colab_badge(notebook_file: str, url: str | None = None) -> str:
    """Markdown for the "Open in Colab" badge of ``notebooks/<notebook_file>``."""
    url = url or repository_url()
    github_path = url.removeprefix("https://github.com/")
    return (
        f"[![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)]"
        f"(https://colab.research.google.com/github/{github_path}/blob/main/notebooks/"
        f"{notebook_file})"
    )


def colab_install_target(extras: str = "", url: str | None = None) -> str:
    """The pip requirement that installs the helpers on Colab (without TensorFlow)."""
    url = url or repository_url()
    suffix = f"[{extras}]" if extras else ""
    return f"{DISTRIBUTION}{suffix} @ git+{url}"


def repository_root() -> Path | None:
    """The course checkout that holds this package, or None when pip-installed (Colab)."""
    root = Path(__file__).resolve().parents[2]
    return root if (root / "notebooks").is_dir() and (root / "data").is_dir() else None

"""The course's public address and its checkout: badges, Colab install targets, folders."""

from __future__ import annotations

import importlib.metadata
import os
import re
from pathlib import Path

from helpers.course.validation import check_choice, check_path, check_text

DISTRIBUTION = "medical-dl-course-helpers"


_URL_IN_PYPROJECT = re.compile(r'^Repository\s*=\s*"([^"]+)"', re.MULTILINE)
_EXTRAS_IN_PYPROJECT = re.compile(
    r"^\[project\.optional-dependencies\]\n(.*?)(?=^\[|\Z)", re.MULTILINE | re.DOTALL
)
_EXTRA_NAME = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)\s*=", re.MULTILINE)
_GITHUB_URL = re.compile(r"^https://github\.com/[^/\s]+/[^/\s]+$")
_CLONE_URL = re.compile(r"^(https?|ssh|git|file)://\S+$")


def repository_url() -> str:
    """The course's public repository address, read from the package metadata.

    It is written once, in ``pyproject.toml`` under ``[project.urls] Repository``.
    """
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


def _check_url(url: object, pattern: re.Pattern[str], example: str) -> str:
    """``url`` (``None``: the course's own address) if it matches ``pattern``."""
    if url is None:
        return repository_url()
    url = check_text(url, "url")
    if not pattern.match(url):
        raise ValueError(
            f"`url` must be a repository address such as {example!r}, but got {url!r}. "
            "Leave it out to use the course's own address."
        )
    return url


def colab_badge(notebook_file: str, url: str | None = None) -> str:
    """Markdown for the "Open in Colab" badge of ``notebooks/<notebook_file>``.

    ``notebook_file`` is a file name such as ``01_forward_propagation.ipynb``; ``url``
    a GitHub repository address (default: ``repository_url()``).

    Raises:
        TypeError: an argument is not a string.
        ValueError: ``notebook_file`` is not a bare ``.ipynb`` file name, or ``url`` is
            not a GitHub repository address.
    """
    notebook_file = check_text(notebook_file, "notebook_file")
    if any(mark in notebook_file for mark in "/\\") or not notebook_file.endswith(".ipynb"):
        raise ValueError(
            "`notebook_file` must be the file name of a notebook in notebooks/, such as "
            f"'01_forward_propagation.ipynb', but got {notebook_file!r}."
        )
    url = _check_url(url, _GITHUB_URL, "https://github.com/owner/name")
    github_path = url.removeprefix("https://github.com/")
    return (
        f"[![Open In Colab](https://colab.research.google.com/assets/colab-badge.svg)]"
        f"(https://colab.research.google.com/github/{github_path}/blob/main/notebooks/"
        f"{notebook_file})"
    )


def course_extras() -> tuple[str, ...]:
    """The names of the helpers' optional-dependency groups ("imaging", "signals", ...).

    Read from ``pyproject.toml`` in a checkout, else from the installed package's
    metadata; empty when neither is found.
    """
    root = repository_root()
    if root is not None and (root / "pyproject.toml").exists():
        section = _EXTRAS_IN_PYPROJECT.search((root / "pyproject.toml").read_text())
        if section:
            return tuple(_EXTRA_NAME.findall(section.group(1)))
    try:
        return tuple(importlib.metadata.metadata(DISTRIBUTION).get_all("Provides-Extra") or ())
    except importlib.metadata.PackageNotFoundError:
        return ()


# The name each optional dependency is imported under. The Colab setup cell checks that
# these import before it decides whether to install (a notebook needs its extra, too).
IMPORT_NAMES = {
    "scikit-image": "skimage",
    "pydicom": "pydicom",
    "neurokit2": "neurokit2",
    "wfdb": "wfdb",
    "scikit-survival": "sksurv",
    "imbalanced-learn": "imblearn",
    "biopython": "Bio",
    "keras-tuner": "keras_tuner",
    "tensorboard": "tensorboard",
    "dp-accounting": "dp_accounting",
}
_EXTRA_LIST = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)\s*=\s*\[(.*?)\]", re.MULTILINE | re.DOTALL)
_REQUIREMENT_NAME = re.compile(r'"\s*([A-Za-z0-9][A-Za-z0-9._-]*)')
_EXTRA_MARKER = re.compile(r"""^([A-Za-z0-9][A-Za-z0-9._-]*).*;\s*extra\s*==\s*["']([^"']+)["']""")


def extra_requirements(extra: str) -> tuple[str, ...]:
    """The distributions (e.g. ``"pydicom"``) that the optional group ``extra`` installs.

    Read from ``pyproject.toml`` in a checkout, else from the installed package's metadata.

    Raises:
        TypeError: ``extra`` is not a string.
        ValueError: ``extra`` is not one of ``course_extras()``.
    """
    extra = check_choice(check_text(extra, "extra"), "extra", course_extras())
    root = repository_root()
    if root is not None and (root / "pyproject.toml").exists():
        section = _EXTRAS_IN_PYPROJECT.search((root / "pyproject.toml").read_text())
        for name, items in _EXTRA_LIST.findall(section.group(1) if section else ""):
            if name == extra:
                return tuple(_REQUIREMENT_NAME.findall(items))
        return ()
    found = []
    for requirement in importlib.metadata.metadata(DISTRIBUTION).get_all("Requires-Dist") or []:
        match = _EXTRA_MARKER.match(requirement)
        if match and match.group(2) == extra:
            found.append(match.group(1))
    return tuple(found)


def colab_required_modules(extras: str = "") -> tuple[str, ...]:
    """The modules a notebook with these ``extras`` imports beyond Colab's own packages.

    ``("helpers", ...)`` then each extra's distributions as import names (``IMPORT_NAMES``),
    without repeats: the Colab setup cell installs when any of them is missing.

    Raises:
        TypeError: ``extras`` is not a string.
        ValueError: an unknown extra, or a distribution without an entry in ``IMPORT_NAMES``.
    """
    check_text(extras, "extras", allow_empty=True)
    modules = ["helpers"]
    for extra in (name.strip() for name in extras.split(",") if name.strip()):
        check_choice(extra, "extras", course_extras())
        for distribution in extra_requirements(extra):
            if distribution not in IMPORT_NAMES:
                raise ValueError(
                    f"The extra {extra!r} installs {distribution!r}, which has no import name in "
                    "helpers.course.repository.IMPORT_NAMES: add it there."
                )
            if IMPORT_NAMES[distribution] not in modules:
                modules.append(IMPORT_NAMES[distribution])
    return tuple(modules)


def colab_install_target(extras: str = "", url: str | None = None) -> str:
    """The pip requirement that installs the helpers on Colab (without TensorFlow).

    ``extras`` names optional-dependency groups from ``course_extras()``, separated by
    commas ("" for none); ``url`` is an address pip can clone (default:
    ``repository_url()``).

    Raises:
        TypeError: an argument is not a string.
        ValueError: an unknown extra, or ``url`` is not a repository address.
    """
    check_text(extras, "extras", allow_empty=True)
    known = course_extras()
    names = [name.strip() for name in extras.split(",")] if extras else []
    for name in names:
        if known:
            check_choice(name, "extras", known)
        elif not _EXTRA_NAME.match(f"{name}="):
            raise ValueError(f"`extras` must be names separated by commas, but got {extras!r}.")
    url = _check_url(url, _CLONE_URL, "https://github.com/owner/name")
    suffix = f"[{extras}]" if extras else ""
    return f"{DISTRIBUTION}{suffix} @ git+{url}"


def repository_root() -> Path | None:
    """The course checkout that holds this package, or None when pip-installed (Colab)."""
    root = Path(__file__).resolve().parents[2]
    return root if (root / "notebooks").is_dir() and (root / "data").is_dir() else None


def course_folder(env_variable: str, in_repository: str, purpose: str) -> Path:
    """The folder for the course's ``purpose`` (e.g. data, results), created if needed.

    ``$env_variable`` wins; otherwise ``<checkout>/<in_repository>``, or
    ``~/.cache/medical-dl-course/<purpose>`` when the helpers were installed with pip.
    """
    configured = os.environ.get(env_variable)
    if configured:
        folder = Path(configured).expanduser()
    elif (root := repository_root()) is not None:
        folder = root / in_repository
    else:
        folder = Path.home() / ".cache" / "medical-dl-course" / purpose
    return make_folder(folder, purpose=purpose, env_variable=env_variable)


def make_folder(folder: str | os.PathLike[str], *, purpose: str, env_variable: str) -> Path:
    """Create ``folder`` and its parents if needed and return it as a ``Path``.

    Raises:
        ValueError: ``folder`` names an existing file.
        PermissionError: the folder cannot be created for lack of permission.
        OSError: the folder cannot be created for another reason (a file in the way).
    """
    folder = check_path(folder, "folder").expanduser()
    advice = f"Set the environment variable {env_variable} to a folder you can write to"
    if folder.exists() and not folder.is_dir():
        raise ValueError(f"The {purpose} folder {folder} is a file, not a folder. {advice}.")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except PermissionError as error:
        raise PermissionError(
            f"Cannot create the {purpose} folder {folder}: permission denied. {advice}, "
            "or fix the folder's permissions."
        ) from error
    except OSError as error:
        raise OSError(
            f"Cannot create the {purpose} folder {folder} ({error.strerror}). {advice}."
        ) from error
    return folder

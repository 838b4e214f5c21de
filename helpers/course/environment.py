"""What the course is running on: versions, hardware, Colab, network."""

from __future__ import annotations

import importlib.metadata
import os
import platform
import socket
import sys
from typing import TypedDict

from helpers.course.validation import check_bool, check_integer, check_number, check_text

PACKAGES = (
    "tensorflow",
    "keras",
    "numpy",
    "scipy",
    "scikit-learn",
    "matplotlib",
    "scikit-image",
    "pydicom",
    "neurokit2",
    "wfdb",
    "scikit-survival",
    "biopython",
    "keras-tuner",
)


class EnvironmentReport(TypedDict):
    """What :func:`environment_report` collects (a plain dictionary at run time)."""

    python: str
    platform: str
    cpu_count: int | None
    gpus: list[str]
    colab: bool
    online: bool | None
    keras_backend: str
    packages: dict[str, str | None]


def is_colab() -> bool:
    """True when running inside Google Colab."""
    return "google.colab" in sys.modules or "COLAB_RELEASE_TAG" in os.environ


def quiet_tensorflow() -> None:
    """Load TensorFlow and Keras without the start-up lines TensorFlow's C++ core prints.

    On a machine without a GPU, TensorFlow writes "Could not find cuda drivers", "failed
    call to cuInit: ... UNKNOWN ERROR (303)" and similar lines straight to the process's
    standard error, so they appear in red under a notebook cell (Jupyter, Colab) although
    nothing is wrong. This keeps TensorFlow's C++ log to errors that matter
    (``TF_CPP_MIN_LOG_LEVEL=3`` unless you set it yourself) and silences standard error at
    the file-descriptor level only while TensorFlow loads and looks for devices. Call it
    before anything imports TensorFlow; Python warnings and errors are not affected.
    """
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    sys.stderr.flush()
    saved = os.dup(2)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    try:
        import keras  # noqa: F401  (loads TensorFlow's libraries while stderr is silent)
        import tensorflow as tf

        tf.config.list_physical_devices()  # the CUDA probe happens here, once
    finally:
        os.dup2(saved, 2)
        os.close(saved)
        os.close(devnull)


def has_network(host: str = "pypi.org", port: int = 443, timeout: float = 2.0) -> bool:
    """True if a TCP connection to ``host`` (port ``port``) opens within ``timeout`` seconds.

    Only a connection is tried; nothing is downloaded. The answer is about that one
    host: the default, the package index, says whether packages can be installed, not
    whether a data host answers, so loaders probe their own data host (or try the
    download with a timeout) instead of relying on this default.
    """
    host = check_text(host, "host").strip()
    if "/" in host:
        raise ValueError(
            f"`host` must be a host name such as 'zenodo.org', not an address with a path: "
            f"{host!r}. Use urllib.parse.urlsplit(url).hostname."
        )
    port = check_integer(port, "port", low=1, high=65535)
    timeout = check_number(timeout, "timeout", low=0.0, high=600.0, low_open=True)
    try:
        with socket.create_connection((host, port), timeout=timeout):
            return True
    except (OSError, UnicodeError):  # unreachable, refused, timed out, no DNS, bad name
        return False


def package_version(name: str) -> str | None:
    """Installed version of a distribution, or None if it is not installed."""
    check_text(name, "name")
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


def environment_report(check_network: bool = True) -> EnvironmentReport:
    """Collect versions, CPU/GPU, Colab and network status into a dictionary."""
    check_network = check_bool(check_network, "check_network")
    import tensorflow as tf

    gpus = [device.name for device in tf.config.list_physical_devices("GPU")]
    return {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "gpus": gpus,
        "colab": is_colab(),
        "online": has_network() if check_network else None,
        "keras_backend": os.environ.get("KERAS_BACKEND", "tensorflow"),
        "packages": {name: package_version(name) for name in PACKAGES},
    }


def print_environment_report(check_network: bool = True) -> EnvironmentReport:
    """Print :func:`environment_report` as a readable table and return it.

    Paste this table into a bug report.
    """
    check_network = check_bool(check_network, "check_network")
    report = environment_report(check_network)
    online = {True: "yes", False: "no (offline mode)", None: "not checked"}[report["online"]]
    rows = [
        ("Python", report["python"]),
        ("Platform", report["platform"]),
        ("CPU cores", report["cpu_count"]),
        ("GPU", ", ".join(report["gpus"]) or "none (CPU only)"),
        ("Google Colab", "yes" if report["colab"] else "no"),
        ("Internet", online),
        ("Keras backend", report["keras_backend"]),
    ]
    rows += [(name, version or "not installed") for name, version in report["packages"].items()]
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"{label:<{width}}  {value}")
    return report

"""Refuse, before anything is installed, a Python that TensorFlow has no wheels for.

`make setup` (and so `make lab` and `make test`) runs this with the interpreter it is
about to build the virtual environment from. Kept to syntax Python 3.6 understands so that an old
Python reaches the message instead of a syntax error.
"""

import sys

# The Pythons TensorFlow 2.18-2.21 (requirements.txt) publishes wheels for.
SUPPORTED = ((3, 10), (3, 11), (3, 12), (3, 13))


def problem(version):
    """The message for an unsupported ``(major, minor)`` version, or None when it works."""
    if tuple(version[:2]) in SUPPORTED:
        return None
    found = ".".join(str(part) for part in version[:2])
    works = ", ".join(f"{major}.{minor}" for major, minor in SUPPORTED)
    return (
        f"Python {found} cannot run this course: TensorFlow publishes wheels for "
        f"Python {works} only.\n"
        "Install one of those (e.g. `uv python install 3.11`, pyenv, your package manager or\n"
        "python.org), then run make again with it: `make lab PYTHON=python3.11`.\n"
        "Google Colab needs none of this: open a notebook from its badge."
    )


if __name__ == "__main__":
    if len(sys.argv) > 1:  # a version to check instead of this interpreter's (tests)
        version = tuple(int(part) for part in sys.argv[1].split("."))
    else:
        version = sys.version_info[:2]
    message = problem(version)
    if message:
        sys.stderr.write(message + "\n")
        sys.exit(1)

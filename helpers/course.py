"""The course map and its public address (used by badges, setup cells and notebook 00)."""

from __future__ import annotations

import importlib.metadata
import re
from dataclasses import dataclass

DISTRIBUTION = "medical-dl-course-helpers"
_URL_IN_PYPROJECT = re.compile(r'^Repository\s*=\s*"([^"]+)"', re.MULTILINE)


@dataclass(frozen=True)
class Lesson:
    """One notebook of the curriculum."""

    number: int
    title: str
    part: str


PARTS = (
    "Foundations",
    "Imaging",
    "Pathology",
    "Vital signs & ECG",
    "Genomics",
    "Vaccines",
    "Practice",
)

CURRICULUM = (
    Lesson(0, "Welcome and setup", "Foundations"),
    Lesson(1, "Forward propagation", "Foundations"),
    Lesson(2, "Backpropagation and gradient descent", "Foundations"),
    Lesson(3, "Convolution", "Foundations"),
    Lesson(4, "Pooling and CNNs", "Foundations"),
    Lesson(5, "Imaging diagnosis (X-ray, CT, MRI)", "Imaging"),
    Lesson(6, "Pathology: slides as tile sequences", "Pathology"),
    Lesson(7, "Recurrent networks", "Foundations"),
    Lesson(8, "Vital signs and ECG", "Vital signs & ECG"),
    Lesson(9, "GANs from the equations", "Foundations"),
    Lesson(10, "Genomics with GAN-made virtual cases", "Genomics"),
    Lesson(11, "NLP and embeddings", "Foundations"),
    Lesson(12, "Vaccine development: peptides", "Vaccines"),
    Lesson(13, "Hyperparameter tuning", "Practice"),
    Lesson(14, "Trustworthy medical AI", "Practice"),
    Lesson(15, "Multimodal and personalised medicine", "Practice"),
    Lesson(16, "FAQ and glossary", "Practice"),
)


def repository_url() -> str:
    """The course's public repository address, read from the package metadata.

    It is written once, in ``pyproject.toml`` under ``[project.urls] Repository``.
    """
    from helpers.paths import repository_root

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


def plot_course_map() -> object:
    """Draw the curriculum: one row per notebook, in order, placed in its part's column."""
    import matplotlib.pyplot as plt

    colours = plt.get_cmap("tab10")
    figure, axis = plt.subplots(figsize=(12, 7))
    column_of = {part: index for index, part in enumerate(PARTS)}
    for part, column in column_of.items():
        axis.text(
            column,
            1.2,
            part,
            ha="left",
            va="center",
            fontsize=10,
            weight="bold",
            color=colours(column),
            rotation=20,
        )
    positions = [(column_of[lesson.part], -lesson.number) for lesson in CURRICULUM]
    axis.plot(*zip(*positions, strict=True), color="grey", linestyle=":", linewidth=1)
    for lesson, (x, y) in zip(CURRICULUM, positions, strict=True):
        colour = colours(column_of[lesson.part])
        axis.text(
            x,
            y,
            f"{lesson.number:02d}  {lesson.title}",
            ha="left",
            va="center",
            fontsize=9,
            bbox={"boxstyle": "round", "facecolor": colour, "alpha": 0.25},
        )
    axis.set_xlim(-0.3, len(PARTS) + 2.5)
    axis.set_ylim(-len(CURRICULUM), 2.2)
    axis.axis("off")
    axis.set_title("The course map: notebooks in order (top to bottom), by part of the course")
    return figure

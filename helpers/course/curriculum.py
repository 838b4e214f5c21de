"""The course map: every notebook in order, by part (drawn in notebook 00)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from helpers.course.validation import check_choice, check_integer, check_text

if TYPE_CHECKING:
    from matplotlib.figure import Figure


@dataclass(frozen=True)
class Lesson:
    """One notebook of the curriculum: its number (0 or more), title and part (in ``PARTS``)."""

    number: int
    title: str
    part: str

    def __post_init__(self) -> None:
        check_integer(self.number, "number", low=0)
        check_text(self.title, "title")
        check_choice(self.part, "part", PARTS)


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
    Lesson(14, "Privacy: de-identification, DP-SGD, federated learning", "Practice"),
    Lesson(15, "Reliability: calibration, uncertainty, shift, fairness, attribution", "Practice"),
    Lesson(16, "Multimodal and personalised medicine", "Practice"),
    Lesson(17, "FAQ and glossary", "Practice"),
)


def plot_course_map() -> Figure:
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

"""The course map: every notebook in order, by part (drawn in notebook 00)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from helpers.course.validation import check_choice, check_integer, check_text

if TYPE_CHECKING:
    from matplotlib.figure import Figure


@dataclass(frozen=True)
class Lesson:
    """One notebook of the curriculum: its number (0 or more), title and part (in ``PARTS``).

    ``notebook`` is the file name without ``.ipynb`` once the notebook exists ("" while it
    is planned); it starts with the two-digit number.
    """

    number: int
    title: str
    part: str
    notebook: str = ""

    def __post_init__(self) -> None:
        check_integer(self.number, "number", low=0)
        check_text(self.title, "title")
        check_choice(self.part, "part", PARTS)
        check_text(self.notebook, "notebook", allow_empty=True)
        if self.notebook and not self.notebook.startswith(f"{self.number:02d}_"):
            raise ValueError(
                f"`notebook` must be the file name (without .ipynb) starting with "
                f"'{self.number:02d}_', but got {self.notebook!r}."
            )


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
    Lesson(0, "Welcome and setup", "Foundations", "00_welcome"),
    Lesson(1, "Forward propagation", "Foundations", "01_forward_propagation"),
    Lesson(
        2,
        "Backpropagation and gradient descent",
        "Foundations",
        "02_backpropagation_and_gradient_descent",
    ),
    Lesson(3, "Convolution", "Foundations", "03_convolution"),
    Lesson(4, "Pooling and CNNs", "Foundations", "04_pooling_and_cnns"),
    Lesson(5, "Imaging diagnosis (X-ray, CT, MRI)", "Imaging", "05_imaging_diagnosis"),
    Lesson(6, "Pathology: slides as tile sequences", "Pathology", "06_pathology"),
    Lesson(7, "Recurrent networks", "Foundations", "07_recurrent_networks"),
    Lesson(8, "Vital signs and ECG", "Vital signs & ECG", "08_vital_signs_and_ecg"),
    Lesson(9, "GANs from the equations", "Foundations", "09_gans_from_the_equations"),
    Lesson(10, "Genomics with GAN-made virtual cases", "Genomics", "10_genomics_virtual_cases"),
    Lesson(11, "NLP and embeddings", "Foundations", "11_nlp_and_embeddings"),
    Lesson(12, "Vaccine development: peptides", "Vaccines", "12_vaccine_peptides"),
    Lesson(13, "Hyperparameter tuning", "Practice", "13_hyperparameter_tuning"),
    Lesson(14, "Privacy and federated learning", "Practice", "14_privacy"),
    Lesson(
        15, "Reliability and interpretability", "Practice", "15_reliability_and_interpretability"
    ),
    Lesson(
        16,
        "Multimodal and personalised medicine",
        "Practice",
        "16_multimodal_and_personalised_medicine",
    ),
    Lesson(17, "FAQ and glossary", "Practice", "17_faq_and_glossary"),
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
        built = bool(lesson.notebook)
        axis.text(
            x,
            y,
            f"{lesson.number:02d}  {lesson.title}" + ("" if built else "  (planned)"),
            ha="left",
            va="center",
            fontsize=9,
            color="black" if built else "grey",
            bbox={
                "boxstyle": "round",
                "facecolor": colours(column_of[lesson.part]) if built else "white",
                "edgecolor": "black" if built else "grey",
                "linestyle": "-" if built else "--",
                "alpha": 0.25 if built else 1.0,
            },
        )
    axis.set_xlim(-0.3, len(PARTS) + 2.5)
    axis.set_ylim(-len(CURRICULUM), 2.2)
    axis.axis("off")
    planned = any(not lesson.notebook for lesson in CURRICULUM)
    axis.set_title(
        "The course map: notebooks in order (top to bottom), by part of the course"
        + ("; dashed: planned, not written yet" if planned else "")
    )
    return figure

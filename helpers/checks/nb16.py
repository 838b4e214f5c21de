"""Exercise self-checks of notebook 16 (multimodal and personalised medicine)."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from scipy.special import expit

from helpers.checks.engine import Student, run_check

_RNG = np.random.default_rng(16)


def _late_fusion(logits: NDArray[np.float64]) -> NDArray[np.float64]:
    """Reference: the probability from the mean of the per-modality logits (axis 1)."""
    return expit(np.mean(np.asarray(logits, dtype=float), axis=1))


def check_late_fusion(student: Student) -> bool:
    """Exercise 1 of notebook 16: ``late_fusion(logits)``, logits ``(patients, modalities)``.

    The cases tell the mean of the logits from the mean of the probabilities (they differ
    when the models disagree strongly), the sum from the mean, and the axis (patients
    vs modalities) by using as many patients as modalities in one case.
    """
    cases = [
        (
            "two patients, models that disagree",
            (np.array([[4.0, -4.0, 0.0, 2.0], [1, 1, 1, 1.0]]),),
        ),
        ("three patients, three modalities", (np.array([[3.0, -1, 0.5], [-2, -2, 6], [0, 0, 0]]),)),
        ("twenty random patients", (_RNG.normal(scale=2.0, size=(20, 4)),)),
    ]
    return run_check(
        "late_fusion",
        student,
        _late_fusion,
        cases,
        "average the logits over the modalities (axis=1) first, then apply the sigmoid "
        "1 / (1 + exp(-z)); do not average probabilities, and do not sum.",
    )


def _ablation_effects(
    full_logits: NDArray[np.float64], blanked_logits: NDArray[np.float64]
) -> NDArray[np.float64]:
    """Reference: sigmoid(full) - sigmoid(blanked), per patient and modality."""
    full = np.asarray(full_logits, dtype=float)
    return expit(full)[:, None] - expit(np.asarray(blanked_logits, dtype=float))


def check_ablation_effects(student: Student) -> bool:
    """Exercise 2 of notebook 16: ``ablation_effects(full_logits, blanked_logits)``.

    ``full_logits`` ``(patients,)``: the fused model's logit with every modality;
    ``blanked_logits`` ``(patients, modalities)``: with one modality blanked. The result,
    ``(patients, modalities)``, is how much each modality *raised* the risk (a
    probability difference). The cases catch logit differences, the reversed sign and a
    result that is not broadcast per patient.
    """
    full = np.array([2.0, -1.0, 0.0])
    blanked = np.array([[0.0, 2.0, 1.0, 2.5], [-1.0, -3.0, 0.5, -1.2], [0.0, 0.0, 0.0, 0.0]])
    cases = [
        ("three patients, four modalities", (full, blanked)),
        (
            "one patient whose risk every modality lowered",
            (np.array([-2.0]), np.array([[-1.0, 0.0]])),
        ),
        ("ten random patients", (_RNG.normal(size=10), _RNG.normal(size=(10, 4)))),
    ]
    return run_check(
        "ablation_effects",
        student,
        _ablation_effects,
        cases,
        "turn both into probabilities with the sigmoid, then subtract: full[:, None] - "
        "blanked, so a positive number means the modality raised the risk.",
    )


def _conv_parameters(kernel_size: int, in_channels: int, filters: int, dims: int) -> int:
    """Reference: weights kernel_size**dims * in_channels * filters, plus one bias per filter."""
    return int(kernel_size**dims * in_channels * filters + filters)


def check_conv_parameters(student: Student) -> bool:
    """Exercise 3 of notebook 16: ``conv_parameters(kernel_size, in_channels, filters, dims)``.

    Parameters of a Conv1D (``dims=1``) or Conv2D (``dims=2``) layer with a square kernel
    and a bias. The cases catch a forgotten bias, forgotten input channels and a kernel
    counted once instead of ``kernel_size**dims`` times.
    """
    cases = [
        ("Conv2D, 3x3, 1 -> 8 channels", (3, 1, 8, 2)),
        ("Conv2D, 3x3, 8 -> 16 channels", (3, 8, 16, 2)),
        ("Conv1D, kernel 5, 4 -> 16 channels", (5, 4, 16, 1)),
    ]
    return run_check(
        "conv_parameters",
        student,
        _conv_parameters,
        cases,
        "each filter has kernel_size**dims * in_channels weights and one bias: "
        "(kernel_size**dims * in_channels + 1) * filters.",
    )

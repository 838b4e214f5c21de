"""Exercise self-checks of notebook 06 (pathology)."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from scipy.stats import rankdata

from helpers.checks.engine import Student, run_check
from helpers.scratch.stains import RGB_FROM_HED, rgb_to_stains


def _stain_concentrations(
    rgb: NDArray[np.uint8], rgb_from_stains: NDArray[np.float64]
) -> NDArray[np.float64]:
    """Reference: helpers' Beer-Lambert deconvolution with the inverse stain matrix."""
    return rgb_to_stains(rgb, np.linalg.inv(rgb_from_stains))


def check_stain_concentrations(student: Student) -> bool:
    """Exercise 1 of notebook 06: ``stain_concentrations(rgb, rgb_from_stains)``.

    ``rgb`` (..., 3) uint8; ``rgb_from_stains`` (3, 3), one stain colour (optical density
    per channel) per row; returns concentrations (..., 3) in scikit-image's units
    (``OD / 6`` solved for the stains, negatives set to 0), as ``skimage.color.rgb2hed``.
    """
    rng = np.random.default_rng(6)
    he_pixels = np.array([[[240, 200, 230], [90, 60, 150]], [[200, 120, 190], [255, 255, 255]]])
    other_matrix = np.array([[0.8, 0.5, 0.3], [0.1, 0.9, 0.4], [0.3, 0.2, 0.9]])
    cases = [
        ("four H&E pixels, H&E-DAB matrix", (he_pixels.astype(np.uint8), RGB_FROM_HED.copy())),
        (
            "a black pixel (intensity 0)",
            (np.array([[0, 0, 0], [0, 128, 255]], np.uint8), RGB_FROM_HED.copy()),
        ),
        ("another stain matrix", (rng.integers(0, 256, (3, 4, 3)).astype(np.uint8), other_matrix)),
    ]
    return run_check(
        "stain_concentrations",
        student,
        _stain_concentrations,
        cases,
        "intensity I = rgb / 255, raised to at least 1e-6; OD = -np.log10(I); solve "
        "OD / 6 = C @ rgb_from_stains for C with np.linalg.inv; set negative C to 0.",
        atol=1e-9,
    )


def _gated_attention(
    h: NDArray[np.float64], V: NDArray[np.float64], U: NDArray[np.float64], w: NDArray[np.float64]
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Reference: Ilse et al.'s gated attention, softmax over the tiles, stable."""
    scores = ((np.tanh(h @ V) * (1 / (1 + np.exp(-(h @ U))))) @ w)[:, 0]
    weights = np.exp(scores - scores.max())
    weights /= weights.sum()
    return weights @ h, weights


def check_attention_pooling(student: Student) -> bool:
    """Exercise 2 of notebook 06: ``attention_pooling(h, V, U, w)`` -> ``(pooled, weights)``.

    ``h`` (tiles, features) is one slide's tile embeddings; the gated attention of Ilse
    et al. (2018): ``a = softmax((tanh(h V) * sigmoid(h U)) w)`` over the tiles and
    ``pooled = sum_k a_k h_k``.
    """
    rng = np.random.default_rng(16)
    d, units = 5, 3

    def weights(scale: float = 1.0) -> tuple[NDArray[np.float64], ...]:
        return (
            rng.normal(size=(d, units)),
            rng.normal(size=(d, units)),
            scale * rng.normal(size=(units, 1)),
        )

    cases = [
        ("a slide of 6 tiles", (rng.normal(size=(6, d)), *weights())),
        ("one tile", (rng.normal(size=(1, d)), *weights())),
        ("large scores (exp overflows without care)", (rng.normal(size=(8, d)), *weights(2000.0))),
    ]
    return run_check(
        "attention_pooling",
        student,
        _gated_attention,
        cases,
        "scores = (np.tanh(h @ V) * sigmoid(h @ U)) @ w, one per tile; softmax over the tiles "
        "(subtract the largest score first); pooled = weights @ h.",
    )


def _auc_by_fraction(
    labels: NDArray[np.int64],
    scores: NDArray[np.float64],
    tumour_tiles: NDArray[np.int64],
    low: int,
    high: int,
) -> float:
    """Reference: all negative slides against the positives with low..high tumour tiles."""
    labels, scores, tumour_tiles = (
        np.asarray(labels),
        np.asarray(scores, float),
        np.asarray(tumour_tiles),
    )
    keep = (labels == 0) | ((tumour_tiles >= low) & (tumour_tiles <= high) & (labels == 1))
    y, s = labels[keep], scores[keep]
    ranks = rankdata(s)
    positives = int(y.sum())
    negatives = len(y) - positives
    return float((ranks[y == 1].sum() - positives * (positives + 1) / 2) / (positives * negatives))


def check_auc_by_fraction(student: Student) -> bool:
    """Exercise 3 of notebook 06: ``auc_by_fraction(labels, scores, tumour_tiles, low, high)``.

    The slide-level ROC AUC of every negative slide against the positive slides with
    ``low`` to ``high`` (inclusive) tumour tiles; ties count one half.
    """
    labels = np.array([0, 0, 0, 1, 1, 1, 1, 0])
    scores = np.array([0.1, 0.4, 0.35, 0.3, 0.9, 0.8, 0.2, 0.5])
    tiles = np.array([0, 0, 0, 1, 6, 12, 2, 0])
    cases = [
        ("one-tile tumours", (labels, scores, tiles, 1, 1)),
        ("2 to 6 tiles", (labels, scores, tiles, 2, 6)),
        ("large tumours", (labels, scores, tiles, 7, 64)),
        ("tied scores", (labels, np.array([0.1, 0.3, 0.3, 0.3, 0.9, 0.3, 0.2, 0.5]), tiles, 1, 12)),
    ]
    return run_check(
        "auc_by_fraction",
        student,
        _auc_by_fraction,
        cases,
        "keep every negative slide and the positives with low <= tumour_tiles <= high, then "
        "compute the ROC AUC of the kept slides (sklearn.metrics.roc_auc_score).",
    )

"""Calibration of predicted probabilities: reliability bins, ECE and temperature scaling.

A binary classifier is *calibrated* when, among the cases it gives probability ``p``,
a share ``p`` has the disease. The reliability bins split [0, 1] into ``n_bins``
equal-width bins, the first ``[0, 1/n]`` and the others ``(lo, hi]`` (the convention of
``sklearn.calibration.calibration_curve``), and compare each bin's mean probability with
its observed frequency. The expected calibration error (Naeini et al., AAAI 2015;
Guo et al., ICML 2017) is their gap weighted by the share of cases in each bin:

.. math:: \\mathrm{ECE} = \\sum_b \\frac{n_b}{n} \\,\\big|\\bar y_b - \\bar p_b\\big|.

Temperature scaling (Guo et al. 2017) divides the logits by one scalar ``T`` fitted on
a validation split by minimising the negative log-likelihood.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from helpers.course.validation import (
    as_binary_labels,
    as_float_array,
    as_probabilities,
    check_both_classes,
    check_positive_int,
    check_same_length,
)

#: Most bins ``reliability_bins`` accepts (more bins than that are empty noise).
MAX_BINS = 10_000


@dataclass(frozen=True)
class ReliabilityBins:
    """Per bin: its edges, the number of cases, mean probability and observed frequency.

    Empty bins have count 0 and NaN for the mean probability and the frequency.
    """

    edges: NDArray[np.float64]
    counts: NDArray[np.int64]
    mean_probability: NDArray[np.float64]
    frequency: NDArray[np.float64]

    @property
    def filled(self) -> NDArray[np.bool_]:
        """Which bins hold at least one case (the bins sklearn's calibration_curve returns)."""
        return self.counts > 0


def _labels_and_probabilities(
    y_true: ArrayLike, y_prob: ArrayLike
) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    labels = as_binary_labels(y_true, "y_true")
    probabilities = as_probabilities(y_prob, "y_prob", ndim=1)
    check_same_length(labels, probabilities, ("y_true", "y_prob"))
    return labels, probabilities


def reliability_bins(y_true: ArrayLike, y_prob: ArrayLike, n_bins: int = 10) -> ReliabilityBins:
    """Equal-width reliability bins of predicted probabilities ``y_prob`` for 0/1 ``y_true``.

    Args:
        y_true: 0/1 labels, one per case.
        y_prob: predicted probability of class 1, one per case, in [0, 1].
        n_bins: number of equal-width bins on [0, 1] (at least 1).
    """
    labels, probabilities = _labels_and_probabilities(y_true, y_prob)
    n_bins = check_positive_int(n_bins, "n_bins", maximum=MAX_BINS)
    edges = np.linspace(0.0, 1.0, n_bins + 1)
    bin_of = np.searchsorted(edges[1:-1], probabilities, side="left")  # (lo, hi], first [0, hi]
    counts = np.bincount(bin_of, minlength=n_bins)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_probability = np.bincount(bin_of, probabilities, n_bins) / counts
        frequency = np.bincount(bin_of, labels.astype(float), n_bins) / counts
    return ReliabilityBins(edges, counts.astype(np.int64), mean_probability, frequency)


def expected_calibration_error(y_true: ArrayLike, y_prob: ArrayLike, n_bins: int = 10) -> float:
    """ECE: the gap between frequency and mean probability, weighted by each bin's share.

    Uses the equal-width bins of ``reliability_bins``; 0 for a perfectly calibrated
    model (on infinite data), at most 1.
    """
    bins = reliability_bins(y_true, y_prob, n_bins)
    filled = bins.filled
    gaps = np.abs(bins.frequency[filled] - bins.mean_probability[filled])
    return float(np.sum(bins.counts[filled] * gaps) / np.sum(bins.counts))


def _logits_and_labels(
    logits: ArrayLike, y_true: ArrayLike
) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
    scores = as_float_array(logits, "logits", ndim=1)
    labels = as_binary_labels(y_true, "y_true")
    check_same_length(labels, scores, ("y_true", "logits"))
    return scores, labels


def binary_nll(logits: ArrayLike, y_true: ArrayLike, temperature: float = 1.0) -> float:
    """Mean negative log-likelihood of 0/1 labels under ``sigmoid(logits / temperature)``."""
    scores, labels = _logits_and_labels(logits, y_true)
    temperature = _check_temperature(temperature)
    z = scores / temperature
    # -log sigmoid(z) = logaddexp(0, -z); -log(1 - sigmoid(z)) = logaddexp(0, z): no overflow
    return float(np.mean(np.where(labels == 1, np.logaddexp(0.0, -z), np.logaddexp(0.0, z))))


def _check_temperature(temperature: float) -> float:
    value = as_float_array(temperature, "temperature", ndim=0)
    if not value > 0:
        raise ValueError(
            f"`temperature` must be > 0, but got {float(value):g}; it divides the logits "
            "(T > 1 softens over-confident probabilities, T < 1 sharpens them)."
        )
    return float(value)


def fit_temperature(logits: ArrayLike, y_true: ArrayLike) -> float:
    """The temperature ``T`` that minimises the NLL of ``sigmoid(logits / T)`` on these cases.

    Fit it on a validation split, never on the test split. The search runs over
    ``log T`` in [-5, 5] with ``scipy.optimize.minimize_scalar`` (bounded Brent).
    """
    from scipy.optimize import minimize_scalar

    scores, labels = _logits_and_labels(logits, y_true)
    check_both_classes(labels, "y_true")
    result = minimize_scalar(
        lambda log_t: binary_nll(scores, labels, float(np.exp(log_t))),
        bounds=(-5.0, 5.0),
        method="bounded",
        options={"xatol": 1e-8},
    )
    return float(np.exp(result.x))

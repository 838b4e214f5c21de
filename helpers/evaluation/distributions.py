"""How far generated samples are from the data: distances between distributions, modes covered.

A generative model is judged by comparing two *samples*, its own and the data's.

- **1-D Wasserstein distance** (earth mover's distance, ``scipy.stats.wasserstein_distance``):
  :math:`W_1(P, Q) = \\int |F_P(t) - F_Q(t)|\\,dt`, the area between the two cumulative
  distribution functions.
- **Sliced Wasserstein distance** for samples in several dimensions: project both samples
  on random unit directions :math:`\\theta` and average the 1-D distances:
  :math:`SW_1(P, Q) = \\mathbb{E}_{\\theta \\sim U(S^{d-1})}
  W_1(\\theta^\\top P, \\theta^\\top Q)`.
- **Maximum mean discrepancy** with an RBF kernel
  :math:`k(x, y) = \\exp(-\\lVert x - y \\rVert^2 / (2 \\sigma^2))`:
  :math:`\\mathrm{MMD}^2 = \\overline{k(x, x')} + \\overline{k(y, y')} - 2\\,\\overline{k(x, y)}`
  (means over all pairs; this biased estimate is never negative and is 0 for equal samples).
- **Modes covered and high-quality share** on a mixture with known centres (the ring of
  8 Gaussians of Metz et al. 2017 and Srivastava et al. 2017): a sample is of *high
  quality* if it lies within ``num_std`` standard deviations of its nearest centre; a mode
  is *covered* if at least ``min_share`` of all samples are high-quality samples of it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.stats import wasserstein_distance

from helpers.course.validation import (
    as_float_array,
    check_budget,
    check_fraction,
    check_number,
    check_positive_int,
    check_seed,
)

#: Largest number of random directions ``sliced_wasserstein`` accepts.
MAX_PROJECTIONS = 10_000


def _samples(value: ArrayLike, name: str, ndim: int | None = None) -> NDArray[np.float64]:
    """Samples as a float array of 1 or 2 dimensions (2-D: one row per sample)."""
    return as_float_array(value, name, ndim=ndim if ndim is not None else (1, 2))


def _same_dimension(
    first: NDArray[np.float64], second: NDArray[np.float64], names: tuple[str, str]
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Both samples as (n, d) arrays with the same d."""
    first = first.reshape(len(first), -1)
    second = second.reshape(len(second), -1)
    if first.shape[1] != second.shape[1]:
        raise ValueError(
            f"`{names[0]}` has {first.shape[1]} feature(s) per sample but `{names[1]}` has "
            f"{second.shape[1]}; pass samples of the same space (one row per sample)."
        )
    return first, second


def wasserstein_1d(samples: ArrayLike, reference: ArrayLike) -> float:
    """The 1-D Wasserstein distance (earth mover's distance) between two samples.

    Both are 1-D arrays of numbers (they may differ in length); ``scipy.stats.
    wasserstein_distance`` computes it from the two empirical distribution functions.
    """
    first = _samples(samples, "samples", ndim=1)
    second = _samples(reference, "reference", ndim=1)
    return float(wasserstein_distance(first, second))


def sliced_wasserstein(
    samples: ArrayLike, reference: ArrayLike, num_projections: int = 200, seed: int = 0
) -> float:
    """The sliced Wasserstein distance between two samples of (n, d) points.

    The mean over ``num_projections`` random unit directions (drawn with ``seed``) of
    the 1-D Wasserstein distance between the two projected samples. The same ``seed``
    gives the same directions, so distances from one call to the next are comparable.
    """
    first, second = _same_dimension(
        _samples(samples, "samples", 2), _samples(reference, "reference", 2),
        ("samples", "reference"),
    )
    num_projections = check_positive_int(
        num_projections, "num_projections", maximum=MAX_PROJECTIONS
    )
    seed = check_seed(seed)
    check_budget(num_projections * (len(first) + len(second)), "num_projections x samples")
    directions = np.random.default_rng(seed).normal(size=(num_projections, first.shape[1]))
    directions /= np.linalg.norm(directions, axis=1, keepdims=True)
    first_projected, second_projected = first @ directions.T, second @ directions.T
    return float(
        np.mean(
            [
                wasserstein_distance(first_projected[:, k], second_projected[:, k])
                for k in range(num_projections)
            ]
        )
    )


def mmd_rbf(samples: ArrayLike, reference: ArrayLike, bandwidth: float = 1.0) -> float:
    """Squared maximum mean discrepancy with the RBF kernel of width ``bandwidth`` (sigma).

    The biased estimate: mean kernel within ``samples`` plus mean kernel within
    ``reference`` minus twice the mean kernel between them; 0 for identical samples.
    """
    first, second = _same_dimension(
        _samples(samples, "samples"), _samples(reference, "reference"), ("samples", "reference")
    )
    bandwidth = check_number(bandwidth, "bandwidth", low=0.0, low_open=True)
    check_budget(max(len(first), len(second)) ** 2, "samples x reference (the kernel matrix)")

    def mean_kernel(a: NDArray[np.float64], b: NDArray[np.float64]) -> float:
        squared = (a**2).sum(1)[:, None] + (b**2).sum(1)[None, :] - 2.0 * a @ b.T
        return float(np.exp(-np.maximum(squared, 0.0) / (2.0 * bandwidth**2)).mean())

    value = mean_kernel(first, first) + mean_kernel(second, second) - 2 * mean_kernel(first, second)
    return max(value, 0.0)


@dataclass(frozen=True)
class ModeReport:
    """Modes covered by a sample of a mixture with known centres, and its quality.

    ``counts[k]`` is how many high-quality samples lie nearest to centre k.
    """

    modes_covered: int
    num_modes: int
    high_quality_share: float
    counts: tuple[int, ...]

    def __str__(self) -> str:
        return (
            f"{self.modes_covered} of {self.num_modes} modes covered, "
            f"{self.high_quality_share:.0%} high-quality samples"
        )


def mode_report(
    samples: ArrayLike,
    centers: ArrayLike,
    std: float,
    num_std: float = 3.0,
    min_share: float = 0.01,
) -> ModeReport:
    """Modes covered and share of high-quality samples (the ring-of-Gaussians benchmark).

    A sample is high-quality if its distance to the nearest of ``centers`` (k, d) is at
    most ``num_std`` times ``std``, the standard deviation of each mode; a mode is
    covered if at least ``min_share`` of all samples are high-quality samples of it.
    """
    points = _samples(samples, "samples")
    means = _samples(centers, "centers")
    points, means = _same_dimension(points, means, ("samples", "centers"))
    std = check_number(std, "std", low=0.0, low_open=True)
    num_std = check_number(num_std, "num_std", low=0.0, low_open=True)
    min_share = check_fraction(min_share, "min_share")
    check_budget(len(points) * len(means), "samples x centers")
    distances = np.linalg.norm(points[:, None, :] - means[None, :, :], axis=2)
    nearest = distances.argmin(axis=1)
    good = distances.min(axis=1) <= num_std * std
    counts = np.bincount(nearest[good], minlength=len(means))
    covered = int(np.sum(counts >= min_share * len(points)))
    return ModeReport(covered, len(means), float(good.mean()), tuple(int(c) for c in counts))

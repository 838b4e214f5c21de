"""Exercise self-checks of notebook 09 (GANs from the equations)."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from scipy.stats import norm

from helpers.checks.engine import Student, run_check
from helpers.evaluation.distributions import mode_report

_RNG = np.random.default_rng(9)


def _generator_loss_gradient(logits: NDArray[np.float64]) -> NDArray[np.float64]:
    """Reference: d/dl of -mean(log sigmoid(l)) is -(1 - sigmoid(l)) / n."""
    logits = np.asarray(logits, dtype=float)
    return -(1.0 - 1.0 / (1.0 + np.exp(-logits))) / logits.size


def check_generator_loss_gradient(student: Student) -> bool:
    """Exercise 1 of notebook 09: ``generator_loss_gradient(logits)``.

    The gradient of the non-saturating generator loss ``-mean(log D(G(z)))`` with respect
    to the discriminator's logits on the fake samples (``D = sigmoid(logit)``). The cases
    with confident discriminators tell it from the saturating loss's gradient.
    """
    cases = [
        ("an undecided discriminator", (np.zeros(4),)),
        ("a confident discriminator early in training", (np.array([-6.0, -4.0, -8.0]),)),
        ("mixed logits", (_RNG.normal(scale=3.0, size=7),)),
        ("one sample", (np.array([1.5]),)),
    ]
    return run_check(
        "generator_loss_gradient",
        student,
        _generator_loss_gradient,
        cases,
        "d/dl log(sigmoid(l)) = 1 - sigmoid(l); the loss has a minus sign and a mean over "
        "the n fake samples. The saturating loss log(1 - D) has gradient -sigmoid(l) / n "
        "instead, nearly 0 where D is sure the samples are fake.",
    )


def _optimal_discriminator(
    x: NDArray[np.float64], mean_data: float, std_data: float, mean_g: float, std_g: float
) -> NDArray[np.float64]:
    """Reference: D*(x) = p_data(x) / (p_data(x) + p_g(x)) for two Gaussians."""
    p_data = norm.pdf(x, mean_data, std_data)
    p_g = norm.pdf(x, mean_g, std_g)
    return np.asarray(p_data / (p_data + p_g))


def check_optimal_discriminator(student: Student) -> bool:
    """Exercise 2 of notebook 09: ``optimal_discriminator(x, mean_data, std_data, mean_g, std_g)``.

    D*(x) = p_data(x) / (p_data(x) + p_g(x)) for a Gaussian data distribution and a
    Gaussian generator distribution, on the points ``x``.
    """
    grid = np.linspace(-3.0, 3.0, 13)
    cases = [
        ("equal widths", (grid, 1.0, 1.0, -1.0, 1.0)),
        ("different widths", (grid, 0.5, 0.5, 0.0, 2.0)),
        ("the generator has learnt the data", (grid, 0.0, 1.0, 0.0, 1.0)),
    ]
    return run_check(
        "optimal_discriminator",
        student,
        _optimal_discriminator,
        cases,
        "use the Gaussian densities (scipy.stats.norm.pdf(x, mean, std), the std and not "
        "the variance) and divide the data's density by the sum of both.",
    )


def _high_quality_share(
    samples: NDArray[np.float64], centers: NDArray[np.float64], std: float, num_std: float
) -> float:
    """Reference: the share of samples within num_std * std of their nearest centre."""
    return mode_report(samples, centers, std, num_std).high_quality_share


def check_high_quality_share(student: Student) -> bool:
    """Exercise 3 of notebook 09: ``high_quality_share(samples, centers, std, num_std)``.

    The share of samples that lie within ``num_std`` standard deviations of their
    *nearest* centre (the ring benchmark's quality measure).
    """
    angles = 2 * np.pi * np.arange(8) / 8
    ring = 2.0 * np.stack([np.cos(angles), np.sin(angles)], axis=1)
    spread = ring[_RNG.integers(0, 8, size=200)] + _RNG.normal(scale=0.15, size=(200, 2))
    one_mode = ring[3] + _RNG.normal(scale=0.1, size=(50, 2))
    cases = [
        ("samples on all modes", (spread, ring, 0.1, 3.0)),
        ("all samples on mode 3", (one_mode, ring, 0.1, 3.0)),
        ("a tighter radius", (spread, ring, 0.1, 1.0)),
    ]
    return run_check(
        "high_quality_share",
        student,
        _high_quality_share,
        cases,
        "for every sample take the distance to each centre (np.linalg.norm over the last "
        "axis), keep the smallest, and count it as high quality if it is at most "
        "num_std * std; return the mean of those booleans.",
    )

"""One step of DP-SGD (Abadi et al. 2016) in NumPy: clip each gradient, add noise, average.

With per-example gradients ``g_i`` (one row each), clip norm ``C`` and noise multiplier
``sigma``:

    g_i <- g_i * min(1, C / ||g_i||)                       (each example's influence <= C)
    g   = (sum_i g_i + N(0, sigma^2 C^2 I)) / denominator

Under Poisson sampling (every example joins a batch with probability ``q``) the batch
size varies, and the denominator is the *expected* batch size ``q N``, a constant, so
that the noise does not reveal the batch size; a batch may even be empty.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from helpers.course.validation import as_float_array, check_number, check_seed, describe


def clip_gradients(per_example: ArrayLike, clip_norm: float) -> NDArray[np.float64]:
    """Each row (one example's flattened gradient) scaled to L2 norm at most ``clip_norm``."""
    gradients = as_float_array(per_example, "per_example", ndim=2, allow_empty=True)
    clip_norm = check_number(clip_norm, "clip_norm", low=0.0, low_open=True)
    norms = np.linalg.norm(gradients, axis=1, keepdims=True)
    too_long = norms > clip_norm
    return np.where(too_long, gradients * clip_norm / np.where(too_long, norms, 1.0), gradients)


def privatize_gradients(
    per_example: ArrayLike,
    clip_norm: float,
    noise_multiplier: float,
    denominator: float | None = None,
    rng: np.random.Generator | int = 0,
) -> NDArray[np.float64]:
    """The DP-SGD gradient: clipped per-example gradients summed, Gaussian noise added, averaged.

    Args:
        per_example: (batch, parameters), one flattened gradient per example.
        clip_norm: C > 0, the largest L2 norm an example's gradient keeps.
        noise_multiplier: sigma >= 0; the noise's standard deviation is sigma * C.
        denominator: what the sum is divided by: the expected batch size q N under
            Poisson sampling (then an empty batch is allowed); None: the batch's size.
        rng: a NumPy Generator or an integer seed.
    """
    gradients = as_float_array(per_example, "per_example", ndim=2, allow_empty=True)
    clipped = clip_gradients(gradients, clip_norm)
    sigma = check_number(noise_multiplier, "noise_multiplier", low=0.0)
    if denominator is None:
        if len(gradients) == 0:
            raise ValueError(
                "`per_example` is an empty batch (0 rows), so there is no batch size to "
                "average over. Under Poisson sampling pass `denominator` = the expected batch "
                "size q * N (an empty batch then still gets its noise)."
            )
        denominator = float(len(gradients))
    denominator = check_number(denominator, "denominator", low=0.0, low_open=True)
    if not isinstance(rng, np.random.Generator):
        if isinstance(rng, bool) or not isinstance(rng, int | np.integer):
            raise TypeError(
                f"`rng` must be a numpy Generator or an integer seed, but got {describe(rng)}."
            )
        rng = np.random.default_rng(check_seed(rng, "rng"))
    noise = rng.normal(0.0, sigma * float(clip_norm), size=gradients.shape[1])
    return (clipped.sum(axis=0) + noise) / denominator

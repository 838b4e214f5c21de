"""Bad calls of the GAN helpers: the GAN model, its toy distributions, the distribution distances.

Networks that do not fit together (noise size, sample shape, a discriminator with
more than one output), optimizers that are not optimizers or are shared, NaN samples,
samples of different dimensions, impossible widths and counts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from bad_calls.table import Arguments, BadCall, GoodCall

GAN = "helpers.synthetic.gan.GAN"
RING = "helpers.synthetic.gan.ring_of_gaussians"
MIXTURE = "helpers.synthetic.gan.gaussian_mixture_1d"
W1 = "helpers.evaluation.distributions.wasserstein_1d"
SLICED = "helpers.evaluation.distributions.sliced_wasserstein"
MMD = "helpers.evaluation.distributions.mmd_rbf"
MODES = "helpers.evaluation.distributions.mode_report"

POINTS = np.random.default_rng(0).normal(size=(50, 2))
CENTERS = np.array([[0.0, 0.0], [1.0, 1.0]])


def _mlp(inputs: int, outputs: int) -> Any:
    import keras

    return keras.Sequential([keras.Input((inputs,)), keras.layers.Dense(outputs)])


def _networks(latent: int = 2, sample: int = 2, reads: int = 2, logits: int = 1) -> Arguments:
    return (_mlp(latent, sample), _mlp(reads, logits), latent), {}


def _with(**kwargs: Any):
    def build(folder: Path) -> Arguments:
        args, _ = _networks()
        return args, kwargs

    return build


def _compiled_with(first: Any, second: Any):
    """GAN.compile called with the given optimizers (None: a fresh Adam)."""

    def build(folder: Path) -> Arguments:
        import keras

        from helpers.synthetic.gan import GAN as Model

        gan = Model(*_networks()[0])
        make = lambda value: keras.optimizers.Adam() if value is None else value  # noqa: E731
        return (gan, make(first), make(second)), {}

    return build


def _shared_optimizer(folder: Path) -> Arguments:
    import keras

    from helpers.synthetic.gan import GAN as Model

    optimizer = keras.optimizers.Adam()
    return (Model(*_networks()[0]), optimizer, optimizer), {}


def _generate_with(*args: Any):
    def build(folder: Path) -> Arguments:
        from helpers.synthetic.gan import GAN as Model

        return (Model(*_networks()[0]), *args), {}

    return build


CALLS: list[BadCall | GoodCall] = [
    # --- the GAN model ------------------------------------------------------------------
    BadCall(GAN, ("generator", None, 2), raises=TypeError, mentions="generator",
            why="text instead of a generator"),
    BadCall(GAN, build=lambda folder: ((_mlp(2, 2), "D", 2), {}), raises=TypeError,
            mentions="discriminator", why="text instead of a discriminator"),
    BadCall(GAN, build=lambda folder: ((_mlp(3, 2), _mlp(2, 1), 2), {}),
            mentions="latent_dim", why="noise size differs from the generator's input"),
    BadCall(GAN, build=lambda folder: ((_mlp(2, 3), _mlp(2, 1), 2), {}), mentions="discriminator",
            why="generator's samples do not fit the discriminator"),
    BadCall(GAN, build=lambda folder: ((_mlp(2, 2), _mlp(2, 2), 2), {}), mentions="one logit",
            why="discriminator with two outputs"),
    BadCall(GAN, build=lambda folder: ((_mlp(2, 2), _mlp(2, 1), 2.0), {}), raises=TypeError,
            mentions="latent_dim", why="float noise size"),
    BadCall(GAN, build=_with(loss="minimax"), mentions="loss", why="unknown loss"),
    BadCall(GAN, build=_with(discriminator_steps=0), mentions="discriminator_steps",
            why="no discriminator steps"),
    BadCall("helpers.synthetic.gan.GAN.compile", build=_compiled_with("adam", None),
            raises=TypeError, mentions="generator_optimizer", why="optimizer as text"),
    BadCall("helpers.synthetic.gan.GAN.compile", build=_compiled_with(None, 1e-3),
            raises=TypeError, mentions="discriminator_optimizer", why="learning rate as optimizer"),
    BadCall("helpers.synthetic.gan.GAN.compile", build=_shared_optimizer,
            mentions="one optimizer per network", why="one optimizer for both networks"),
    BadCall("helpers.synthetic.gan.GAN.generate", build=_generate_with(0), mentions="num_samples",
            why="no samples"),
    BadCall("helpers.synthetic.gan.GAN.generate", build=_generate_with(10, -1), mentions="seed",
            why="negative seed"),
    BadCall("helpers.synthetic.gan.GAN.generate", build=_generate_with(10**9),
            mentions="num_samples", why="a billion samples: refused up front"),
    # --- toy distributions ----------------------------------------------------------------
    BadCall(RING, (0,), mentions="num_samples", why="no samples"),
    BadCall(RING, (10**9,), mentions="num_samples", why="a billion samples: refused up front"),
    BadCall(RING, (10,), {"std": 0.0}, mentions="std", why="zero width"),
    BadCall(RING, (10,), {"radius": np.inf}, mentions="radius", why="infinite radius"),
    BadCall(RING, (10,), {"num_modes": 2.5}, raises=TypeError, mentions="num_modes",
            why="fractional number of modes"),
    GoodCall(RING, (np.int64(10),), {"num_modes": np.int64(4), "seed": np.int64(1)},
             reference=((10,), {"num_modes": 4, "seed": 1}), why="NumPy integer sizes and seed"),
    BadCall(MIXTURE, (10,), {"means": ()}, raises=TypeError, mentions="means", why="no means"),
    BadCall(MIXTURE, (10,), {"means": 2.0}, raises=TypeError, mentions="means",
            why="one number instead of a tuple"),
    BadCall(MIXTURE, (10,), {"means": (0.0, np.nan)}, mentions="means[1]", why="NaN mean"),
    BadCall(MIXTURE, (10,), {"std": -1.0}, mentions="std", why="negative width"),
    GoodCall(MIXTURE, (10,), {"means": [-1.0, 1.0]}, reference=((10,), {"means": (-1.0, 1.0)}),
             why="means as a list"),
    # --- distances ------------------------------------------------------------------------
    BadCall(W1, ([1.0, np.nan], [0.0, 1.0]), mentions="samples", why="NaN sample"),
    BadCall(W1, ([1.0, 2.0], []), mentions="reference", why="empty reference"),
    BadCall(W1, (POINTS, POINTS), mentions="samples", why="2-D samples for the 1-D distance"),
    BadCall(W1, ("abc", [1.0]), raises=TypeError, mentions="samples", why="text samples"),
    GoodCall(W1, ([0.0, 1.0, 2.0], (1.0, 2.0)), reference=((np.array([0.0, 1.0, 2.0]),
             np.array([1.0, 2.0])), {}), why="lists and tuples"),
    BadCall(SLICED, (POINTS, POINTS[:, :1]), mentions="reference",
            why="samples of different dimensions"),
    BadCall(SLICED, (POINTS, POINTS), {"num_projections": 0}, mentions="num_projections",
            why="no projections"),
    BadCall(SLICED, (POINTS, POINTS), {"num_projections": 10**6}, mentions="num_projections",
            why="a million projections"),
    BadCall(SLICED, (POINTS, POINTS), {"seed": "1"}, raises=TypeError, mentions="seed",
            why="seed as text"),
    BadCall(SLICED, (np.ones((2, 2, 2)), POINTS), mentions="samples", why="3-D samples"),
    BadCall(MMD, (POINTS, POINTS), {"bandwidth": 0.0}, mentions="bandwidth", why="zero bandwidth"),
    BadCall(MMD, (POINTS, POINTS[:, :1]), mentions="reference", why="different dimensions"),
    BadCall(MMD, (np.full((3, 2), np.inf), POINTS), mentions="samples", why="infinite samples"),
    GoodCall(MMD, (POINTS.tolist(), POINTS), reference=((POINTS, POINTS), {}),
             why="samples as nested lists"),
    BadCall(MODES, (POINTS, CENTERS, 0.0), mentions="std", why="zero width"),
    BadCall(MODES, (POINTS, CENTERS, 0.1), {"min_share": 1.5}, mentions="min_share",
            why="share above 1"),
    BadCall(MODES, (POINTS, CENTERS[:, :1], 0.1), mentions="centers",
            why="centres of another dimension"),
    BadCall(MODES, (POINTS, CENTERS, 0.1), {"num_std": -3.0}, mentions="num_std",
            why="negative number of standard deviations"),
]

"""Generative adversarial networks as a Keras ``Model``, and toy distributions to train them on.

A GAN trains two networks against each other: a generator :math:`G(z)` maps noise
:math:`z \\sim N(0, I)` to samples, a discriminator :math:`D(x)` says how likely
:math:`x` is real. With logits :math:`\\ell = \\mathrm{logit}\\, D`:

- discriminator (binary cross-entropy, real = 1, fake = 0):
  :math:`L_D = -\\mathbb{E}\\log D(x) - \\mathbb{E}\\log(1 - D(G(z)))`;
- generator, ``loss="non_saturating"`` (Goodfellow et al. 2014, the practical choice):
  :math:`L_G = -\\mathbb{E}\\log D(G(z))`;
- generator, ``loss="saturating"`` (the minimax game as written):
  :math:`L_G = \\mathbb{E}\\log(1 - D(G(z)))`.

``GAN.fit(real_samples)`` runs ``discriminator_steps`` discriminator updates and one
generator update per batch (``train_step``), and reports ``d_loss`` and ``g_loss``.
Notebook 09 builds it from the equations; notebook 10 reuses it on gene expression as
``ConditionalGAN``, whose generator and discriminator both read the class label.
"""

from __future__ import annotations

from typing import Any

import keras
import numpy as np
import tensorflow as tf
from numpy.typing import NDArray

from helpers.course.validation import (
    as_class_labels,
    as_float_array,
    check_budget,
    check_choice,
    check_integer,
    check_number,
    check_positive_int,
    check_same_length,
    check_seed,
    describe,
)

LOSSES = ("non_saturating", "saturating")

#: Largest number of samples ``GAN.generate`` and the toy distributions make in one call.
MAX_SAMPLES = 10_000_000


def _check_network(value: Any, name: str) -> keras.Model:
    """Return ``value`` if it is a built Keras model with one input and one output."""
    if not isinstance(value, keras.Model):
        raise TypeError(
            f"`{name}` must be a Keras model (keras.Sequential or keras.Model), but got "
            f"{describe(value)}. Build it with keras.Sequential([keras.Input(...), ...])."
        )
    try:
        inputs, outputs = value.inputs, value.outputs
    except (AttributeError, ValueError):
        inputs = outputs = None
    if not inputs or not outputs or len(inputs) != 1 or len(outputs) != 1:
        raise ValueError(
            f"`{name}` must be built with one input and one output; start it with "
            "keras.Input(shape=...) so its shapes are known."
        )
    return value


def _checked_arguments(
    generator: Any,
    discriminator: Any,
    latent_dim: Any,
    loss: Any,
    discriminator_steps: Any,
    num_classes: int = 0,
) -> tuple[keras.Model, keras.Model, int, str, int]:
    """The GAN's arguments, checked; with ``num_classes`` > 0 both networks also read a label."""
    generator = _check_network(generator, "generator")
    discriminator = _check_network(discriminator, "discriminator")
    latent_dim = check_positive_int(latent_dim, "latent_dim", maximum=100_000)
    loss = check_choice(loss, "loss", LOSSES)
    discriminator_steps = check_positive_int(
        discriminator_steps, "discriminator_steps", maximum=100
    )
    generator_input = tuple(generator.inputs[0].shape[1:])
    if num_classes and generator_input != (latent_dim + num_classes,):
        raise ValueError(
            f"`generator` reads inputs of shape {generator_input}, but a conditional generator "
            f"reads the noise and the one-hot label side by side: (latent_dim + num_classes,) "
            f"= ({latent_dim + num_classes},). Start it with "
            f"keras.Input(({latent_dim + num_classes},))."
        )
    if not num_classes and generator_input != (latent_dim,):
        raise ValueError(
            f"`generator` takes inputs of shape {generator_input}, but "
            f"`latent_dim` is {latent_dim}; make them agree."
        )
    sample_shape = tuple(generator.outputs[0].shape[1:])
    if num_classes and len(sample_shape) != 1:
        raise ValueError(
            f"`generator` makes samples of shape {sample_shape}; a conditional GAN here makes "
            "rows of a table, shape (features,). Flatten its output."
        )
    expected = (sample_shape[0] + num_classes,) if num_classes else sample_shape
    if expected != tuple(discriminator.inputs[0].shape[1:]):
        reads = "a sample and its one-hot label side by side, shape" if num_classes else "read"
        raise ValueError(
            f"`generator` makes samples of shape {sample_shape}, so "
            f"`discriminator` must {reads} {expected}, but it reads "
            f"{tuple(discriminator.inputs[0].shape[1:])}; make them agree."
        )
    if tuple(discriminator.outputs[0].shape[1:]) not in ((1,), ()):
        raise ValueError(
            f"`discriminator` must give one logit per sample, but its output has shape "
            f"{tuple(discriminator.outputs[0].shape[1:])}; end it with Dense(1)."
        )
    return generator, discriminator, latent_dim, loss, discriminator_steps


class GAN(keras.Model):
    """A generator and a discriminator trained against each other by ``fit``.

    Args:
        generator: Keras model from noise (latent_dim,) to a sample.
        discriminator: Keras model from a sample to one *logit* per sample (no sigmoid).
        latent_dim: size of the noise vector z; must match the generator's input.
        loss: ``"non_saturating"`` or ``"saturating"`` (see the module).
        discriminator_steps: discriminator updates per generator update.
    """

    def __init__(
        self,
        generator: keras.Model,
        discriminator: keras.Model,
        latent_dim: int,
        loss: str = "non_saturating",
        discriminator_steps: int = 1,
        **kwargs: Any,
    ) -> None:
        checked = _checked_arguments(
            generator, discriminator, latent_dim, loss, discriminator_steps
        )
        super().__init__(**kwargs)
        self._set_up(*checked)

    def _set_up(
        self,
        generator: keras.Model,
        discriminator: keras.Model,
        latent_dim: int,
        loss: str,
        discriminator_steps: int,
    ) -> None:
        """Keep the checked networks and settings, and make the two loss trackers."""
        self.generator = generator
        self.discriminator = discriminator
        self.latent_dim = latent_dim
        self.loss_name = loss
        self.discriminator_steps = discriminator_steps
        self.d_loss_tracker = keras.metrics.Mean(name="d_loss")
        self.g_loss_tracker = keras.metrics.Mean(name="g_loss")

    def compile(
        self,
        generator_optimizer: keras.optimizers.Optimizer,
        discriminator_optimizer: keras.optimizers.Optimizer,
        **kwargs: Any,
    ) -> None:
        """Set one optimizer per network (two time scales: give them different rates)."""
        for value, name in (
            (generator_optimizer, "generator_optimizer"),
            (discriminator_optimizer, "discriminator_optimizer"),
        ):
            if not isinstance(value, keras.optimizers.Optimizer):
                raise TypeError(
                    f"`{name}` must be a Keras optimizer, e.g. keras.optimizers.Adam(1e-3), "
                    f"but got {describe(value)}."
                )
        if generator_optimizer is discriminator_optimizer:
            raise ValueError(
                "`generator_optimizer` and `discriminator_optimizer` are the same object; "
                "create one optimizer per network."
            )
        super().compile(**kwargs)
        self.generator_optimizer = generator_optimizer
        self.discriminator_optimizer = discriminator_optimizer

    @property
    def metrics(self) -> list[keras.metrics.Metric]:
        """The running means ``fit`` reports and resets every epoch."""
        return [self.d_loss_tracker, self.g_loss_tracker]

    def call(self, z: tf.Tensor, training: bool = False) -> tf.Tensor:
        """Generated samples for noise ``z``."""
        return self.generator(z, training=training)

    def _discriminator_loss(self, real: tf.Tensor, fake: tf.Tensor) -> tf.Tensor:
        real_logits = self.discriminator(real, training=True)
        fake_logits = self.discriminator(fake, training=True)
        real_loss = tf.nn.sigmoid_cross_entropy_with_logits(tf.ones_like(real_logits), real_logits)
        fake_loss = tf.nn.sigmoid_cross_entropy_with_logits(tf.zeros_like(fake_logits), fake_logits)
        return tf.reduce_mean(real_loss) + tf.reduce_mean(fake_loss)

    def _generator_loss(self, fake_logits: tf.Tensor) -> tf.Tensor:
        if self.loss_name == "saturating":  # log(1 - D(G(z))) = -softplus(logit)
            return -tf.reduce_mean(tf.nn.softplus(fake_logits))
        return tf.reduce_mean(  # -log D(G(z))
            tf.nn.sigmoid_cross_entropy_with_logits(tf.ones_like(fake_logits), fake_logits)
        )

    def _real_and_condition(self, data: Any) -> tuple[tf.Tensor, tf.Tensor | None]:
        """The real samples of a batch, and what both networks are conditioned on (None here)."""
        return (data[0] if isinstance(data, tuple) else data), None

    def _generator_input(self, batch: tf.Tensor, condition: tf.Tensor | None) -> tf.Tensor:
        """Fresh noise z for ``batch`` samples (``ConditionalGAN`` appends the label)."""
        return tf.random.normal((batch, self.latent_dim))

    def _discriminator_input(self, samples: tf.Tensor, condition: tf.Tensor | None) -> tf.Tensor:
        """What the discriminator reads: the samples (``ConditionalGAN`` appends the label)."""
        return samples

    def train_step(self, data: Any) -> dict[str, tf.Tensor]:
        """``discriminator_steps`` discriminator updates, then one generator update."""
        real, condition = self._real_and_condition(data)
        batch = tf.shape(real)[0]
        real_input = self._discriminator_input(real, condition)
        for _ in range(self.discriminator_steps):
            z = self._generator_input(batch, condition)
            with tf.GradientTape() as tape:
                fake = self.generator(z, training=True)
                d_loss = self._discriminator_loss(
                    real_input, self._discriminator_input(fake, condition)
                )
            weights = self.discriminator.trainable_weights
            self.discriminator_optimizer.apply_gradients(
                zip(tape.gradient(d_loss, weights), weights)
            )
        z = self._generator_input(batch, condition)
        with tf.GradientTape() as tape:
            fake = self.generator(z, training=True)
            fake_logits = self.discriminator(
                self._discriminator_input(fake, condition), training=True
            )
            g_loss = self._generator_loss(fake_logits)
        weights = self.generator.trainable_weights
        self.generator_optimizer.apply_gradients(zip(tape.gradient(g_loss, weights), weights))
        self.d_loss_tracker.update_state(d_loss)
        self.g_loss_tracker.update_state(g_loss)
        return {metric.name: metric.result() for metric in self.metrics}

    def generate(self, num_samples: int, seed: int = 0) -> NDArray[np.float32]:
        """``num_samples`` generated samples as a NumPy array, from noise drawn with ``seed``."""
        num_samples = check_positive_int(num_samples, "num_samples", maximum=MAX_SAMPLES)
        seed = check_seed(seed)
        check_budget(num_samples * self.latent_dim, "num_samples x latent_dim", bytes_per_value=4)
        z = np.random.default_rng(seed).normal(size=(num_samples, self.latent_dim))
        return np.asarray(self.generator.predict(z.astype("float32"), verbose=0, batch_size=4096))


def ring_of_gaussians(
    num_samples: int,
    num_modes: int = 8,
    radius: float = 2.0,
    std: float = 0.05,
    seed: int = 0,
) -> tuple[NDArray[np.float32], NDArray[np.float64]]:
    """Samples (n, 2) from ``num_modes`` Gaussians of width ``std`` on a circle, and the centres.

    Each sample picks a mode uniformly at random; the centres (num_modes, 2) lie at
    equal angles on a circle of ``radius`` (the standard GAN mode-collapse benchmark).
    """
    num_samples = check_positive_int(num_samples, "num_samples", maximum=MAX_SAMPLES)
    num_modes = check_positive_int(num_modes, "num_modes", maximum=1000)
    radius = check_number(radius, "radius", low=0.0, low_open=True)
    std = check_number(std, "std", low=0.0, low_open=True)
    seed = check_seed(seed)
    angles = 2 * np.pi * np.arange(num_modes) / num_modes
    centers = radius * np.stack([np.cos(angles), np.sin(angles)], axis=1)
    rng = np.random.default_rng(seed)
    modes = rng.integers(0, num_modes, size=num_samples)
    samples = centers[modes] + rng.normal(scale=std, size=(num_samples, 2))
    return samples.astype(np.float32), centers


def gaussian_mixture_1d(
    num_samples: int,
    means: tuple[float, ...] = (-2.0, 2.0),
    std: float = 0.5,
    seed: int = 0,
) -> NDArray[np.float32]:
    """``num_samples`` numbers (n, 1) from an equal mixture of Gaussians of width ``std``."""
    num_samples = check_positive_int(num_samples, "num_samples", maximum=MAX_SAMPLES)
    if not isinstance(means, tuple | list) or not means:
        raise TypeError(
            f"`means` must be a non-empty tuple of numbers, e.g. (-2.0, 2.0), but got "
            f"{describe(means)}."
        )
    centres = np.array([check_number(m, f"means[{i}]") for i, m in enumerate(means)])
    std = check_number(std, "std", low=0.0, low_open=True)
    seed = check_seed(seed)
    rng = np.random.default_rng(seed)
    modes = rng.integers(0, len(centres), size=num_samples)
    samples = centres[modes] + rng.normal(scale=std, size=num_samples)
    return samples[:, None].astype(np.float32)


class ConditionalGAN(GAN):
    """A GAN whose generator and discriminator both see the class label (Mirza & Osindero 2014).

    :math:`G(z, y)` reads the noise and the one-hot label side by side, :math:`[z; y]`;
    :math:`D(x, y)` reads a sample and its one-hot label, :math:`[x; y]`. The losses are
    those of ``GAN``; ``fit(samples, labels)`` takes class indices 0 .. num_classes - 1, and
    ``generate(labels=...)`` makes one sample per requested label.

    Args:
        generator: Keras model from (latent_dim + num_classes,) to a row (features,).
        discriminator: Keras model from (features + num_classes,) to one logit.
        latent_dim: size of the noise vector z.
        num_classes: number of classes (at least 2).
        loss: ``"non_saturating"`` or ``"saturating"``.
        discriminator_steps: discriminator updates per generator update.
    """

    def __init__(
        self,
        generator: keras.Model,
        discriminator: keras.Model,
        latent_dim: int,
        num_classes: int = 2,
        loss: str = "non_saturating",
        discriminator_steps: int = 1,
        **kwargs: Any,
    ) -> None:
        num_classes = check_integer(num_classes, "num_classes", low=2, high=10_000)
        checked = _checked_arguments(
            generator, discriminator, latent_dim, loss, discriminator_steps, num_classes
        )
        keras.Model.__init__(self, **kwargs)  # GAN.__init__ would check for an unconditional pair
        self._set_up(*checked)
        self.num_classes = num_classes

    def _real_and_condition(self, data: Any) -> tuple[tf.Tensor, tf.Tensor | None]:
        """The real rows of a batch and their one-hot labels."""
        labels = tf.cast(tf.reshape(data[1], [-1]), tf.int32)
        return tf.cast(data[0], tf.float32), tf.one_hot(labels, self.num_classes)

    def _generator_input(self, batch: tf.Tensor, condition: tf.Tensor | None) -> tf.Tensor:
        """[z; y]: fresh noise beside the one-hot label."""
        return tf.concat([tf.random.normal((batch, self.latent_dim)), condition], axis=1)

    def _discriminator_input(self, samples: tf.Tensor, condition: tf.Tensor | None) -> tf.Tensor:
        """[x; y]: the rows beside their one-hot labels."""
        return tf.concat([samples, condition], axis=1)

    def fit(self, x: Any = None, y: Any = None, **kwargs: Any) -> Any:
        """``keras.Model.fit`` on samples ``x`` (n, features) and class indices ``y`` (n,).

        The labels are checked first (whole numbers from 0 to num_classes - 1, one per row),
        so a wrong call fails with a clear message rather than inside TensorFlow.
        """
        samples = as_float_array(x, "x", ndim=2)
        classes = as_class_labels(y, "y", num_classes=self.num_classes)
        check_same_length(samples, classes, ("x", "y"))
        features = tuple(self.generator.outputs[0].shape[1:])
        if samples.shape[1:] != features:
            raise ValueError(
                f"`x` has {samples.shape[1]} features per row, but the generator makes rows of "
                f"{features[0]}; train on the table the networks were built for."
            )
        return super().fit(samples.astype("float32"), classes, **kwargs)

    def generate(
        self, num_samples: int | None = None, seed: int = 0, labels: Any = None
    ) -> NDArray[np.float32]:
        """One generated row per entry of ``labels`` (class indices), noise drawn with ``seed``.

        ``num_samples`` may be left out; if given it must equal ``len(labels)``.
        """
        if labels is None:
            raise TypeError(
                "`labels` is required: pass the class index of every row to generate, e.g. "
                "labels=np.repeat([0, 1], [100, 20])."
            )
        classes = as_class_labels(labels, "labels", num_classes=self.num_classes)
        if classes.ndim != 1 or classes.size == 0:
            raise ValueError(f"`labels` must be a non-empty 1-D array, got shape {classes.shape}.")
        if num_samples is not None:
            num_samples = check_positive_int(num_samples, "num_samples", maximum=MAX_SAMPLES)
            if num_samples != classes.size:
                raise ValueError(
                    f"`num_samples` is {num_samples} but `labels` has {classes.size} entries; "
                    "leave `num_samples` out or make them agree."
                )
        check_positive_int(classes.size, "len(labels)", maximum=MAX_SAMPLES)
        seed = check_seed(seed)
        check_budget(classes.size * self.latent_dim, "len(labels) x latent_dim", bytes_per_value=4)
        z = np.random.default_rng(seed).normal(size=(classes.size, self.latent_dim))
        inputs = np.concatenate([z, np.eye(self.num_classes)[classes]], axis=1).astype("float32")
        # Called directly rather than through predict: no tf.function is traced per model, so
        # a notebook that trains one GAN per fold shows no retracing warnings.
        return np.concatenate(
            [
                np.asarray(self.generator(inputs[start : start + 4096], training=False))
                for start in range(0, len(inputs), 4096)
            ]
        )

"""The GAN model (helpers.synthetic.gan) and the distribution distances (helpers.evaluation)."""

from __future__ import annotations

import keras
import numpy as np
import pytest
import tensorflow as tf
from scipy.stats import wasserstein_distance

from helpers.evaluation.distributions import (
    mmd_rbf,
    mode_report,
    sliced_wasserstein,
    wasserstein_1d,
)
from helpers.synthetic.gan import GAN, gaussian_mixture_1d, ring_of_gaussians


def _mlp(inputs: int, outputs: int, units: int = 16) -> keras.Model:
    return keras.Sequential(
        [keras.Input((inputs,)), keras.layers.Dense(units, activation="relu"),
         keras.layers.Dense(outputs)]
    )


# --- distances ------------------------------------------------------------------------------


def test_wasserstein_1d_is_scipys_and_a_shift_moves_it_by_the_shift() -> None:
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=500), rng.normal(size=300)
    assert wasserstein_1d(a, b) == pytest.approx(wasserstein_distance(a, b))
    assert wasserstein_1d(a, a + 1.5) == pytest.approx(1.5)
    assert wasserstein_1d(a, a) == 0.0


def test_sliced_wasserstein_of_a_shift_is_the_mean_projected_shift() -> None:
    rng = np.random.default_rng(1)
    points = rng.normal(size=(400, 2))
    shift = np.array([3.0, 0.0])
    # E|theta . shift| over unit directions in 2-D is 2 |shift| / pi
    assert sliced_wasserstein(points, points + shift, num_projections=2000) == pytest.approx(
        2 * 3.0 / np.pi, rel=0.03
    )
    assert sliced_wasserstein(points, points) == 0.0
    same = sliced_wasserstein(points, points + shift, seed=5)
    assert sliced_wasserstein(points, points + shift, seed=5) == same  # same directions


def test_mmd_is_zero_for_equal_samples_and_grows_with_the_difference() -> None:
    rng = np.random.default_rng(2)
    x = rng.normal(size=(300, 2))
    y = rng.normal(size=(300, 2))
    assert mmd_rbf(x, x) == pytest.approx(0.0, abs=1e-12)
    near, far = mmd_rbf(x, y), mmd_rbf(x, y + 2.0)
    assert 0 <= near < 0.02 < far
    # the equation on two points: 1 + 1 - 2 k(x, y), with k = exp(-d^2 / (2 sigma^2))
    assert mmd_rbf([[0.0]], [[1.0]], bandwidth=1.0) == pytest.approx(2 - 2 * np.exp(-0.5))


def test_mode_report_counts_covered_modes_and_quality() -> None:
    samples, centers = ring_of_gaussians(4000, std=0.05, seed=0)
    full = mode_report(samples, centers, std=0.05)
    assert full.modes_covered == 8 and full.high_quality_share > 0.98
    collapsed = samples[np.linalg.norm(samples - centers[0], axis=1) < 0.5]
    assert mode_report(collapsed, centers, std=0.05).modes_covered == 1
    blurred = samples + np.random.default_rng(0).normal(scale=0.5, size=samples.shape)
    report = mode_report(blurred, centers, std=0.05)
    assert report.high_quality_share < 0.2
    assert "of 8 modes covered" in str(report)
    assert sum(report.counts) == round(report.high_quality_share * len(blurred))


def test_toy_distributions() -> None:
    samples, centers = ring_of_gaussians(1000, num_modes=4, radius=3.0, std=0.1, seed=1)
    assert samples.shape == (1000, 2) and centers.shape == (4, 2)
    np.testing.assert_allclose(np.linalg.norm(centers, axis=1), 3.0)
    np.testing.assert_array_equal(samples, ring_of_gaussians(1000, 4, 3.0, 0.1, seed=1)[0])
    values = gaussian_mixture_1d(2000, means=(-2.0, 2.0), std=0.5, seed=0)
    assert values.shape == (2000, 1)
    assert abs(np.mean(values > 0) - 0.5) < 0.05 and abs(np.mean(np.abs(values)) - 2) < 0.1


# --- the GAN model ---------------------------------------------------------------------------


def test_gan_losses_are_the_equations() -> None:
    keras.utils.set_random_seed(0)
    gan = GAN(_mlp(2, 2), _mlp(2, 1), latent_dim=2)
    real = tf.constant(np.random.default_rng(0).normal(size=(8, 2)), tf.float32)
    fake = tf.constant(np.random.default_rng(1).normal(size=(8, 2)), tf.float32)
    d_real = tf.sigmoid(gan.discriminator(real)).numpy()
    d_fake = tf.sigmoid(gan.discriminator(fake)).numpy()
    expected = -np.mean(np.log(d_real)) - np.mean(np.log(1 - d_fake))
    assert float(gan._discriminator_loss(real, fake)) == pytest.approx(expected, rel=1e-5)
    logits = gan.discriminator(fake)
    assert float(gan._generator_loss(logits)) == pytest.approx(-np.mean(np.log(d_fake)), rel=1e-5)
    gan.loss_name = "saturating"
    saturating = np.mean(np.log(1 - d_fake))
    assert float(gan._generator_loss(logits)) == pytest.approx(saturating, rel=1e-5)


def test_gan_fit_reports_its_metrics_and_learns_a_shift() -> None:
    keras.utils.set_random_seed(0)
    real = gaussian_mixture_1d(2048, means=(3.0,), std=0.5, seed=0)
    gan = GAN(_mlp(1, 1), _mlp(1, 1), latent_dim=1)
    gan.compile(keras.optimizers.Adam(5e-3, beta_1=0.5), keras.optimizers.Adam(5e-3, beta_1=0.5))
    before = wasserstein_1d(gan.generate(2000, seed=1)[:, 0], real[:, 0])
    history = gan.fit(real, epochs=8, batch_size=64, verbose=0)
    assert set(history.history) == {"d_loss", "g_loss"} and len(history.history["d_loss"]) == 8
    after = wasserstein_1d(gan.generate(2000, seed=1)[:, 0], real[:, 0])
    assert after < 0.5 * before
    np.testing.assert_array_equal(gan.generate(5, seed=3), gan.generate(5, seed=3))


def test_discriminator_steps_update_the_discriminator_that_many_times() -> None:
    keras.utils.set_random_seed(0)
    real, _ = ring_of_gaussians(256, seed=0)
    gan = GAN(_mlp(2, 2), _mlp(2, 1), latent_dim=2, loss="saturating", discriminator_steps=3)
    gan.compile(keras.optimizers.Adam(1e-3), keras.optimizers.Adam(1e-3))
    history = gan.fit(real, epochs=1, batch_size=64, verbose=0)
    generator_steps = int(gan.generator_optimizer.iterations)
    assert generator_steps == 4  # 256 samples in batches of 64
    assert int(gan.discriminator_optimizer.iterations) == 3 * generator_steps
    assert np.isfinite(history.history["d_loss"][0]) and np.isfinite(history.history["g_loss"][0])


def test_gan_refuses_networks_that_do_not_fit_together() -> None:
    with pytest.raises(ValueError, match="`latent_dim` is 3"):
        GAN(_mlp(2, 2), _mlp(2, 1), latent_dim=3)
    with pytest.raises(ValueError, match="`discriminator` must read \\(3,\\)"):
        GAN(_mlp(2, 3), _mlp(2, 1), latent_dim=2)
    with pytest.raises(ValueError, match="one logit per sample"):
        GAN(_mlp(2, 2), _mlp(2, 2), latent_dim=2)
    gan = GAN(_mlp(2, 2), _mlp(2, 1), latent_dim=2)
    optimizer = keras.optimizers.Adam()
    with pytest.raises(ValueError, match="one optimizer per network"):
        gan.compile(optimizer, optimizer)


# --- the notebook's full-run path, on a small written MedMNIST file ---------------------------


def test_notebook_full_run_path_on_a_fixture_file(tmp_path, monkeypatch, run_notebook) -> None:
    from test_medmnist import medmnist_arrays

    path = tmp_path / "pneumoniamnist.npz"
    np.savez_compressed(path, **medmnist_arrays())
    monkeypatch.setenv("MEDICAL_DL_DATA_DIR", str(tmp_path / "cache"))
    figures = run_notebook(
        "09_gans_from_the_equations",
        data_mode="pneumoniamnist",
        medmnist_path=str(path),
        dcgan_epochs=2,
        dcgan_filters=8,
        num_samples=2000,
        ring_epochs=2,
        bimodal_epochs=2,
    )
    assert figures["data_mode"] == "pneumoniamnist"
    assert figures["dcgan_images"] == 64 and figures["dcgan_epochs_run"] == 2
    assert np.isfinite(figures["dcgan_final_d_loss"]) and np.isfinite(figures["dcgan_final_g_loss"])
    assert not list((tmp_path / "cache").rglob("*.npz"))  # the user's file was used as is

"""Synthetic chest X-rays with known pneumonia masks, so the truth is never in doubt.

Each image is a frontal chest radiograph drawn from simple parts: a soft-tissue body,
two dark lung fields, a bright mediastinum, curved ribs over the lungs, a random
contrast (gamma and gain), a random shift and scale, and noise. An image labelled
*pneumonia* carries one to three patchy opacities (airspace consolidation) that lie
inside the lungs; the generator returns their pixel mask with the image, so an
explanation method such as Grad-CAM can be scored against where the disease really is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np
from numpy.typing import NDArray

from helpers.course.validation import check_budget, check_fraction, check_positive_int, check_seed
from helpers.data.containers import Dataset


@dataclass(frozen=True, kw_only=True)
class SyntheticXrays(Dataset):
    """Images ``(n, size, size, 1)`` in [0, 1] with 0/1 labels, lesion masks and lung masks."""

    sample_fields: ClassVar[tuple[str, ...]] = (*Dataset.sample_fields, "masks", "lung_masks")

    masks: NDArray[np.bool_]
    lung_masks: NDArray[np.bool_]
    unit: str = "images"


def _ellipse(
    x: NDArray[np.floating],
    y: NDArray[np.floating],
    cx: NDArray[np.floating] | float,
    cy: NDArray[np.floating] | float,
    rx: NDArray[np.floating] | float,
    ry: NDArray[np.floating] | float,
) -> NDArray[np.floating]:
    """Squared normalised radius of each pixel in an ellipse: < 1 inside."""
    return ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2


def _smooth_noise(
    rng: np.random.Generator, shape: tuple[int, int, int], sigma: float
) -> NDArray[np.float64]:
    """Gaussian-smoothed white noise with unit standard deviation per image."""
    from scipy.ndimage import gaussian_filter

    noise = gaussian_filter(rng.normal(size=shape), sigma=(0, sigma, sigma), mode="wrap")
    return noise / noise.std(axis=(1, 2), keepdims=True)


def make_synthetic_xrays(
    num_images: int,
    image_size: int = 64,
    prevalence: float = 0.3,
    lesion_contrast: float = 0.3,
    seed: int = 0,
) -> SyntheticXrays:
    """Draw ``num_images`` synthetic chest X-rays; a share ``prevalence`` has pneumonia.

    Args:
        num_images: number of images.
        image_size: side length in pixels (at least 32).
        prevalence: expected share of images with pneumonia (label 1), strictly
            between 0 and 1.
        lesion_contrast: peak brightness an opacity adds (0.1 subtle, 0.4 obvious),
            strictly between 0 and 1.
        seed: random seed (an integer from 0 to 2**32 - 1); the same seed gives the
            same images.

    Raises:
        TypeError: an argument of the wrong type.
        ValueError: an argument out of range, or more images than the memory budget
            allows (``helpers.course.validation.MEMORY_BUDGET_BYTES``).

    Returns:
        ``SyntheticXrays`` with ``images`` (float32, bright = dense, like a radiograph),
        ``labels`` (int64), ``masks`` (bool, the opacities; all False for healthy
        images) and ``lung_masks`` (bool, the lung fields).
    """
    num_images = check_positive_int(num_images, "num_images")
    size = check_positive_int(image_size, "image_size")
    if size < 32:
        raise ValueError(f"`image_size` must be at least 32 pixels, got {size}.")
    prevalence = check_fraction(prevalence, "prevalence")
    lesion_contrast = check_fraction(lesion_contrast, "lesion_contrast")
    seed = check_seed(seed)
    check_budget(num_images * size * size, "`num_images` * `image_size`**2")
    rng = np.random.default_rng(seed)

    def per_image(low: float, high: float) -> NDArray[np.float64]:
        return rng.uniform(low, high, size=(num_images, 1, 1))

    y, x = np.mgrid[0:size, 0:size].astype(np.float32) / size  # coordinates in [0, 1)
    x, y = x[None], y[None]
    # Patient position and build: shift, scale and aspect vary from image to image.
    cx, cy = 0.5 + per_image(-0.05, 0.05), 0.52 + per_image(-0.05, 0.05)
    scale = per_image(0.88, 1.08)
    body = _ellipse(x, y, cx, cy + 0.05, 0.46 * scale, 0.55 * scale) < 1.0
    lung_dx, lung_rx, lung_ry = 0.19 * scale, 0.145 * scale, 0.3 * scale
    lung_left = _ellipse(x, y, cx - lung_dx, cy - 0.02, lung_rx, lung_ry) < 1.0
    lung_right = _ellipse(x, y, cx + lung_dx, cy - 0.02, lung_rx * 1.08, lung_ry) < 1.0
    lungs = (lung_left | lung_right) & body
    heart = _ellipse(x, y, cx + 0.04, cy + 0.2, 0.15 * scale, 0.12 * scale) < 1.0

    image = np.where(body, 0.55, 0.08) + 0.05 * per_image(-1, 1)
    image = np.where(lungs, 0.22 + 0.05 * per_image(-1, 1), image)
    image = np.where(heart & body, 0.62, image)
    # Ribs: curved bright bands with a random spacing and phase, visible over the lungs.
    rib_spacing = per_image(0.075, 0.095) * scale
    rib_phase = per_image(0.0, 1.0)
    curve = y + 0.25 * (x - cx) ** 2 / scale
    ribs = np.cos(2 * np.pi * (curve / rib_spacing + rib_phase)) > 0.55
    image = image + 0.09 * (ribs & lungs)

    labels = (rng.random(num_images) < prevalence).astype(np.int64)
    masks = np.zeros((num_images, size, size), dtype=bool)
    opacity = np.zeros((num_images, size, size), dtype=np.float32)
    texture = 0.6 + 0.4 * _smooth_noise(rng, (num_images, size, size), sigma=size / 32)
    for index in np.flatnonzero(labels):
        for _ in range(rng.integers(1, 4)):  # one to three patches
            side = rng.choice([-1.0, 1.0])
            angle, radius = rng.uniform(0, 2 * np.pi), np.sqrt(rng.uniform(0, 0.5))
            px = (
                cx[index, 0, 0]
                + side * lung_dx[index, 0, 0]
                + radius * np.cos(angle) * lung_rx[index, 0, 0]
            )
            py = cy[index, 0, 0] - 0.02 + radius * np.sin(angle) * lung_ry[index, 0, 0]
            spread = rng.uniform(0.06, 0.1)
            blob = np.exp(-((x[0] - px) ** 2 + (y[0] - py) ** 2) / (2 * spread**2))
            patch = blob * np.clip(texture[index], 0.0, None) * lungs[index]
            opacity[index] = np.maximum(opacity[index], patch)
        masks[index] = opacity[index] > 0.25
        if not masks[index].any():  # a patch at the lung edge: keep the strongest pixels
            masks[index] = opacity[index] >= 0.8 * opacity[index].max()
    image = image + lesion_contrast * rng.uniform(0.8, 1.2, size=(num_images, 1, 1)) * opacity

    # Exposure: gamma and gain differ between machines; then quantum noise and blur.
    from scipy.ndimage import gaussian_filter

    image = np.clip(image, 0.0, 1.0) ** per_image(0.8, 1.25) * per_image(0.85, 1.1)
    image = gaussian_filter(image, sigma=(0, 0.6, 0.6))
    image = image + rng.normal(0.0, 0.035, size=image.shape)
    images = np.clip(image, 0.0, 1.0).astype(np.float32)[..., None]
    return SyntheticXrays(
        inputs=images,
        labels=labels,
        masks=masks,
        lung_masks=lungs,
        class_names=("normal", "pneumonia"),
    )

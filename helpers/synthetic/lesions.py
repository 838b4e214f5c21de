"""Fundus patches with and without a synthetic microaneurysm-like lesion (notebook 04)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np
from numpy.typing import NDArray

from helpers.course.validation import (
    as_float_array,
    check_budget,
    check_fraction,
    check_positive_int,
    check_seed,
)
from helpers.data.containers import Dataset
from helpers.data.examples import load_example_image

#: Largest side, in pixels, the retina photograph is resized to (it has 1411 pixels).
MAX_SOURCE_SIZE = 4096

#: Tries to place one crop inside a ``region`` before the region counts as too small.
MAX_PLACEMENT_TRIES = 10_000


@dataclass(frozen=True, kw_only=True)
class LesionPatches(Dataset):
    """Fundus patches; ``corners`` holds each crop's (top, left) pixel in the source image."""

    sample_fields: ClassVar[tuple[str, ...]] = (*Dataset.sample_fields, "corners")

    corners: NDArray[np.integer]  # (patches, 2)


def _check_region(region: object, source_size: int, patch_size: int) -> tuple[int, ...] | None:
    """``region`` (top, bottom, left, right fractions of the image) as pixel bounds, or None."""
    if region is None:
        return None
    values = as_float_array(region, "region")
    if values.shape != (4,) or np.any(values < 0) or np.any(values > 1):
        raise ValueError(
            "`region` must be four fractions of the image in [0, 1]: (top, bottom, left, "
            f"right), got {region!r}."
        )
    top, bottom, left, right = (int(round(value * source_size)) for value in values)
    if bottom - top < patch_size or right - left < patch_size:
        raise ValueError(
            f"`region` {region!r} is smaller than one patch of {patch_size} pixels; "
            "choose a larger region or smaller patches."
        )
    return top, bottom, left, right


def make_lesion_patches(
    num_patches: int,
    patch_size: int = 32,
    *,
    positive_fraction: float = 0.5,
    contrast: float = 0.2,
    seed: int = 0,
    source_size: int = 512,
    region: tuple[float, float, float, float] | None = None,
) -> LesionPatches:
    """Fundus patches, some with a small bright round lesion at a random place.

    Background: random ``patch_size`` crops of the retina image (green channel, resized to
    ``source_size``), each flipped at random, plus a little noise. A positive patch gets a
    Gaussian spot (radius about 1.5-3 pixels) whose peak adds ``contrast`` to the local
    brightness. Labels are exact: 1 = lesion, 0 = no lesion.

    ``positive_fraction`` and ``contrast`` lie strictly between 0 and 1; ``patch_size``
    between 8 and ``source_size // 2``; ``source_size`` at most ``MAX_SOURCE_SIZE``;
    ``seed`` is an integer from 0 to 2**32 - 1. ``region`` = (top, bottom, left, right),
    fractions of the image, keeps every crop entirely inside that rectangle, so that
    patches of two disjoint regions share no pixel (None: anywhere on the fundus).

    Raises:
        TypeError: an argument of the wrong type.
        ValueError: an argument out of range, more patches than the memory budget
            allows (``helpers.course.validation.MEMORY_BUDGET_BYTES``), or a region in
            which no crop fits on the fundus.

    Returns:
        A ``LesionPatches``: ``inputs`` float32 (num_patches, patch_size, patch_size, 1) in
        [0, 1], ``labels`` int64 (num_patches,), ``corners`` int64 (num_patches, 2): the
        (top, left) pixel of each crop in the retina image resized to ``source_size``.
    """
    num_patches = check_positive_int(num_patches, "num_patches")
    patch_size = check_positive_int(patch_size, "patch_size")
    source_size = check_positive_int(source_size, "source_size", maximum=MAX_SOURCE_SIZE)
    positive_fraction = check_fraction(positive_fraction, "positive_fraction")
    contrast = check_fraction(contrast, "contrast")
    seed = check_seed(seed)
    if patch_size < 8 or patch_size > source_size // 2:
        raise ValueError(
            f"`patch_size` must lie between 8 and source_size // 2 = {source_size // 2}, "
            f"got {patch_size}."
        )
    check_budget(num_patches * patch_size**2, "`num_patches` * `patch_size`**2", bytes_per_value=4)
    bounds = _check_region(region, source_size, patch_size)
    rng = np.random.default_rng(seed)
    fundus = load_example_image("retina", size=source_size)
    # keep crops inside the bright disc of the fundus (the corners are black)
    centre, radius = source_size / 2, 0.38 * source_size - patch_size
    labels = (rng.random(num_patches) < positive_fraction).astype(np.int64)
    rows, cols = np.mgrid[0:patch_size, 0:patch_size]
    patches = np.empty((num_patches, patch_size, patch_size, 1), dtype=np.float32)
    corners = np.empty((num_patches, 2), dtype=np.int64)
    for index in range(num_patches):
        for _ in range(MAX_PLACEMENT_TRIES):
            angle, distance = rng.uniform(0, 2 * np.pi), radius * np.sqrt(rng.random())
            top = int(centre + distance * np.sin(angle) - patch_size / 2)
            left = int(centre + distance * np.cos(angle) - patch_size / 2)
            if bounds is None or (
                bounds[0] <= top <= bounds[1] - patch_size
                and bounds[2] <= left <= bounds[3] - patch_size
            ):
                break
        else:
            raise ValueError(
                f"`region` {region!r} holds no {patch_size}-pixel crop of the fundus disc; "
                "choose a region nearer the image centre."
            )
        corners[index] = top, left
        patch = fundus[top : top + patch_size, left : left + patch_size].astype(np.float64)
        if rng.random() < 0.5:
            patch = patch[:, ::-1]
        patch = patch + rng.normal(0.0, 0.01, size=patch.shape)
        if labels[index]:
            spot_row, spot_col = rng.uniform(4, patch_size - 4, size=2)
            sigma = rng.uniform(1.5, 3.0)
            patch = patch + contrast * np.exp(
                -((rows - spot_row) ** 2 + (cols - spot_col) ** 2) / (2 * sigma**2)
            )
        patches[index, :, :, 0] = np.clip(patch, 0.0, 1.0)
    return LesionPatches(
        inputs=patches,
        labels=labels,
        corners=corners,
        class_names=("no lesion", "lesion"),
        unit="patches",
    )

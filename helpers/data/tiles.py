"""Tissue detection and tiling of a slide image (the first step of every pathology pipeline).

A whole-slide image is far too large for a network, and most of it is glass. The
pipeline finds the tissue (an Otsu threshold on the optical density, or on the colour
saturation: stained tissue absorbs light and is coloured, glass is bright and grey),
cuts the image into a grid of non-overlapping square tiles, and keeps the tiles that
are mostly tissue, remembering where each came from.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray
from skimage.color import rgb2hsv
from skimage.filters import threshold_otsu

from helpers.course.validation import (
    as_array,
    as_float_array,
    check_choice,
    check_positive_int,
    check_probability,
    check_same_length,
    check_text,
)
from helpers.scratch.stains import as_rgb_intensities, optical_density

TISSUE_METHODS = ("otsu", "saturation")
#: Smallest spread of the tissue feature (mean optical density or saturation) across the
#: image below which it holds no tissue: a blank or nearly uniform slide.
MIN_FEATURE_RANGE = 0.02


def _rgb_image(rgb: ArrayLike, name: str) -> NDArray[np.float64]:
    """One RGB image (rows, cols, 3) as float intensities in [0, 1], or raise."""
    pixels = as_rgb_intensities(rgb, name)
    if pixels.ndim != 3:
        raise ValueError(
            f"`{name}` must be one RGB image of shape (rows, cols, 3), but has shape "
            f"{pixels.shape}."
        )
    return pixels


def tissue_mask(rgb: ArrayLike, method: str = "otsu") -> NDArray[np.bool_]:
    """True where an RGB image (rows, cols, 3) shows tissue, False on background glass.

    ``method="otsu"``: Otsu's threshold (``skimage.filters.threshold_otsu``) on the mean
    optical density of the three channels; ``"saturation"``: Otsu's threshold on the HSV
    saturation. ``rgb`` is uint8 (0-255) or floats in [0, 1].

    Raises:
        ValueError: an empty image, a wrong shape or channel count, NaN, or an image
            without tissue (a single value, or a spread below ``MIN_FEATURE_RANGE``).
    """
    method = check_choice(check_text(method, "method"), "method", TISSUE_METHODS)
    pixels = _rgb_image(rgb, "rgb")
    if method == "otsu":
        feature, what = optical_density(pixels).mean(axis=-1), "mean optical density"
    else:
        feature, what = np.asarray(rgb2hsv(pixels)[..., 1], dtype=np.float64), "saturation"
    spread = float(feature.max() - feature.min())
    if spread < MIN_FEATURE_RANGE:
        raise ValueError(
            f"no tissue found in `rgb`: its {what} varies by only {spread:.3g} across the "
            f"image (less than {MIN_FEATURE_RANGE}), so it is all background (blank glass) "
            "or a single colour. Check that you passed the slide, not an empty region."
        )
    return np.asarray(feature > threshold_otsu(feature))


def _pixel_indices(value: ArrayLike, name: str) -> NDArray[np.int64]:
    """Whole numbers >= 0 (pixel positions, grid sizes) as an int64 vector, or raise."""
    values = as_float_array(value, name, ndim=1, allow_empty=True)
    if np.any(values != np.round(values)) or np.any(values < 0):
        raise ValueError(f"`{name}` must hold whole numbers >= 0, but got {value!r}.")
    return values.astype(np.int64)


@dataclass(frozen=True)
class Tiles:
    """Tiles cut from one image, with the top-left pixel of each in the source image.

    ``images`` (n, tile, tile, 3) float32 in [0, 1]; ``rows``, ``cols`` (n,) int64;
    ``tissue_share`` (n,) the share of each tile's pixels that are tissue;
    ``grid_shape`` (grid rows, grid cols) of the full grid the kept tiles come from.
    """

    images: NDArray[np.float32]
    rows: NDArray[np.int64]
    cols: NDArray[np.int64]
    tissue_share: NDArray[np.float64]
    grid_shape: tuple[int, int]

    def __post_init__(self) -> None:
        images = as_float_array(self.images, "images", ndim=4, low=0.0, high=1.0)
        count, size = images.shape[:2]
        if images.shape[2:] != (size, 3):
            raise ValueError(
                f"`images` must have shape (n, tile, tile, 3), but has shape {images.shape}."
            )
        for name in ("rows", "cols"):
            values = _pixel_indices(getattr(self, name), name)
            check_same_length(values, images, (name, "images"))
            object.__setattr__(self, name, values)
        share = as_float_array(self.tissue_share, "tissue_share", ndim=1, low=0.0, high=1.0)
        check_same_length(share, images, ("tissue_share", "images"))
        grid = _pixel_indices(self.grid_shape, "grid_shape")
        if grid.shape != (2,) or np.any(grid < 1):
            raise ValueError(
                f"`grid_shape` must be (grid rows, grid cols), two positive integers, but "
                f"got {self.grid_shape!r}."
            )
        object.__setattr__(self, "images", images.astype(np.float32))
        object.__setattr__(self, "tissue_share", share)
        object.__setattr__(self, "grid_shape", (int(grid[0]), int(grid[1])))

    @property
    def tile_size(self) -> int:
        """Side of one tile in pixels."""
        return int(self.images.shape[1])

    def __len__(self) -> int:
        return len(self.images)

    def grid_positions(self) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
        """(grid row, grid col) of every tile: its top-left pixel divided by the tile size."""
        return self.rows // self.tile_size, self.cols // self.tile_size


def _check_mask(mask: ArrayLike, shape: tuple[int, ...]) -> NDArray[np.bool_]:
    array = as_array(mask, "mask", ndim=2)
    if array.shape != shape:
        raise ValueError(
            f"`mask` must have the image's shape {shape} (rows, cols), but has shape "
            f"{array.shape}."
        )
    if array.dtype != np.bool_:
        values = as_float_array(array, "mask")
        if not np.all((values == 0) | (values == 1)):
            odd = values[(values != 0) & (values != 1)].flat[0]
            raise ValueError(
                f"`mask` must be True/False (or 0/1) for tissue/background, but holds values "
                f"such as {odd:g}; threshold it first, e.g. mask > 0.5."
            )
    return np.asarray(array, dtype=bool)


def cut_tiles(
    image: ArrayLike,
    tile_size: int,
    mask: ArrayLike | None = None,
    min_tissue: float = 0.5,
) -> Tiles:
    """Cut an RGB image (rows, cols, 3) into non-overlapping ``tile_size`` squares.

    A tile is kept if at least ``min_tissue`` of its pixels are tissue according to
    ``mask`` (rows, cols) of True/False (default: :func:`tissue_mask` of the image);
    ``min_tissue=0`` keeps every tile. Pixels past the last whole tile at the right and
    bottom edges are dropped. Tiles are listed row by row.

    Raises:
        ValueError: a wrong shape, channel count, dtype or NaN; ``tile_size`` larger than
            the image; a ``mask`` of another shape; or no tile with enough tissue.
    """
    pixels = _rgb_image(image, "image")
    tile_size = check_positive_int(tile_size, "tile_size")
    min_tissue = check_probability(min_tissue, "min_tissue")
    height, width = pixels.shape[:2]
    if tile_size > min(height, width):
        raise ValueError(
            f"`tile_size` = {tile_size} is larger than the image ({height} x {width} "
            "pixels); choose tiles smaller than the image."
        )
    tissue = tissue_mask(pixels) if mask is None else _check_mask(mask, (height, width))
    grid = (height // tile_size, width // tile_size)
    cropped = slice(0, grid[0] * tile_size), slice(0, grid[1] * tile_size)
    share = tissue[cropped].reshape(grid[0], tile_size, grid[1], tile_size).mean(axis=(1, 3))
    keep_rows, keep_cols = np.nonzero(share >= min_tissue)
    if keep_rows.size == 0:
        raise ValueError(
            f"no tile kept: none of the {grid[0] * grid[1]} tiles has at least "
            f"{min_tissue:.0%} tissue (the most has {share.max():.0%}). The image is all "
            "background at this `min_tissue`; lower `min_tissue` or check the mask."
        )
    tiles = pixels[cropped].reshape(grid[0], tile_size, grid[1], tile_size, 3)
    images = tiles.transpose(0, 2, 1, 3, 4)[keep_rows, keep_cols].astype(np.float32)
    return Tiles(
        images=images,
        rows=(keep_rows * tile_size).astype(np.int64),
        cols=(keep_cols * tile_size).astype(np.int64),
        tissue_share=share[keep_rows, keep_cols].astype(np.float64),
        grid_shape=grid,
    )

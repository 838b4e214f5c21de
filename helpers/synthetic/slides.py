"""Synthetic H&E-like whole slides cut into tiles, with a known tumour mask per tile (notebook 06).

Each slide is a ``grid`` x ``grid`` mosaic of tiles. Tissue is drawn in stain space
(haematoxylin, eosin and DAB concentrations, scikit-image's units) and turned into RGB by
Beer-Lambert with ``helpers.scratch.stains.stains_to_rgb``: nuclei are haematoxylin-stained
blobs on an eosin-stained background; tiles outside the tissue are nearly white glass.
Tumour tiles hold larger, darker, denser and irregular (two-lobed) nuclei. Normal tissue
has a few such atypical nuclei too, scattered at a rate that varies from slide to slide,
so one tumour tile is a local cluster, not a nucleus no normal slide has. A few
inflamed tiles on every slide hold dense, small, dark lymphocyte nuclei (a mimic: dark
but not large). Tumour forms one
contiguous region of tissue tiles whose share of all tiles is drawn from
``tumour_fraction``. Slides belong to patients: every slide of a patient shares the
patient's staining (how strongly haematoxylin and eosin took, the slide's brightness) and
the patient's diagnosis, so only a split by patient tells how a model does on new patients.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from helpers.course.validation import (
    as_array,
    as_float_array,
    check_budget,
    check_fraction,
    check_integer,
    check_positive_int,
    check_seed,
)
from helpers.scratch.stains import RGB_FROM_HED, stains_to_rgb

#: Largest number of tiles per side of a slide.
MAX_GRID = 64
#: Smallest and largest tile side in pixels.
MIN_TILE_SIZE, MAX_TILE_SIZE = 12, 128
#: Most slides one patient may have.
MAX_SLIDES_PER_PATIENT = 100
#: Most nuclei drawn in one tile (a tumour tile's count is capped here).
MAX_NUCLEI = 24
#: Nuclei of normal and tumour tissue per 24 x 24 pixels (Poisson means).
NORMAL_NUCLEI, TUMOUR_NUCLEI = 4.0, 9.0
#: Small, dark lymphocyte nuclei per 24 x 24 pixels in an inflamed tile (a tumour mimic).
INFLAMED_NUCLEI = 14.0
#: Highest share of atypical (large, dark, tumour-like) nuclei in normal tissue; each
#: slide draws its share uniformly from 0 to this.
MAX_ATYPIA = 0.2
#: Mean number of inflamed tiles per slide (Poisson), with or without tumour.
INFLAMED_TILES = 3.0

_TILES_PER_CHUNK = 1024


@dataclass(frozen=True)
class SyntheticSlides:
    """Slides as bags of tiles with the truth: which tiles hold tumour, which tissue.

    ``tiles`` float32 (slides, grid*grid, tile, tile, 3) in [0, 1], row-major over the
    grid; ``tile_tumour`` and ``tile_tissue`` bool (slides, grid*grid); ``labels`` int64
    (slides,): 1 if any tile holds tumour; ``patient_ids`` int64 (slides,);
    ``tumour_fraction`` float64 (slides,): the share of the slide's tiles with tumour
    (0 for negative slides); ``grid``: tiles per side.
    """

    tiles: NDArray[np.float32]
    tile_tumour: NDArray[np.bool_]
    tile_tissue: NDArray[np.bool_]
    labels: NDArray[np.int64]
    patient_ids: NDArray[np.int64]
    tumour_fraction: NDArray[np.float64]
    grid: int

    def __len__(self) -> int:
        return int(self.labels.shape[0])

    @property
    def tile_size(self) -> int:
        """Side of one tile in pixels."""
        return int(self.tiles.shape[2])

    def slide_image(self, index: int) -> NDArray[np.float32]:
        """Slide ``index`` as one RGB image (grid*tile, grid*tile, 3), tiles put back in place."""
        index = check_integer(index, "index", low=-len(self), high=len(self) - 1)
        size = self.tile_size
        tiles = self.tiles[index].reshape(self.grid, self.grid, size, size, 3)
        return np.ascontiguousarray(
            tiles.transpose(0, 2, 1, 3, 4).reshape(self.grid * size, self.grid * size, 3)
        )

    def tile_map(self, values: Any) -> NDArray[np.float64]:
        """Per-tile ``values`` (grid*grid,) of one slide as a (grid, grid) map, e.g. attention."""
        array = as_float_array(values, "values", shape=(self.grid * self.grid,), allow_nan=True)
        return array.reshape(self.grid, self.grid)

    def subset(self, indices: Any) -> SyntheticSlides:
        """The slides at ``indices`` (integer positions or a boolean mask), as a new object."""
        chosen = as_array(indices, "indices", ndim=1)
        if chosen.dtype == np.bool_:
            if chosen.shape[0] != len(self):
                raise ValueError(
                    f"`indices` as a boolean mask must have {len(self)} entries (one per slide), "
                    f"but has {chosen.shape[0]}."
                )
            chosen = np.flatnonzero(chosen)
        elif chosen.size and not np.issubdtype(chosen.dtype, np.integer):
            raise TypeError(
                f"`indices` must hold integer positions or booleans, but its dtype is "
                f"{chosen.dtype}. Use np.flatnonzero(mask) or .astype(int)."
            )
        chosen = chosen.astype(np.int64)
        if chosen.size and (chosen.min() < -len(self) or chosen.max() >= len(self)):
            raise ValueError(
                f"`indices` must lie in [-{len(self)}, {len(self) - 1}] for {len(self)} slides, "
                f"but run from {chosen.min()} to {chosen.max()}."
            )
        return SyntheticSlides(
            tiles=self.tiles[chosen],
            tile_tumour=self.tile_tumour[chosen],
            tile_tissue=self.tile_tissue[chosen],
            labels=self.labels[chosen],
            patient_ids=self.patient_ids[chosen],
            tumour_fraction=self.tumour_fraction[chosen],
            grid=self.grid,
        )


def _check_fraction_range(value: Any) -> tuple[float, float]:
    """``tumour_fraction`` as (low, high) with 0 < low <= high <= 1."""
    pair = as_float_array(value, "tumour_fraction", shape=(2,))
    low, high = float(pair[0]), float(pair[1])
    if not 0.0 < low <= high <= 1.0:
        raise ValueError(
            "`tumour_fraction` must be (low, high) shares of the tiles with 0 < low <= high "
            f"<= 1, e.g. (0.02, 0.2), but got {value!r}."
        )
    return low, high


def _tissue_and_tumour(
    rng: np.random.Generator, grid: int, positive: bool, fraction_range: tuple[float, float]
) -> tuple[NDArray[np.bool_], NDArray[np.bool_]]:
    """Tissue tiles (an ellipse of the grid) and one contiguous tumour region inside it."""
    rows, cols = np.mgrid[0:grid, 0:grid] + 0.5
    centre = grid / 2 + rng.uniform(-0.1, 0.1, size=2) * grid
    radii = rng.uniform(0.42, 0.6, size=2) * grid
    tissue = ((rows - centre[0]) / radii[0]) ** 2 + ((cols - centre[1]) / radii[1]) ** 2 <= 1
    tissue = tissue.ravel()
    tumour = np.zeros(grid * grid, dtype=bool)
    if positive:
        share = np.exp(rng.uniform(np.log(fraction_range[0]), np.log(fraction_range[1])))
        count = int(np.clip(round(share * grid * grid), 1, tissue.sum()))
        candidates = np.flatnonzero(tissue)
        seed_tile = rng.choice(candidates)
        distance = np.hypot(
            rows.ravel() - rows.ravel()[seed_tile], cols.ravel() - cols.ravel()[seed_tile]
        )
        distance = distance + rng.uniform(0, 0.9, size=distance.shape)  # a ragged edge
        distance[~tissue] = np.inf
        tumour[np.argsort(distance)[:count]] = True
    return tissue, tumour


def _profiles(
    centres: NDArray[np.float64], radii: NDArray[np.float64], size: int
) -> NDArray[np.float64]:
    """exp(-((x - c) / r) ** 2) along one axis: (tiles, nuclei, size)."""
    pixels = np.arange(size) + 0.5
    return np.exp(-(((pixels - centres[..., None]) / radii[..., None]) ** 2))


def _render_haematoxylin(
    rng: np.random.Generator,
    tumour: NDArray[np.bool_],
    inflamed: NDArray[np.bool_],
    tissue: NDArray[np.bool_],
    atypia: NDArray[np.float64],
    darkness: NDArray[np.float64],
    size: int,
) -> NDArray[np.float64]:
    """Haematoxylin concentration (tiles, size, size): nuclei as separable Gaussians.

    Each nucleus is the product of a row and a column profile, so all nuclei of all tiles
    are drawn with one batched matrix product; a tumour nucleus gets a second, offset lobe.
    """
    n = tumour.shape[0]
    scale = (size / 24.0) ** 2
    mean_count = (
        np.select([tumour, inflamed], [TUMOUR_NUCLEI, INFLAMED_NUCLEI], NORMAL_NUCLEI) * scale
    )
    counts = np.minimum(rng.poisson(mean_count), MAX_NUCLEI) * tissue
    present = np.arange(MAX_NUCLEI) < counts[:, None]  # (n, K)
    shape = (n, MAX_NUCLEI)
    small = (inflamed & ~tumour)[:, None] & present
    # tumour nuclei, and scattered atypical ones in normal tissue at the slide's rate
    big = (tumour[:, None] | (rng.random(shape) < atypia[:, None])) & ~small
    radius_row = np.select(
        [big, small],
        [rng.uniform(2.4, 3.6, shape), rng.uniform(1.0, 1.4, shape)],
        rng.uniform(1.4, 2.6, shape),
    )
    elongation = np.where(big, rng.uniform(0.6, 1.4, shape), rng.uniform(0.85, 1.15, shape))
    radius_col = radius_row * elongation
    amplitude = np.select(
        [big, small],
        [rng.uniform(0.15, 0.24, shape), rng.uniform(0.2, 0.26, shape)],
        rng.uniform(0.08, 0.16, shape),
    )
    amplitude = amplitude * darkness[:, None] * present
    row, col = rng.uniform(0, size, (2, *shape))
    h = np.matmul(
        (amplitude[..., None] * _profiles(row, radius_row, size)).transpose(0, 2, 1),
        _profiles(col, radius_col, size),
    )
    # the second lobe of tumour nuclei: irregular, notched outlines
    shift = rng.uniform(1.2, 2.4, (2, *shape)) * rng.choice([-1, 1], (2, *shape))
    lobe = amplitude * big * rng.uniform(0.6, 1.0, shape)
    h += np.matmul(
        (lobe[..., None] * _profiles(row + shift[0], 0.8 * radius_row, size)).transpose(0, 2, 1),
        _profiles(col + shift[1], 0.8 * radius_col, size),
    )
    return np.minimum(1.5 * h, 0.3)  # flat-topped: a nucleus' chromatin saturates


def make_synthetic_slides(
    num_patients: int,
    slides_per_patient: int = 2,
    grid: int = 8,
    tile_size: int = 24,
    prevalence: float = 0.5,
    tumour_fraction: tuple[float, float] = (0.02, 0.2),
    seed: int = 0,
) -> SyntheticSlides:
    """H&E-like slides of ``grid`` x ``grid`` tiles with a known tumour mask per tile.

    A share ``prevalence`` of the patients has cancer: each of their ``slides_per_patient``
    slides holds one contiguous tumour region covering a share of all tiles drawn
    log-uniformly from ``tumour_fraction`` = (low, high) (at least one tile, at most the
    tissue). The tissue covers an ellipse of about 60-90% of the tiles; the rest is glass.
    Each patient's stains are scaled by a shared factor (about +-15%), each slide's by a
    smaller one of its own, so that colour alone identifies a patient. Normal tissue holds
    scattered atypical (tumour-like) nuclei at a rate drawn per slide from 0 to
    ``MAX_ATYPIA``, and about ``INFLAMED_TILES`` tiles per 64 are inflamed (dense, small,
    dark lymphocytes), with or without tumour: the mimics a slide-level model must ignore.

    ``num_patients``, ``slides_per_patient`` (up to 100), ``grid`` (2 to 64) and
    ``tile_size`` (12 to 128 pixels) are integers; ``prevalence`` lies strictly between 0
    and 1; ``seed`` is an integer from 0 to 2**32 - 1.

    Raises:
        TypeError: an argument of the wrong type.
        ValueError: an argument out of range, or more tiles than the memory budget allows
            (``helpers.course.validation.MEMORY_BUDGET_BYTES``).

    Returns:
        A ``SyntheticSlides`` (see its docstring), patients in order, their slides together.
    """
    num_patients = check_positive_int(num_patients, "num_patients")
    slides_per_patient = check_positive_int(
        slides_per_patient, "slides_per_patient", maximum=MAX_SLIDES_PER_PATIENT
    )
    grid = check_integer(grid, "grid", low=2, high=MAX_GRID)
    tile_size = check_integer(tile_size, "tile_size", low=MIN_TILE_SIZE, high=MAX_TILE_SIZE)
    prevalence = check_fraction(prevalence, "prevalence")
    fraction_range = _check_fraction_range(tumour_fraction)
    seed = check_seed(seed)
    num_slides = num_patients * slides_per_patient
    check_budget(
        float(num_slides) * grid * grid * tile_size * tile_size * 3,
        "`num_patients` * `slides_per_patient` * `grid`**2 * `tile_size`**2",
        bytes_per_value=4,
    )
    rng = np.random.default_rng(seed)
    patient_ids = np.repeat(np.arange(num_patients, dtype=np.int64), slides_per_patient)
    patient_positive = rng.random(num_patients) < prevalence
    labels = patient_positive[patient_ids].astype(np.int64)
    # staining: a patient's factor, times a smaller one per slide
    patient_stain = np.exp(rng.normal(0.0, 0.15, (num_patients, 2)))
    slide_stain = patient_stain[patient_ids] * np.exp(rng.normal(0.0, 0.05, (num_slides, 2)))
    tiles_per_slide = grid * grid
    tissue = np.zeros((num_slides, tiles_per_slide), dtype=bool)
    tumour = np.zeros((num_slides, tiles_per_slide), dtype=bool)
    inflamed = np.zeros((num_slides, tiles_per_slide), dtype=bool)
    for index in range(num_slides):
        tissue[index], tumour[index] = _tissue_and_tumour(
            rng, grid, bool(labels[index]), fraction_range
        )
        count = min(rng.poisson(INFLAMED_TILES * tiles_per_slide / 64), tissue[index].sum())
        inflamed[index, rng.choice(np.flatnonzero(tissue[index]), count, replace=False)] = True
    flat_tissue, flat_tumour, flat_inflamed = tissue.ravel(), tumour.ravel(), inflamed.ravel()
    atypia = np.repeat(rng.uniform(0.0, MAX_ATYPIA, num_slides), tiles_per_slide)
    h_factor = np.repeat(slide_stain[:, 0], tiles_per_slide)
    e_factor = np.repeat(slide_stain[:, 1], tiles_per_slide)
    images = np.empty((num_slides * tiles_per_slide, tile_size, tile_size, 3), dtype=np.float32)
    for start in range(0, flat_tissue.size, _TILES_PER_CHUNK):
        part = slice(start, start + _TILES_PER_CHUNK)
        n = flat_tissue[part].size
        h = _render_haematoxylin(
            rng,
            flat_tumour[part],
            flat_inflamed[part],
            flat_tissue[part],
            atypia[part],
            h_factor[part],
            tile_size,
        )
        eosin = np.where(flat_tissue[part], 0.045, 0.004) * e_factor[part]
        e = eosin[:, None, None] * (1 + 0.25 * rng.standard_normal((n, tile_size, tile_size)))
        h = h + 0.004 * rng.standard_normal(h.shape)
        stains = np.stack([h, e, np.zeros_like(h)], axis=-1).clip(0.0, None)
        images[part] = stains_to_rgb(stains, RGB_FROM_HED)
    return SyntheticSlides(
        tiles=images.reshape(num_slides, tiles_per_slide, tile_size, tile_size, 3),
        tile_tumour=tumour,
        tile_tissue=tissue,
        labels=labels,
        patient_ids=patient_ids,
        tumour_fraction=tumour.mean(axis=1).astype(np.float64),
        grid=grid,
    )

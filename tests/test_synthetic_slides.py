"""The synthetic H&E slides of notebook 06: shapes, truth masks, patients, colour, speed."""

from __future__ import annotations

import time

import numpy as np
import pytest
from skimage.color import rgb2hed

from helpers.synthetic.slides import SyntheticSlides, make_synthetic_slides


@pytest.fixture(scope="module")
def slides() -> SyntheticSlides:
    return make_synthetic_slides(12, slides_per_patient=3, grid=6, tile_size=16, seed=3)


def test_shapes_dtypes_and_ranges(slides: SyntheticSlides) -> None:
    assert len(slides) == 36
    assert slides.tiles.shape == (36, 36, 16, 16, 3) and slides.tiles.dtype == np.float32
    assert 0.0 <= slides.tiles.min() and slides.tiles.max() <= 1.0
    assert slides.tile_tumour.shape == slides.tile_tissue.shape == (36, 36)
    assert slides.tile_tumour.dtype == slides.tile_tissue.dtype == np.bool_
    assert slides.labels.dtype == slides.patient_ids.dtype == np.int64
    assert slides.grid == 6 and slides.tile_size == 16


def test_labels_are_any_tumour_tile_and_tumour_lies_in_tissue(slides: SyntheticSlides) -> None:
    np.testing.assert_array_equal(slides.labels, slides.tile_tumour.any(axis=1))
    assert not np.any(slides.tile_tumour & ~slides.tile_tissue)
    np.testing.assert_allclose(slides.tumour_fraction, slides.tile_tumour.mean(axis=1))
    assert 0 < slides.labels.sum() < len(slides)


def test_patients_share_their_diagnosis(slides: SyntheticSlides) -> None:
    np.testing.assert_array_equal(slides.patient_ids, np.repeat(np.arange(12), 3))
    for patient in range(12):
        assert np.unique(slides.labels[slides.patient_ids == patient]).size == 1


def test_tumour_fraction_respects_the_range() -> None:
    data = make_synthetic_slides(40, grid=10, prevalence=0.9, tumour_fraction=(0.05, 0.1), seed=1)
    counts = data.tile_tumour.sum(axis=1)[data.labels == 1]
    assert counts.min() >= 4 and counts.max() <= 11  # 5% to 10% of 100 tiles, rounded


def test_tumour_is_one_contiguous_region() -> None:
    data = make_synthetic_slides(20, grid=8, prevalence=0.9, tumour_fraction=(0.1, 0.2), seed=2)
    for mask in data.tile_tumour[data.labels == 1]:
        grid = mask.reshape(8, 8)
        seen, todo = set(), [tuple(np.argwhere(grid)[0])]
        while todo:
            r, c = todo.pop()
            if (r, c) in seen or not (0 <= r < 8 and 0 <= c < 8) or not grid[r, c]:
                continue
            seen.add((r, c))
            todo += [(r + 1, c), (r - 1, c), (r, c + 1), (r, c - 1)]
        assert len(seen) == grid.sum()


def test_tumour_tiles_hold_more_haematoxylin_than_normal_tissue(slides: SyntheticSlides) -> None:
    haematoxylin = rgb2hed(slides.tiles.astype(np.float64))[..., 0]
    nuclear_area = (haematoxylin > 0.1).mean(axis=(2, 3))
    tumour = nuclear_area[slides.tile_tumour]
    normal = nuclear_area[slides.tile_tissue & ~slides.tile_tumour]
    glass = nuclear_area[~slides.tile_tissue]
    assert tumour.mean() > 3 * normal.mean() and glass.max() < 0.01


def test_glass_is_bright_and_tissue_is_pink(slides: SyntheticSlides) -> None:
    glass = slides.tiles[~slides.tile_tissue].mean(axis=(0, 1, 2))
    tissue = slides.tiles[slides.tile_tissue].mean(axis=(0, 1, 2))
    assert glass.min() > 0.9
    assert tissue[1] < tissue[0] and tissue[1] < tissue[2]  # eosin: green absorbed most


def test_same_seed_same_slides_other_seed_other_slides() -> None:
    first = make_synthetic_slides(3, grid=4, tile_size=12, seed=5)
    again = make_synthetic_slides(3, grid=4, tile_size=12, seed=5)
    other = make_synthetic_slides(3, grid=4, tile_size=12, seed=6)
    np.testing.assert_array_equal(first.tiles, again.tiles)
    assert not np.array_equal(first.tiles, other.tiles)


def test_slide_image_puts_tiles_back_in_place(slides: SyntheticSlides) -> None:
    image = slides.slide_image(4)
    assert image.shape == (96, 96, 3)
    np.testing.assert_array_equal(image[16:32, 32:48], slides.tiles[4, 1 * 6 + 2])
    np.testing.assert_array_equal(slides.slide_image(-1), slides.slide_image(35))
    assert slides.tile_map(np.arange(36.0)).tolist()[1][2] == 8.0


def test_subset_by_positions_and_by_mask(slides: SyntheticSlides) -> None:
    part = slides.subset([5, 0])
    np.testing.assert_array_equal(part.tiles[0], slides.tiles[5])
    np.testing.assert_array_equal(part.patient_ids, slides.patient_ids[[5, 0]])
    positives = slides.subset(slides.labels == 1)
    assert len(positives) == slides.labels.sum() and positives.labels.all()
    assert len(slides.subset(np.array([], dtype=int))) == 0


@pytest.mark.parametrize(
    ("call", "error", "fragment"),
    [
        (lambda s: s.subset([0.5]), TypeError, "indices"),
        (lambda s: s.subset([99]), ValueError, "indices"),
        (lambda s: s.subset(np.ones(3, dtype=bool)), ValueError, "boolean mask"),
        (lambda s: s.slide_image(36), ValueError, "index"),
        (lambda s: s.slide_image(1.0), TypeError, "index"),
        (lambda s: s.tile_map(np.ones(35)), ValueError, "values"),
    ],
    ids=[
        "fractional index",
        "index past the end",
        "mask of wrong length",
        "slide past the end",
        "float slide index",
        "map of wrong size",
    ],
)
def test_bad_use_of_the_slides_is_refused(slides, call, error, fragment) -> None:
    with pytest.raises(error, match=fragment):
        call(slides)


def test_the_notebook_data_set_is_fast() -> None:
    start = time.perf_counter()
    make_synthetic_slides(50, seed=0)  # a quarter of notebook 06's 200 patients
    assert time.perf_counter() - start < 5.0

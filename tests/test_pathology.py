"""Pathology helpers: stain maths proven equal to scikit-image, tissue detection and
tiling with known answers, and the colour multi-class MedMNIST sets on small written
files (nothing is downloaded)."""

from __future__ import annotations

import numpy as np
import pytest
from skimage import color, data

from helpers.data import medmnist
from helpers.data.medmnist import (
    BLOOD_CLASSES,
    PATH_CLASSES,
    load_medmnist,
    medmnist_url,
    read_medmnist_npz,
)
from helpers.data.tiles import Tiles, cut_tiles, tissue_mask
from helpers.scratch.stains import (
    HED_FROM_RGB,
    RGB_FROM_HED,
    optical_density,
    rgb_to_stains,
    stains_to_rgb,
)


@pytest.fixture(scope="module")
def ihc() -> np.ndarray:
    return data.immunohistochemistry()


# --- stains ------------------------------------------------------------------------------


def test_stain_matrices_are_scikit_images() -> None:
    np.testing.assert_array_equal(RGB_FROM_HED, color.rgb_from_hed)
    np.testing.assert_array_equal(HED_FROM_RGB, color.hed_from_rgb)
    np.testing.assert_allclose(HED_FROM_RGB @ RGB_FROM_HED, np.eye(3), atol=1e-12)


def test_rgb_to_stains_equals_rgb2hed_on_the_ihc_image(ihc) -> None:
    ours = rgb_to_stains(ihc)
    assert ours.shape == ihc.shape and ours.dtype == np.float64
    assert np.max(np.abs(ours - color.rgb2hed(ihc))) < 1e-12
    floats = ihc / 255.0  # the same image as floats in [0, 1]
    assert np.max(np.abs(rgb_to_stains(floats) - ours)) < 1e-12


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_stains_equal_scikit_image_on_random_images(seed) -> None:
    generator = np.random.default_rng(seed)
    rgb = generator.random((17, 23, 3))
    rgb[0, 0], rgb[0, 1], rgb[0, 2] = 0.0, 1.0, 1e-9  # black, white, below the clip
    assert np.max(np.abs(rgb_to_stains(rgb) - color.rgb2hed(rgb))) < 1e-12
    stains = generator.normal(0.1, 0.3, size=(5, 7, 3))  # negatives too
    assert np.max(np.abs(stains_to_rgb(stains) - color.hed2rgb(stains))) < 1e-12
    batch = generator.integers(0, 256, size=(2, 4, 6, 3)).astype(np.uint8)  # any leading axes
    assert np.max(np.abs(rgb_to_stains(batch) - color.rgb2hed(batch))) < 1e-12


def test_round_trip_and_other_stain_matrices(ihc) -> None:
    hed = rgb_to_stains(ihc)
    back = stains_to_rgb(hed)
    assert np.max(np.abs(back - color.hed2rgb(color.rgb2hed(ihc)))) < 1e-12
    # with a matrix of another stain pair (haematoxylin + DAB)
    assert np.max(np.abs(rgb_to_stains(ihc, color.hdx_from_rgb) - color.separate_stains(
        ihc, color.hdx_from_rgb))) < 1e-12
    assert np.max(np.abs(stains_to_rgb(hed, color.rgb_from_hdx) - color.combine_stains(
        hed, color.rgb_from_hdx))) < 1e-12


def test_optical_density_is_beer_lambert() -> None:
    rgb = np.array([[[1.0, 0.1, 0.01], [0.0, 0.5, 1e-3]]])
    expected = np.array([[[0.0, 1.0, 2.0], [6.0, np.log10(2.0), 3.0]]])
    np.testing.assert_allclose(optical_density(rgb), expected, atol=1e-12)
    uint8 = np.array([[[255, 0, 51]]], dtype=np.uint8)  # I0 = 255
    np.testing.assert_allclose(optical_density(uint8), [[[0.0, 6.0, np.log10(5.0)]]])
    # one unit of a single stain gives that stain's colour row as optical density / 6
    pure_eosin = stains_to_rgb(np.array([0.0, 1.0 / 6.0, 0.0]))
    np.testing.assert_allclose(optical_density(pure_eosin), RGB_FROM_HED[1], atol=1e-12)


def test_rgb_inputs_are_not_changed(ihc) -> None:
    copy = ihc.copy()
    rgb_to_stains(ihc)
    np.testing.assert_array_equal(ihc, copy)


@pytest.mark.parametrize(
    ("rgb", "error", "message"),
    [
        (np.zeros((4, 4, 1)), ValueError, "3 colour channels.*grey-scale"),
        (np.zeros((4, 4, 4)), ValueError, "3 colour channels.*RGBA"),
        (np.zeros((3, 4, 5)), ValueError, "moveaxis"),
        (np.zeros((4, 5)), ValueError, "3 colour channels"),
        (np.zeros((4, 4, 3), np.uint16), TypeError, "65535"),
        (np.zeros((4, 4, 3), np.int64), TypeError, "dtype=np.uint8"),
        (np.zeros((4, 4, 3), bool), TypeError, "mask"),
        (np.full((4, 4, 3), np.nan), ValueError, "NaN"),
        (np.zeros((0, 3)), ValueError, "empty"),
        (np.zeros((0, 0, 3), np.uint8), ValueError, "empty"),
        (np.full((2, 2, 3), 200.0), ValueError, r"\[0, 1\].*divide"),
        (np.full((2, 2, 3), -0.1), ValueError, r"\[0, 1\]"),
        ("image.png", TypeError, "text"),
        (None, TypeError, "None"),
    ],
)
def test_bad_rgb_images(rgb, error, message) -> None:
    with pytest.raises(error, match=message):
        optical_density(rgb)
    with pytest.raises(error, match="`rgb`"):
        rgb_to_stains(rgb)


def test_bad_stain_matrices_and_stains() -> None:
    rgb = np.full((2, 2, 3), 0.5)
    with pytest.raises(ValueError, match=r"`stain_matrix` must have shape \(3, 3\)"):
        rgb_to_stains(rgb, np.eye(2))
    with pytest.raises(ValueError, match="`stain_matrix` is singular"):
        rgb_to_stains(rgb, np.ones((3, 3)))
    with pytest.raises(ValueError, match="`stains` must have 3 colour channels"):
        stains_to_rgb(np.zeros((2, 2)))
    with pytest.raises(ValueError, match="`stains` contains"):
        stains_to_rgb(np.full((2, 3), np.inf))


# --- tissue detection and tiles ----------------------------------------------------------

GLASS, TISSUE = (238, 236, 240), (150, 70, 160)


def slide_with_tissue(seed: int = 0) -> np.ndarray:
    """A 96 x 128 'slide': noisy glass with a 48 x 64 block of stained tissue at (16, 32)."""
    generator = np.random.default_rng(seed)
    image = np.empty((96, 128, 3))
    image[:] = GLASS
    image[16:64, 32:96] = TISSUE
    image += generator.normal(0, 3, image.shape)
    return np.clip(image, 0, 255).astype(np.uint8)


@pytest.mark.parametrize("method", ["otsu", "saturation"])
def test_tissue_mask_finds_the_tissue(method) -> None:
    mask = tissue_mask(slide_with_tissue(), method=method)
    truth = np.zeros((96, 128), bool)
    truth[16:64, 32:96] = True
    assert mask.dtype == bool and mask.shape == truth.shape
    assert np.mean(mask == truth) > 0.99


def test_tissue_mask_on_the_ihc_image(ihc) -> None:
    share = tissue_mask(ihc).mean()
    assert 0.2 < share < 0.8  # a split between dense stain and paler tissue, not all or none


def test_cut_tiles_keeps_tissue_tiles_with_their_positions() -> None:
    image = slide_with_tissue()
    tiles = cut_tiles(image, 16)
    assert isinstance(tiles, Tiles) and tiles.grid_shape == (6, 8)
    assert tiles.images.shape == (12, 16, 16, 3) and tiles.images.dtype == np.float32
    assert set(zip(tiles.rows.tolist(), tiles.cols.tolist())) == {
        (r, c) for r in (16, 32, 48) for c in (32, 48, 64, 80)
    }
    np.testing.assert_allclose(tiles.tissue_share, 1.0)
    for index in range(len(tiles)):
        r, c = tiles.rows[index], tiles.cols[index]
        np.testing.assert_allclose(tiles.images[index], image[r : r + 16, c : c + 16] / 255.0,
                                   rtol=1e-6)
    grid_rows, grid_cols = tiles.grid_positions()
    np.testing.assert_array_equal(grid_rows, tiles.rows // 16)
    assert tiles.tile_size == 16 and np.all(grid_cols < 8)


def test_cut_tiles_min_tissue_mask_and_edges() -> None:
    image = slide_with_tissue() / 255.0  # floats work as well
    everything = cut_tiles(image, 20, min_tissue=0.0)  # 96 x 128: 4 x 6 whole tiles
    assert everything.grid_shape == (4, 6) and len(everything) == 24
    assert everything.rows.max() == 60 and everything.cols.max() == 100
    mask = np.zeros((96, 128), bool)
    mask[:20, :30] = True  # tile (0, 0) all tissue, tile (0, 1) half tissue
    half = cut_tiles(image, 20, mask=mask, min_tissue=0.5)
    np.testing.assert_array_equal(half.cols, [0, 20])
    np.testing.assert_allclose(half.tissue_share, [1.0, 0.5])
    assert len(cut_tiles(image, 20, mask=mask.astype(int), min_tissue=0.6)) == 1


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: tissue_mask(np.full((32, 32, 3), 240, np.uint8)), "no tissue found"),
        (lambda: tissue_mask(np.full((32, 32, 3), 0.5), "saturation"), "no tissue found"),
        (lambda: tissue_mask(np.zeros((0, 0, 3), np.uint8)), "empty"),
        (lambda: tissue_mask(np.zeros((2, 32, 32, 3), np.uint8)), r"\(rows, cols, 3\)"),
        (lambda: tissue_mask(slide_with_tissue(), "threshold"), "`method`"),
        (lambda: tissue_mask(slide_with_tissue()[..., :2]), "3 colour channels"),
        (lambda: cut_tiles(np.full((64, 64, 3), 240, np.uint8), 16), "no tissue found"),
        (lambda: cut_tiles(slide_with_tissue(), 200), "`tile_size` = 200 is larger"),
        (lambda: cut_tiles(slide_with_tissue(), 0), "`tile_size`"),
        (lambda: cut_tiles(slide_with_tissue(), 16, mask=np.zeros((96, 128), bool)),
         "no tile kept"),
        (lambda: cut_tiles(slide_with_tissue(), 16, mask=np.ones((96, 127), bool)), "`mask`"),
        (lambda: cut_tiles(slide_with_tissue(), 16, mask=np.full((96, 128), 0.3)), "`mask`"),
        (lambda: cut_tiles(slide_with_tissue(), 16, min_tissue=2.0), "`min_tissue`"),
        (lambda: cut_tiles(np.zeros((64, 64, 3), np.uint16), 16), "65535"),
        (lambda: cut_tiles(np.full((64, 64, 3), np.nan), 16), "NaN"),
        (lambda: cut_tiles(np.zeros((64, 64, 4), np.uint8), 16), "RGBA"),
    ],
)
def test_bad_slides(call, message) -> None:
    with pytest.raises((ValueError, TypeError), match=message):
        call()


def test_tiles_refuses_inconsistent_fields() -> None:
    images = np.zeros((2, 4, 4, 3), np.float32)
    tiles = Tiles(images, [0, 4], [0, 0], [1.0, 1.0], (2, 1))
    assert tiles.rows.dtype == np.int64 and tiles.grid_shape == (2, 1)
    with pytest.raises(ValueError, match="`rows` has 1 rows"):
        Tiles(images, [0], [0, 0], [1.0, 1.0], (2, 1))
    with pytest.raises(ValueError, match="`images` must have shape"):
        Tiles(np.zeros((2, 4, 5, 3)), [0, 4], [0, 0], [1.0, 1.0], (2, 1))
    with pytest.raises(ValueError, match="`grid_shape`"):
        Tiles(images, [0, 4], [0, 0], [1.0, 1.0], (2,))
    with pytest.raises(ValueError, match="`cols`"):
        Tiles(images, [0, 4], [0, -4], [1.0, 1.0], (2, 1))


# --- colour MedMNIST sets ----------------------------------------------------------------

SIZES = {"train": 36, "val": 18, "test": 18}


def colour_arrays(classes: int, size: int = 28, seed: int = 0) -> dict[str, np.ndarray]:
    """MedMNIST-layout colour arrays: uint8 images (n, size, size, 3), labels (n, 1)."""
    generator = np.random.default_rng(seed)
    arrays = {}
    for split, n in SIZES.items():
        labels = (np.arange(n) % classes).reshape(n, 1).astype(np.uint8)
        images = generator.integers(0, 256, size=(n, size, size, 3)).astype(np.uint8)
        arrays[f"{split}_images"], arrays[f"{split}_labels"] = images, labels
    return arrays


@pytest.mark.parametrize(
    ("name", "names"), [("pathmnist", PATH_CLASSES), ("bloodmnist", BLOOD_CLASSES)]
)
def test_colour_sets_read_as_multi_class(tmp_path, name, names) -> None:
    arrays = colour_arrays(len(names))
    path = tmp_path / f"{name}.npz"
    np.savez_compressed(path, **arrays)
    splits = load_medmnist(name, path=path)  # a user's file: read as it is
    assert splits.class_names == names and len(names) == {"pathmnist": 9, "bloodmnist": 8}[name]
    assert splits.train.inputs.shape == (36, 28, 28, 3) and splits.train.inputs.dtype == np.float32
    np.testing.assert_allclose(splits.val.inputs, arrays["val_images"] / 255.0, rtol=1e-6)
    np.testing.assert_array_equal(splits.test.labels, arrays["test_labels"][:, 0])
    assert splits.train.labels.dtype == np.int64 and splits.train.labels.max() == len(names) - 1
    flat = {k: v[:, 0] if k.endswith("labels") else v for k, v in arrays.items()}
    np.savez(tmp_path / "flat.npz", **flat)  # labels (n,) instead of (n, 1)
    np.testing.assert_array_equal(read_medmnist_npz(tmp_path / "flat.npz", name).val.labels,
                                  splits.val.labels)


def test_colour_images_already_scaled_and_other_sizes(tmp_path) -> None:
    arrays = colour_arrays(9, size=64)
    scaled = {k: v / 255.0 if k.endswith("images") else v for k, v in arrays.items()}
    np.savez(tmp_path / "scaled.npz", **scaled)
    with pytest.warns(UserWarning, match="not divided by 255 again"):
        splits = read_medmnist_npz(tmp_path / "scaled.npz", "pathmnist")
    assert splits.test.inputs.shape == (18, 64, 64, 3) and splits.test.inputs.max() > 0.5


def test_colour_set_addresses_and_checksums() -> None:
    assert medmnist_url("pathmnist") == (
        "https://zenodo.org/records/10519652/files/pathmnist.npz?download=1"
    )
    assert medmnist_url("bloodmnist", 224).endswith("/bloodmnist_224.npz?download=1")
    for name in ("pathmnist", "bloodmnist"):
        for size in (28, 64, 128, 224):
            checksum = medmnist.MEDMNIST_MD5[(name, size)]
            assert len(checksum) == 32 and int(checksum, 16) >= 0
    assert medmnist.MEDMNIST_MD5[("pathmnist", 28)] == "a8b06965200029087d5bd730944a56c1"
    assert medmnist.MEDMNIST_MD5[("bloodmnist", 28)] == "7053d0359d879ad8a5505303e11de1dc"


def test_colour_set_offline_gives_a_clear_error(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("MEDICAL_DL_DATA_DIR", str(tmp_path))
    with pytest.raises(ConnectionError, match="no network connection") as error:
        load_medmnist("pathmnist")
    assert str(tmp_path / "medmnist" / "pathmnist.npz") in str(error.value)


def grey_arrays() -> dict[str, np.ndarray]:
    generator = np.random.default_rng(0)
    return {
        **{f"{s}_images": generator.integers(0, 256, (n, 28, 28)).astype(np.uint8)
           for s, n in SIZES.items()},
        **{f"{s}_labels": (np.arange(n) % 2).reshape(n, 1).astype(np.uint8)
           for s, n in SIZES.items()},
    }


@pytest.mark.parametrize(
    ("name", "changes", "message"),
    [
        ("pathmnist", grey_arrays(), "grey-scale images.*pneumoniamnist"),
        ("pathmnist", {"val_images": np.zeros((18, 28, 28, 1), np.uint8)}, "grey-scale"),
        ("bloodmnist", {"test_images": np.zeros((18, 28, 28, 4), np.uint8)},
         r"\(n, size, size, 3\)"),
        ("bloodmnist", {"train_labels": np.full((36, 1), 8)}, "class indices 0 to 7"),
        ("pathmnist", {"train_labels": np.full((36, 1), -1)}, "class indices 0 to 8"),
        ("pathmnist", {"val_labels": np.full((18, 1), 0.5)}, "fractions"),
        ("pathmnist", {"val_labels": np.zeros((18, 9))}, r"must have shape \(18, 1\)"),
        ("pathmnist", {"test_images": np.zeros((18, 32, 32, 3), np.uint8)}, "train images are"),
        ("pathmnist", {"test_images": np.full((18, 28, 28, 3), 300.0)}, "between 0 and 255"),
        ("pathmnist", {"test_images": np.full((18, 28, 28, 3), np.nan)}, "NaN"),
        ("pathmnist", {"train_images": np.zeros((0, 28, 28, 3), np.uint8),
                       "train_labels": np.zeros((0, 1), np.uint8)}, "no images"),
    ],
)
def test_bad_colour_files(tmp_path, name, changes, message) -> None:
    arrays = colour_arrays(len(medmnist.COLOUR_SETS[name])) | changes
    np.savez(tmp_path / "bad.npz", **arrays)
    with pytest.raises(ValueError, match=message):
        read_medmnist_npz(tmp_path / "bad.npz", name)


def test_colour_file_read_as_a_grey_set_and_findings(tmp_path) -> None:
    np.savez(tmp_path / "pathmnist.npz", **colour_arrays(9))
    with pytest.raises(ValueError, match="colour images.*pathmnist"):
        read_medmnist_npz(tmp_path / "pathmnist.npz", "pneumoniamnist")
    with pytest.raises(ValueError, match="leave `finding` as None"):
        load_medmnist("bloodmnist", path=tmp_path / "pathmnist.npz", finding="platelet")
    truncated = tmp_path / "truncated.npz"
    np.savez_compressed(truncated, **colour_arrays(9))
    truncated.write_bytes(truncated.read_bytes()[:1000])
    with pytest.raises(ValueError, match="truncated or not a .npz archive"):
        read_medmnist_npz(truncated, "pathmnist")
    with pytest.raises(FileNotFoundError, match="no file at"):
        load_medmnist("pathmnist", path=tmp_path / "absent.npz")


def test_notebook_full_run_path_on_a_fixture_file(tmp_path, monkeypatch, run_notebook) -> None:
    """Notebook 06 with data_mode='pathmnist' reads the user's file and scores a tile classifier."""
    path = tmp_path / "pathmnist.npz"
    np.savez_compressed(path, **colour_arrays(len(PATH_CLASSES)))
    monkeypatch.setenv("MEDICAL_DL_DATA_DIR", str(tmp_path / "cache"))
    figures = run_notebook(
        "06_pathology",
        data_mode="pathmnist",
        medmnist_path=str(path),
        medmnist_epochs=1,
        num_patients=100,
        num_epochs=1,
        num_bootstrap=100,
    )
    assert figures["data_mode"] == "pathmnist"
    assert 0.0 <= figures["medmnist_accuracy"] <= 1.0
    assert 0.0 <= figures["medmnist_macro_auc"] <= 1.0
    assert not list((tmp_path / "cache").rglob("*.npz"))  # the user's file was used as is

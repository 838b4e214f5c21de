"""Bad and unusual calls of the pathology helpers: stain maths (``helpers.scratch.stains``),
tissue detection and tiling (``helpers.data.tiles``), and the colour MedMNIST sets.

Images with 1 or 4 channels, uint16 scans, NaN, empty and all-background slides, tiles
larger than the slide, and MedMNIST files whose images are grey for a colour set (or the
other way round) must be refused naming the argument or the file's array.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from bad_calls.table import Arguments, BadCall, GoodCall

STAINS = "helpers.scratch.stains."
TILES = "helpers.data.tiles."
MEDMNIST = "helpers.data.medmnist."

RNG = np.random.default_rng(0)
RGB = RNG.random((6, 5, 3))
UINT8 = RNG.integers(0, 256, (6, 5, 3)).astype(np.uint8)
HED = RNG.normal(0.05, 0.1, (4, 3))
SLIDE = np.full((48, 64, 3), 235, np.uint8)
SLIDE[8:40, 16:48] = (140, 60, 150)
BLANK = np.full((48, 64, 3), 240, np.uint8)
MASK = np.zeros((48, 64), bool)
MASK[:16, :16] = True


def _tensor(folder: Path) -> tuple[Arguments, Arguments]:
    import tensorflow as tf

    return ((tf.constant(RGB),), {}), ((RGB,), {})


def _colour_npz(folder: Path, name: str = "pathmnist", **changes: np.ndarray) -> Path:
    arrays: dict[str, np.ndarray] = {}
    classes = 9 if name == "pathmnist" else 8
    for split, n in (("train", 9), ("val", 9), ("test", 9)):
        arrays[f"{split}_images"] = RNG.integers(0, 256, (n, 28, 28, 3)).astype(np.uint8)
        arrays[f"{split}_labels"] = (np.arange(n) % classes).reshape(n, 1).astype(np.uint8)
    path = folder / f"{name}.npz"
    np.savez(path, **(arrays | changes))
    return path


def _read(path: Path, name: str = "pathmnist", **kwargs: object) -> Arguments:
    return (path, name), dict(kwargs)


def _grey_for_colour(folder: Path) -> Arguments:
    grey = {f"{s}_images": np.zeros((9, 28, 28), np.uint8) for s in ("train", "val", "test")}
    return _read(_colour_npz(folder, **grey))


def _truncated(folder: Path) -> Arguments:
    path = _colour_npz(folder)
    path.write_bytes(path.read_bytes()[:2000])
    return _read(path)


def _as_text_path(folder: Path) -> tuple[Arguments, Arguments]:
    path = _colour_npz(folder, "bloodmnist")
    return ((str(path),), {"name": "bloodmnist"}), ((path,), {"name": "bloodmnist"})


CALLS: list[BadCall | GoodCall] = [
    # --- stains ----------------------------------------------------------------------------
    BadCall(STAINS + "optical_density", (np.zeros((4, 4, 1)),), mentions="`rgb`",
            why="a grey image with one channel"),
    BadCall(STAINS + "optical_density", (np.zeros((4, 4, 4)),), mentions="`rgb`",
            why="an RGBA image"),
    BadCall(STAINS + "optical_density", (np.zeros((4, 4, 3), np.uint16),), raises=TypeError,
            mentions="65535", why="a uint16 scan"),
    BadCall(STAINS + "optical_density", (np.zeros((4, 4, 3), np.int64),), raises=TypeError,
            mentions="`rgb`", why="int64 values of unknown full scale"),
    BadCall(STAINS + "optical_density", (np.full((4, 4, 3), np.nan),), mentions="`rgb`",
            why="NaN pixels"),
    BadCall(STAINS + "optical_density", (np.zeros((0, 3)),), mentions="`rgb`",
            why="an empty image"),
    BadCall(STAINS + "optical_density", (RGB * 255,), mentions="`rgb`",
            why="floats 0-255 instead of [0, 1]"),
    BadCall(STAINS + "optical_density", (None,), raises=TypeError, mentions="`rgb`",
            why="no image"),
    BadCall(STAINS + "optical_density", ("slide.png",), raises=TypeError, mentions="`rgb`",
            why="a file name instead of pixels"),
    BadCall(STAINS + "rgb_to_stains", (RGB, np.eye(2)), mentions="`stain_matrix`",
            why="a 2 x 2 stain matrix"),
    BadCall(STAINS + "rgb_to_stains", (RGB, np.ones((3, 3))), mentions="`stain_matrix`",
            why="a singular stain matrix"),
    BadCall(STAINS + "rgb_to_stains", (np.zeros((3, 8, 8)),), mentions="`rgb`",
            why="channels first"),
    BadCall(STAINS + "stains_to_rgb", (np.zeros((5, 2)),), mentions="`stains`",
            why="two stains instead of three"),
    BadCall(STAINS + "stains_to_rgb", (np.full((2, 3), np.inf),), mentions="`stains`",
            why="infinite concentrations"),
    BadCall(STAINS + "stains_to_rgb", (HED, [[1, 2, 3]]), mentions="`stain_matrix`",
            why="one stain colour only"),
    BadCall(STAINS + "as_rgb_intensities", (np.zeros((2, 2, 3), bool),), raises=TypeError,
            mentions="`rgb`", why="a boolean mask as image"),
    # --- tiles -----------------------------------------------------------------------------
    BadCall(TILES + "tissue_mask", (BLANK,), mentions="no tissue found",
            why="an all-background slide"),
    BadCall(TILES + "tissue_mask", (np.zeros((0, 0, 3), np.uint8),), mentions="`rgb`",
            why="an empty slide"),
    BadCall(TILES + "tissue_mask", (SLIDE[..., :1],), mentions="`rgb`",
            why="a slide with one channel"),
    BadCall(TILES + "tissue_mask", (SLIDE.astype(np.uint16),), raises=TypeError,
            mentions="`rgb`", why="a uint16 slide"),
    BadCall(TILES + "tissue_mask", (np.stack([SLIDE, SLIDE]),), mentions="`rgb`",
            why="a batch of slides"),
    BadCall(TILES + "tissue_mask", (SLIDE, "kmeans"), mentions="`method`",
            why="an unknown method"),
    BadCall(TILES + "tissue_mask", (SLIDE, None), raises=TypeError, mentions="`method`",
            why="no method"),
    BadCall(TILES + "cut_tiles", (SLIDE, 100), mentions="`tile_size`",
            why="a tile larger than the slide"),
    BadCall(TILES + "cut_tiles", (SLIDE, 16.0), raises=TypeError, mentions="`tile_size`",
            why="a float tile size"),
    BadCall(TILES + "cut_tiles", (SLIDE, 0), mentions="`tile_size`", why="a zero tile size"),
    BadCall(TILES + "cut_tiles", (BLANK, 16), mentions="no tissue found",
            why="an all-background slide"),
    BadCall(TILES + "cut_tiles", (SLIDE, 16), {"mask": np.zeros((48, 64), bool)},
            mentions="no tile kept", why="a mask without tissue"),
    BadCall(TILES + "cut_tiles", (SLIDE, 16), {"mask": MASK[:, :10]}, mentions="`mask`",
            why="a mask of another shape"),
    BadCall(TILES + "cut_tiles", (SLIDE, 16), {"mask": np.full((48, 64), 0.5)},
            mentions="`mask`", why="a mask of probabilities"),
    BadCall(TILES + "cut_tiles", (SLIDE, 16), {"min_tissue": 1.5}, mentions="`min_tissue`",
            why="a share above 1"),
    BadCall(TILES + "cut_tiles", (SLIDE, 16), {"min_tissue": float("nan")},
            mentions="`min_tissue`", why="a NaN share"),
    BadCall(TILES + "cut_tiles", (np.dstack([SLIDE, SLIDE[..., :1]]), 16), mentions="`image`",
            why="an RGBA slide"),
    BadCall(TILES + "cut_tiles", (np.full((48, 64, 3), np.nan), 16), mentions="`image`",
            why="NaN pixels"),
    BadCall(TILES + "Tiles", (np.zeros((2, 4, 4, 3)), [0], [0, 0], [1.0, 1.0], (2, 1)),
            mentions="`rows`", why="fewer positions than tiles"),
    BadCall(TILES + "Tiles", (np.zeros((2, 4, 4, 3)), [0, 4], [0, 0], [1.0, 1.0], (0, 1)),
            mentions="`grid_shape`", why="an empty grid"),
    BadCall(TILES + "Tiles", (np.full((2, 4, 4, 3), 2.0), [0, 4], [0, 0], [1.0, 1.0], (2, 1)),
            mentions="`images`", why="tiles outside [0, 1]"),
    # --- colour MedMNIST sets ---------------------------------------------------------------
    BadCall(MEDMNIST + "read_medmnist_npz", mentions="grey-scale", build=_grey_for_colour,
            why="grey images in a colour set"),
    BadCall(MEDMNIST + "read_medmnist_npz", mentions="colour",
            build=lambda folder: _read(_colour_npz(folder), "pneumoniamnist"),
            why="colour images read as a grey set"),
    BadCall(MEDMNIST + "read_medmnist_npz", mentions="class indices 0 to 7",
            build=lambda folder: _read(_colour_npz(folder, "bloodmnist",
                                                   val_labels=np.full((9, 1), 8)), "bloodmnist"),
            why="a label 8 in BloodMNIST"),
    BadCall(MEDMNIST + "read_medmnist_npz", mentions="truncated", build=_truncated,
            why="a colour file cut short"),
    BadCall(MEDMNIST + "read_medmnist_npz", raises=FileNotFoundError, mentions="`path`",
            build=lambda folder: _read(folder / "pathmnist.npz"), why="no colour file"),
    BadCall(MEDMNIST + "load_medmnist", ("pathmnist",), {"finding": "tumour"},
            mentions="`finding`", why="a finding for a multi-class set"),
    BadCall(MEDMNIST + "load_medmnist", ("bloodmnist",), {"image_size": 256},
            mentions="`image_size`", why="an unpublished BloodMNIST size"),
    # --- good calls ------------------------------------------------------------------------
    GoodCall(STAINS + "optical_density", (RGB.tolist(),), reference=((RGB,), {}),
             why="nested lists"),
    GoodCall(STAINS + "optical_density", build=_tensor, why="TensorFlow tensor"),
    GoodCall(STAINS + "rgb_to_stains", (UINT8,), reference=((UINT8 / 255.0,), {}),
             why="uint8 equals floats / 255"),
    GoodCall(STAINS + "stains_to_rgb", (HED.tolist(),), {"stain_matrix": np.eye(3).tolist()},
             reference=((HED,), {"stain_matrix": np.eye(3)}), why="lists"),
    GoodCall(TILES + "tissue_mask", (SLIDE / 255.0,), reference=((SLIDE,), {}),
             why="floats in [0, 1] like uint8"),
    GoodCall(TILES + "cut_tiles", (SLIDE, np.int64(16)), {"mask": MASK.astype(int).tolist(),
                                                           "min_tissue": np.float64(0.5)},
             reference=((SLIDE, 16), {"mask": MASK, "min_tissue": 0.5}),
             why="np.int64 tile size, 0/1 mask as lists"),
    GoodCall(MEDMNIST + "read_medmnist_npz", build=_as_text_path, why="path as text"),
]

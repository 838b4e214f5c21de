"""Bad calls of the synthetic H&E slide generator of notebook 06 and of its slides."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from bad_calls.table import Arguments, BadCall, GoodCall
from helpers.synthetic.slides import make_synthetic_slides

SLIDES = "helpers.synthetic.slides.make_synthetic_slides"
IMAGE = "helpers.synthetic.slides.SyntheticSlides.slide_image"
SUBSET = "helpers.synthetic.slides.SyntheticSlides.subset"
TILE_MAP = "helpers.synthetic.slides.SyntheticSlides.tile_map"


def _small() -> object:
    return make_synthetic_slides(2, grid=3, tile_size=12, seed=0)


def _with_slides(*args: object) -> object:
    def build(folder: Path) -> Arguments:
        return (_small(), *args), {}

    return build


CALLS: list[BadCall | GoodCall] = [
    BadCall(
        SLIDES, (10**7,), mentions="num_patients", why="ten million patients: refused up front"
    ),
    BadCall(SLIDES, (0,), mentions="num_patients", why="no patients"),
    BadCall(SLIDES, (2.5,), raises=TypeError, mentions="num_patients", why="fractional count"),
    BadCall(SLIDES, ("4",), raises=TypeError, mentions="num_patients", why="count as text"),
    BadCall(SLIDES, (4, 0), mentions="slides_per_patient", why="no slides per patient"),
    BadCall(SLIDES, (4, 1000), mentions="slides_per_patient", why="a thousand slides each"),
    BadCall(SLIDES, (4,), {"grid": 1}, mentions="grid", why="a slide of one tile"),
    BadCall(SLIDES, (4,), {"grid": 8.0}, raises=TypeError, mentions="grid", why="float grid"),
    BadCall(SLIDES, (4,), {"tile_size": 4}, mentions="tile_size", why="tile too small for nuclei"),
    BadCall(SLIDES, (4,), {"tile_size": 10**4}, mentions="tile_size", why="huge tiles"),
    BadCall(SLIDES, (4,), {"prevalence": 50}, mentions="prevalence", why="prevalence in percent"),
    BadCall(SLIDES, (4,), {"prevalence": np.nan}, mentions="prevalence", why="NaN prevalence"),
    BadCall(SLIDES, (4,), {"prevalence": 1.0}, mentions="prevalence", why="every patient ill"),
    BadCall(
        SLIDES,
        (4,),
        {"tumour_fraction": (0.2, 0.02)},
        mentions="tumour_fraction",
        why="fraction range reversed",
    ),
    BadCall(
        SLIDES,
        (4,),
        {"tumour_fraction": (0.0, 0.1)},
        mentions="tumour_fraction",
        why="a tumour of no tiles",
    ),
    BadCall(
        SLIDES,
        (4,),
        {"tumour_fraction": 0.1},
        mentions="tumour_fraction",
        why="one number instead of (low, high)",
    ),
    BadCall(
        SLIDES,
        (4,),
        {"tumour_fraction": (0.1, np.nan)},
        mentions="tumour_fraction",
        why="NaN in the range",
    ),
    BadCall(SLIDES, (4,), {"seed": -1}, mentions="seed", why="negative seed"),
    BadCall(SLIDES, (4,), {"seed": 1.5}, raises=TypeError, mentions="seed", why="float seed"),
    GoodCall(
        SLIDES,
        (np.int64(2),),
        {
            "grid": np.int32(3),
            "tile_size": np.int64(12),
            "tumour_fraction": np.array([0.1, 0.3]),
            "seed": np.uint8(1),
        },
        reference=((2,), {"grid": 3, "tile_size": 12, "tumour_fraction": (0.1, 0.3), "seed": 1}),
        why="NumPy integers and an array range",
    ),
    BadCall(IMAGE, build=_with_slides(4), mentions="index", why="slide past the end"),
    BadCall(IMAGE, build=_with_slides(1.0), raises=TypeError, mentions="index", why="float index"),
    BadCall(
        SUBSET,
        build=_with_slides([0.5]),
        raises=TypeError,
        mentions="indices",
        why="fractional positions",
    ),
    BadCall(SUBSET, build=_with_slides([7]), mentions="indices", why="position past the end"),
    BadCall(
        SUBSET,
        build=_with_slides(None),
        raises=TypeError,
        mentions="indices",
        why="None instead of positions",
    ),
    BadCall(
        TILE_MAP,
        build=_with_slides(np.ones(4)),
        mentions="values",
        why="one value short of the 9 tiles",
    ),
    BadCall(
        TILE_MAP,
        build=_with_slides([np.nan] * 8 + ["x"]),
        raises=TypeError,
        mentions="values",
        why="text among the values",
    ),
]

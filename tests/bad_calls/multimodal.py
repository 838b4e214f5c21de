"""Bad calls of the multimodal helpers (notebook 16): the synthetic patients and the .npz loader.

Counts and fractions out of range, an image too small for the X-ray generator, a seed out of
range; files that are missing, truncated, a single array, without an array, with rows that do
not line up, NaN, text where numbers belong, numbers where notes belong, a single class.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from bad_calls.table import Arguments, BadCall

MAKE = "helpers.synthetic.multimodal.make_multimodal_patients"
LOAD = "helpers.data.multimodal.load_multimodal_npz"


def _arrays(n: int = 12) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(0)
    return {
        "images": rng.random((n, 8, 8)),
        "vitals": rng.normal(size=(n, 6, 2)),
        "notes": np.array([f"note {i}" for i in range(n)]),
        "tabular": rng.normal(size=(n, 2)),
        "labels": np.arange(n) % 2,
    }


def _npz(**changes: object):
    def build(folder: Path) -> Arguments:
        content = {**_arrays(), **changes}
        path = folder / "patients.npz"
        np.savez(path, **{key: value for key, value in content.items() if value is not None})
        return (path,), {}

    return build


def _truncated(folder: Path) -> Arguments:
    (path,), _ = _npz()(folder)
    path.write_bytes(path.read_bytes()[:64])
    return (path,), {}


def _single_array(folder: Path) -> Arguments:
    path = folder / "patients.npy"
    np.save(path, np.zeros(4))
    return (path,), {}


CALLS: list[BadCall] = [
    BadCall(MAKE, (0,), mentions="num_patients", why="no patients"),
    BadCall(MAKE, (10.5,), raises=TypeError, mentions="num_patients", why="fractional count"),
    BadCall(MAKE, (10,), {"image_size": 16}, mentions="image_size", why="image too small"),
    BadCall(MAKE, (10,), {"lesion_contrast": 1.5}, mentions="lesion_contrast", why="contrast"),
    BadCall(
        MAKE,
        (10,),
        {"pneumonia_prevalence": 1.0},
        mentions="pneumonia_prevalence",
        why="prevalence of one",
    ),
    BadCall(
        MAKE,
        (10,),
        {"deterioration_prevalence": "0.3"},
        raises=TypeError,
        mentions="deterioration_prevalence",
        why="prevalence as text",
    ),
    BadCall(MAKE, (10,), {"seed": 2**32}, mentions="seed", why="seed too large"),
    BadCall(MAKE, (10**9,), mentions="num_patients", why="over the memory budget"),
    BadCall(LOAD, ("missing.npz",), raises=FileNotFoundError, mentions="path", why="no file"),
    BadCall(LOAD, build=_truncated, mentions="npz", why="truncated file"),
    BadCall(LOAD, build=_single_array, mentions="npz", why="a single array"),
    BadCall(LOAD, build=_npz(vitals=None), mentions="vitals", why="missing array"),
    BadCall(LOAD, build=_npz(tabular=np.zeros((11, 2))), mentions="tabular", why="rows differ"),
    BadCall(LOAD, build=_npz(images=np.full((12, 8, 8), np.nan)), mentions="inputs", why="NaN"),
    BadCall(
        LOAD,
        build=_npz(tabular=np.full((12, 2), "x")),
        raises=TypeError,
        mentions="tabular",
        why="text in the table",
    ),
    BadCall(
        LOAD,
        build=_npz(notes=np.zeros(12)),
        raises=TypeError,
        mentions="notes",
        why="numbers as notes",
    ),
    BadCall(LOAD, build=_npz(vitals=np.zeros((12, 6))), mentions="vitals", why="flat vitals"),
    BadCall(LOAD, build=_npz(labels=np.ones(12, int)), mentions="one class", why="one class"),
    BadCall(LOAD, build=_npz(labels=np.arange(12) % 3), mentions="labels", why="three classes"),
]

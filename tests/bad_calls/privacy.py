"""Bad calls of the privacy helpers: DICOM de-identification, the DP-SGD step, the accountant.

Files that are not DICOM, ECGs where an image is required, a date shift of zero days,
clip norms and noise multipliers out of range, empty batches, delta and sampling rates
outside their intervals, Renyi orders at or below 1.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from bad_calls.table import Arguments, BadCall, GoodCall

DEID = "helpers.data.deidentify.deidentify_dicom"
SURVIVING = "helpers.data.deidentify.surviving_identifiers"
CLIP = "helpers.scratch.dp_sgd.clip_gradients"
PRIVATIZE = "helpers.scratch.dp_sgd.privatize_gradients"
EPSILON = "helpers.evaluation.privacy.dp_sgd_epsilon"
RDP = "helpers.evaluation.privacy.gaussian_rdp"
CONVERT = "helpers.evaluation.privacy.rdp_to_epsilon"
SIGMA = "helpers.evaluation.privacy.noise_for_epsilon"
ATTACK = "helpers.evaluation.privacy.loss_membership_auc"
TABLE = "helpers.data.tables.load_table_csv"
SPLIT = "helpers.data.breast_cancer.split_table"
X = np.random.default_rng(0).normal(size=(40, 3))
Y = np.arange(40) % 2

ROWS = np.ones((3, 4))


def _text_file(folder: Path) -> Arguments:
    path = folder / "scan.dcm"
    path.write_text("a text file named like a DICOM file")
    return (path,), {}


def _ecg(folder: Path) -> Arguments:
    from pydicom import examples

    return (examples.waveform,), {}


def _ct(**kwargs: object):
    def build(folder: Path) -> Arguments:
        from pydicom import examples

        return (examples.ct,), dict(kwargs)

    return build


def _csv(text: str, **kwargs: object):
    def build(folder: Path) -> Arguments:
        path = folder / "table.csv"
        path.write_text(text)
        return (path,), dict(kwargs)

    return build


CALLS: list[BadCall | GoodCall] = [
    BadCall(TABLE, build=_csv("a,b\n1,0\n"), mentions="label", why="no label column"),
    BadCall(TABLE, build=_csv("a,label\n1,0\nx,1\n"), mentions="not a number", why="text cell"),
    BadCall(TABLE, build=_csv("a,label\n1,1\n2,1\n"), mentions="both classes", why="one class"),
    BadCall(TABLE, ("missing.csv",), raises=FileNotFoundError, mentions="path", why="missing file"),
    BadCall(
        TABLE,
        build=_csv("a,label\n1,0\n2,1\n", label_column=3),
        raises=TypeError,
        mentions="label_column",
        why="label column as a number",
    ),
    BadCall(SPLIT, (X, Y[:-1], ("a", "b", "c"), ("n", "p")), mentions="y", why="lengths differ"),
    BadCall(SPLIT, (X, Y + 1, ("a", "b", "c"), ("n", "p")), mentions="y", why="labels 1 and 2"),
    BadCall(
        SPLIT,
        (X, Y, ("a", "b"), ("n", "p")),
        mentions="feature_names",
        why="two names for three features",
    ),
    BadCall(SPLIT, (X[:, 0], Y, ("a",), ("n", "p")), mentions="x", why="one feature as 1-D"),
    BadCall(
        SPLIT,
        (X, Y, ("a", "b", "c"), ("n", "p")),
        {"test_fraction": 1.0},
        mentions="test_fraction",
        why="all patients in test",
    ),
    BadCall(DEID, build=_text_file, mentions="source", why="a text file, not DICOM"),
    BadCall(DEID, build=_ecg, mentions="no image", why="an ECG where pixels are required"),
    BadCall(DEID, (3.5,), raises=TypeError, mentions="source", why="a number as the source"),
    BadCall(
        DEID,
        build=_ct(date_shift_days=0),
        mentions="date_shift_days",
        why="a zero date shift keeps the dates",
    ),
    BadCall(
        DEID,
        build=_ct(date_shift_days="10"),
        raises=TypeError,
        mentions="date_shift_days",
        why="date shift as text",
    ),
    BadCall(
        DEID,
        build=_ct(uid_map=[("1.2", "3.4")]),
        raises=TypeError,
        mentions="uid_map",
        why="UID map as a list",
    ),
    BadCall(DEID, build=_ct(pseudonym=""), mentions="pseudonym", why="empty pseudonym"),
    BadCall(SURVIVING, ({}, {}), raises=TypeError, mentions="original", why="dictionaries"),
    BadCall(CLIP, (ROWS, 0.0), mentions="clip_norm", why="clip norm zero"),
    BadCall(CLIP, (ROWS, -1.0), mentions="clip_norm", why="negative clip norm"),
    BadCall(CLIP, (np.ones(4), 1.0), mentions="per_example", why="one gradient, not a batch"),
    BadCall(CLIP, ([[1.0, np.nan]], 1.0), mentions="per_example", why="NaN gradient"),
    GoodCall(
        CLIP,
        (ROWS.tolist(), np.float32(1.0)),
        reference=((ROWS, 1.0), {}),
        why="nested lists and a NumPy float",
    ),
    BadCall(PRIVATIZE, (ROWS, 1.0, -0.5), mentions="noise_multiplier", why="negative sigma"),
    BadCall(
        PRIVATIZE,
        (np.zeros((0, 4)), 1.0, 1.0),
        mentions="empty batch",
        why="empty batch without the expected batch size",
    ),
    BadCall(
        PRIVATIZE,
        (ROWS, 1.0, 1.0),
        {"denominator": -2.0},
        mentions="denominator",
        why="negative denominator",
    ),
    BadCall(
        PRIVATIZE,
        (ROWS, 1.0, 1.0),
        {"rng": 1.5},
        raises=TypeError,
        mentions="rng",
        why="fractional seed",
    ),
    GoodCall(
        PRIVATIZE,
        (ROWS, 1.0, 1.0),
        {"rng": np.int64(3)},
        reference=((ROWS, 1.0, 1.0), {"rng": 3}),
        why="NumPy integer seed",
    ),
    BadCall(EPSILON, (1.0, 0.1, 100, 0.0), mentions="delta", why="delta zero"),
    BadCall(EPSILON, (1.0, 0.1, 100, 1.0), mentions="delta", why="delta one"),
    BadCall(EPSILON, (1.0, 0.0, 100, 1e-5), mentions="sampling_rate", why="sampling rate zero"),
    BadCall(
        EPSILON, (1.0, 1.2, 100, 1e-5), mentions="sampling_rate", why="sampling rate above one"
    ),
    BadCall(EPSILON, (-1.0, 0.1, 100, 1e-5), mentions="noise_multiplier", why="negative sigma"),
    BadCall(
        EPSILON, (1.0, 0.1, 2.5, 1e-5), raises=TypeError, mentions="steps", why="fractional steps"
    ),
    BadCall(RDP, (0.0,), mentions="noise_multiplier", why="no noise: infinite RDP"),
    BadCall(RDP, (1.0, [1.0, 2.0]), mentions="orders", why="order 1"),
    BadCall(CONVERT, ([2.0, 3.0], [0.1], 1e-5), mentions="rdp", why="lengths differ"),
    BadCall(CONVERT, ([2.0], [-0.1], 1e-5), mentions="rdp", why="negative RDP"),
    BadCall(SIGMA, (-1.0, 0.1, 100, 1e-5), mentions="target_epsilon", why="negative epsilon"),
    BadCall(
        SIGMA, (1.0, 0.1, 100, 1e-5), {"tolerance": 0.0}, mentions="tolerance", why="zero tolerance"
    ),
    BadCall(ATTACK, ([0.1, np.nan], [0.2]), mentions="member_losses", why="NaN loss"),
    BadCall(ATTACK, ([0.1], [[0.2]]), mentions="non_member_losses", why="2-D losses"),
    GoodCall(
        ATTACK,
        ((0.1, 0.3), [0.2]),
        reference=((np.array([0.1, 0.3]), np.array([0.2])), {}),
        why="tuples and lists",
    ),
]

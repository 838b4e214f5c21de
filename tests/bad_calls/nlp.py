"""Bad calls of notebook 11: synthetic notes, the notes CSV loader, attention, cross-entropy.

Impossible rates and sizes, CSV files with a missing column, an empty note, another
encoding or one class, attention inputs that do not fit together, labels that are not
class indices.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from bad_calls.table import Arguments, BadCall, GoodCall

NOTES = "helpers.synthetic.notes.make_clinical_notes"
LOAD = "helpers.data.notes.load_notes_csv"
SDPA = "helpers.scratch.attention.scaled_dot_product_attention"
MHA = "helpers.scratch.attention.multi_head_attention"
CE = "helpers.scratch.losses.sparse_categorical_cross_entropy"

Q = np.random.default_rng(0).normal(size=(3, 4))
X = np.random.default_rng(1).normal(size=(1, 3, 4))


def _csv(content: str | bytes, **kwargs: object):
    def build(folder: Path) -> Arguments:
        path = folder / "notes.csv"
        path.write_bytes(content if isinstance(content, bytes) else content.encode())
        return (path,), kwargs

    return build


def _mha_weights(heads: int = 2, dim: int = 4, key_dim: int = 2) -> list[np.ndarray]:
    rng = np.random.default_rng(2)
    return [
        rng.normal(size=(dim, heads, key_dim)),
        np.zeros((heads, key_dim)),
        rng.normal(size=(dim, heads, key_dim)),
        np.zeros((heads, key_dim)),
        rng.normal(size=(dim, heads, key_dim)),
        np.zeros((heads, key_dim)),
        rng.normal(size=(heads, key_dim, dim)),
        np.zeros(dim),
    ]


GOOD_CSV = "text,label\na,x\nb,y\nc,x\nd,y\n"

CALLS: list[BadCall | GoodCall] = [
    # --- synthetic notes ------------------------------------------------------------------
    BadCall(NOTES, (0,), mentions="num_notes", why="no notes"),
    BadCall(NOTES, (10**9,), mentions="num_notes", why="a billion notes: refused up front"),
    BadCall(NOTES, (10,), {"negation_rate": 1.5}, mentions="negation_rate", why="rate above 1"),
    BadCall(NOTES, (10,), {"typo_rate": np.nan}, mentions="typo_rate", why="NaN typo rate"),
    BadCall(NOTES, (10,), {"seed": -1}, mentions="seed", why="negative seed"),
    BadCall(NOTES, (2.5,), raises=TypeError, mentions="num_notes", why="fractional count"),
    GoodCall(
        NOTES,
        (np.int64(20),),
        {"seed": np.int64(3)},
        reference=((20,), {"seed": 3}),
        why="NumPy integer count and seed",
    ),
    # --- notes CSV loader -----------------------------------------------------------------
    BadCall(
        LOAD,
        build=lambda folder: ((folder / "absent.csv",), {}),
        raises=FileNotFoundError,
        mentions="path",
        why="missing file",
    ),
    BadCall(LOAD, build=lambda folder: ((folder,), {}), mentions="path", why="a folder"),
    BadCall(LOAD, (None,), raises=TypeError, mentions="path", why="no path"),
    BadCall(
        LOAD,
        build=_csv("note,label\na,x\nb,y\n"),
        mentions="text_column",
        why="missing text column",
    ),
    BadCall(
        LOAD,
        build=_csv(GOOD_CSV, label_column="specialty"),
        mentions="text_column",
        why="missing label column named",
    ),
    BadCall(
        LOAD,
        build=_csv("text,label\na,x\n ,y\nb,y\nc,x\n"),
        mentions="empty note",
        why="an empty note",
    ),
    BadCall(LOAD, build=_csv("text,label\na,x\nb,x\n"), mentions="class", why="a single class"),
    BadCall(
        LOAD,
        build=_csv("text,label\nFi\xe8vre,x\nb,y\n".encode("latin-1")),
        mentions="encoding",
        why="latin-1 file read as utf-8",
    ),
    BadCall(
        LOAD,
        build=_csv(GOOD_CSV, encoding="no-such-codec"),
        mentions="encoding",
        why="unknown encoding",
    ),
    BadCall(LOAD, build=_csv(""), mentions="empty", why="empty file"),
    BadCall(
        LOAD,
        build=_csv(GOOD_CSV, min_per_class=0),
        mentions="min_per_class",
        why="no notes per class",
    ),
    BadCall(
        LOAD,
        build=_csv(GOOD_CSV, text_column=3),
        raises=TypeError,
        mentions="text_column",
        why="column as a number",
    ),
    # --- attention ------------------------------------------------------------------------
    BadCall(SDPA, (Q, Q[:, :3], Q), mentions="key", why="key of another feature size"),
    BadCall(SDPA, (Q, Q, Q[:2]), mentions="value", why="fewer values than keys"),
    BadCall(SDPA, (Q[0], Q[0], Q[0]), mentions="query", why="one vector, no positions"),
    BadCall(SDPA, (Q, Q, Q), {"mask": [True, False]}, mentions="mask", why="mask of wrong length"),
    BadCall(
        SDPA, (Q, Q, Q), {"mask": [False, False, False]}, mentions="mask", why="every key hidden"
    ),
    BadCall(
        SDPA,
        (Q, Q, Q),
        {"mask": [0.5, 1.0, 1.0]},
        raises=TypeError,
        mentions="mask",
        why="fractional mask",
    ),
    BadCall(SDPA, (np.full((2, 4), np.nan), Q, Q), mentions="query", why="NaN query"),
    GoodCall(SDPA, (Q.tolist(), Q.tolist(), Q.tolist()), reference=((Q, Q, Q), {}), why="lists"),
    BadCall(MHA, (X, X, _mha_weights(), 3), mentions="weights[0]", why="heads do not match"),
    BadCall(MHA, (X, X, _mha_weights()[:6], 2), mentions="weights", why="six weight arrays"),
    BadCall(MHA, (X[0], X, _mha_weights(), 2), mentions="query", why="no batch axis"),
    BadCall(
        MHA, (X, X[:, :, :3], _mha_weights(), 2), mentions="value", why="value of another width"
    ),
    BadCall(MHA, (X, X, _mha_weights(), 0), mentions="num_heads", why="no heads"),
    # --- cross-entropy --------------------------------------------------------------------
    BadCall(
        CE,
        ([0, 3], [[1.0, 2.0, 3.0], [0.0, 0.0, 0.0]]),
        mentions="y_true",
        why="class index out of range",
    ),
    BadCall(CE, ([0.5], [[1.0, 2.0]]), mentions="y_true", why="fractional label"),
    BadCall(
        CE, ([0, 1, 1], [[1.0, 2.0], [0.0, 0.0]]), mentions="y_true", why="more labels than rows"
    ),
    BadCall(CE, ([0], [1.0, 2.0]), mentions="logits", why="1-D logits"),
    BadCall(CE, ([0], [[np.inf, 0.0]]), mentions="logits", why="infinite logit"),
    GoodCall(
        CE,
        (np.array([1]), np.array([[0.0, 1.0]])),
        reference=(([1], [[0.0, 1.0]]), {}),
        why="arrays and lists",
    ),
]

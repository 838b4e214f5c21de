"""Bad calls of notebook 10's helpers: expression loaders, privacy checks, the conditional GAN.

Files in the wrong orientation or with text, NaN, missing labels or one class; rows of
different widths; NaN or empty synthetic sets; networks, labels and sizes that do not fit.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from bad_calls.table import Arguments, BadCall, GoodCall

LOAD = "helpers.data.expression.load_gse7390_metastasis"
READ = "helpers.data.expression.read_expression_csv"
DESCRIBE = "helpers.data.expression.describe_expression"
CLOSEST = "helpers.evaluation.privacy.closest_record_distances"
MEMBERSHIP = "helpers.evaluation.privacy.membership_inference_auc"
REPORT = "helpers.evaluation.privacy.privacy_report"
CGAN = "helpers.synthetic.gan.ConditionalGAN"

ROWS = np.random.default_rng(0).normal(size=(20, 3))
OTHER = np.random.default_rng(1).normal(size=(10, 3))
GOOD_CSV = "id,g0,g1,label\np0,1.0,2.0,0\np1,1.5,2.5,1\np2,0.5,1.0,0\np3,2.0,3.0,1\n"


def _csv(text: str, **kwargs: Any):
    def build(folder: Path) -> Arguments:
        path = folder / "matrix.csv"
        path.write_text(text)
        return (path,), kwargs

    return build


def _csv_as_text_path(folder: Path) -> tuple[Arguments, Arguments]:
    path = folder / "matrix.csv"
    path.write_text(GOOD_CSV)
    return ((str(path),), {}), ((path,), {})


def _mlp(inputs: int, outputs: int) -> Any:
    import keras

    return keras.Sequential([keras.Input((inputs,)), keras.layers.Dense(outputs)])


def _networks(**kwargs: Any):
    def build(folder: Path) -> Arguments:
        return (_mlp(6, 3), _mlp(5, 1), 4), kwargs

    return build


def _fitted_with(x: Any, y: Any):
    def build(folder: Path) -> Arguments:
        import keras

        from helpers.synthetic.gan import ConditionalGAN

        gan = ConditionalGAN(_mlp(6, 3), _mlp(5, 1), 4)
        gan.compile(keras.optimizers.Adam(), keras.optimizers.Adam())
        return (gan, x, y), {}

    return build


def _generate_with(**kwargs: Any):
    def build(folder: Path) -> Arguments:
        from helpers.synthetic.gan import ConditionalGAN

        return (ConditionalGAN(_mlp(6, 3), _mlp(5, 1), 4),), kwargs

    return build


CALLS: list[BadCall | GoodCall] = [
    # --- loaders ------------------------------------------------------------------------------
    BadCall(LOAD, (0.0,), mentions="horizon_years", why="a horizon of zero years"),
    BadCall(LOAD, ("5",), raises=TypeError, mentions="horizon_years", why="horizon as text"),
    BadCall(
        READ, ("no/such/matrix.csv",), raises=FileNotFoundError, mentions="path", why="missing file"
    ),
    BadCall(
        READ,
        build=_csv(GOOD_CSV, orientation="rows"),
        mentions="orientation",
        why="unknown orientation",
    ),
    BadCall(
        READ,
        build=_csv(GOOD_CSV, orientation="genes_x_patients"),
        mentions='orientation="patients_x_genes"',
        why="patients as rows read as genes",
    ),
    BadCall(
        READ,
        build=_csv("gene,p0,p1\ng0,1.0,2.0\nlabel,0,1\n"),
        mentions='orientation="genes_x_patients"',
        why="genes as rows read as patients",
    ),
    BadCall(
        READ,
        build=_csv(GOOD_CSV.replace("2.5", "high")),
        mentions="non-numeric",
        why="text among the expression values",
    ),
    BadCall(
        READ, build=_csv(GOOD_CSV.replace("2.5", "NaN")), mentions="NaN", why="NaN expression value"
    ),
    BadCall(
        READ,
        build=_csv(GOOD_CSV.replace("3.0,1", "3.0,")),
        mentions="has no `label`",
        why="a patient without a label",
    ),
    BadCall(
        READ,
        build=_csv(GOOD_CSV.replace(",1\n", ",0\n")),
        mentions="both classes",
        why="a single class",
    ),
    BadCall(
        READ,
        build=_csv(GOOD_CSV.replace("p1,1.5,2.5,1", "p1,1.5,1")),
        mentions="mismatched shapes",
        why="a row shorter than the header",
    ),
    BadCall(READ, build=_csv("id,label\np0,0\np1,1\n"), mentions="no gene", why="no gene column"),
    BadCall(READ, build=_csv(GOOD_CSV, label=""), mentions="label", why="empty label name"),
    GoodCall(READ, build=_csv_as_text_path, why="path as text"),
    BadCall(DESCRIBE, (ROWS,), raises=TypeError, mentions="dataset", why="an array, not a dataset"),
    # --- privacy ------------------------------------------------------------------------------
    BadCall(CLOSEST, (ROWS, OTHER[:, :2]), mentions="same features", why="different gene counts"),
    BadCall(CLOSEST, (np.zeros((0, 3)), OTHER), mentions="samples", why="no samples"),
    BadCall(CLOSEST, (ROWS[0], OTHER), mentions="samples", why="one row as a 1-D array"),
    BadCall(
        CLOSEST, (np.where(ROWS > 1, np.nan, ROWS), OTHER), mentions="samples", why="NaN sample"
    ),
    BadCall(CLOSEST, ("abc", OTHER), raises=TypeError, mentions="samples", why="text samples"),
    GoodCall(
        CLOSEST, (ROWS.tolist(), OTHER.tolist()), reference=((ROWS, OTHER), {}), why="nested lists"
    ),
    BadCall(
        MEMBERSHIP,
        (ROWS, OTHER, OTHER[:, :2]),
        mentions="non_members",
        why="non-members with fewer genes",
    ),
    BadCall(MEMBERSHIP, (ROWS, np.zeros((0, 3)), OTHER), mentions="members", why="no members"),
    BadCall(REPORT, (ROWS, OTHER, OTHER), mentions="held-out", why="hold-out equal to training"),
    BadCall(
        REPORT,
        (ROWS, OTHER, ROWS),
        {"copy_fraction": 1.5},
        mentions="copy_fraction",
        why="copy fraction above 1",
    ),
    BadCall(
        REPORT,
        (ROWS, OTHER[:5], ROWS[:, :2]),
        mentions="same features",
        why="hold-out with fewer genes",
    ),
    BadCall(
        REPORT,
        (ROWS, np.full((4, 3), np.inf), ROWS),
        mentions="training",
        why="infinite training values",
    ),
    # --- the conditional GAN --------------------------------------------------------------------
    BadCall(
        CGAN,
        build=lambda folder: ((_mlp(4, 3), _mlp(5, 1), 4), {}),
        mentions="latent_dim + num_classes",
        why="generator without the label input",
    ),
    BadCall(
        CGAN,
        build=lambda folder: ((_mlp(6, 3), _mlp(3, 1), 4), {}),
        mentions="discriminator",
        why="discriminator without the label input",
    ),
    BadCall(
        CGAN,
        build=lambda folder: ((_mlp(6, 3), _mlp(5, 2), 4), {}),
        mentions="one logit",
        why="discriminator with two outputs",
    ),
    BadCall(CGAN, build=_networks(num_classes=1), mentions="num_classes", why="a single class"),
    BadCall(
        CGAN,
        build=_networks(num_classes=2.0),
        raises=TypeError,
        mentions="num_classes",
        why="number of classes as a float",
    ),
    BadCall(
        CGAN,
        build=lambda folder: (("G", _mlp(5, 1), 4), {}),
        raises=TypeError,
        mentions="generator",
        why="text instead of a generator",
    ),
    BadCall(
        f"{CGAN}.fit",
        build=_fitted_with(np.zeros((5, 3)), np.zeros(4)),
        mentions="`y`",
        why="more rows than labels",
    ),
    BadCall(
        f"{CGAN}.fit",
        build=_fitted_with(np.zeros((4, 3)), [0, 1, 2, 0]),
        mentions="y",
        why="a label outside the classes",
    ),
    BadCall(
        f"{CGAN}.fit",
        build=_fitted_with(np.zeros((4, 2)), [0, 1, 1, 0]),
        mentions="`x`",
        why="rows with the wrong number of features",
    ),
    BadCall(
        f"{CGAN}.fit",
        build=_fitted_with(np.full((4, 3), np.nan), [0, 1, 1, 0]),
        mentions="x",
        why="NaN rows",
    ),
    BadCall(
        f"{CGAN}.generate",
        build=_generate_with(),
        raises=TypeError,
        mentions="labels",
        why="no labels",
    ),
    BadCall(
        f"{CGAN}.generate",
        build=_generate_with(labels=[0, 3]),
        mentions="labels",
        why="a label outside the classes",
    ),
    BadCall(
        f"{CGAN}.generate",
        build=_generate_with(labels=[0, 1], num_samples=5),
        mentions="num_samples",
        why="count differs from the labels",
    ),
    BadCall(
        f"{CGAN}.generate",
        build=_generate_with(labels=[0, 1], seed=-1),
        mentions="seed",
        why="negative seed",
    ),
]

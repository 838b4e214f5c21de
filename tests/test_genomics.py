"""Notebook 10's helpers: the GSE7390 label, the expression CSV reader, the privacy checks, the
conditional GAN, and the notebook's full-run path on a small written CSV."""

from __future__ import annotations

from pathlib import Path

import keras
import numpy as np
import pytest

from helpers.data.expression import (
    ExpressionDataset,
    describe_expression,
    load_gse7390_metastasis,
    read_expression_csv,
)
from helpers.evaluation.privacy import (
    closest_record_distances,
    membership_inference_auc,
    privacy_report,
)
from helpers.synthetic.gan import ConditionalGAN

# --- GSE7390 ----------------------------------------------------------------------------------


def test_gse7390_label_follows_the_survival_fields() -> None:
    from sksurv.datasets import load_breast_cancer

    data = load_gse7390_metastasis()
    _, outcome = load_breast_cancer()
    assert outcome["t.tdm"].max() > 5000  # follow-up is in days (up to ~25 years)
    assert (len(data), len(data.gene_names), data.excluded) == (189, 76, 9)
    assert int(data.labels.sum()) == 35
    event, time = outcome["e.tdm"][data.patient_ids], outcome["t.tdm"][data.patient_ids]
    assert np.array_equal(data.labels, (event & (time <= 5 * 365.25)).astype(int))
    assert np.all(time[data.labels == 0] > 5 * 365.25)  # controls were followed past 5 years
    assert "189 patients x 76 genes, 35 with the event" in describe_expression(data)
    longer = load_gse7390_metastasis(horizon_years=10)
    assert longer.labels.sum() > data.labels.sum()


# --- the CSV reader ---------------------------------------------------------------------------


def _table(num_patients: int = 12, num_genes: int = 3) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    return rng.normal(size=(num_patients, num_genes)), np.arange(num_patients) % 2


def _write_patients_x_genes(path: Path, values: np.ndarray, labels: list) -> Path:
    genes = [f"g{j}" for j in range(values.shape[1])]
    lines = ["id," + ",".join(genes) + ",label"]
    lines += [
        f"p{i}," + ",".join(f"{v:.6f}" for v in row) + f",{label}"
        for i, (row, label) in enumerate(zip(values, labels, strict=True))
    ]
    path.write_text("\n".join(lines) + "\n")
    return path


def _write_genes_x_patients(path: Path, values: np.ndarray, labels: np.ndarray) -> Path:
    lines = ["gene," + ",".join(f"p{i}" for i in range(len(values)))]
    lines += [f"g{j}," + ",".join(f"{v:.6f}" for v in values[:, j]) for j in range(values.shape[1])]
    lines.append("label," + ",".join(str(label) for label in labels))
    path.write_text("\n".join(lines) + "\n")
    return path


def test_both_orientations_read_the_same_table(tmp_path: Path) -> None:
    values, labels = _table()
    rows = read_expression_csv(_write_patients_x_genes(tmp_path / "a.csv", values, list(labels)))
    columns = read_expression_csv(
        _write_genes_x_patients(tmp_path / "b.csv", values, labels), orientation="genes_x_patients"
    )
    for data in (rows, columns):
        assert isinstance(data, ExpressionDataset)
        assert data.gene_names == ("g0", "g1", "g2")
        np.testing.assert_allclose(data.inputs, values, atol=1e-6)
        assert np.array_equal(data.labels, labels)
        assert list(data.patient_ids[:2]) == ["p0", "p1"]


@pytest.mark.parametrize(
    ("orientation", "writer", "message"),
    [
        ("genes_x_patients", _write_patients_x_genes, 'orientation="patients_x_genes"'),
        ("patients_x_genes", _write_genes_x_patients, 'orientation="genes_x_patients"'),
    ],
    ids=["rows-read-as-columns", "columns-read-as-rows"],
)
def test_wrong_orientation_says_which_to_use(tmp_path, orientation, writer, message) -> None:
    values, labels = _table()
    path = writer(
        tmp_path / "x.csv", values, list(labels) if writer is _write_patients_x_genes else labels
    )
    with pytest.raises(ValueError, match=message):
        read_expression_csv(path, orientation=orientation)


def _bad_file(tmp_path: Path, case: str) -> Path:
    values, labels = _table()
    labels_list: list = list(labels)
    path = tmp_path / f"{case}.csv"
    if case == "single_class":
        labels_list = [1] * len(labels_list)
    if case == "missing_label":
        labels_list[3] = ""
    if case == "label_not_binary":
        labels_list[2] = "relapse"
    _write_patients_x_genes(path, values, labels_list)
    text = path.read_text().splitlines()
    if case == "nan":
        text[2] = text[2].replace(text[2].split(",")[1], "NaN", 1)
    if case == "non_numeric":
        text[4] = text[4].replace(text[4].split(",")[2], "high", 1)
    if case == "short_row":
        text[5] = ",".join(text[5].split(",")[:-2])
    if case == "duplicate_gene":
        text[0] = text[0].replace("g1", "g0")
    if case == "header_only":
        text = text[:1]
    path.write_text("\n".join(text) + "\n")
    if case == "not_utf8":
        path.write_bytes(b"id,g\xe9ne,label\np1,1.0,0\np2,2.0,1\n")
    return path


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("nan", "missing value"),
        ("non_numeric", "non-numeric value 'high'"),
        ("missing_label", "has no `label`"),
        ("label_not_binary", "must be 0 or 1"),
        ("single_class", "both classes"),
        ("short_row", "mismatched shapes"),
        ("duplicate_gene", "twice"),
        ("header_only", "a header and data"),
        ("not_utf8", "not UTF-8"),
    ],
)
def test_bad_csv_files_are_refused_clearly(tmp_path: Path, case: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        read_expression_csv(_bad_file(tmp_path, case))


def test_missing_file_and_missing_label_column(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        read_expression_csv(tmp_path / "absent.csv")
    values, labels = _table()
    path = _write_patients_x_genes(tmp_path / "a.csv", values, list(labels))
    with pytest.raises(ValueError, match="no column `relapse`"):
        read_expression_csv(path, label="relapse")


# --- privacy ----------------------------------------------------------------------------------


def test_closest_record_distances_match_brute_force() -> None:
    rng = np.random.default_rng(1)
    samples, reference = rng.normal(size=(30, 4)), rng.normal(size=(20, 4))
    brute = np.array([min(np.linalg.norm(s - r) for r in reference) for s in samples])
    np.testing.assert_allclose(closest_record_distances(samples, reference), brute, atol=1e-9)
    assert np.all(closest_record_distances(reference[:5], reference) < 1e-6)


def test_a_generator_that_copies_training_rows_is_flagged() -> None:
    rng = np.random.default_rng(2)
    population = rng.normal(size=(400, 10))
    training, holdout = population[:150], population[150:200]
    copier = privacy_report(training[rng.permutation(150)], training, holdout)
    assert copier.flagged and copier.num_copies == 150 and copier.membership_auc == 1.0
    assert "FLAGGED" in str(copier)
    noisy_copies = training + rng.normal(scale=0.05, size=training.shape)
    assert privacy_report(noisy_copies, training, holdout).flagged
    fresh = privacy_report(population[200:350], training, holdout)  # new draws, same population
    assert not fresh.flagged and fresh.num_copies == 0
    assert 0.3 < fresh.membership_auc < 0.7 and 0.7 < fresh.dcr_ratio < 1.3


def test_membership_auc_is_one_for_copies_and_a_half_for_strangers() -> None:
    rng = np.random.default_rng(3)
    members, non_members = rng.normal(size=(60, 5)), rng.normal(size=(60, 5))
    assert membership_inference_auc(members, members, non_members) == 1.0
    strangers = rng.normal(size=(500, 5))
    assert abs(membership_inference_auc(strangers, members, non_members) - 0.5) < 0.15


def test_privacy_helpers_refuse_bad_input() -> None:
    good = np.zeros((4, 3))
    with pytest.raises(ValueError, match="same features"):
        closest_record_distances(np.zeros((4, 2)), good)
    with pytest.raises(ValueError, match="NaN"):
        privacy_report(np.full((4, 3), np.nan), good, good + 1)
    with pytest.raises(ValueError, match="empty"):
        membership_inference_auc(np.zeros((0, 3)), good, good)
    with pytest.raises(ValueError, match="held-out set"):
        privacy_report(good + 1, good, good)


# --- the conditional GAN ------------------------------------------------------------------------


def _networks(latent: int = 4, features: int = 2, classes: int = 2) -> tuple:
    generator = keras.Sequential(
        [
            keras.Input((latent + classes,)),
            keras.layers.Dense(16, activation="relu"),
            keras.layers.Dense(features),
        ]
    )
    discriminator = keras.Sequential(
        [
            keras.Input((features + classes,)),
            keras.layers.Dense(16, activation="relu"),
            keras.layers.Dense(1),
        ]
    )
    return generator, discriminator


def test_conditional_gan_learns_class_conditional_means() -> None:
    keras.utils.set_random_seed(0)
    rng = np.random.default_rng(0)
    labels = rng.integers(0, 2, size=1024)
    samples = rng.normal(scale=0.3, size=(1024, 2)) + np.where(labels[:, None] == 1, 2.0, -2.0)
    gan = ConditionalGAN(*_networks(), latent_dim=4)
    gan.compile(keras.optimizers.Adam(2e-3, beta_1=0.5), keras.optimizers.Adam(2e-3, beta_1=0.5))
    history = gan.fit(samples, labels, epochs=20, batch_size=64, verbose=0)
    assert set(history.history) == {"d_loss", "g_loss"}
    made = gan.generate(labels=np.repeat([0, 1], 200), seed=1)
    assert made.shape == (400, 2)
    assert made[200:].mean() - made[:200].mean() > 1.5  # the label moves the samples (truth: 4)
    np.testing.assert_array_equal(made, gan.generate(labels=np.repeat([0, 1], 200), seed=1))


def test_conditional_gan_refuses_networks_and_labels_that_do_not_fit() -> None:
    generator, discriminator = _networks()
    with pytest.raises(ValueError, match="latent_dim \\+ num_classes"):
        ConditionalGAN(generator, discriminator, latent_dim=6)
    with pytest.raises(ValueError, match="one-hot label side by side"):
        ConditionalGAN(generator, _networks(features=3)[1], latent_dim=4)
    with pytest.raises(ValueError, match="num_classes"):
        ConditionalGAN(generator, discriminator, latent_dim=5, num_classes=1)
    gan = ConditionalGAN(generator, discriminator, latent_dim=4)
    gan.compile(keras.optimizers.Adam(), keras.optimizers.Adam())
    with pytest.raises(ValueError, match="`x` has 5 rows but `y` has 4"):
        gan.fit(np.zeros((5, 2)), np.zeros(4))
    with pytest.raises(ValueError, match="class indices from 0 to 1"):
        gan.fit(np.zeros((4, 2)), np.array([0, 1, 2, 1]))
    with pytest.raises(ValueError, match="NaN"):
        gan.fit(np.full((4, 2), np.nan), np.zeros(4))
    with pytest.raises(TypeError, match="`labels` is required"):
        gan.generate(10)
    with pytest.raises(ValueError, match="make them agree"):
        gan.generate(3, labels=[0, 1])


# --- the notebook's full-run path -------------------------------------------------------------


def test_notebook_full_run_path_on_a_written_csv(tmp_path: Path, run_notebook) -> None:
    rng = np.random.default_rng(4)
    labels = np.r_[np.zeros(50, int), np.ones(30, int)]
    values = rng.normal(size=(80, 12)) + 0.8 * labels[:, None] * (np.arange(12) < 3)
    path = _write_genes_x_patients(tmp_path / "matrix.csv", values, labels)
    figures = run_notebook(
        "10_genomics_virtual_cases",
        data_mode="csv",
        expression_csv=str(path),
        csv_orientation="genes_x_patients",
        num_repeats=1,
        num_epochs=2,
        gan_epochs=1,
        num_bootstrap=200,
    )
    assert figures["data_mode"] == "csv"
    assert (figures["num_patients"], figures["num_genes"]) == (80, 12)
    assert figures["lr_auc_ci_low"] <= figures["lr_auc"] <= figures["lr_auc_ci_high"]
    assert figures["lr_auc"] > 0.6  # three genes carry a real signal
    assert figures["copier_flagged_folds"] == 5

"""Synthetic multimodal patients (notebook 16), the container, the .npz loader on small
files written here, and the notebook's full-run path executed on such a file."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.special import expit

from helpers.data.multimodal import NPZ_KEYS, MultimodalPatients, load_multimodal_npz
from helpers.synthetic import multimodal
from helpers.synthetic.multimodal import make_multimodal_patients, true_log_odds


@pytest.fixture(scope="module")
def patients() -> MultimodalPatients:
    return make_multimodal_patients(300, seed=3)


def test_shapes_and_types(patients) -> None:
    assert patients.inputs.shape == (300, 32, 32, 1)
    assert patients.vitals.shape == (300, multimodal.HOURS, 4)
    assert patients.notes.shape == (300,) and all(isinstance(n, str) and n for n in patients.notes)
    assert patients.tabular.shape == (300, 3)
    assert patients.tabular_names == multimodal.TABULAR_NAMES
    assert set(np.unique(patients.labels)) == {0, 1}
    assert 0.0 <= patients.inputs.min() and patients.inputs.max() <= 1.0


def test_the_same_seed_gives_the_same_patients(patients) -> None:
    again = make_multimodal_patients(300, seed=3)
    other = make_multimodal_patients(300, seed=4)
    np.testing.assert_array_equal(patients.inputs, again.inputs)
    np.testing.assert_array_equal(patients.notes, again.notes)
    assert not np.array_equal(patients.labels, other.labels)


def test_the_true_probability_follows_the_stated_model(patients) -> None:
    age, lactate = patients.tabular[:, 0], patients.tabular[:, 2]
    expected = expit(
        true_log_odds(
            patients.pneumonia, patients.deterioration, patients.cardiac_note, age, lactate
        )
    )
    np.testing.assert_allclose(patients.true_probability, expected, rtol=1e-5)
    assert 30 <= age.min() and age.max() <= 90


def test_each_finding_lives_in_its_own_modality() -> None:
    p = make_multimodal_patients(600, seed=5)
    lungs = p.inputs[:, 8:24, 5:27, 0].mean(axis=(1, 2))
    assert lungs[p.pneumonia].mean() > lungs[~p.pneumonia].mean()  # opacities brighten lungs
    heart_rate_rise = p.vitals[:, -4:, 0].mean(1) - p.vitals[:, :4, 0].mean(1)
    assert heart_rate_rise[p.deterioration].mean() > heart_rate_rise[~p.deterioration].mean() + 10
    cardiac_words = np.array([("chest" in n.lower() or "orthopnea" in n.lower()) for n in p.notes])
    assert cardiac_words[p.cardiac_note].mean() > cardiac_words[~p.cardiac_note].mean()
    assert not any(n[:1].isdigit() for n in p.notes)  # the age is only in the table


def test_no_single_finding_explains_the_outcome() -> None:
    from sklearn.metrics import roc_auc_score

    p = make_multimodal_patients(2000, seed=6)
    bayes = roc_auc_score(p.labels, p.true_probability)
    for finding in (p.pneumonia, p.deterioration, p.cardiac_note):
        assert roc_auc_score(p.labels, finding) < bayes - 0.1


@pytest.mark.parametrize(
    ("kwargs", "error", "message"),
    [
        ({"num_patients": 0}, ValueError, "num_patients"),
        ({"num_patients": 2.5}, TypeError, "num_patients"),
        ({"image_size": 16}, ValueError, "image_size"),
        ({"lesion_contrast": 1.0}, ValueError, "lesion_contrast"),
        ({"pneumonia_prevalence": 0.0}, ValueError, "pneumonia_prevalence"),
        ({"deterioration_prevalence": -0.1}, ValueError, "deterioration_prevalence"),
        ({"seed": -1}, ValueError, "seed"),
        ({"num_patients": 10**9}, ValueError, "num_patients"),
    ],
)
def test_bad_arguments(kwargs, error, message) -> None:
    with pytest.raises(error, match=message):
        make_multimodal_patients(**kwargs)


def arrays(n: int = 40, seed: int = 0) -> dict[str, np.ndarray]:
    """A valid .npz content of ``n`` patients (both outcomes)."""
    generator = np.random.default_rng(seed)
    return {
        "images": generator.random((n, 32, 32)).astype(np.float32),
        "vitals": generator.normal(size=(n, 24, 4)),
        "notes": np.array([f"reports cough {i}" for i in range(n)]),
        "tabular": generator.normal(size=(n, 3)),
        "labels": np.arange(n) % 2,
    }


def write(tmp_path, **changes):
    content = {**arrays(), **changes}
    path = tmp_path / "patients.npz"
    np.savez(path, **{k: v for k, v in content.items() if v is not None})
    return path


def test_reads_a_good_file(tmp_path) -> None:
    patients = load_multimodal_npz(write(tmp_path, tabular_names=np.array(["a", "b", "c"])))
    assert patients.inputs.shape == (40, 32, 32, 1)  # the channel axis is added
    assert patients.tabular_names == ("a", "b", "c")
    assert patients.true_probability is None and patients.pneumonia is None
    assert len(patients.subset(np.arange(10))) == 10
    assert load_multimodal_npz(write(tmp_path)).tabular_names == ("field 0", "field 1", "field 2")


@pytest.mark.parametrize(
    ("changes", "error", "message"),
    [
        ({"notes": None}, ValueError, "notes"),
        ({"labels": np.zeros(40, int)}, ValueError, "one class"),
        ({"labels": np.arange(40) % 3}, ValueError, "0 and 1"),
        ({"vitals": np.zeros((39, 24, 4))}, ValueError, "vitals"),
        ({"vitals": np.zeros((40, 24))}, ValueError, "vitals"),
        ({"tabular": np.full((40, 3), np.nan)}, ValueError, "tabular"),
        ({"tabular": np.full((40, 3), "x")}, TypeError, "tabular"),
        ({"images": np.zeros((40, 32))}, ValueError, "inputs"),
        ({"notes": np.arange(40)}, TypeError, "notes"),
        ({"tabular_names": np.array(["a"])}, ValueError, "tabular_names"),
    ],
)
def test_bad_files(tmp_path, changes, error, message) -> None:
    with pytest.raises(error, match=message):
        load_multimodal_npz(write(tmp_path, **changes))


def test_missing_truncated_and_foreign_files(tmp_path) -> None:
    with pytest.raises(FileNotFoundError, match="path"):
        load_multimodal_npz(tmp_path / "missing.npz")
    truncated = tmp_path / "truncated.npz"
    truncated.write_bytes(write(tmp_path).read_bytes()[:100])
    with pytest.raises(ValueError, match="readable .npz"):
        load_multimodal_npz(truncated)
    single = tmp_path / "single.npy"
    np.save(single, np.zeros(3))
    with pytest.raises(ValueError, match="not a .npz"):
        load_multimodal_npz(single)
    assert set(NPZ_KEYS) == {"images", "vitals", "notes", "tabular", "labels"}


def test_notebook_full_run_path_on_a_fixture_file(tmp_path, run_notebook) -> None:
    synthetic = make_multimodal_patients(200, seed=1)
    path = tmp_path / "mine.npz"
    np.savez(
        path,
        images=synthetic.inputs[..., 0],
        vitals=synthetic.vitals,
        notes=synthetic.notes,
        tabular=synthetic.tabular,
        labels=synthetic.labels,
    )
    figures = run_notebook(
        "16_multimodal_and_personalised_medicine",
        data_mode="npz",
        multimodal_path=str(path),
        num_epochs=2,
        num_bootstrap=200,
    )
    assert figures["data_mode"] == "npz"
    assert 0.0 <= figures["intermediate_fusion_auc"] <= 1.0
    assert "bayes_gap" not in figures  # real patients have no known truth

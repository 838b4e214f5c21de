"""Privacy helpers: DICOM de-identification, the DP-SGD step, accounting, the loss attack."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from pydicom import examples

from helpers.data.deidentify import (
    IDENTIFYING,
    deidentify_dicom,
    identifying_elements,
    surviving_identifiers,
)
from helpers.data.dicom import to_modality_values
from helpers.evaluation.privacy import (
    RDP_ORDERS,
    dp_sgd_epsilon,
    gaussian_rdp,
    loss_membership_auc,
    noise_for_epsilon,
    rdp_to_epsilon,
)
from helpers.scratch.dp_sgd import clip_gradients, privatize_gradients

FILES = {"ct": True, "mr": True, "waveform": False}  # name -> has pixels

# --- de-identification -----------------------------------------------------------------------


@pytest.mark.parametrize("name", FILES)
@pytest.mark.parametrize("shift", [-1000, None])
def test_no_identifying_value_survives(name: str, shift: int | None) -> None:
    original = getattr(examples, name)
    clean = deidentify_dicom(original, date_shift_days=shift, require_image=FILES[name])
    assert surviving_identifiers(original, clean) == []
    for path, element in ((p, e) for p, e in identifying_elements(clean).items()):
        keyword = path.rsplit(".", 1)[-1]
        assert keyword not in IDENTIFYING or element == "ANONYMOUS", path
    assert not any(e.tag.is_private for e in clean.iterall())
    assert clean.PatientIdentityRemoved == "YES"
    assert surviving_identifiers(original, original), "the check must be able to fail"


def test_sequences_are_walked() -> None:
    original = examples.ct
    assert "OtherPatientIDsSequence[0].PatientID" in identifying_elements(original)
    clean = deidentify_dicom(original)
    assert "OtherPatientIDsSequence" not in clean
    assert "ABCD1234" not in str(clean)


@pytest.mark.parametrize("name", ["ct", "mr"])
def test_pixels_and_hounsfield_units_unchanged(name: str) -> None:
    original = getattr(examples, name)
    clean = deidentify_dicom(original, date_shift_days=-30)
    assert clean.PixelData == original.PixelData
    assert np.array_equal(clean.pixel_array, original.pixel_array)
    assert np.array_equal(to_modality_values(clean), to_modality_values(original))


def test_uids_remapped_consistently() -> None:
    uid_map: dict[str, str] = {}
    first = deidentify_dicom(examples.ct, uid_map=uid_map)
    again = deidentify_dicom(examples.ct, uid_map=uid_map)
    assert first.StudyInstanceUID == again.StudyInstanceUID == uid_map[examples.ct.StudyInstanceUID]
    assert first.StudyInstanceUID != examples.ct.StudyInstanceUID
    assert first.file_meta.MediaStorageSOPInstanceUID == first.SOPInstanceUID
    assert first.SOPClassUID == examples.ct.SOPClassUID  # a standard UID stays
    assert deidentify_dicom(examples.ct).SeriesInstanceUID == first.SeriesInstanceUID
    assert deidentify_dicom(examples.ct, salt="other").SeriesInstanceUID != first.SeriesInstanceUID


def test_dates_shift_or_go_and_the_input_is_untouched() -> None:
    original = examples.mr
    before = str(original)
    shifted = deidentify_dicom(original, date_shift_days=-2)
    assert original.StudyDate == "20040826" and shifted.StudyDate == "20040824"
    assert deidentify_dicom(original).StudyDate == ""
    assert str(original) == before


def test_written_file_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "ct.dcm"
    examples.ct.save_as(path)
    clean = deidentify_dicom(path, date_shift_days=10)
    clean.save_as(tmp_path / "clean.dcm")
    assert surviving_identifiers(examples.ct, deidentify_dicom(tmp_path / "clean.dcm")) == []


def test_bad_input(tmp_path: Path) -> None:
    text = tmp_path / "notes.txt"
    text.write_text("not a DICOM file")
    with pytest.raises(ValueError, match="not a readable DICOM"):
        deidentify_dicom(text)
    with pytest.raises(ValueError, match="no image"):
        deidentify_dicom(examples.waveform)
    with pytest.raises(FileNotFoundError):
        deidentify_dicom(tmp_path / "missing.dcm")
    with pytest.raises(TypeError, match="source"):
        deidentify_dicom(42)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="uid_map"):
        deidentify_dicom(examples.ct, uid_map=[])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="date_shift_days"):
        deidentify_dicom(examples.ct, date_shift_days=0)
    with pytest.raises(TypeError, match="date_shift_days"):
        deidentify_dicom(examples.ct, date_shift_days=1.5)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="original"):
        surviving_identifiers("a", examples.ct)  # type: ignore[arg-type]


# --- DP-SGD step -----------------------------------------------------------------------------


def test_clipping_bounds_each_row_and_keeps_small_ones() -> None:
    rng = np.random.default_rng(0)
    rows = rng.normal(size=(20, 5)) * rng.uniform(0.01, 10.0, size=(20, 1))
    clipped = clip_gradients(rows, 1.0)
    norms = np.linalg.norm(rows, axis=1)
    assert np.all(np.linalg.norm(clipped, axis=1) <= 1.0 + 1e-12)
    assert np.allclose(clipped[norms <= 1.0], rows[norms <= 1.0])
    big = norms > 1.0
    assert np.allclose(clipped[big] * norms[big, None], rows[big])  # direction kept


def test_privatized_gradient_mean_and_noise() -> None:
    rows = np.random.default_rng(1).normal(size=(8, 3))
    exact = clip_gradients(rows, 0.5).mean(axis=0)
    assert np.allclose(privatize_gradients(rows, 0.5, 0.0), exact)
    draws = np.array(
        [privatize_gradients(rows, 0.5, 2.0, denominator=4.0, rng=s) for s in range(3000)]
    )
    assert np.allclose(draws.std(axis=0), 2.0 * 0.5 / 4.0, rtol=0.08)
    assert np.allclose(draws.mean(axis=0), clip_gradients(rows, 0.5).sum(0) / 4.0, atol=0.03)
    empty = privatize_gradients(np.zeros((0, 3)), 1.0, 1.0, denominator=5.0, rng=0)
    assert empty.shape == (3,)


@pytest.mark.parametrize(
    ("kwargs", "error", "fragment"),
    [
        ({"clip_norm": 0.0}, ValueError, "clip_norm"),
        ({"clip_norm": -1.0}, ValueError, "clip_norm"),
        ({"noise_multiplier": -0.1}, ValueError, "noise_multiplier"),
        ({"per_example": np.zeros((0, 3))}, ValueError, "empty batch"),
        ({"per_example": np.zeros(3)}, ValueError, "per_example"),
        ({"denominator": 0.0}, ValueError, "denominator"),
        ({"rng": "seed"}, TypeError, "rng"),
    ],
)
def test_privatize_refuses_bad_arguments(kwargs: dict, error: type, fragment: str) -> None:
    arguments = {"per_example": np.ones((2, 3)), "clip_norm": 1.0, "noise_multiplier": 1.0}
    with pytest.raises(error, match=fragment):
        privatize_gradients(**(arguments | kwargs))


# --- accounting ------------------------------------------------------------------------------


@pytest.mark.parametrize(("sigma", "steps"), [(1.0, 100), (5.0, 1000), (0.8, 10)])
def test_hand_gaussian_rdp_matches_dp_accounting(sigma: float, steps: int) -> None:
    import dp_accounting

    accountant = dp_accounting.rdp.RdpAccountant(list(RDP_ORDERS))
    accountant.compose(
        dp_accounting.SelfComposedDpEvent(dp_accounting.GaussianDpEvent(sigma), steps)
    )
    hand, _ = rdp_to_epsilon(RDP_ORDERS, gaussian_rdp(sigma, RDP_ORDERS, steps), 1e-5)
    assert hand == pytest.approx(accountant.get_epsilon(1e-5), rel=1e-9)
    assert dp_sgd_epsilon(sigma, 1.0, steps, 1e-5) == pytest.approx(hand, rel=1e-9)
    classic = np.min(
        gaussian_rdp(sigma, RDP_ORDERS, steps) + np.log(1e5) / (np.array(RDP_ORDERS) - 1)
    )
    assert hand < classic  # the improved conversion is tighter


def test_epsilon_falls_with_noise_and_subsampling() -> None:
    assert dp_sgd_epsilon(2.0, 0.1, 100, 1e-5) < dp_sgd_epsilon(1.0, 0.1, 100, 1e-5)
    assert dp_sgd_epsilon(1.0, 0.05, 100, 1e-5) < dp_sgd_epsilon(1.0, 0.1, 100, 1e-5)
    sigma = noise_for_epsilon(3.0, 0.1, 200, 1e-5)
    assert (
        dp_sgd_epsilon(sigma, 0.1, 200, 1e-5) <= 3.0 < dp_sgd_epsilon(sigma * 0.99, 0.1, 200, 1e-5)
    )


@pytest.mark.parametrize(
    ("call", "fragment"),
    [
        (lambda: dp_sgd_epsilon(1.0, 0.1, 10, 0.0), "delta"),
        (lambda: dp_sgd_epsilon(1.0, 0.1, 10, 1.0), "delta"),
        (lambda: dp_sgd_epsilon(1.0, 0.0, 10, 1e-5), "sampling_rate"),
        (lambda: dp_sgd_epsilon(1.0, 1.5, 10, 1e-5), "sampling_rate"),
        (lambda: dp_sgd_epsilon(-1.0, 0.1, 10, 1e-5), "noise_multiplier"),
        (lambda: dp_sgd_epsilon(1.0, 0.1, 0, 1e-5), "steps"),
        (lambda: gaussian_rdp(1.0, [0.5, 2.0]), "orders"),
        (lambda: rdp_to_epsilon([2.0, 3.0], [1.0], 1e-5), "rdp"),
        (lambda: rdp_to_epsilon([2.0], [1.0], 2.0), "delta"),
        (lambda: noise_for_epsilon(0.0, 0.1, 10, 1e-5), "target_epsilon"),
        (lambda: noise_for_epsilon(1e-6, 1.0, 10**6, 1e-5), "target_epsilon"),
        (lambda: loss_membership_auc([], [1.0]), "member_losses"),
    ],
)
def test_accounting_refuses_bad_arguments(call, fragment: str) -> None:
    with pytest.raises((ValueError, TypeError), match=fragment):
        call()


def test_loss_attack_auc() -> None:
    assert loss_membership_auc([0.1, 0.2], [0.3, 0.4]) == 1.0
    assert loss_membership_auc([0.5, 0.5], [0.5, 0.5]) == 0.5
    assert loss_membership_auc([0.9], [0.1]) == 0.0


# --- the full run's table loader, and the notebook on a written CSV ----------------------------


def _write_table(path: Path, rows: int = 120, seed: int = 3) -> Path:
    rng = np.random.default_rng(seed)
    labels = (np.arange(rows) % 3 == 0).astype(int)
    features = rng.normal(size=(rows, 4)) + 1.5 * labels[:, None] * (np.arange(4) < 2)
    body = [f"{f[0]:.4f},{f[1]:.4f},{y},{f[2]:.4f},{f[3]:.4f}" for f, y in zip(features, labels)]
    path.write_text("\n".join(["f1,f2,label,f3,f4", *body]) + "\n")
    return path


def test_table_loader_reads_and_splits(tmp_path: Path) -> None:
    from helpers.data.breast_cancer import split_table
    from helpers.data.tables import load_table_csv

    features, labels, names = load_table_csv(_write_table(tmp_path / "t.csv"))
    assert features.shape == (120, 4) and names == ("f1", "f2", "f3", "f4")
    assert labels.sum() == 40
    splits = split_table(features, labels, names, ("no", "yes"), seed=1)
    assert len(splits.train.inputs) + len(splits.val.inputs) + len(splits.test.inputs) == 120
    assert np.allclose(splits.train.inputs.mean(axis=0), 0.0, atol=1e-9)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "empty"),
        ("a,b\n1,2\n", "no column 'label'"),
        ("label\n1\n0\n", "no feature columns"),
        ("a,label\n", "no rows"),
        ("a,label\n1,0\n2\n", "line 3"),
        ("a,label\n1,0\nx,1\n", "not a number"),
        ("a,label\n1,0\n2,2\n", "0 or 1"),
        ("a,label\n1,1\n2,1\n", "both classes"),
        ("a,label\n1,0\nnan,1\n", "NaN"),
    ],
)
def test_table_loader_refuses_bad_files(tmp_path: Path, text: str, fragment: str) -> None:
    from helpers.data.tables import load_table_csv

    path = tmp_path / "bad.csv"
    path.write_text(text)
    with pytest.raises(ValueError, match=fragment):
        load_table_csv(path)


def test_table_loader_refuses_missing_file_and_bad_encoding(tmp_path: Path) -> None:
    from helpers.data.tables import load_table_csv

    with pytest.raises(FileNotFoundError):
        load_table_csv(tmp_path / "missing.csv")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("caf\xe9,label\n1,0\n2,1\n".encode("latin-1"))
    with pytest.raises(ValueError, match="UTF-8"):
        load_table_csv(latin)


def test_notebook_full_run_path_on_a_written_csv(tmp_path: Path, run_notebook) -> None:
    path = _write_table(tmp_path / "patients.csv", rows=200)
    figures = run_notebook(
        "14_privacy",
        data_mode="csv",
        csv_path=str(path),
        num_private_train=40,
        expected_batch_size=8,
        dp_epochs=5,
        fed_rounds=2,
        local_epochs=1,
    )
    assert figures["data_mode"] == "csv" and figures["num_features"] == 4
    assert figures["deid_surviving_identifiers"] == 0
    assert figures["per_example_max_abs_diff"] <= 1e-5
    assert figures["hand_epsilon_rel_diff"] <= 0.01
    assert figures["fedavg_aggregation_max_abs_diff"] <= 1e-6
    assert 0.0 <= figures["pooled_auc"] <= 1.0

"""The MedMNIST loader on small files written here (nothing is downloaded), and the
notebook's full-run path executed on such a file."""

from __future__ import annotations

import io
import zipfile

import numpy as np
import pytest

from helpers.data import medmnist
from helpers.data.download import file_checksum
from helpers.data.medmnist import CHEST_FINDINGS, load_medmnist, medmnist_url, read_medmnist_npz

SIZES = {"train": 64, "val": 32, "test": 32}


def medmnist_arrays(size: int = 28, label_columns: int = 1, seed: int = 0) -> dict[str, np.ndarray]:
    """MedMNIST-layout arrays: uint8 images (n, size, size), labels (n, columns).

    Positive images (first label column 1) carry a bright square, so a model can learn.
    """
    generator = np.random.default_rng(seed)
    arrays = {}
    for split, n in SIZES.items():
        labels = generator.integers(0, 2, size=(n, label_columns)).astype(np.uint8)
        labels[: n // 2, 0], labels[n // 2 :, 0] = 1, 0  # both classes in every split
        images = generator.integers(40, 120, size=(n, size, size)).astype(np.float64)
        images[labels[:, 0] == 1, 8:16, 8:16] += 120
        arrays[f"{split}_images"] = images.astype(np.uint8)
        arrays[f"{split}_labels"] = labels
    return arrays


@pytest.fixture
def good_file(tmp_path):
    path = tmp_path / "pneumoniamnist.npz"
    np.savez_compressed(path, **medmnist_arrays())
    return path


def test_reads_a_good_file(good_file) -> None:
    splits = read_medmnist_npz(good_file)
    assert splits.train.inputs.shape == (64, 28, 28, 1) and splits.train.inputs.dtype == np.float32
    assert 0.0 <= splits.test.inputs.min() and splits.test.inputs.max() <= 1.0
    assert splits.val.labels.shape == (32,) and set(np.unique(splits.val.labels)) == {0, 1}
    assert splits.class_names == ("no pneumonia", "pneumonia")
    assert "train: 64 images (32 no pneumonia, 32 pneumonia)" in splits.describe()
    same = load_medmnist("pneumoniamnist", path=good_file)  # a user's file: no checksum
    np.testing.assert_array_equal(same.test.labels, splits.test.labels)


def test_images_with_a_channel_axis_and_flat_labels(tmp_path) -> None:
    arrays = medmnist_arrays()
    for split in SIZES:
        arrays[f"{split}_images"] = arrays[f"{split}_images"][..., None]
        arrays[f"{split}_labels"] = arrays[f"{split}_labels"][:, 0]
    path = tmp_path / "channel.npz"
    np.savez(path, **arrays)
    assert read_medmnist_npz(path).val.inputs.shape == (32, 28, 28, 1)


def test_chestmnist_picks_one_finding(tmp_path) -> None:
    arrays = medmnist_arrays(label_columns=len(CHEST_FINDINGS))
    path = tmp_path / "chestmnist.npz"
    np.savez(path, **arrays)
    splits = read_medmnist_npz(path, "chestmnist", finding="effusion")
    np.testing.assert_array_equal(splits.train.labels, arrays["train_labels"][:, 2])
    assert splits.class_names == ("no effusion", "effusion")
    with pytest.raises(ValueError, match="`finding` must be one of"):
        read_medmnist_npz(path, "chestmnist", finding="broken leg")
    with pytest.raises(ValueError, match=r"must have shape \(64, 1\)"):
        read_medmnist_npz(path, "pneumoniamnist")


def test_wrong_keys(tmp_path) -> None:
    arrays = medmnist_arrays()
    arrays["training_images"] = arrays.pop("train_images")
    path = tmp_path / "renamed.npz"
    np.savez(path, **arrays)
    with pytest.raises(ValueError, match=r"not a MedMNIST file: it lacks \['train_images'\]"):
        read_medmnist_npz(path)


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("train_images", np.zeros((64, 28 * 28), np.uint8), "must have shape \\(n, size, size\\)"),
        ("val_images", np.zeros((32, 28, 28, 3), np.uint8), "colour"),
        ("test_images", np.zeros((32, 32, 32), np.uint8), "but train images are"),
        ("train_labels", np.zeros((10, 1), np.uint8), "must have shape \\(64, 1\\)"),
        ("val_labels", np.full((32, 1), 2, np.uint8), "only 0 and 1"),
        ("test_images", np.full((32, 28, 28), -1.0), "between 0 and 255"),
    ],
)
def test_wrong_shapes_and_values(tmp_path, key, value, message) -> None:
    arrays = medmnist_arrays()
    arrays[key] = value
    path = tmp_path / "bad.npz"
    np.savez(path, **arrays)
    with pytest.raises(ValueError, match=message):
        read_medmnist_npz(path)


def test_truncated_corrupt_and_missing_files(tmp_path, good_file) -> None:
    truncated = tmp_path / "truncated.npz"
    truncated.write_bytes(good_file.read_bytes()[: good_file.stat().st_size // 2])
    with pytest.raises(ValueError, match="truncated or not a .npz archive"):
        read_medmnist_npz(truncated)
    junk = tmp_path / "junk.npz"
    junk.write_bytes(b"<html>Too many requests</html>")
    with pytest.raises(ValueError, match="truncated or not a .npz archive"):
        read_medmnist_npz(junk)
    single = tmp_path / "single.npy"
    np.save(single, np.zeros(3))
    with pytest.raises(ValueError, match="single array"):
        read_medmnist_npz(single)
    with pytest.raises(FileNotFoundError, match="no file at"):
        read_medmnist_npz(tmp_path / "absent.npz")


def test_images_already_scaled_to_one_are_not_divided_again(tmp_path, good_file) -> None:
    arrays = medmnist_arrays()
    scaled = {k: v / 255.0 if k.endswith("images") else v for k, v in arrays.items()}
    np.savez(tmp_path / "scaled.npz", **scaled)
    with pytest.warns(UserWarning, match="not divided by 255 again"):
        splits = read_medmnist_npz(tmp_path / "scaled.npz")
    reference = read_medmnist_npz(good_file)
    np.testing.assert_allclose(splits.test.inputs, reference.test.inputs, rtol=1e-6)
    assert splits.train.inputs.max() > 0.5  # not squeezed into [0, 1/255]
    scaled["val_images"] = arrays["val_images"].astype(np.float64)  # one split not scaled
    np.savez(tmp_path / "mixed.npz", **scaled)
    with pytest.raises(ValueError, match="scale all splits alike"):
        read_medmnist_npz(tmp_path / "mixed.npz")
    binary = dict(arrays)
    for split in SIZES:
        binary[f"{split}_images"] = (arrays[f"{split}_images"] > 100).astype(np.uint8)
    np.savez(tmp_path / "binary.npz", **binary)
    with pytest.raises(ValueError, match="only the integers 0 and 1"):
        read_medmnist_npz(tmp_path / "binary.npz")


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        ("train_images", np.full((64, 28, 28), np.nan), "NaN"),
        ("train_images", np.array(["x"] * 64), "not numbers"),
        ("val_labels", np.full((32, 1), 0.5), "only 0 and 1"),
        ("test_images", np.full((32, 28, 28), 300.0), "between 0 and 255"),
    ],
)
def test_bad_values(tmp_path, key, value, message) -> None:
    arrays = medmnist_arrays()
    arrays[key] = value
    np.savez(tmp_path / "bad.npz", **arrays)
    with pytest.raises(ValueError, match=message):
        read_medmnist_npz(tmp_path / "bad.npz")


def test_a_file_claiming_huge_arrays_is_refused_before_reading(tmp_path) -> None:
    path = tmp_path / "huge.npz"
    header = io.BytesIO()
    np.lib.format.write_array_header_1_0(
        header, {"descr": "|u1", "fortran_order": False, "shape": (10**6, 224, 224)}
    )
    arrays = {k: v for k, v in medmnist_arrays().items() if k != "train_images"}
    np.savez(path, **arrays)
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("train_images.npy", header.getvalue())  # the header, no data
    with pytest.raises(ValueError, match="train_images.*GiB"):
        read_medmnist_npz(path)


def test_argument_types() -> None:
    with pytest.raises(TypeError, match="`path`"):
        read_medmnist_npz(28)
    with pytest.raises(TypeError, match="`name`"):
        load_medmnist(None)
    with pytest.raises(TypeError, match="`image_size`"):
        load_medmnist("pneumoniamnist", image_size=28.0)
    with pytest.raises(TypeError, match="`finding`"):
        load_medmnist("chestmnist", finding=2)
    with pytest.raises(ValueError, match="`image_size`"):
        medmnist_url("chestmnist", 32)


def test_no_network_gives_a_clear_error(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEDICAL_DL_DATA_DIR", str(tmp_path))
    with pytest.raises(ConnectionError, match="no network connection") as error:
        load_medmnist("pneumoniamnist")
    assert medmnist_url("pneumoniamnist") in str(error.value)
    assert str(tmp_path / "medmnist" / "pneumoniamnist.npz") in str(error.value)


def test_cached_file_is_verified_and_used_offline(tmp_path, good_file, monkeypatch) -> None:
    monkeypatch.setenv("MEDICAL_DL_DATA_DIR", str(tmp_path / "cache"))
    cached = tmp_path / "cache" / "medmnist" / "pneumoniamnist_64.npz"
    cached.parent.mkdir(parents=True)
    cached.write_bytes(good_file.read_bytes())
    # checksum mismatch with the published MD5: the copy is kept under another name (never
    # deleted) and a download is tried, which fails offline naming the host and the path
    kept = cached.with_name(f"{cached.name}.mismatch-{file_checksum(good_file)[:8]}")
    with pytest.warns(UserWarning, match="nothing is deleted"):
        with pytest.raises(ConnectionError, match="no network connection to zenodo.org") as error:
            load_medmnist("pneumoniamnist", image_size=64)
    assert f"kept as {kept}" in str(error.value) and str(cached) in str(error.value)
    assert not cached.exists() and kept.read_bytes() == good_file.read_bytes()
    assert read_medmnist_npz(kept).train.inputs.shape == (64, 28, 28, 1)  # usable as `path`
    cached.write_bytes(good_file.read_bytes())
    monkeypatch.setitem(medmnist.MEDMNIST_MD5, ("pneumoniamnist", 64), file_checksum(good_file))
    assert load_medmnist("pneumoniamnist", image_size=64).train.inputs.shape == (64, 28, 28, 1)


def test_published_addresses_and_bad_arguments() -> None:
    assert medmnist_url("pneumoniamnist") == (
        "https://zenodo.org/records/10519652/files/pneumoniamnist.npz?download=1"
    )
    assert medmnist_url("chestmnist", 64).endswith("/chestmnist_64.npz?download=1")
    assert medmnist.MEDMNIST_MD5[("pneumoniamnist", 28)] == "28209eda62fecd6e6a2d98b1501bb15f"
    with pytest.raises(ValueError, match="`name` must be one of"):
        load_medmnist("dermamnist")
    with pytest.raises(ValueError, match="`image_size` must be one of"):
        load_medmnist("pneumoniamnist", image_size=32)
    with pytest.raises(ValueError, match="leave `finding` as None"):
        load_medmnist("pneumoniamnist", finding="effusion")


def test_notebook_full_run_path_on_a_fixture_file(
    tmp_path, good_file, monkeypatch, run_notebook
) -> None:
    monkeypatch.setenv("MEDICAL_DL_DATA_DIR", str(tmp_path / "cache"))
    figures = run_notebook(
        "05_imaging_diagnosis",
        data_mode="pneumoniamnist",
        medmnist_path=str(good_file),
        base_filters=4,
        num_epochs=2,
        batch_size=16,
        num_bootstrap=200,
    )
    assert figures["data_mode"] == "pneumoniamnist"
    assert (
        0.0
        <= figures["test_auc_ci_low"]
        <= figures["test_auc"]
        <= figures["test_auc_ci_high"]
        <= 1.0
    )
    assert figures["validation_sensitivity"] >= 0.95
    assert "gradcam_peak_in_lesion" not in figures  # real images have no lesion masks
    assert not list((tmp_path / "cache").rglob("*.npz"))  # the user's file was used as is

"""Load PneumoniaMNIST or ChestMNIST (MedMNIST v2 ``.npz`` files) as binary image splits.

A MedMNIST file is a NumPy ``.npz`` archive with six arrays: ``train_images``,
``train_labels``, ``val_images``, ``val_labels``, ``test_images``, ``test_labels``.
Images are uint8 of shape (n, size, size) for grey-scale sets; labels have shape (n, 1)
(PneumoniaMNIST: 0 normal, 1 pneumonia) or (n, 14) (ChestMNIST: one 0/1 column per
finding). URLs and MD5s below are those of the ``INFO`` dict in the ``medmnist``
package (version 3.0.2, Zenodo record 10519652).
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import numpy as np

from helpers.data.containers import SPLITS, Dataset, DataSplits
from helpers.data.download import download_file

ZENODO_RECORD = "https://zenodo.org/records/10519652/files"
# (data set, image size) -> published MD5 of the .npz file
MEDMNIST_MD5: dict[tuple[str, int], str] = {
    ("pneumoniamnist", 28): "28209eda62fecd6e6a2d98b1501bb15f",
    ("pneumoniamnist", 64): "8f4eceb4ccffa70c672198ea285246c6",
    ("pneumoniamnist", 128): "05b46931834c231683c68f40c47b2971",
    ("pneumoniamnist", 224): "d6a3c71de1b945ea11211b03746c1fe1",
    ("chestmnist", 28): "02c8a6516a18b556561a56cbdd36c4a8",
    ("chestmnist", 64): "9de6cd0b934ebb5b7426cfba5efbae16",
    ("chestmnist", 128): "db107e5590b27930b62dbaf558aebee3",
    ("chestmnist", 224): "45bd33e6f06c3e8cdb481c74a89152aa",
}
CHEST_FINDINGS = (
    "atelectasis",
    "cardiomegaly",
    "effusion",
    "infiltration",
    "mass",
    "nodule",
    "pneumonia",
    "pneumothorax",
    "consolidation",
    "edema",
    "emphysema",
    "fibrosis",
    "pleural",
    "hernia",
)
REQUIRED_KEYS = tuple(f"{split}_{kind}" for split in SPLITS for kind in ("images", "labels"))


def medmnist_url(name: str, image_size: int = 28) -> str:
    """Zenodo address of a MedMNIST file (28 px files have no size suffix)."""
    suffix = "" if image_size == 28 else f"_{image_size}"
    return f"{ZENODO_RECORD}/{name}{suffix}.npz?download=1"


def _check_name_and_size(name: str, image_size: int) -> None:
    names = sorted({known for known, _ in MEDMNIST_MD5})
    if name not in names:
        raise ValueError(f"`name` must be one of {names}, got {name!r}.")
    sizes = sorted(size for known, size in MEDMNIST_MD5 if known == name)
    if image_size not in sizes:
        raise ValueError(f"`image_size` must be one of {sizes} for {name}, got {image_size!r}.")


def _finding_column(name: str, finding: str | None) -> int | None:
    if name == "pneumoniamnist":
        if finding not in (None, "pneumonia"):
            raise ValueError("PneumoniaMNIST has one label (pneumonia); leave `finding` as None.")
        return None
    if finding not in CHEST_FINDINGS:
        raise ValueError(
            f"`finding` must be one of {CHEST_FINDINGS} for ChestMNIST, got {finding!r}."
        )
    return CHEST_FINDINGS.index(finding)


def _read_arrays(path: Path) -> dict[str, np.ndarray]:
    how_to_fix = (
        "Delete it and run the loader again to download a fresh copy, or download it by "
        f"hand from {ZENODO_RECORD.rsplit('/', 1)[0]}."
    )
    try:
        archive = np.load(path, allow_pickle=False)
        if not isinstance(archive, np.lib.npyio.NpzFile):
            raise ValueError("it holds a single array, not a .npz archive of named arrays")
        with archive:
            missing = [key for key in REQUIRED_KEYS if key not in archive.files]
            if missing:
                raise KeyError(missing, sorted(archive.files))
            return {key: archive[key] for key in REQUIRED_KEYS}
    except KeyError as error:
        missing, present = error.args
        raise ValueError(
            f"{path} is not a MedMNIST file: it lacks {missing} (it holds {present}). A "
            "MedMNIST .npz has the arrays train_images, train_labels, val_images, val_labels, "
            "test_images and test_labels; save yours with np.savez(path, train_images=..., ...)."
        ) from None
    except (zipfile.BadZipFile, EOFError, OSError, ValueError) as error:
        raise ValueError(
            f"{path} is truncated or not a .npz archive ({type(error).__name__}: {error}). "
            f"{how_to_fix}"
        ) from error


def read_medmnist_npz(
    path: str | Path, name: str = "pneumoniamnist", finding: str | None = None
) -> DataSplits:
    """Read and validate a MedMNIST ``.npz`` file (no checksum: the caller trusts it).

    For ChestMNIST, ``finding`` picks the label column (e.g. 'effusion'): 1 means that
    finding was reported, 0 that it was not.
    """
    path = Path(path).expanduser()
    if not path.is_file():
        raise FileNotFoundError(
            f"No file at {path}. Check the path, or set it to None to download the data set."
        )
    column = _finding_column(name, finding)
    arrays = _read_arrays(path)
    result: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    image_shape = None
    for split in SPLITS:
        images, labels = arrays[f"{split}_images"], arrays[f"{split}_labels"]
        if images.ndim == 4 and images.shape[-1] == 1:
            images = images[..., 0]
        if images.ndim != 3 or images.shape[1] != images.shape[2] or len(images) == 0:
            raise ValueError(
                f"`{split}_images` in {path} must have shape (n, size, size) for grey-scale "
                f"images, but has shape {images.shape}. Is this a colour MedMNIST set?"
            )
        if image_shape is not None and images.shape[1:] != image_shape:
            raise ValueError(
                f"`{split}_images` are {images.shape[1:]} but train images are {image_shape}."
            )
        image_shape = images.shape[1:]
        if labels.ndim == 1:
            labels = labels[:, None]
        wanted_columns = len(CHEST_FINDINGS) if column is not None else 1
        if labels.ndim != 2 or labels.shape != (len(images), wanted_columns):
            raise ValueError(
                f"`{split}_labels` in {path} must have shape ({len(images)}, {wanted_columns}) "
                f"for {name}, but has shape {labels.shape}."
            )
        labels = labels[:, column or 0]
        if not np.all(np.isin(labels, (0, 1))):
            raise ValueError(f"`{split}_labels` must contain only 0 and 1 for a binary task.")
        pixels = images.astype(np.float32)
        if not np.all(np.isfinite(pixels)) or pixels.min() < 0 or pixels.max() > 255:
            raise ValueError(f"`{split}_images` must hold grey values between 0 and 255.")
        result[split] = ((pixels / 255.0)[..., None], labels.astype(np.int64))
    positive = "pneumonia" if column is None else CHEST_FINDINGS[column]
    class_names = (f"no {positive}", positive)
    return DataSplits(
        **{
            split: Dataset(inputs=images, labels=labels, class_names=class_names, unit="images")
            for split, (images, labels) in result.items()
        }
    )


def load_medmnist(
    name: str = "pneumoniamnist",
    path: str | Path | None = None,
    image_size: int = 28,
    finding: str | None = None,
) -> DataSplits:
    """PneumoniaMNIST or ChestMNIST as binary splits.

    With ``path=None`` the file is downloaded once into ``data_dir('medmnist')`` and
    verified with its published MD5; with a ``path`` the user's own copy is read as it is.
    """
    _check_name_and_size(name, image_size)
    _finding_column(name, finding)
    if path is None:
        filename = f"{name}.npz" if image_size == 28 else f"{name}_{image_size}.npz"
        path = download_file(
            medmnist_url(name, image_size),
            filename,
            subfolder="medmnist",
            md5=MEDMNIST_MD5[(name, image_size)],
        )
    return read_medmnist_npz(path, name, finding)

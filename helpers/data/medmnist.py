"""Load MedMNIST v2 ``.npz`` files as image splits: PneumoniaMNIST and ChestMNIST (grey,
binary) and PathMNIST and BloodMNIST (colour, multi-class).

A MedMNIST file is a NumPy ``.npz`` archive with six arrays: ``train_images``,
``train_labels``, ``val_images``, ``val_labels``, ``test_images``, ``test_labels``.
Images are uint8 of shape (n, size, size) for grey-scale sets and (n, size, size, 3) for
colour sets; labels have shape (n, 1): PneumoniaMNIST 0 normal, 1 pneumonia; PathMNIST
one of 9 tissue classes (0-8, ``PATH_CLASSES``); BloodMNIST one of 8 blood-cell classes
(0-7, ``BLOOD_CLASSES``); or (n, 14) for ChestMNIST (one 0/1 column per finding, one of
which is picked as a binary task). URLs, MD5s and class names below are those of the
``INFO`` dict in the ``medmnist`` package (version 3.0.2, Zenodo record 10519652).

A file is checked before it is used: a truncated or corrupt archive (a damaged zip, a
damaged compressed member, a damaged array header) raises a ``ValueError`` that names
the file and says to delete it and download it again; array sizes are read from the
headers and refused up front beyond the memory budget. Grey or colour values 0-255 are
divided by 255; images that are floats already in [0, 1] (every split) are used as they
are, with a warning, never divided twice. Grey images are returned as (n, size, size, 1),
colour images as (n, size, size, 3); a colour file read as a grey set, or the other way
round, is refused with the name to use.
"""

from __future__ import annotations

import math
import tokenize
import warnings
import zipfile
import zlib
from pathlib import Path
from typing import Any

import numpy as np

from helpers.course.validation import (
    check_budget,
    check_choice,
    check_integer,
    check_path,
    check_text,
    describe,
)
from helpers.data.containers import SPLITS, Dataset, DataSplits
from helpers.data.download import DEFAULT_TIMEOUT, check_timeout, download_file

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
    ("pathmnist", 28): "a8b06965200029087d5bd730944a56c1",
    ("pathmnist", 64): "55aa9c1e0525abe5a6b9d8343a507616",
    ("pathmnist", 128): "ac42d08fb904d92c244187169d1fd1d9",
    ("pathmnist", 224): "2c51a510bcdc9cf8ddb2af93af1eadec",
    ("bloodmnist", 28): "7053d0359d879ad8a5505303e11de1dc",
    ("bloodmnist", 64): "2b94928a2ae4916078ca51e05b6b800b",
    ("bloodmnist", 128): "adace1e0ed228fccda1f39692059dd4c",
    ("bloodmnist", 224): "b718ff6835fcbdb22ba9eacccd7b2601",
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
#: PathMNIST's 9 tissue classes (NCT-CRC-HE-100K colorectal cancer tiles), label 0-8.
PATH_CLASSES = (
    "adipose",
    "background",
    "debris",
    "lymphocytes",
    "mucus",
    "smooth muscle",
    "normal colon mucosa",
    "cancer-associated stroma",
    "colorectal adenocarcinoma epithelium",
)
#: BloodMNIST's 8 blood-cell classes, label 0-7.
BLOOD_CLASSES = (
    "basophil",
    "eosinophil",
    "erythroblast",
    "immature granulocytes(myelocytes, metamyelocytes and promyelocytes)",
    "lymphocyte",
    "monocyte",
    "neutrophil",
    "platelet",
)
#: The colour, multi-class sets and their class names (label k is ``names[k]``).
COLOUR_SETS: dict[str, tuple[str, ...]] = {"pathmnist": PATH_CLASSES, "bloodmnist": BLOOD_CLASSES}
REQUIRED_KEYS = tuple(f"{split}_{kind}" for split in SPLITS for kind in ("images", "labels"))


def _check_name_and_size(name: Any, image_size: Any) -> tuple[str, int]:
    names = sorted({known for known, _ in MEDMNIST_MD5})
    name = check_choice(check_text(name, "name"), "name", names)
    image_size = check_integer(image_size, "image_size")
    sizes = sorted(size for known, size in MEDMNIST_MD5 if known == name)
    return name, check_choice(image_size, "image_size", sizes)


def medmnist_url(name: str, image_size: int = 28) -> str:
    """Zenodo address of a MedMNIST file (28 px files have no size suffix)."""
    name, image_size = _check_name_and_size(name, image_size)
    suffix = "" if image_size == 28 else f"_{image_size}"
    return f"{ZENODO_RECORD}/{name}{suffix}.npz?download=1"


def _finding_column(name: str, finding: Any) -> int | None:
    if finding is not None and not isinstance(finding, str):
        raise TypeError(
            f"`finding` must be the name of a finding (a string) or None, but got "
            f"{describe(finding)}."
        )
    if name in COLOUR_SETS:
        if finding is not None:
            raise ValueError(
                f"{name} is a multi-class set ({len(COLOUR_SETS[name])} classes, no findings); "
                "leave `finding` as None."
            )
        return None
    if name == "pneumoniamnist":
        if finding not in (None, "pneumonia"):
            raise ValueError("PneumoniaMNIST has one label (pneumonia); leave `finding` as None.")
        return None
    if finding not in CHEST_FINDINGS:
        raise ValueError(
            f"`finding` must be one of {CHEST_FINDINGS} for ChestMNIST, got {finding!r}."
        )
    return CHEST_FINDINGS.index(finding)


def _corrupt(path: Path, error: BaseException) -> ValueError:
    return ValueError(
        f"{path} is truncated or not a .npz archive ({type(error).__name__}: {error}). "
        "Delete it and run the loader again to download a fresh copy, or download it by "
        f"hand from {ZENODO_RECORD.rsplit('/', 1)[0]}."
    )


# what a damaged zip, a damaged compressed member or a damaged .npy header raise
_DAMAGED = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    SyntaxError,
    KeyError,
    NotImplementedError,
    tokenize.TokenError,
)


def _member_header(archive: zipfile.ZipFile, key: str) -> tuple[tuple[int, ...], np.dtype]:
    """Shape and dtype of one array of a ``.npz`` archive, read from its header (no data)."""
    with archive.open(f"{key}.npy") as member:
        version = np.lib.format.read_magic(member)
        if version == (1, 0):
            shape, _, dtype = np.lib.format.read_array_header_1_0(member)
        else:
            shape, _, dtype = np.lib.format.read_array_header_2_0(member)
    return shape, dtype


def _read_member(archive: zipfile.ZipFile, key: str) -> np.ndarray:
    """One array of a ``.npz`` archive (as ``np.load`` reads it), read to the end of its
    member so that the zip checksum (CRC-32) is verified and a damaged header cannot
    shift the data unnoticed."""
    with archive.open(f"{key}.npy") as member:
        array = np.lib.format.read_array(member, allow_pickle=False)
        if member.read(1):
            raise ValueError(f"bytes are left over after the array {key}: its header is damaged")
    return array


def _read_arrays(path: Path) -> dict[str, np.ndarray]:
    with path.open("rb") as handle:
        start = handle.read(6)
    if start == b"\x93NUMPY":
        raise ValueError(
            f"{path} holds a single array (.npy), not a .npz archive of named arrays. "
            "Save the splits together with np.savez(path, train_images=..., ...)."
        )
    if not start.startswith(b"PK"):
        raise _corrupt(path, ValueError(f"it starts with {start!r}, not with a zip header"))
    try:
        archive = zipfile.ZipFile(path)
    except _DAMAGED as error:
        raise _corrupt(path, error) from error
    with archive:
        present = sorted(name.removesuffix(".npy") for name in archive.namelist())
        missing = [key for key in REQUIRED_KEYS if f"{key}.npy" not in archive.namelist()]
        if missing:
            raise ValueError(
                f"{path} is not a MedMNIST file: it lacks {missing} (it holds {present}). A "
                "MedMNIST .npz has the arrays train_images, train_labels, val_images, "
                "val_labels, test_images and test_labels; save yours with "
                "np.savez(path, train_images=..., ...)."
            )
        for key in REQUIRED_KEYS:
            try:
                shape, dtype = _member_header(archive, key)
            except _DAMAGED as error:
                raise _corrupt(path, error) from error
            allowed = "uif" if key.endswith("images") else "buif"
            if dtype.kind not in allowed:
                raise ValueError(
                    f"`{key}` in {path} holds {dtype} values, not numbers. Save pixel values "
                    "(uint8 0-255) and integer labels."
                )
            check_budget(
                math.prod(shape),
                f"`{key}` in `path` ({path.name})",
                bytes_per_value=max(4, dtype.itemsize),
            )
        try:
            return {key: _read_member(archive, key) for key in REQUIRED_KEYS}
        except _DAMAGED as error:
            raise _corrupt(path, error) from error


def _check_grey_values(path: Path, arrays: dict[str, np.ndarray]) -> bool:
    """Check every split's images; return True if they are already scaled to [0, 1].

    Images are grey or colour values 0-255 (any numeric dtype); floats whose maximum over
    all splits is at most 1 are taken as already scaled and are not divided by 255 again.
    """
    floats_in_unit_range, largest = [], 0.0
    for split in SPLITS:
        images = arrays[f"{split}_images"]
        if images.dtype.kind == "f" and not np.all(np.isfinite(images)):
            raise ValueError(
                f"`{split}_images` in {path} contain NaN or infinite values; a MedMNIST file "
                "holds pixel values between 0 and 255. Delete it and download it again."
            )
        if images.min() < 0 or images.max() > 255:
            raise ValueError(
                f"`{split}_images` in {path} must hold pixel values between 0 and 255, but "
                f"they run from {images.min():g} to {images.max():g}."
            )
        floats_in_unit_range.append(images.dtype.kind == "f" and images.max() <= 1.0)
        largest = max(largest, float(images.max()))
    if any(floats_in_unit_range) and not all(floats_in_unit_range):
        raise ValueError(
            f"Some image splits in {path} look scaled to [0, 1] and others hold pixel values "
            "up to 255: scale all splits alike (or not at all) before saving them."
        )
    if not any(floats_in_unit_range) and largest <= 1.0:
        raise ValueError(
            f"The images in {path} hold only the integers 0 and 1: are these masks, or images "
            "scaled to [0, 1] and then cast to integers? Save the pixel values (0-255)."
        )
    return all(floats_in_unit_range)


def _grey_split(
    path: Path, split: str, name: str, column: int | None, images: np.ndarray, labels: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """One split of a grey binary set: images (n, size, size), 0/1 labels (n,)."""
    if images.ndim == 4 and images.shape[-1] == 1:
        images = images[..., 0]
    if images.ndim != 3 or images.shape[1] != images.shape[2] or len(images) == 0:
        colour = images.ndim == 4 and images.shape[-1] == 3
        hint = (
            f" These are colour images: is this a colour MedMNIST set? Pass name= one of "
            f"{sorted(COLOUR_SETS)} if so."
            if colour
            else ""
        )
        raise ValueError(
            f"`{split}_images` in {path} must have shape (n, size, size) for grey-scale "
            f"images ({name}), but has shape {images.shape}.{hint}"
        )
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
    return images, labels


def _colour_split(
    path: Path, split: str, name: str, images: np.ndarray, labels: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """One split of a colour multi-class set: images (n, size, size, 3), labels 0..K-1 (n,)."""
    if images.ndim != 4 or images.shape[-1] != 3 or images.shape[1] != images.shape[2]:
        grey = images.ndim == 3 or (images.ndim == 4 and images.shape[-1] == 1)
        hint = (
            " These are grey-scale images: is this a grey MedMNIST set (e.g. "
            "name='pneumoniamnist')?"
            if grey
            else ""
        )
        raise ValueError(
            f"`{split}_images` in {path} must have shape (n, size, size, 3) for the colour "
            f"set {name}, but has shape {images.shape}.{hint}"
        )
    if len(images) == 0:
        raise ValueError(f"`{split}_images` in {path} holds no images (shape {images.shape}).")
    if labels.ndim == 2 and labels.shape[1] == 1:
        labels = labels[:, 0]
    if labels.shape != (len(images),):
        raise ValueError(
            f"`{split}_labels` in {path} must have shape ({len(images)}, 1) for {name} (one "
            f"class index per image), but has shape {labels.shape}."
        )
    classes = len(COLOUR_SETS[name])
    whole = labels.dtype.kind in "biu" or bool(np.all(labels == np.round(labels)))
    if not whole or labels.min() < 0 or labels.max() >= classes:
        raise ValueError(
            f"`{split}_labels` in {path} must hold class indices 0 to {classes - 1} for "
            f"{name}, but hold values from {labels.min():g} to {labels.max():g}"
            f"{'' if whole else ' with fractions'}."
        )
    return images, labels


def read_medmnist_npz(
    path: str | Path, name: str = "pneumoniamnist", finding: str | None = None
) -> DataSplits:
    """Read and validate a MedMNIST ``.npz`` file (no checksum: the caller trusts it).

    Grey sets (PneumoniaMNIST, ChestMNIST) give binary splits with inputs
    (n, size, size, 1); for ChestMNIST, ``finding`` picks the label column (e.g.
    'effusion'): 1 means that finding was reported, 0 that it was not. Colour sets
    (PathMNIST, BloodMNIST) give multi-class splits with inputs (n, size, size, 3) and
    labels 0..8 / 0..7 named by ``PATH_CLASSES`` / ``BLOOD_CLASSES``. Values 0-255 are
    divided by 255; a file whose images are floats already in [0, 1] (all splits) is
    used as it is, with a warning, instead of being divided again.

    Raises:
        FileNotFoundError: no file at ``path``.
        ValueError: a truncated or corrupt file (delete it and download it again), missing
            arrays, wrong shapes (grey images for a colour set or colour images for a grey
            one), labels that are not class indices of the set, values outside 0-255, or
            arrays larger than the memory budget.
    """
    path = check_path(path, "path").expanduser()
    if not path.exists():
        raise FileNotFoundError(
            f"`path`: no file at {path}. Check the path, or set it to None to download the "
            "data set."
        )
    if not path.is_file():
        raise ValueError(f"`path` must be a .npz file, but {path} is a folder.")
    name = _check_name_and_size(name, 28)[0]
    column = _finding_column(name, finding)
    arrays = _read_arrays(path)
    image_shape = None
    for split in SPLITS:
        images, labels = arrays[f"{split}_images"], arrays[f"{split}_labels"]
        if name in COLOUR_SETS:
            images, labels = _colour_split(path, split, name, images, labels)
        else:
            images, labels = _grey_split(path, split, name, column, images, labels)
        if image_shape is not None and images.shape[1:] != image_shape:
            raise ValueError(
                f"`{split}_images` are {images.shape[1:]} but train images are {image_shape}."
            )
        image_shape = images.shape[1:]
        arrays[f"{split}_images"], arrays[f"{split}_labels"] = images, labels
    already_scaled = _check_grey_values(path, arrays)
    if already_scaled:
        warnings.warn(
            f"The images in {path} are floats already in [0, 1]: they are used as they are, "
            "not divided by 255 again.",
            UserWarning,
            stacklevel=2,
        )
    if name in COLOUR_SETS:
        class_names = COLOUR_SETS[name]
    else:
        positive = "pneumonia" if column is None else CHEST_FINDINGS[column]
        class_names = (f"no {positive}", positive)
    datasets = {}
    for split in SPLITS:
        pixels = arrays.pop(f"{split}_images").astype(np.float32)
        scaled = pixels if already_scaled else pixels / 255.0
        datasets[split] = Dataset(
            inputs=scaled if name in COLOUR_SETS else scaled[..., None],
            labels=arrays[f"{split}_labels"].astype(np.int64),
            class_names=class_names,
            unit="images",
        )
    return DataSplits(**datasets)


def load_medmnist(
    name: str = "pneumoniamnist",
    path: str | Path | None = None,
    image_size: int = 28,
    finding: str | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> DataSplits:
    """PneumoniaMNIST or ChestMNIST as binary splits, PathMNIST or BloodMNIST as
    multi-class colour splits (see :func:`read_medmnist_npz`).

    With ``path=None`` the file is downloaded once into ``data_dir('medmnist')`` and
    verified with its published MD5 (``timeout``: seconds to wait for Zenodo); with a
    ``path`` the user's own copy is read as it is.
    """
    name, image_size = _check_name_and_size(name, image_size)
    _finding_column(name, finding)
    timeout = check_timeout(timeout)
    if path is None:
        filename = f"{name}.npz" if image_size == 28 else f"{name}_{image_size}.npz"
        path = download_file(
            medmnist_url(name, image_size),
            filename,
            subfolder="medmnist",
            md5=MEDMNIST_MD5[(name, image_size)],
            timeout=timeout,
        )
    return read_medmnist_npz(path, name, finding)

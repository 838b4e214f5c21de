"""Load PneumoniaMNIST or ChestMNIST (MedMNIST v2 ``.npz`` files) as binary image splits.

A MedMNIST file is a NumPy ``.npz`` archive with six arrays: ``train_images``,
``train_labels``, ``val_images``, ``val_labels``, ``test_images``, ``test_labels``.
Images are uint8 of shape (n, size, size) for grey-scale sets; labels have shape (n, 1)
(PneumoniaMNIST: 0 normal, 1 pneumonia) or (n, 14) (ChestMNIST: one 0/1 column per
finding). URLs and MD5s below are those of the ``INFO`` dict in the ``medmnist``
package (version 3.0.2, Zenodo record 10519652).

A file is checked before it is used: a truncated or corrupt archive (a damaged zip, a
damaged compressed member, a damaged array header) raises a ``ValueError`` that names
the file and says to delete it and download it again; array sizes are read from the
headers and refused up front beyond the memory budget. Grey values 0-255 are divided
by 255; images that are floats already in [0, 1] (every split) are used as they are,
with a warning, never divided twice.
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
                    f"`{key}` in {path} holds {dtype} values, not numbers. Save grey values "
                    "(uint8 0-255) and 0/1 labels."
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

    Images are grey values 0-255 (any numeric dtype); floats whose maximum over all
    splits is at most 1 are taken as already scaled and are not divided by 255 again.
    """
    floats_in_unit_range, largest = [], 0.0
    for split in SPLITS:
        images = arrays[f"{split}_images"]
        if images.dtype.kind == "f" and not np.all(np.isfinite(images)):
            raise ValueError(
                f"`{split}_images` in {path} contain NaN or infinite values; a MedMNIST file "
                "holds grey values between 0 and 255. Delete it and download it again."
            )
        if images.min() < 0 or images.max() > 255:
            raise ValueError(
                f"`{split}_images` in {path} must hold grey values between 0 and 255, but "
                f"they run from {images.min():g} to {images.max():g}."
            )
        floats_in_unit_range.append(images.dtype.kind == "f" and images.max() <= 1.0)
        largest = max(largest, float(images.max()))
    if any(floats_in_unit_range) and not all(floats_in_unit_range):
        raise ValueError(
            f"Some image splits in {path} look scaled to [0, 1] and others hold grey values "
            "up to 255: scale all splits alike (or not at all) before saving them."
        )
    if not any(floats_in_unit_range) and largest <= 1.0:
        raise ValueError(
            f"The images in {path} hold only the integers 0 and 1: are these masks, or images "
            "scaled to [0, 1] and then cast to integers? Save the grey values (0-255)."
        )
    return all(floats_in_unit_range)


def read_medmnist_npz(
    path: str | Path, name: str = "pneumoniamnist", finding: str | None = None
) -> DataSplits:
    """Read and validate a MedMNIST ``.npz`` file (no checksum: the caller trusts it).

    For ChestMNIST, ``finding`` picks the label column (e.g. 'effusion'): 1 means that
    finding was reported, 0 that it was not. Grey values 0-255 are divided by 255; a
    file whose images are floats already in [0, 1] (all splits) is used as it is, with
    a warning, instead of being divided again.

    Raises:
        FileNotFoundError: no file at ``path``.
        ValueError: a truncated or corrupt file (delete it and download it again), missing
            arrays, wrong shapes, labels other than 0/1, grey values outside 0-255, or
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
        arrays[f"{split}_images"], arrays[f"{split}_labels"] = images, labels
    already_scaled = _check_grey_values(path, arrays)
    if already_scaled:
        warnings.warn(
            f"The images in {path} are floats already in [0, 1]: they are used as they are, "
            "not divided by 255 again.",
            UserWarning,
            stacklevel=2,
        )
    positive = "pneumonia" if column is None else CHEST_FINDINGS[column]
    class_names = (f"no {positive}", positive)
    datasets = {}
    for split in SPLITS:
        pixels = arrays.pop(f"{split}_images").astype(np.float32)
        scaled = pixels if already_scaled else pixels / 255.0
        datasets[split] = Dataset(
            inputs=scaled[..., None],
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
    """PneumoniaMNIST or ChestMNIST as binary splits.

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

"""One container for every modality: labelled samples, and train / validation / test splits.

Every data set of the course, real or synthetic, tabular, image, beat or series, is a
``Dataset``: ``inputs`` (one row per sample: features, an image, a waveform, a series),
integer ``labels`` (0/1 for binary tasks, 1 = disease), ``class_names`` and, when samples
come from patients, ``patient_ids``. Modalities add per-sample arrays (lesion masks, RR
features, ...) in subclasses that list them in ``sample_fields``, so ``subset`` slices
them together. ``DataSplits`` holds three datasets of one kind.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar

import numpy as np
from numpy.typing import ArrayLike, NDArray

from helpers.course.validation import (
    as_array,
    as_class_labels,
    as_float_array,
    check_number,
    check_strings,
    check_text,
)
from helpers.course.validation import describe as describe_value

SPLITS = ("train", "val", "test")

DatasetT = TypeVar("DatasetT", bound="Dataset")


def check_class_names(value: Any, name: str = "class_names") -> tuple[str, ...]:
    """Return ``value`` as a tuple if it names at least two classes with distinct strings."""
    names = check_strings(value, name, min_length=2)
    if len(set(names)) < len(names):
        raise ValueError(f"`{name}` names a class twice: {names}; give each class its own name.")
    return names


def _numeric_rows(value: Any, name: str) -> NDArray[Any]:
    """``value`` as an array of finite numbers with one row per sample.

    NumPy arrays are checked as they are, so big image stacks keep their dtype and are
    not copied; other array-likes (lists, pandas objects, tensors) become float64.
    """
    if not isinstance(value, np.ndarray):
        return as_float_array(value, name, allow_empty=True)
    if not (np.issubdtype(value.dtype, np.number) or np.issubdtype(value.dtype, np.bool_)):
        raise TypeError(f"`{name}` must hold numbers, but its dtype is {value.dtype}.")
    if value.ndim == 0:
        raise ValueError(f"`{name}` must have one row per sample, but is a single value.")
    if np.issubdtype(value.dtype, np.inexact) and not np.all(np.isfinite(value)):
        raise ValueError(
            f"`{name}` contains NaN or infinite values. Remove or impute them first "
            "(e.g. np.nan_to_num or drop those samples)."
        )
    return value


@dataclass(frozen=True, kw_only=True)
class Dataset:
    """Samples with labels: ``inputs`` has one row per sample, ``labels`` one class index.

    The constructor refuses what would mislead later: NaN or text inputs, labels that are
    not class indices of ``class_names``, per-sample arrays whose rows do not line up.
    Lists and pandas objects become arrays; NumPy arrays are kept as they are.
    """

    sample_fields: ClassVar[tuple[str, ...]] = ("inputs", "labels", "patient_ids")

    inputs: NDArray[np.floating]
    labels: NDArray[np.integer]
    class_names: tuple[str, ...]
    patient_ids: NDArray[Any] | None = None  # integers or record names
    unit: str = "samples"  # what one sample is, for describe()

    def __post_init__(self) -> None:
        checked: dict[str, Any] = {
            "class_names": check_class_names(self.class_names),
            "unit": check_text(self.unit, "unit"),
            "inputs": _numeric_rows(self.inputs, "inputs"),
        }
        labels = as_array(self.labels, "labels", ndim=1)
        if labels.size:  # whole numbers from 0 to one less than the number of classes
            as_class_labels(labels, "labels", num_classes=len(checked["class_names"]))
        checked["labels"] = labels if labels.dtype.kind in "iu" else labels.astype(np.int64)
        if self.patient_ids is not None:
            patients = as_array(self.patient_ids, "patient_ids", ndim=1)
            if patients.dtype.kind == "f" and not np.all(np.isfinite(patients)):
                raise ValueError("`patient_ids` contains NaN; every sample needs its patient.")
            checked["patient_ids"] = patients
        for name in self.sample_fields:
            if name not in checked and getattr(self, name) is not None:
                checked[name] = as_array(getattr(self, name), name)
        for name in self.sample_fields:
            value = checked.get(name)
            if value is not None and (value.ndim == 0 or len(value) != len(labels)):
                rows = "a single value" if value.ndim == 0 else f"{len(value)} rows"
                raise ValueError(
                    f"`{name}` has {rows} but `labels` has {len(labels)}; "
                    "every per-sample array needs one row per sample."
                )
        for name, value in checked.items():
            if value is not getattr(self, name):
                object.__setattr__(self, name, value)

    def __len__(self) -> int:
        return len(self.labels)

    def subset(self: DatasetT, indices: ArrayLike) -> DatasetT:
        """The samples at ``indices`` (an index array or a boolean mask), every field sliced.

        Indices run from 0 to ``len(self) - 1``; a mask has one entry per sample.
        """
        index = as_array(indices, "indices", ndim=1)
        if index.size == 0 and index.dtype != bool:  # [] is float64 for NumPy
            index = index.astype(np.intp)
        if index.dtype == bool:
            if index.size != len(self):
                raise ValueError(
                    f"`indices` is a boolean mask of {index.size} values, but the dataset has "
                    f"{len(self)} samples; build the mask from this dataset's own arrays."
                )
        elif not np.issubdtype(index.dtype, np.integer):
            raise TypeError(
                f"`indices` must be integers or a boolean mask, got {index.dtype}. "
                "Convert whole-number floats with np.asarray(indices, dtype=int)."
            )
        elif index.size and (index.min() < 0 or index.max() >= len(self)):
            raise ValueError(
                f"`indices` must lie between 0 and {len(self) - 1} (the dataset has "
                f"{len(self)} samples), but run from {index.min()} to {index.max()}."
            )
        sliced = {
            name: getattr(self, name)[index]
            for name in self.sample_fields
            if getattr(self, name) is not None
        }
        return dataclasses.replace(self, **sliced)

    def class_counts(self) -> dict[str, int]:
        """Number of samples per class."""
        labels = np.asarray(self.labels, dtype=np.int64)
        counts = np.bincount(labels, minlength=len(self.class_names))
        return {name: int(count) for name, count in zip(self.class_names, counts, strict=False)}

    def describe(self) -> str:
        """One line: samples, patients (when known) and samples per class."""
        counts = ", ".join(f"{count} {name}" for name, count in self.class_counts().items())
        patients = (
            f" from {len(np.unique(self.patient_ids))} patients"
            if self.patient_ids is not None
            else ""
        )
        return f"{len(self)} {self.unit}{patients} ({counts})"


@dataclass(frozen=True, kw_only=True)
class DataSplits:
    """Train / validation / test datasets of one kind (``splits.train.inputs``, ...)."""

    train: Dataset
    val: Dataset
    test: Dataset

    def __post_init__(self) -> None:
        for split in SPLITS:
            if not isinstance(getattr(self, split), Dataset):
                raise TypeError(
                    f"`{split}` must be a Dataset, but got {describe_value(getattr(self, split))}."
                )
        for split in SPLITS[1:]:
            if getattr(self, split).class_names != self.train.class_names:
                raise ValueError(
                    f"`{split}` has classes {getattr(self, split).class_names} but `train` has "
                    f"{self.train.class_names}; the three splits must share their classes."
                )

    @property
    def class_names(self) -> tuple[str, ...]:
        """The class names the three splits share."""
        return self.train.class_names

    def describe(self) -> str:
        """One line per split."""
        return "\n".join(f"{split:<5}: {getattr(self, split).describe()}" for split in SPLITS)


@dataclass(frozen=True, kw_only=True)
class TabularSplits(DataSplits):
    """Splits of a table of features, with the names of its columns.

    ``mean`` and ``std`` are the training-split statistics used for standardising
    (all zeros and ones when the data were left unscaled).
    """

    feature_names: tuple[str, ...]
    mean: NDArray[np.floating]
    std: NDArray[np.floating]

    def __post_init__(self) -> None:
        super().__post_init__()
        feature_names = check_strings(self.feature_names, "feature_names")
        shape = (len(feature_names),)
        mean = as_float_array(self.mean, "mean", shape=shape)
        std = as_float_array(self.std, "std", shape=shape)
        if np.any(std <= 0):
            raise ValueError("`std` must be positive for every feature (1 for a constant one).")
        for split in SPLITS:
            inputs = getattr(self, split).inputs
            if inputs.ndim != 2 or inputs.shape[1] != len(feature_names):
                raise ValueError(
                    f"`{split}` inputs have shape {inputs.shape}, but a table with "
                    f"{len(feature_names)} `feature_names` needs (samples, {len(feature_names)})."
                )
        object.__setattr__(self, "feature_names", feature_names)
        if not isinstance(self.mean, np.ndarray):
            object.__setattr__(self, "mean", mean)
        if not isinstance(self.std, np.ndarray):
            object.__setattr__(self, "std", std)


@dataclass(frozen=True, kw_only=True)
class BeatDataset(Dataset):
    """ECG beats: ``inputs`` are waveform windows (beats, samples) in millivolts."""

    sample_fields: ClassVar[tuple[str, ...]] = (*Dataset.sample_fields, "rr_features")
    unit: str = "beats"

    rr_features: NDArray[np.floating]  # (beats, len(RR_FEATURE_NAMES))
    sampling_rate: float

    def __post_init__(self) -> None:
        check_number(self.sampling_rate, "sampling_rate", low=0.0, low_open=True)
        super().__post_init__()


@dataclass(frozen=True, kw_only=True)
class WarningWindows(Dataset):
    """Windows ``(n, window_hours, vitals)``; label 1 when an event follows within the horizon."""

    sample_fields: ClassVar[tuple[str, ...]] = (*Dataset.sample_fields, "end_hours")
    unit: str = "windows"

    end_hours: NDArray[np.integer]  # the last hour each window covers

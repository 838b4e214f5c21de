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

SPLITS = ("train", "val", "test")

DatasetT = TypeVar("DatasetT", bound="Dataset")


@dataclass(frozen=True, kw_only=True)
class Dataset:
    """Samples with labels: ``inputs`` has one row per sample, ``labels`` one class index."""

    sample_fields: ClassVar[tuple[str, ...]] = ("inputs", "labels", "patient_ids")

    inputs: NDArray[np.floating]
    labels: NDArray[np.integer]
    class_names: tuple[str, ...]
    patient_ids: NDArray[Any] | None = None  # integers or record names
    unit: str = "samples"  # what one sample is, for describe()

    def __post_init__(self) -> None:
        if len(self.class_names) < 2:
            raise ValueError(f"`class_names` needs at least two names, got {self.class_names}.")
        for name in self.sample_fields:
            value = getattr(self, name)
            if value is not None and len(value) != len(self.labels):
                raise ValueError(
                    f"`{name}` has {len(value)} rows but `labels` has {len(self.labels)}; "
                    "every per-sample array needs one row per sample."
                )

    def __len__(self) -> int:
        return len(self.labels)

    def subset(self: DatasetT, indices: ArrayLike) -> DatasetT:
        """The samples at ``indices`` (an index array or a boolean mask), every field sliced."""
        index = np.asarray(indices)
        if index.dtype != bool and not np.issubdtype(index.dtype, np.integer):
            raise TypeError(f"`indices` must be integers or a boolean mask, got {index.dtype}.")
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


@dataclass(frozen=True, kw_only=True)
class BeatDataset(Dataset):
    """ECG beats: ``inputs`` are waveform windows (beats, samples) in millivolts."""

    sample_fields: ClassVar[tuple[str, ...]] = (*Dataset.sample_fields, "rr_features")
    unit: str = "beats"

    rr_features: NDArray[np.floating]  # (beats, len(RR_FEATURE_NAMES))
    sampling_rate: float


@dataclass(frozen=True, kw_only=True)
class WarningWindows(Dataset):
    """Windows ``(n, window_hours, vitals)``; label 1 when an event follows within the horizon."""

    sample_fields: ClassVar[tuple[str, ...]] = (*Dataset.sample_fields, "end_hours")
    unit: str = "windows"

    end_hours: NDArray[np.integer]  # the last hour each window covers

"""Patients seen through four modalities at once: a chest image, vital signs, a note, a table.

``MultimodalPatients`` holds, for the same patients in the same order, ``inputs`` (images
``(n, height, width, 1)``), ``vitals`` (series ``(n, steps, channels)``), ``notes`` (one
text each), ``tabular`` (``(n, fields)``) and a 0/1 outcome in ``labels``. Synthetic
patients (``helpers.synthetic.multimodal``) add their known truth; real ones come from a
``.npz`` file the user assembled (``load_multimodal_npz``): no public data set bundles
all four modalities for the same patients.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray

from helpers.course.validation import (
    as_binary_labels,
    as_float_array,
    check_both_classes,
    check_existing_file,
)
from helpers.data.containers import Dataset

#: The four modalities, in the order every model of notebook 16 takes them.
MODALITIES = ("image", "vitals", "note", "tabular")
#: The arrays a ``.npz`` file of real patients must hold (``load_multimodal_npz``).
NPZ_KEYS = ("images", "vitals", "notes", "tabular", "labels")


@dataclass(frozen=True, kw_only=True)
class MultimodalPatients(Dataset):
    """Images in ``inputs`` plus ``vitals``, ``notes`` and ``tabular`` rows of the same patients.

    The truth fields (``true_probability`` of the outcome and the hidden findings
    ``pneumonia``, ``deterioration``, ``cardiac_note``) are known only for synthetic
    patients and are None for real ones.
    """

    sample_fields: ClassVar[tuple[str, ...]] = (
        *Dataset.sample_fields,
        "vitals",
        "notes",
        "tabular",
        "true_probability",
        "pneumonia",
        "deterioration",
        "cardiac_note",
    )

    vitals: NDArray[np.floating]
    notes: NDArray[np.str_]
    tabular: NDArray[np.floating]
    tabular_names: tuple[str, ...] = ()
    true_probability: NDArray[np.floating] | None = None
    pneumonia: NDArray[np.bool_] | None = None
    deterioration: NDArray[np.bool_] | None = None
    cardiac_note: NDArray[np.bool_] | None = None
    unit: str = "patients"

    def __post_init__(self) -> None:
        super().__post_init__()
        checks = (("inputs", (3, 4)), ("vitals", 3), ("tabular", 2))
        for name, ndim in checks:  # finite numbers of the right rank, kept as float32
            value = as_float_array(getattr(self, name), name, ndim=ndim)
            object.__setattr__(self, name, value.astype(np.float32))
        if self.inputs.ndim == 3:  # (n, height, width): add the channel axis
            object.__setattr__(self, "inputs", self.inputs[..., None])
        notes = np.asarray(self.notes)
        if notes.ndim != 1 or notes.dtype.kind not in "US":
            raise TypeError(
                f"`notes` must be one text per patient (a 1-D array of strings), but got "
                f"dtype {notes.dtype} with shape {notes.shape}."
            )
        object.__setattr__(self, "notes", notes.astype(str))
        names = tuple(self.tabular_names) or tuple(
            f"field {i}" for i in range(self.tabular.shape[1])
        )
        if len(names) != self.tabular.shape[1]:
            raise ValueError(
                f"`tabular_names` names {len(names)} fields but `tabular` has "
                f"{self.tabular.shape[1]} columns; give one name per column."
            )
        object.__setattr__(self, "tabular_names", names)


def load_multimodal_npz(path: Any) -> MultimodalPatients:
    """Real patients from a ``.npz`` file with the arrays ``NPZ_KEYS``, one row per patient.

    ``images`` ``(n, height, width)`` or ``(n, height, width, 1)``; ``vitals`` ``(n, steps,
    channels)``; ``notes`` ``(n,)`` strings; ``tabular`` ``(n, fields)``; ``labels`` ``(n,)``
    0/1 with both classes. An optional ``tabular_names`` array names the columns. Build
    it with ``np.savez(path, images=..., vitals=..., notes=np.array(texts), tabular=...,
    labels=...)``: the arrays must describe the same patients in the same order.

    Raises:
        FileNotFoundError: no file at ``path``.
        ValueError: not a readable ``.npz`` archive (e.g. truncated), an array missing,
            rows that do not line up, NaN values, a wrong number of dimensions, or a
            single class.
        TypeError: text where numbers belong, or numbers where notes belong.
    """
    path = check_existing_file(path, "path")
    try:
        archive = np.load(path, allow_pickle=False)
    except (ValueError, OSError, zipfile.BadZipFile) as error:
        raise ValueError(
            f"`path` {path} is not a readable .npz archive ({error}); write one with "
            "np.savez(path, images=..., vitals=..., notes=..., tabular=..., labels=...)."
        ) from error
    if not hasattr(archive, "files"):
        raise ValueError(f"`path` {path} holds a single array, not a .npz archive of {NPZ_KEYS}.")
    with archive:
        missing = [key for key in NPZ_KEYS if key not in archive.files]
        if missing:
            raise ValueError(
                f"`path` {path} lacks the array(s) {missing}; it holds {archive.files}. "
                f"A multimodal file needs all of {NPZ_KEYS}."
            )
        arrays = {key: archive[key] for key in NPZ_KEYS}
        has_names = "tabular_names" in archive.files
        names = tuple(str(n) for n in archive["tabular_names"]) if has_names else ()
    labels = as_binary_labels(arrays["labels"], "labels")
    check_both_classes(labels, "labels")
    return MultimodalPatients(
        inputs=arrays["images"],
        labels=labels,
        vitals=arrays["vitals"],
        notes=arrays["notes"],
        tabular=arrays["tabular"],
        tabular_names=names,
        class_names=("no event", "event"),
    )

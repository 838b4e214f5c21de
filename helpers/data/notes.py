"""Clinical notes from a local CSV file (e.g. MTSamples transcriptions and their specialty).

The file has one note per row: a text column and a label column (names are parameters).
``load_notes_csv`` reads it with clear errors for the usual problems of such exports: a
missing file or column, empty notes, a file in another encoding, a single class.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from helpers.course.validation import (
    check_existing_file,
    check_positive_int,
    check_text,
)
from helpers.data.tables import read_csv_rows


@dataclass(frozen=True)
class TextDataset:
    """Notes with class indices 0..k-1 and the names of the classes."""

    texts: tuple[str, ...]
    labels: NDArray[np.int64]
    class_names: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.texts)


def load_notes_csv(
    path: Any,
    *,
    text_column: str = "text",
    label_column: str = "label",
    encoding: str = "utf-8",
    min_per_class: int = 2,
) -> TextDataset:
    """Notes and labels of a CSV file; classes with fewer than ``min_per_class`` notes dropped.

    Rows whose label is missing are dropped; classes are numbered in alphabetical order of
    their names. MTSamples: ``text_column="transcription"``, ``label_column=
    "medical_specialty"``.

    Raises:
        FileNotFoundError: no file at ``path``.
        ValueError: a column is missing, a note is empty, the file is not in ``encoding``,
            or fewer than two classes remain.
    """
    path = check_existing_file(path, "path")
    text_column = check_text(text_column, "text_column")
    label_column = check_text(label_column, "label_column")
    encoding = check_text(encoding, "encoding")
    min_per_class = check_positive_int(min_per_class, "min_per_class")
    rows = read_csv_rows(path, encoding)
    if not rows:
        raise ValueError(f"`path`: {path.name} is empty; it needs a header and rows.")
    header = [name.strip() for name in rows[0]]
    missing = [c for c in (text_column, label_column) if c not in header]
    if missing:
        raise ValueError(
            f"`path`: {path.name} has no column {', '.join(map(repr, missing))}; its columns are "
            f"{header}. Pass text_column= and label_column= to name yours."
        )
    text_at, label_at = header.index(text_column), header.index(label_column)
    pairs = [
        (row[text_at].strip() if len(row) > text_at else "", row[label_at].strip())
        for row in rows[1:]
        if len(row) > label_at and row[label_at].strip()  # rows without a label are dropped
    ]
    empty = [number for number, (text, _) in enumerate(pairs, start=1) if not text]
    if empty:
        raise ValueError(
            f"`path`: {path.name} has {len(empty)} empty note(s) in column {text_column!r} "
            f"(the first in labelled row {empty[0]}); drop or fill them first."
        )
    counts = Counter(label for _, label in pairs)
    kept = sorted(name for name, count in counts.items() if count >= min_per_class)
    if len(kept) < 2:
        raise ValueError(
            f"`path`: {path.name} holds {len(kept)} class(es) with at least {min_per_class} "
            f"notes in column {label_column!r} ({dict(counts.most_common(5))}); a classifier "
            "needs two or more."
        )
    index = {name: i for i, name in enumerate(kept)}
    pairs = [(text, label) for text, label in pairs if label in index]
    labels = np.array([index[label] for _, label in pairs], dtype=np.int64)
    return TextDataset(tuple(text for text, _ in pairs), labels, tuple(kept))

"""Reading users' CSV files: one reader with clear errors, shared by the data loaders."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from helpers.course.validation import check_existing_file, check_text


def read_csv_rows(path: Path, encoding: str = "utf-8-sig") -> list[list[str]]:
    """The non-blank rows of the CSV at ``path`` as lists of text (header first).

    A file in another encoding, an unknown ``encoding`` or a malformed CSV raises a
    ``ValueError`` that says what to do; a leading byte-order mark is dropped. The caller
    checks that the columns it needs are there (the result may be empty).
    """
    try:
        with path.open(newline="", encoding=encoding) as handle:
            rows = list(csv.reader(handle))
    except UnicodeDecodeError as error:
        raise ValueError(
            f"`path`: {path.name} is not {encoding.upper()} text ({error.reason} at byte "
            f"{error.start}). Save it as UTF-8, or pass its encoding (e.g. 'latin-1')."
        ) from None
    except LookupError:
        raise ValueError(f"`encoding`: {encoding!r} is not an encoding Python knows.") from None
    except csv.Error as error:
        raise ValueError(f"`path`: {path.name} cannot be read as a CSV file ({error}).") from None
    if rows and rows[0]:
        rows[0][0] = rows[0][0].lstrip("\ufeff")
    return [row for row in rows if any(cell.strip() for cell in row)]


def load_table_csv(
    path: Any, label_column: str = "label"
) -> tuple[NDArray[np.float64], NDArray[np.int64], tuple[str, ...]]:
    """A table of numeric features with a 0/1 label column: ``(features, labels, names)``.

    One row per patient, one column per feature, and ``label_column`` (1 = disease).
    Split it with ``helpers.data.breast_cancer.split_table``. A missing file or column,
    no feature columns, no rows, rows of the wrong length, text or empty cells where
    numbers belong, labels other than 0/1 and a single class are refused clearly.
    """
    path = check_existing_file(path, "path")
    label_column = check_text(label_column, "label_column")
    rows = read_csv_rows(path)
    if not rows:
        raise ValueError(
            f"`path`: {path.name} is empty; it needs a header and one row per patient."
        )
    header, body = [cell.strip() for cell in rows[0]], rows[1:]
    if label_column not in header:
        raise ValueError(
            f"`path`: {path.name} has no column {label_column!r} (its columns: {header[:8]}...). "
            "Pass label_column= to name yours; one row per patient, one column per feature."
        )
    if len(header) < 2:
        raise ValueError(f"`path`: {path.name} has no feature columns besides {label_column!r}.")
    if not body:
        raise ValueError(f"`path`: {path.name} has a header but no rows.")
    for number, row in enumerate(body, start=2):
        if len(row) != len(header):
            raise ValueError(
                f"`path`: line {number} of {path.name} has {len(row)} cells but the header "
                f"{len(header)}; every row needs one value per column."
            )
    values = np.empty((len(body), len(header)))
    for number, row in enumerate(body, start=2):
        for column, cell in enumerate(row):
            try:
                values[number - 2, column] = float(cell)
            except ValueError:
                raise ValueError(
                    f"`path`: line {number} of {path.name}, column {header[column]!r} holds "
                    f"{cell!r}, not a number. Features and labels must be numbers (no units, "
                    "no empty cells)."
                ) from None
    if not np.all(np.isfinite(values)):
        raise ValueError(f"`path`: {path.name} holds NaN or infinite values; fill or drop them.")
    at = header.index(label_column)
    labels = values[:, at]
    if not np.all(np.isin(labels, (0.0, 1.0))):
        raise ValueError(
            f"`path`: column {label_column!r} of {path.name} must hold 0 or 1, but holds "
            f"{sorted(set(labels.tolist()))[:5]}."
        )
    if labels.min() == labels.max():
        raise ValueError(
            f"`path`: every patient in {path.name} has label {int(labels[0])}; a classifier "
            "needs both classes."
        )
    names = tuple(name for index, name in enumerate(header) if index != at)
    return np.delete(values, at, axis=1), labels.astype(np.int64), names

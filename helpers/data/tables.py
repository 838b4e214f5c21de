"""Reading users' CSV files: one reader with clear errors, shared by the data loaders."""

from __future__ import annotations

import csv
from pathlib import Path


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

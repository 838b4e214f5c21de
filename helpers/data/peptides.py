"""Peptides as sentences of amino acids: the 20-letter alphabet, encodings, a binding CSV.

A peptide is a string over the 20 standard amino acids (one-letter codes). The course
turns it into integer indices (one "word" per position), from which one-hot, BLOSUM62
and learned-embedding encodings follow. ``load_binding_csv`` reads measured
peptide-MHC binding (an IEDB export, say) with columns ``peptide``, ``allele`` and either
``label`` (1 = binder) or ``affinity`` (IC50 in nM; binder below 500 nM, the usual
cut-off), keeps one allele and one peptide length, and refuses bad files with messages
that say what is wrong and where.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from helpers.course.validation import (
    check_existing_file,
    check_integer,
    check_number,
    check_positive_int,
    check_text,
    describe,
)
from helpers.data.tables import read_csv_rows

#: The 20 standard amino acids, in alphabetical order of their one-letter codes.
AMINO_ACIDS = "ACDEFGHIKLMNPQRSTVWY"
#: Affinity (IC50, nM) below which a peptide counts as a binder (the usual 500 nM cut-off).
BINDER_AFFINITY_NM = 500.0
#: Shortest and longest peptide length ``load_binding_csv`` keeps (class I: 8-11, class II longer).
MIN_LENGTH, MAX_LENGTH = 5, 30
#: Longest sequence ``peptide_indices`` encodes (a whole protein; titin has about 35,000 residues).
MAX_SEQUENCE_LENGTH = 100_000

_INDEX = {letter: index for index, letter in enumerate(AMINO_ACIDS)}


@dataclass(frozen=True)
class PeptideBinding:
    """Peptides of one length and their binder labels (1 = binds the MHC allele).

    ``scores`` holds the true binding score when it is known (synthetic data), else None.
    """

    peptides: tuple[str, ...]
    labels: NDArray[np.int64]
    allele: str
    scores: NDArray[np.float64] | None = None

    def __len__(self) -> int:
        return len(self.peptides)

    @property
    def length(self) -> int:
        """The length every peptide has."""
        return len(self.peptides[0])

    def describe(self) -> str:
        """One line: how many peptides, how long, how many binders."""
        binders = int(self.labels.sum())
        return (
            f"{len(self)} peptides of length {self.length} for {self.allele}: {binders} "
            f"binders ({binders / len(self):.1%})"
        )


def check_peptides(
    value: Any, name: str = "peptides", *, length: int | None = None
) -> tuple[str, ...]:
    """Return ``value`` as a tuple of upper-case peptides over ``AMINO_ACIDS``, or raise.

    Every peptide must have the same length (``length`` if given); a letter outside the
    20 standard amino acids is refused with the peptide's position in the list.
    """
    if isinstance(value, str | bytes) or not isinstance(value, Sequence | np.ndarray):
        raise TypeError(
            f"`{name}` must be a list of peptide strings, but got {describe(value)}. "
            "Wrap a single peptide in a list: ['GILGFVFTL']."
        )
    items = list(value.tolist() if isinstance(value, np.ndarray) else value)
    if not items:
        raise ValueError(f"`{name}` is empty; pass at least one peptide.")
    if length is not None:
        length = check_positive_int(length, "length", maximum=MAX_SEQUENCE_LENGTH)
    peptides: list[str] = []
    for row, item in enumerate(items):
        if not isinstance(item, str):
            raise TypeError(f"`{name}[{row}]` must be a string, but got {describe(item)}.")
        peptide = item.strip().upper()
        bad = sorted(set(peptide) - set(AMINO_ACIDS))
        if bad or not peptide:
            raise ValueError(
                f"`{name}[{row}]` is {item!r}, which holds {bad or 'no letters'}: a peptide is "
                f"written in the 20 one-letter codes {AMINO_ACIDS} only (no X, B, Z, U, "
                "gaps or modifications). Remove or correct that peptide."
            )
        wanted = length if length is not None else len(peptides[0]) if peptides else len(peptide)
        if len(peptide) != wanted:
            raise ValueError(
                f"`{name}[{row}]` is {peptide!r} of length {len(peptide)}, but the peptides "
                f"must all have length {wanted}. Keep one length (e.g. 9-mers for MHC class I)."
            )
        peptides.append(peptide)
    return tuple(peptides)


def peptide_indices(peptides: Any, length: int | None = None) -> NDArray[np.int64]:
    """Peptides -> integer indices into ``AMINO_ACIDS``, shape (peptides, length).

    The input of a Keras ``Embedding`` layer; ``np.eye(20)[indices]`` is the one-hot code.
    """
    checked = check_peptides(peptides, "peptides", length=length)
    return np.array([[_INDEX[letter] for letter in peptide] for peptide in checked], dtype=np.int64)


def _read_table(path: Path) -> tuple[list[str], list[list[str]]]:
    """The header (lower case, stripped) and the rows of a CSV file, all as text."""
    lines = read_csv_rows(path)
    if not lines:
        raise ValueError(f"`path`: {path} is empty; it cannot be read as a CSV file.")
    header = [cell.strip().lower() for cell in lines[0]]
    for number, line in enumerate(lines[1:], start=2):
        if len(line) != len(header):
            raise ValueError(
                f"`path`: line {number} of {path} has {len(line)} field(s), but the header "
                f"has {len(header)}. Check for commas inside values or missing fields."
            )
    return header, lines[1:]


def _numbers(cells: list[str], name: str, path: Path) -> NDArray[np.float64]:
    values = []
    for number, cell in enumerate(cells, start=2):
        try:
            values.append(float(cell.strip()))
        except ValueError:
            raise ValueError(
                f"`path`: column '{name}' of {path} must hold numbers, but line {number} holds "
                f"{cell!r}. Fix or remove that line."
            ) from None
    return np.array(values, dtype=float)


def _labels(
    columns: dict[str, list[str]], path: Path, affinity_threshold_nm: float
) -> NDArray[np.int64]:
    if "label" in columns:
        labels = _numbers(columns["label"], "label", path)
        bad = np.flatnonzero(~np.isin(labels, (0.0, 1.0)))
        if bad.size:
            raise ValueError(
                f"`path`: column 'label' of {path} must hold 0 or 1 (1 = binder), but line "
                f"{bad[0] + 2} holds {columns['label'][bad[0]]!r}. For affinities in nM "
                "name the column 'affinity' instead."
            )
        return labels.astype(np.int64)
    affinity = _numbers(columns["affinity"], "affinity", path)
    bad = np.flatnonzero((affinity <= 0) | ~np.isfinite(affinity))
    if bad.size:
        raise ValueError(
            f"`path`: column 'affinity' of {path} must hold positive IC50 values in nM, but "
            f"line {bad[0] + 2} holds {columns['affinity'][bad[0]]!r}."
        )
    return (affinity < affinity_threshold_nm).astype(np.int64)


def load_binding_csv(
    path: Any,
    allele: str = "HLA-A*02:01",
    length: int = 9,
    affinity_threshold_nm: float = BINDER_AFFINITY_NM,
) -> PeptideBinding:
    """Measured peptide-MHC binding from a CSV, for one ``allele`` and one peptide ``length``.

    Columns: ``peptide``, ``allele`` and ``label`` (0/1) or ``affinity`` (IC50, nM; binder
    when below ``affinity_threshold_nm``). Rows of other alleles and lengths are dropped; a
    peptide measured several times gets the majority label (ties count as binder). Bad
    amino-acid letters, numbers that are not numbers, a missing column, a file without
    the allele or length, and a single class are refused with a clear error.
    """
    path = check_existing_file(path, "path")
    allele = check_text(allele, "allele").strip()
    length = check_integer(length, "length", low=MIN_LENGTH, high=MAX_LENGTH)
    threshold = check_number(affinity_threshold_nm, "affinity_threshold_nm", low=0.0, low_open=True)
    header, rows = _read_table(path)
    has_label = bool({"label", "affinity"} & set(header))
    missing = [column for column in ("peptide", "allele") if column not in header]
    if missing or not has_label:
        missing += [] if has_label else ["label or affinity"]
        raise ValueError(
            f"`path`: {path} lacks the column(s) {missing}; it has {header}. "
            "Name the columns peptide, allele and label (0/1) or affinity (nM)."
        )
    if not rows:
        raise ValueError(f"`path`: {path} has a header but no rows.")
    columns = {name: [row[index] for row in rows] for index, name in enumerate(header)}
    labels = _labels(columns, path, threshold)
    peptides = [cell.strip().upper() for cell in columns["peptide"]]
    bad_rows = [i for i, p in enumerate(peptides) if not p or not set(p) <= set(AMINO_ACIDS)]
    if bad_rows:
        raise ValueError(
            f"`path`: line {bad_rows[0] + 2} of {path} has the peptide "
            f"{columns['peptide'][bad_rows[0]]!r}, with letters outside the 20 amino acids "
            f"{AMINO_ACIDS} ({len(bad_rows)} such line(s)). Remove peptides with X, B, Z, U, "
            "gaps or modifications first."
        )
    alleles = [cell.strip() for cell in columns["allele"]]
    kept: dict[str, list[int]] = {}
    for peptide, row_allele, label in zip(peptides, alleles, labels.tolist()):
        if row_allele == allele and len(peptide) == length:
            kept.setdefault(peptide, []).append(label)
    if not kept:
        lengths = sorted({len(p) for p, a in zip(peptides, alleles) if a == allele})
        raise ValueError(
            f"`path`: {path} has no {length}-mer for allele {allele!r}. Alleles in the file: "
            f"{sorted(set(alleles))[:10]}; lengths for {allele!r}: {lengths or 'none'}. Pass "
            "`allele` and `length` as they appear in the file."
        )
    unique = tuple(sorted(kept))
    majority = np.array([int(np.mean(kept[p]) >= 0.5) for p in unique], dtype=np.int64)
    if majority.min() == majority.max():
        raise ValueError(
            f"`path`: every {length}-mer for {allele} in {path} is "
            f"{'a binder' if majority[0] else 'a non-binder'}; a classifier needs both classes."
        )
    return PeptideBinding(peptides=unique, labels=majority, allele=allele)

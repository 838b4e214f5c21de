"""Gene-expression tables with a diagnosis label: GSE7390 offline, or a local CSV for a full run.

``load_gse7390_metastasis`` reads scikit-survival's bundled GSE7390 set (Desmedt et al.
2007, 198 node-negative breast-cancer patients, 76 genes of the Wang et al. signature)
and labels each patient by **distant metastasis within** ``horizon_years``: positive if
the distant-metastasis event (``e.tdm``) occurred at or before the horizon (``t.tdm`` is
in days), negative if the patient was followed past the horizon. Patients censored
before the horizon without an event cannot be labelled and are left out (counted in
``excluded``).

``read_expression_csv`` reads a larger matrix you already have, either one patient per
row (``orientation="patients_x_genes"``, a label column) or one gene per row
(``"genes_x_patients"``, a label row), and refuses what would mislead later.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

import numpy as np

from helpers.course.validation import (
    check_choice,
    check_existing_file,
    check_number,
    check_strings,
    check_text,
)
from helpers.data.containers import Dataset
from helpers.data.tables import read_csv_rows

ORIENTATIONS = ("patients_x_genes", "genes_x_patients")
CLASS_NAMES = ("no event", "event")
DAYS_PER_YEAR = 365.25


@dataclass(frozen=True, kw_only=True)
class ExpressionDataset(Dataset):
    """Patients (rows of ``inputs``) by genes (``gene_names``), a 0/1 label per patient.

    ``excluded`` counts the patients left out because they could not be labelled.
    """

    sample_fields: ClassVar[tuple[str, ...]] = Dataset.sample_fields
    unit: str = "patients"
    gene_names: tuple[str, ...]
    excluded: int = 0

    def __post_init__(self) -> None:
        super().__post_init__()
        genes = check_strings(self.gene_names, "gene_names")
        if self.inputs.ndim != 2 or self.inputs.shape[1] != len(genes):
            raise ValueError(
                f"`inputs` has shape {self.inputs.shape}, but {len(genes)} `gene_names` need "
                f"(patients, {len(genes)})."
            )
        object.__setattr__(self, "gene_names", genes)


def load_gse7390_metastasis(horizon_years: float = 5.0) -> ExpressionDataset:
    """GSE7390's 76 genes and the label 'distant metastasis within ``horizon_years``'.

    Patients censored before the horizon without a metastasis are left out (their
    number is ``excluded``). Needs scikit-survival (the course's ``genomics`` extra).
    """
    horizon_years = check_number(horizon_years, "horizon_years", low=0.0, low_open=True)
    try:
        from sksurv.datasets import load_breast_cancer
    except ImportError as error:
        raise ImportError(
            "GSE7390 ships with scikit-survival; install it with "
            "`pip install 'medical-dl-course-helpers[genomics]'` or `pip install scikit-survival`."
        ) from error
    table, outcome = load_breast_cancer()
    genes = [name for name in table.columns if name.startswith("X")]
    horizon = horizon_years * DAYS_PER_YEAR
    event, time = np.asarray(outcome["e.tdm"], bool), np.asarray(outcome["t.tdm"], float)
    positive = event & (time <= horizon)
    known = positive | (time > horizon)
    return ExpressionDataset(
        inputs=table.loc[known, genes].to_numpy(np.float64),
        labels=positive[known].astype(np.int64),
        class_names=(f"no metastasis within {horizon_years:g} y", "metastasis"),
        patient_ids=np.flatnonzero(known),
        gene_names=tuple(genes),
        excluded=int((~known).sum()),
    )


def _read_rows(path: Path) -> list[list[str]]:
    """The CSV's non-blank rows as lists of text; at least a header and one row."""
    rows = read_csv_rows(path)
    if len(rows) < 2:
        raise ValueError(
            f"{path} holds {len(rows)} non-empty row(s); a header and data are needed."
        )
    width = len(rows[0])
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != width:
            raise ValueError(
                f"{path}, row {number} has {len(row)} fields but the header has {width}; "
                "every row needs a value for every column (mismatched shapes)."
            )
    return rows


def _as_number(cell: str, where: str, path: Path) -> float:
    text = cell.strip()
    if text.lower() in ("", "na", "nan", "null", "none"):
        raise ValueError(
            f"{path}: missing value (NaN) at {where}; impute or drop it before training."
        )
    try:
        value = float(text)
    except ValueError:
        raise ValueError(
            f"{path}: non-numeric value {cell!r} at {where}; expression values must be numbers. "
            "If this is a column of names, the file may have the other orientation."
        ) from None
    if not np.isfinite(value):
        raise ValueError(f"{path}: value {cell!r} at {where} is not finite.")
    return value


def _labels(cells: list[str], ids: list[str], label: str, path: Path) -> np.ndarray:
    values = []
    for patient, cell in zip(ids, cells, strict=True):
        if cell.strip().lower() in ("", "na", "nan", "null", "none"):
            raise ValueError(
                f"{path}: patient {patient!r} has no `{label}`; every patient needs a 0/1 label "
                "(drop unlabelled patients first)."
            )
        if cell.strip() not in ("0", "1", "0.0", "1.0"):
            raise ValueError(
                f"{path}: patient {patient!r} has `{label}` {cell!r}; labels must be 0 or 1."
            )
        values.append(int(float(cell)))
    labels = np.array(values, dtype=np.int64)
    if np.unique(labels).size < 2:
        raise ValueError(
            f"{path}: every patient has `{label}` {labels[0]}; a classifier needs both classes."
        )
    return labels


def read_expression_csv(
    path: str | Path,
    label: str = "label",
    orientation: str = "patients_x_genes",
) -> ExpressionDataset:
    """A labelled expression matrix from a local CSV, checked.

    ``orientation="patients_x_genes"``: a header of ``id, gene, gene, ..., label`` and one
    row per patient (the first column is the patient id). ``"genes_x_patients"``: a header
    of ``gene, patient, patient, ...``, one row per gene, and one row named ``label``.
    A file in the other orientation, non-numeric or missing values, missing labels,
    labels other than 0/1, a single class and rows of different lengths are refused.
    """
    file = check_existing_file(path, "path")
    label = check_text(label, "label")
    orientation = check_choice(orientation, "orientation", ORIENTATIONS)
    rows = _read_rows(file)
    header, body = [cell.strip() for cell in rows[0]], rows[1:]
    first_column = [row[0].strip() for row in body]
    other = ORIENTATIONS[1 - ORIENTATIONS.index(orientation)]
    if orientation == "patients_x_genes":
        if label not in header[1:]:
            hint = (
                f' It is a row name: pass orientation="{other}".' if label in first_column else ""
            )
            raise ValueError(f"{file} has no column `{label}` in its header.{hint}")
        column = header.index(label)
        genes = [name for k, name in enumerate(header) if k not in (0, column)]
        ids = first_column
        values = [
            [
                _as_number(row[k], f"patient {row[0]!r}, gene {header[k]!r}", file)
                for k in range(1, len(header))
                if k != column
            ]
            for row in body
        ]
        labels = _labels([row[column] for row in body], ids, label, file)
    else:
        if label not in first_column:
            hint = f' It is a column: pass orientation="{other}".' if label in header else ""
            raise ValueError(f"{file} has no row `{label}` in its first column.{hint}")
        ids = header[1:]
        label_row = body[first_column.index(label)]
        gene_rows = [row for row in body if row[0].strip() != label]
        genes = [row[0].strip() for row in gene_rows]
        values = [
            [
                _as_number(row[k + 1], f"gene {row[0]!r}, patient {ids[k]!r}", file)
                for row in gene_rows
            ]
            for k in range(len(ids))
        ]
        labels = _labels(label_row[1:], ids, label, file)
    if not genes:
        raise ValueError(f"{file} has a label but no gene; it needs at least one gene.")
    if len(set(genes)) != len(genes):
        raise ValueError(f"{file} names some genes twice; gene names must be unique.")
    return ExpressionDataset(
        inputs=np.array(values, dtype=np.float64).reshape(len(ids), len(genes)),
        labels=labels,
        class_names=CLASS_NAMES,
        patient_ids=np.array(ids),
        gene_names=tuple(genes),
    )


def describe_expression(dataset: Any) -> str:
    """One line: patients, genes, cases, prevalence and how many were excluded."""
    if not isinstance(dataset, ExpressionDataset):
        raise TypeError(
            "`dataset` must be an ExpressionDataset (from load_gse7390_metastasis or "
            f"read_expression_csv), but got {type(dataset).__name__}."
        )
    cases = int(dataset.labels.sum())
    return (
        f"{len(dataset)} patients x {len(dataset.gene_names)} genes, {cases} with the event "
        f"({cases / len(dataset):.0%}), {dataset.excluded} excluded as unlabelled"
    )

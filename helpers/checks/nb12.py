"""Exercise self-checks of notebook 12 (vaccine development: peptides as sentences)."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from helpers.checks.engine import Student, run_check
from helpers.data.peptides import AMINO_ACIDS

_RNG = np.random.default_rng(12)


def _pwm_log_odds(binder_indices: NDArray[np.int64], pseudocount: float) -> NDArray[np.float64]:
    """Reference: log(((counts + a) / (n + 20 a)) / (1 / 20)) per position and amino acid."""
    counts = np.eye(len(AMINO_ACIDS))[np.asarray(binder_indices)].sum(axis=0)
    frequencies = (counts + pseudocount) / (len(binder_indices) + len(AMINO_ACIDS) * pseudocount)
    return np.asarray(np.log(frequencies * len(AMINO_ACIDS)))


def check_pwm_log_odds(student: Student) -> bool:
    """Exercise 1 of notebook 12: ``pwm_log_odds(binder_indices, pseudocount)``.

    The (positions, 20) log-odds matrix of the binders against a uniform background,
    with a pseudocount added to every count. The cases catch a missing pseudocount,
    frequencies normalised over the whole matrix instead of per position, and a
    missing background (log of the frequency alone).
    """
    anchored = _RNG.integers(0, 20, size=(30, 9))
    anchored[:, 1] = AMINO_ACIDS.index("L")  # every binder has L at position 2
    cases = [
        ("30 binders with L at position 2, pseudocount 1", (anchored, 1.0)),
        ("the same binders, pseudocount 0.5", (anchored, 0.5)),
        ("five random binders, pseudocount 2", (_RNG.integers(0, 20, size=(5, 9)), 2.0)),
        ("one binder of length 4", (np.array([[0, 19, 5, 5]]), 1.0)),
    ]
    return run_check(
        "pwm_log_odds",
        student,
        _pwm_log_odds,
        cases,
        "count each amino acid at each position (rows: positions, columns: the 20 letters), "
        "add the pseudocount to every count, divide each row by (binders + 20 * pseudocount) "
        "so it sums to 1, divide by the background 1/20 and take the natural log.",
    )


def _blosum_features(
    peptide_indices: NDArray[np.int64], blosum: NDArray[np.float64]
) -> NDArray[np.float64]:
    """Reference: the matrix row of every index, flattened per peptide."""
    indices = np.asarray(peptide_indices)
    return np.asarray(np.asarray(blosum, dtype=float)[indices].reshape(len(indices), -1))


def check_blosum_features(student: Student) -> bool:
    """Exercise 2 of notebook 12: ``blosum_features(peptide_indices, blosum)``.

    Every amino acid replaced by its row of the substitution matrix, the rows of one
    peptide concatenated position by position. The asymmetric case catches columns
    taken instead of rows; the reshaped case catches flattening in the wrong order.
    """
    symmetric = _RNG.integers(-4, 12, size=(20, 20)).astype(float)
    symmetric = np.triu(symmetric) + np.triu(symmetric, 1).T
    asymmetric = _RNG.normal(size=(20, 20))
    cases = [
        ("three 9-mers, a symmetric matrix", (_RNG.integers(0, 20, size=(3, 9)), symmetric)),
        ("three 9-mers, an asymmetric matrix", (_RNG.integers(0, 20, size=(3, 9)), asymmetric)),
        ("one 2-mer", (np.array([[0, 19]]), asymmetric)),
    ]
    return run_check(
        "blosum_features",
        student,
        _blosum_features,
        cases,
        "index the matrix's rows with the peptide codes (blosum[peptide_indices] has shape "
        "(peptides, positions, 20)) and reshape to (peptides, positions * 20).",
    )


def _window_indices(protein_indices: NDArray[np.int64], length: int) -> NDArray[np.int64]:
    """Reference: every window of ``length`` consecutive codes, in order of its start."""
    codes = np.asarray(protein_indices)
    return np.asarray(np.lib.stride_tricks.sliding_window_view(codes, length).copy())


def check_window_indices(student: Student) -> bool:
    """Exercise 3 of notebook 12: ``window_indices(protein_indices, length)``.

    All windows of ``length`` consecutive residues: a protein of L residues has
    L - length + 1 of them. The cases catch the off-by-one that loses the last window and
    a protein exactly one window long.
    """
    cases = [
        ("a protein of 15 residues, 9-mers", (_RNG.integers(0, 20, size=15), 9)),
        ("a protein exactly 9 residues long", (np.arange(9), 9)),
        ("a protein of 12 residues, 3-mers", (np.arange(12) % 20, 3)),
    ]
    return run_check(
        "window_indices",
        student,
        _window_indices,
        cases,
        "a window may start at 0, 1, ..., L - length: that is L - length + 1 windows "
        "(range(L - length + 1)); stack protein[start:start + length] for each start.",
    )

"""Synthetic MHC class I binding of 9-mer peptides, with a known position weight matrix.

Each peptide is nine amino acids drawn uniformly from the 20 standard ones. Its true
binding score is the sum of one weight per position from ``anchor_motif()``, a position
weight matrix (PWM) modelled on HLA-A*02:01: strong **anchor** preferences at position 2
(L, M; I, V weaker) and position 9 (V, L; I, A weaker), where charged residues, proline
and glycine are penalised, and soft preferences elsewhere (aromatic and hydrophobic
residues at positions 1 and 3, small ones at 6 and 7). The weights are set by hand to
show the idea; they are not fitted to measurements.

A peptide is a **binder** when its score plus Gaussian measurement noise (``noise_std``)
lies in the top ``binder_fraction`` of all peptides, as in a binding assay: a few
percent of random peptides bind a given class I allele, and assays are noisy, so even
the true PWM cannot rank the labels perfectly. The true score of every peptide is kept,
which gives the best AUC any model can reach on the noisy labels.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from helpers.course.validation import (
    check_budget,
    check_fraction,
    check_number,
    check_positive_int,
    check_seed,
)
from helpers.data.peptides import AMINO_ACIDS, PeptideBinding

#: Peptide length of the synthetic task (MHC class I presents mostly 9-mers).
PEPTIDE_LENGTH = 9
#: The anchor positions, counted from 0 (position 2 and position 9 in the usual numbering).
ANCHOR_POSITIONS = (1, 8)
#: Allele name the synthetic data carry.
SYNTHETIC_ALLELE = "synthetic HLA-A*02:01-like"
#: Most peptides one call generates.
MAX_PEPTIDES = 5_000_000

# position (from 0) -> {amino acid: weight}; unlisted letters get the row's default.
_PREFERENCES: dict[int, dict[str, float]] = {
    0: {"F": 0.5, "Y": 0.4, "I": 0.3, "G": 0.3, "D": -0.5, "E": -0.5, "P": -0.5},
    1: {"L": 3.0, "M": 2.6, "I": 1.6, "V": 1.2, "A": 0.6, "T": 0.5, "Q": 0.4},
    2: {"F": 0.5, "W": 0.5, "Y": 0.5, "L": 0.3, "M": 0.3, "I": 0.3, "K": -0.3, "R": -0.3},
    3: {"E": 0.3, "D": 0.3, "G": 0.2},
    5: {"V": 0.4, "I": 0.3, "L": 0.3},
    6: {"A": 0.3, "F": 0.3, "Y": 0.2},
    8: {"V": 3.0, "L": 2.6, "I": 1.8, "A": 1.0, "M": 0.8, "T": 0.4},
}
_ANCHOR_DEFAULT = -1.0  # any other residue at an anchor
_ANCHOR_PENALTY = {"D": -2.0, "E": -2.0, "K": -2.0, "R": -2.0, "P": -2.0, "G": -2.0}


def anchor_motif() -> NDArray[np.float64]:
    """The true position weight matrix, shape (9, 20): rows positions, columns ``AMINO_ACIDS``.

    A peptide's true binding score is ``motif[range(9), indices].sum()``. A fresh copy on
    every call, so changing it cannot change the generator.
    """
    motif = np.zeros((PEPTIDE_LENGTH, len(AMINO_ACIDS)))
    for position, preferences in _PREFERENCES.items():
        if position in ANCHOR_POSITIONS:
            motif[position] = _ANCHOR_DEFAULT
            for letter, weight in _ANCHOR_PENALTY.items():
                motif[position, AMINO_ACIDS.index(letter)] = weight
        for letter, weight in preferences.items():
            motif[position, AMINO_ACIDS.index(letter)] = weight
    return motif


def make_peptide_binding(
    num_peptides: int = 20_000,
    binder_fraction: float = 0.03,
    noise_std: float = 1.0,
    seed: int = 0,
) -> PeptideBinding:
    """Random 9-mers labelled by the known motif plus assay noise; binders are the top share.

    Returns a ``PeptideBinding`` whose ``scores`` are the true (noise-free) motif scores.
    ``binder_fraction`` is the share of binders (a few percent is realistic);
    ``noise_std`` the assay noise on the score scale (0: labels follow the motif exactly).
    """
    num_peptides = check_positive_int(num_peptides, "num_peptides", maximum=MAX_PEPTIDES)
    binder_fraction = check_fraction(binder_fraction, "binder_fraction")
    if (
        round(binder_fraction * num_peptides) < 1
        or round(binder_fraction * num_peptides) >= num_peptides
    ):
        raise ValueError(
            f"`binder_fraction` must leave at least one binder and one non-binder among "
            f"{num_peptides} peptides, but is {binder_fraction:g}. Use e.g. 0.03."
        )
    noise_std = check_number(noise_std, "noise_std", low=0.0)
    seed = check_seed(seed)
    check_budget(num_peptides * PEPTIDE_LENGTH * 2, "`num_peptides`")
    rng = np.random.default_rng(seed)
    indices = rng.integers(0, len(AMINO_ACIDS), size=(num_peptides, PEPTIDE_LENGTH))
    scores = anchor_motif()[np.arange(PEPTIDE_LENGTH), indices].sum(axis=1)
    measured = scores + rng.normal(0.0, noise_std, size=num_peptides)
    num_binders = int(round(binder_fraction * num_peptides))
    labels = np.zeros(num_peptides, dtype=np.int64)
    labels[np.argsort(-measured, kind="stable")[:num_binders]] = 1
    letters = np.array(list(AMINO_ACIDS))[indices]
    peptides = tuple("".join(row) for row in letters)
    return PeptideBinding(peptides=peptides, labels=labels, allele=SYNTHETIC_ALLELE, scores=scores)

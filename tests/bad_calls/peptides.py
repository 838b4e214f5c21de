"""Bad calls of the peptide helpers (notebook 12): encodings, the synthetic motif data,
the binding-CSV loader and precision among the top k.

Peptides that are one string, hold letters that are not amino acids or differ in
length; impossible binder shares, noise and sizes; CSV files that lack columns, hold
text for numbers or no peptide of the allele asked for; k larger than the samples.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from bad_calls.table import Arguments, BadCall, GoodCall

INDICES = "helpers.data.peptides.peptide_indices"
CHECK = "helpers.data.peptides.check_peptides"
LOAD = "helpers.data.peptides.load_binding_csv"
MAKE = "helpers.synthetic.peptides.make_peptide_binding"
TOP_K = "helpers.evaluation.binary.precision_at_k"

Y = np.array([1, 0, 1, 0, 0, 1])
S = np.array([0.9, 0.8, 0.7, 0.3, 0.2, 0.1])


def _csv(text: str, **kwargs: object):
    def build(folder: Path) -> Arguments:
        path = folder / "binding.csv"
        path.write_text(text)
        return (path,), kwargs

    return build


GOOD = "peptide,allele,affinity\nGILGFVFTL,HLA-A*02:01,20\nAAAAKAAAA,HLA-A*02:01,30000\n"

CALLS: list[BadCall | GoodCall] = [
    # --- encodings -------------------------------------------------------------------------
    BadCall(
        INDICES,
        ("GILGFVFTL",),
        raises=TypeError,
        mentions="peptides",
        why="one string instead of a list",
    ),
    BadCall(INDICES, (["GILGFVFXL"],), mentions="peptides[0]", why="X is not an amino acid"),
    BadCall(INDICES, (["GILGFVFTL", "GILGF"],), mentions="peptides[1]", why="lengths differ"),
    BadCall(INDICES, ([],), mentions="peptides", why="no peptide"),
    BadCall(INDICES, ([9],), raises=TypeError, mentions="peptides[0]", why="a number as peptide"),
    BadCall(INDICES, (["GILGFVFTL"],), {"length": 0}, mentions="length", why="length zero"),
    BadCall(
        INDICES,
        (["GILGFVFTL"],),
        {"length": 8},
        mentions="peptides[0]",
        why="peptide longer than the length asked for",
    ),
    BadCall(CHECK, (["   "],), mentions="peptides[0]", why="blank peptide"),
    GoodCall(
        INDICES,
        (np.array(["GILGFVFTL", "nlvpmvatv"]),),
        reference=((["GILGFVFTL", "NLVPMVATV"],), {}),
        why="NumPy array of strings, lower case",
    ),
    # --- synthetic data ----------------------------------------------------------------------
    BadCall(MAKE, (0,), mentions="num_peptides", why="no peptides"),
    BadCall(MAKE, (10**9,), mentions="num_peptides", why="a billion peptides: refused up front"),
    BadCall(MAKE, (100,), {"binder_fraction": 0.0}, mentions="binder_fraction", why="no binders"),
    BadCall(
        MAKE,
        (100,),
        {"binder_fraction": 0.001},
        mentions="binder_fraction",
        why="share rounds to zero binders",
    ),
    BadCall(
        MAKE,
        (100,),
        {"binder_fraction": "3%"},
        raises=TypeError,
        mentions="binder_fraction",
        why="share as text",
    ),
    BadCall(MAKE, (100,), {"noise_std": np.nan}, mentions="noise_std", why="NaN noise"),
    BadCall(MAKE, (100,), {"seed": -1}, mentions="seed", why="negative seed"),
    BadCall(MAKE, (100.0,), raises=TypeError, mentions="num_peptides", why="float count"),
    # --- the binding CSV -----------------------------------------------------------------------
    BadCall(
        LOAD,
        build=lambda folder: ((folder / "missing.csv",), {}),
        raises=FileNotFoundError,
        mentions="path",
        why="missing file",
    ),
    BadCall(
        LOAD,
        build=_csv("peptide,affinity\nGILGFVFTL,20\n"),
        mentions="allele",
        why="no allele column",
    ),
    BadCall(
        LOAD,
        build=_csv("peptide,allele\nGILGFVFTL,HLA-A*02:01\n"),
        mentions="label or affinity",
        why="neither label nor affinity",
    ),
    BadCall(
        LOAD,
        build=_csv("peptide,allele,affinity\nGILGF-VFTL,HLA-A*02:01,20\n"),
        mentions="line 2",
        why="a gap in a peptide",
    ),
    BadCall(
        LOAD,
        build=_csv("peptide,allele,affinity\nGILGFVFTL,HLA-A*02:01,n/a\n"),
        mentions="affinity",
        why="affinity not a number",
    ),
    BadCall(
        LOAD,
        build=_csv("peptide,allele,label\nGILGFVFTL,HLA-A*02:01,yes\n"),
        mentions="label",
        why="label as text",
    ),
    BadCall(
        LOAD,
        build=_csv(GOOD, allele="HLA-B*07:02"),
        mentions="HLA-B*07:02",
        why="allele not in the file",
    ),
    BadCall(
        LOAD, build=_csv(GOOD, length=10), mentions="no 10-mer", why="no peptide of that length"
    ),
    BadCall(LOAD, build=_csv(GOOD, length=3), mentions="length", why="length below the range"),
    BadCall(
        LOAD,
        build=_csv(GOOD, affinity_threshold_nm=0),
        mentions="affinity_threshold_nm",
        why="zero threshold",
    ),
    BadCall(
        LOAD,
        build=_csv(GOOD, allele=2),
        raises=TypeError,
        mentions="allele",
        why="allele as a number",
    ),
    BadCall(
        LOAD,
        build=_csv(GOOD, affinity_threshold_nm=10),
        mentions="both classes",
        why="a threshold that leaves one class",
    ),
    # --- precision among the top k ---------------------------------------------------------------
    BadCall(TOP_K, (Y, S, 0), mentions="k", why="k zero"),
    BadCall(TOP_K, (Y, S, 7), mentions="k", why="k above the number of samples"),
    BadCall(TOP_K, (Y, S, 2.0), raises=TypeError, mentions="k", why="float k"),
    BadCall(TOP_K, (Y, S[:5], 2), mentions="y_score", why="scores of another length"),
    BadCall(TOP_K, (Y, np.where(Y, S, np.nan), 2), mentions="y_score", why="NaN score"),
    BadCall(TOP_K, (Y * 2, S, 2), mentions="y_true", why="labels not 0/1"),
    GoodCall(
        TOP_K,
        (Y.tolist(), S.tolist(), np.int64(3)),
        reference=((Y, S, 3), {}),
        why="lists and a NumPy integer k",
    ),
]

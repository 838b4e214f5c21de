"""Peptides (notebook 12): encodings, the synthetic motif data, the binding-CSV loader on
small files written here, precision among the top k, and the notebook's full-run path."""

from __future__ import annotations

import numpy as np
import pytest

from helpers.data.peptides import (
    AMINO_ACIDS,
    PeptideBinding,
    check_peptides,
    load_binding_csv,
    peptide_indices,
)
from helpers.evaluation.binary import precision_at_k
from helpers.synthetic.peptides import (
    ANCHOR_POSITIONS,
    PEPTIDE_LENGTH,
    anchor_motif,
    make_peptide_binding,
)

HEADER = "peptide,allele,affinity\n"


def write(tmp_path, text: str, name: str = "binding.csv", encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


# --- encodings ----------------------------------------------------------------------------


def test_indices_follow_the_alphabet_and_one_hot_rows() -> None:
    codes = peptide_indices(["ACDEFGHIK", "LMNPQRSTV", " wyaaaaaaa "])
    assert codes.shape == (3, 9) and codes.dtype == np.int64
    assert codes[0].tolist() == list(range(9))
    assert "".join(AMINO_ACIDS[i] for i in codes[2]) == "WYAAAAAAA"  # stripped, upper-cased
    assert np.array_equal(np.eye(20)[codes].argmax(axis=2), codes)


def test_check_peptides_names_the_bad_peptide() -> None:
    with pytest.raises(ValueError, match=r"peptides\[1\].*\['X'\]"):
        check_peptides(["GILGFVFTL", "GILGFVFXL"])
    with pytest.raises(ValueError, match=r"peptides\[1\].*length 8"):
        check_peptides(["GILGFVFTL", "GILGFVFT"])
    with pytest.raises(ValueError, match="length 10"):
        check_peptides(["GILGFVFTL"], length=10)
    with pytest.raises(TypeError, match="list of peptide strings"):
        check_peptides("GILGFVFTL")
    with pytest.raises(ValueError, match="empty"):
        check_peptides([])


# --- synthetic data -----------------------------------------------------------------------


def test_motif_has_its_anchors_first() -> None:
    motif = anchor_motif()
    assert motif.shape == (PEPTIDE_LENGTH, 20)
    importance = motif.std(axis=1)
    assert set(np.argsort(-importance)[:2].tolist()) == set(ANCHOR_POSITIONS)
    assert motif[1].argmax() == AMINO_ACIDS.index("L") and motif[8].argmax() == AMINO_ACIDS.index(
        "V"
    )
    motif[:] = 0  # a copy: the generator is not changed
    assert anchor_motif().std() > 0


def test_synthetic_binders_follow_the_motif_and_the_share() -> None:
    data = make_peptide_binding(5000, binder_fraction=0.04, noise_std=0.5, seed=3)
    assert isinstance(data, PeptideBinding) and len(data) == 5000 and data.length == 9
    assert data.labels.sum() == 200
    codes = peptide_indices(data.peptides)
    scores = anchor_motif()[np.arange(9), codes].sum(axis=1)
    assert np.allclose(scores, data.scores)
    assert scores[data.labels == 1].mean() > scores[data.labels == 0].mean() + 3
    anchor_letters = {AMINO_ACIDS.index(a) for a in "LMIV"}
    assert np.mean([c in anchor_letters for c in codes[data.labels == 1, 1]]) > 0.8
    again = make_peptide_binding(5000, binder_fraction=0.04, noise_std=0.5, seed=3)
    assert again.peptides == data.peptides and np.array_equal(again.labels, data.labels)


def test_without_noise_the_labels_are_the_top_scores() -> None:
    data = make_peptide_binding(2000, binder_fraction=0.05, noise_std=0.0, seed=1)
    assert data.scores[data.labels == 1].min() >= data.scores[data.labels == 0].max()


def test_generator_refuses_impossible_shares() -> None:
    with pytest.raises(ValueError, match="binder_fraction"):
        make_peptide_binding(10, binder_fraction=0.01)
    with pytest.raises(ValueError, match="binder_fraction"):
        make_peptide_binding(10, binder_fraction=1.0)
    with pytest.raises(ValueError, match="noise_std"):
        make_peptide_binding(100, noise_std=-1.0)


# --- precision among the top k -------------------------------------------------------------


def test_precision_at_k_counts_the_top_and_shares_ties() -> None:
    labels = [1, 0, 1, 0, 0]
    assert precision_at_k(labels, [0.9, 0.8, 0.7, 0.2, 0.1], 1) == 1.0
    assert precision_at_k(labels, [0.9, 0.8, 0.7, 0.2, 0.1], 2) == 0.5
    assert precision_at_k(labels, [0.9, 0.8, 0.7, 0.2, 0.1], 5) == 0.4
    assert precision_at_k(labels, [1.0] * 5, 2) == pytest.approx(0.4)  # all tied: prevalence
    reordered = precision_at_k([0, 1, 1], [0.5, 0.5, 0.1], 1)
    assert reordered == pytest.approx(0.5)  # the order of tied samples does not matter
    with pytest.raises(ValueError, match="`k`"):
        precision_at_k(labels, [0.1] * 5, 6)


# --- the binding CSV ------------------------------------------------------------------------


def test_loader_filters_allele_and_length_and_merges_repeats(tmp_path) -> None:
    path = write(
        tmp_path,
        HEADER + "GILGFVFTL,HLA-A*02:01,20\nGILGFVFTL,HLA-A*02:01,900\nGILGFVFTL,HLA-A*02:01,30\n"
        "AAAAKAAAA,HLA-A*02:01,30000\nNLVPMVATV,HLA-B*07:02,10\nSIINFEKL,HLA-A*02:01,10\n"
        "aaaakaaaL, HLA-A*02:01 ,40000\n",
    )
    data = load_binding_csv(path)
    assert data.peptides == ("AAAAKAAAA", "AAAAKAAAL", "GILGFVFTL")
    assert data.labels.tolist() == [0, 0, 1]  # two of three measurements below 500 nM
    assert data.allele == "HLA-A*02:01" and data.scores is None
    with pytest.raises(ValueError, match="both classes"):  # below 50,000 nM everything binds
        load_binding_csv(path, affinity_threshold_nm=50_000)


def test_loader_reads_labels_and_other_lengths(tmp_path) -> None:
    path = write(tmp_path, "Peptide,Allele,Label\nSIINFEKL,H-2-Kb,1\nSIINFEKA,H-2-Kb,0\n")
    data = load_binding_csv(path, allele="H-2-Kb", length=8)
    assert data.labels.tolist() == [0, 1] and data.length == 8


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("peptide,affinity\nGILGFVFTL,20\n", r"lacks the column\(s\) \['allele'\]"),
        ("peptide,allele\nGILGFVFTL,HLA-A*02:01\n", "label or affinity"),
        (HEADER, "no rows"),
        (HEADER + "GILGFVFXL,HLA-A*02:01,20\n", r"line 2 .*GILGFVFXL"),
        (HEADER + "GILGFVFTL,HLA-A*02:01,strong\n", r"'affinity'.*line 2.*'strong'"),
        (HEADER + "GILGFVFTL,HLA-A*02:01,-5\n", "positive IC50"),
        ("peptide,allele,label\nGILGFVFTL,HLA-A*02:01,2\n", "0 or 1"),
        (HEADER + "GILGFVFTLV,HLA-A*02:01,20\n", r"no 9-mer.*lengths for 'HLA-A\*02:01': \[10\]"),
        (HEADER + "GILGFVFTL,HLA-B*07:02,20\n", r"Alleles in the file: \['HLA-B\*07:02'\]"),
        (HEADER + "GILGFVFTL,HLA-A*02:01,20\nNLVPMVATV,HLA-A*02:01,30\n", "both classes"),
        ("", "cannot be read as a CSV"),
        (HEADER + "GILGFVFTL,HLA-A*02:01\n", r"line 2 .*2 field\(s\)"),
    ],
    ids=[
        "no-allele-column",
        "no-label-or-affinity",
        "header-only",
        "bad-letter",
        "text-affinity",
        "negative-affinity",
        "label-not-binary",
        "wrong-length",
        "other-allele",
        "single-class",
        "empty-file",
        "missing-field",
    ],
)
def test_loader_refuses_bad_files(tmp_path, text: str, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        load_binding_csv(write(tmp_path, text))


def test_loader_refuses_a_missing_file_and_a_wrong_encoding(tmp_path) -> None:
    with pytest.raises(FileNotFoundError, match="path"):
        load_binding_csv(tmp_path / "missing.csv")
    latin = write(
        tmp_path, "peptide,allele,affinity\nGILGFVFTL,HLA-A*02:01,20 \u00b5M\n", encoding="latin-1"
    )
    with pytest.raises(ValueError, match="not UTF-8"):
        load_binding_csv(latin)


# --- the notebook's full-run path -----------------------------------------------------------


def test_notebook_full_run_path_on_a_written_csv(tmp_path, run_notebook) -> None:
    data = make_peptide_binding(600, binder_fraction=0.25, noise_std=0.5, seed=5)
    affinity = np.where(data.labels == 1, 50.0, 20_000.0)
    rows = [f"{p},HLA-A*02:01,{a:g}" for p, a in zip(data.peptides, affinity)]
    rows += ["NLVPMVATV,HLA-B*07:02,10", "GILGFVFTLV,HLA-A*02:01,10"]  # filtered out
    path = write(tmp_path, HEADER + "\n".join(rows) + "\n")
    figures = run_notebook(
        "12_vaccine_peptides",
        data_mode="csv",
        binding_csv=str(path),
        num_epochs=2,
        top_k=10,
        lstm_units=8,
        conv_filters=8,
    )
    assert figures["data_mode"] == "csv"
    assert figures["num_test_peptides"] == 120 and figures["test_binders"] == 30
    assert 0.5 < figures["logistic_roc_auc"] <= 1.0  # the motif is learnable from real-style labels
    assert "lstm_anchors_first" not in figures  # no truth to compare with on real data

"""Notebook 11: synthetic clinical notes, the notes CSV loader, attention and cross-entropy."""

from __future__ import annotations

import re
from pathlib import Path

import keras
import numpy as np
import pytest

from helpers.data.notes import TextDataset, load_notes_csv
from helpers.scratch.attention import multi_head_attention, scaled_dot_product_attention
from helpers.scratch.losses import sparse_categorical_cross_entropy
from helpers.synthetic.notes import NOTE_CLASSES, make_clinical_notes

# --- synthetic notes ------------------------------------------------------------------------


def test_notes_are_balanced_reproducible_and_marked_for_negation() -> None:
    notes = make_clinical_notes(500, seed=3)
    assert len(notes) == 500 and notes.class_names == NOTE_CLASSES
    assert np.bincount(notes.labels).tolist() == [100] * 5
    assert notes.texts == make_clinical_notes(500, seed=3).texts
    assert notes.texts != make_clinical_notes(500, seed=4).texts
    assert notes.negated[notes.labels == 0].all()  # a healthy note lists what is absent
    assert 0.4 < notes.negated[notes.labels > 0].mean() < 0.8  # negation_rate 0.6
    assert (
        not make_clinical_notes(200, negation_rate=0.0)
        .negated[make_clinical_notes(200, negation_rate=0.0).labels > 0]
        .any()
    )


def test_negated_findings_never_belong_to_the_notes_own_diagnosis() -> None:
    notes = make_clinical_notes(400, typo_rate=0.0, seed=1)
    cue = re.compile(r"(?:Denies|No complaints of|Negative for|Without|No) ([a-z ,]+)")
    own = {1: "cough", 2: "orthopnea", 3: "chest pain", 4: "polyuria"}
    for text, label, negated in zip(notes.texts, notes.labels, notes.negated):
        found = cue.findall(text)
        assert bool(found) == bool(negated), text
        if label and found:
            assert own[label] not in " ".join(found), text


def test_typos_and_traps_appear() -> None:
    text = " ".join(make_clinical_notes(1000, typo_rate=0.5, seed=2).texts).lower()
    for trap in ("possible", "rule out", " had ", "sob", "feaver", "denies"):
        assert trap in text, trap


# --- loader ---------------------------------------------------------------------------------


def _write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def test_loader_reads_notes_drops_rare_classes_and_numbers_classes_alphabetically(
    tmp_path: Path,
) -> None:
    rows = "text,label\n" + "\n".join(
        f'"Note {i}, denies pain.",{name}' for i, name in enumerate(["b", "a", "b", "a", "c"])
    )
    data = load_notes_csv(_write(tmp_path / "n.csv", rows))
    assert isinstance(data, TextDataset) and data.class_names == ("a", "b")
    assert data.labels.tolist() == [1, 0, 1, 0] and data.texts[0] == "Note 0, denies pain."


def test_loader_takes_other_column_names_and_encodings(tmp_path: Path) -> None:
    rows = "transcription;medical_specialty\nFièvre;x\nToux;y\nÉdème;x\nDouleur;y\n"
    path = _write(tmp_path / "m.csv", rows.replace(";", ","), "latin-1")
    with pytest.raises(ValueError, match="encoding"):
        load_notes_csv(path, text_column="transcription", label_column="medical_specialty")
    data = load_notes_csv(
        path, text_column="transcription", label_column="medical_specialty", encoding="latin-1"
    )
    assert data.texts[0] == "Fièvre" and len(data) == 4


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("note,label\na,x\nb,y\n", "no column 'text'"),
        ("text,label\na,x\n  ,y\nb,y\nc,x\n", "empty note"),
        ("text,label\na,x\nb,x\nc,x\n", "1 class"),
        ("", "is empty"),
    ],
    ids=["missing column", "empty note", "single class", "empty file"],
)
def test_loader_refuses_bad_files(tmp_path: Path, content: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        load_notes_csv(_write(tmp_path / "bad.csv", content))


def test_loader_refuses_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="path"):
        load_notes_csv(tmp_path / "absent.csv")


# --- attention and cross-entropy ------------------------------------------------------------


def test_attention_weights_sum_to_one_and_ignore_masked_keys() -> None:
    rng = np.random.default_rng(0)
    q, k, v = rng.normal(size=(3, 4)), rng.normal(size=(5, 4)), rng.normal(size=(5, 2))
    out, weights = scaled_dot_product_attention(q, k, v, mask=[True, True, True, False, False])
    assert np.allclose(weights.sum(axis=1), 1.0) and np.all(weights[:, 3:] == 0)
    assert np.allclose(out, weights[:, :3] @ v[:3])
    _, equal = scaled_dot_product_attention(np.zeros((1, 4)), k, v)
    assert np.allclose(equal, 0.2)  # a query that matches nothing looks at every key equally


@pytest.mark.parametrize("heads", [1, 3])
def test_multi_head_attention_equals_keras(heads: int) -> None:
    x = np.random.default_rng(heads).normal(size=(2, 5, 6)).astype("float32")
    y = np.random.default_rng(9).normal(size=(2, 7, 6)).astype("float32")
    layer = keras.layers.MultiHeadAttention(num_heads=heads, key_dim=3)
    keras_out, keras_weights = layer(x, y, return_attention_scores=True)
    out, weights = multi_head_attention(x, y, layer.get_weights(), heads)
    assert np.max(np.abs(out - keras_out.numpy())) <= 1e-5
    assert np.max(np.abs(weights - keras_weights.numpy())) <= 1e-6


def test_cross_entropy_equals_keras_and_survives_large_logits() -> None:
    logits = np.array([[1000.0, 0.0, -1000.0], [0.2, 0.1, 3.0]])
    keras_loss = keras.losses.SparseCategoricalCrossentropy(from_logits=True)(
        np.array([0, 1]), logits.astype("float32")
    )
    assert sparse_categorical_cross_entropy([0, 1], logits) == pytest.approx(
        float(keras_loss), abs=1e-5
    )
    assert sparse_categorical_cross_entropy([2], [[0.0, 0.0, 800.0]]) == pytest.approx(0.0)


# --- the notebook's full-run path -----------------------------------------------------------


def test_notebook_full_run_path_on_a_written_csv(tmp_path: Path, run_notebook) -> None:
    notes = make_clinical_notes(150, seed=5)
    keep = notes.labels < 3  # three classes, named as in a real export
    lines = ["transcription,medical_specialty"] + [
        f'"{text}",{NOTE_CLASSES[label].title()}'
        for text, label in zip(np.array(notes.texts)[keep], notes.labels[keep])
    ]
    path = _write(tmp_path / "notes.csv", "\n".join(lines) + "\n")
    figures = run_notebook(
        "11_nlp_and_embeddings",
        data_mode="csv",
        notes_csv=str(path),
        text_column="transcription",
        label_column="medical_specialty",
        num_epochs=2,
    )
    assert figures["data_mode"] == "csv" and figures["num_notes"] == keep.sum()
    assert figures["tokenizer_disagreements"] == 0
    assert 0.0 <= figures["tfidf_all_f1"] <= 1.0

"""Synthetic clinical notes whose diagnosis is known, with the traps of real notes (notebook 11).

Each note belongs to one of five classes: four diagnoses, each with its own key findings
(pneumonia: cough, fever, sputum, chills; heart failure: shortness of breath, leg
swelling, orthopnea, weight gain; acute coronary syndrome: chest pain, sweating, left
arm pain, nausea; diabetes: polyuria, polydipsia, blurred vision, fatigue) and "no acute
disease". The label depends **only on the asserted findings**: a note of a diagnosis
asserts one to three of its findings; a note of "no acute disease" asserts none.

The traps: findings of *another* class appear **negated** ("denies cough, fever or
chills", "no chest pain", "negative for polyuria"), in lists whose scope a reader must
follow, and asserted lists use the same connectors ("presents with cough, fever and
chills"), so that a word pair rarely tells whether it is negated; diagnoses of other
classes appear as **uncertain** ("possible pneumonia", "rule out diabetes") or in the
**family history** ("mother had diabetes"); findings are written as **abbreviations**
("sob", "cp", "dm") and with **misspellings** ("cought", "feaver"). Negated,
uncertain and family-history mentions never change the label.

``negated`` marks the notes with at least one negated finding: the *negation subset*,
on which a reader that ignores negation should fail.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from helpers.course.validation import check_budget, check_number, check_positive_int, check_seed
from helpers.data.notes import TextDataset

NOTE_CLASSES = (
    "no acute disease",
    "pneumonia",
    "heart failure",
    "coronary syndrome",
    "diabetes",
)

# Key findings of each diagnosis (index 1.. of NOTE_CLASSES); each with its ways of writing it.
_FINDINGS: tuple[tuple[tuple[str, ...], ...], ...] = (
    (),
    (
        ("cough", "cough", "cought"),
        ("fever", "fever", "feaver", "fevers"),
        ("sputum", "productive sputum", "sputum"),
        ("chills", "chills", "rigors"),
    ),
    (
        ("shortness of breath", "sob", "dyspnea"),
        ("leg swelling", "ankle edema", "leg edema"),
        ("orthopnea", "orthopnea", "orthopnoea"),
        ("weight gain", "weight gain", "wt gain"),
    ),
    (
        ("chest pain", "cp", "chest pian"),
        ("sweating", "diaphoresis", "sweating"),
        ("left arm pain", "arm pain", "l arm pain"),
        ("nausea", "nausea", "nausia"),
    ),
    (
        ("polyuria", "polyuria", "frequent urination"),
        ("polydipsia", "excessive thirst", "polydypsia"),
        ("blurred vision", "blurry vision", "blurred vision"),
        ("fatigue", "fatigue", "tiredness"),
    ),
)
_NAMES = ((), ("pneumonia", "pna"), ("heart failure", "chf"), ("acs", "mi"), ("diabetes", "dm"))
_RELATIVES = ("mother", "father", "sister", "brother")
_ASSERT = ("presents with", "reports", "complains of", "c/o", "admitted with", "notes")
_NEGATE = ("denies", "no", "negative for", "without", "no complaints of")
_UNCERTAIN = ("possible", "rule out", "query", "cannot exclude")
_ROUTINE = (
    "here for routine follow up",
    "feels well today",
    "seen for annual check up",
    "requests medication refill",
    "here for a routine visit",
)
_VITALS = (
    "vitals stable",
    "afebrile on exam",
    "bp 130/80",
    "hr 88",
    "lungs clear",
    "exam unremarkable",
)


def _listed(items: list[str], rng: np.random.Generator) -> str:
    """'a', 'a and b', 'a, b or c': a list joined the way notes write it."""
    if len(items) == 1:
        return items[0]
    last = " and " if rng.random() < 0.5 else " or "
    return ", ".join(items[:-1]) + last + items[-1]


def _write(finding: tuple[str, ...], rng: np.random.Generator, typo_rate: float) -> str:
    """One finding as written: its plain name, or an abbreviation / misspelling."""
    return finding[0] if rng.random() >= typo_rate else finding[int(rng.integers(1, len(finding)))]


@dataclass(frozen=True, kw_only=True)
class ClinicalNotes(TextDataset):
    """Synthetic notes with their true class and which ones hold a negated finding."""

    negated: NDArray[np.bool_]


def make_clinical_notes(
    num_notes: int = 3000,
    *,
    negation_rate: float = 0.6,
    typo_rate: float = 0.2,
    seed: int = 0,
) -> ClinicalNotes:
    """``num_notes`` short notes, classes in equal shares, the label set by asserted findings.

    ``negation_rate`` is the share of notes with a sentence of negated findings of another
    class (always present in a "no acute disease" note with findings); ``typo_rate`` the
    share of findings written as an abbreviation or misspelling. Uncertain diagnoses and
    family histories (of other classes) appear in about a third of the notes each.
    """
    num_notes = check_positive_int(num_notes, "num_notes")
    check_budget(num_notes * 200, "num_notes")
    negation_rate = check_number(negation_rate, "negation_rate", low=0.0, high=1.0)
    typo_rate = check_number(typo_rate, "typo_rate", low=0.0, high=1.0)
    rng = np.random.default_rng(check_seed(seed))
    labels = rng.permutation(np.arange(num_notes) % len(NOTE_CLASSES)).astype(np.int64)
    texts, negated = [], np.zeros(num_notes, dtype=bool)
    for index, label in enumerate(labels):
        others = [c for c in range(1, len(NOTE_CLASSES)) if c != label]
        sentences = []
        if label:
            chosen = rng.choice(4, size=int(rng.integers(1, 4)), replace=False)
            found = [_write(_FINDINGS[label][i], rng, typo_rate) for i in chosen]
            sentences.append(f"{rng.choice(_ASSERT)} {_listed(found, rng)}")
        if rng.random() < negation_rate or not label:
            other = int(rng.choice(others))
            chosen = rng.choice(4, size=int(rng.integers(1, 4)), replace=False)
            absent = [_write(_FINDINGS[other][i], rng, typo_rate) for i in chosen]
            sentences.append(f"{rng.choice(_NEGATE)} {_listed(absent, rng)}")
            negated[index] = True
        rng.shuffle(sentences)  # the negated list may come first
        if not label and rng.random() < 0.5:
            sentences.insert(0, str(rng.choice(_ROUTINE)))
        if rng.random() < 0.35:
            name = _NAMES[int(rng.choice(others))][int(rng.random() < typo_rate)]
            sentences.append(f"{rng.choice(_UNCERTAIN)} {name}")
        if rng.random() < 0.35:
            name = _NAMES[int(rng.choice(others))][int(rng.random() < typo_rate)]
            sentences.append(f"{rng.choice(_RELATIVES)} had {name}")
        if rng.random() < 0.5:
            sentences.append(str(rng.choice(_VITALS)))
        age, sex = int(rng.integers(25, 90)), str(rng.choice(["m", "f"]))
        texts.append(f"{age} yo {sex}. " + ". ".join(s[0].upper() + s[1:] for s in sentences) + ".")
    return ClinicalNotes(
        texts=tuple(texts), labels=labels, class_names=NOTE_CLASSES, negated=negated
    )

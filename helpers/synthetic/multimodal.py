"""Synthetic patients with four modalities and an outcome whose probability is known (nb 16).

Each patient gets a chest X-ray (``helpers.synthetic.xrays``), 24 hours of vital signs
(``helpers.synthetic.vitals.make_icu_stays``), a short clinical note
(``helpers.synthetic.notes``) and three tabular fields: age, sex and a lab value
(lactate). The existing generators are called, not copied; each brings one hidden
finding: **pneumonia** (only visible in the image), **deterioration** (only in the
vitals) and a **cardiac diagnosis** (heart failure or coronary syndrome, only in the
note's asserted findings). The outcome (say, ICU admission or death within 30 days) is
drawn from

    logit p = INTERCEPT + PNEUMONIA * pneumonia + PNEUMONIA_IF_OLD * pneumonia * [age >= OLD_AGE]
              + DETERIORATION * deterioration + CARDIAC * cardiac + LACTATE * (lactate - 1.5)

so each modality carries signal no other one has, and the image's finding matters far
more above ``OLD_AGE``: an interaction between the image and the table. Sex carries no
signal. The true probability is returned, so the best AUC any model can reach on a
sample (the Bayes-optimal AUC) is computable.
"""

from __future__ import annotations

import re

import numpy as np
from scipy.special import expit

from helpers.course.validation import check_budget, check_fraction, check_positive_int, check_seed
from helpers.data.multimodal import MultimodalPatients
from helpers.synthetic.notes import NOTE_CLASSES, make_clinical_notes
from helpers.synthetic.vitals import make_icu_stays
from helpers.synthetic.xrays import make_synthetic_xrays

#: Coefficients of the outcome's log-odds (see the module docstring).
INTERCEPT = -2.6
PNEUMONIA = 1.0
PNEUMONIA_IF_OLD = 2.0
OLD_AGE = 65
DETERIORATION = 1.8
CARDIAC = 1.5
LACTATE = 0.9
#: Note classes that count as a cardiac diagnosis.
CARDIAC_CLASSES = ("heart failure", "coronary syndrome")
TABULAR_NAMES = ("age (years)", "sex (1 = male)", "lactate (mmol/L)")
#: Hours of vital signs per patient.
HOURS = 24


def true_log_odds(
    pneumonia: np.ndarray,
    deterioration: np.ndarray,
    cardiac: np.ndarray,
    age: np.ndarray,
    lactate: np.ndarray,
) -> np.ndarray:
    """The outcome's log-odds from the hidden findings and the tabular fields (no checks)."""
    return (
        INTERCEPT
        + PNEUMONIA * pneumonia
        + PNEUMONIA_IF_OLD * pneumonia * (age >= OLD_AGE)
        + DETERIORATION * deterioration
        + CARDIAC * cardiac
        + LACTATE * (lactate - 1.5)
    )


def make_multimodal_patients(
    num_patients: int = 1500,
    *,
    image_size: int = 32,
    lesion_contrast: float = 0.6,
    pneumonia_prevalence: float = 0.35,
    deterioration_prevalence: float = 0.3,
    seed: int = 0,
) -> MultimodalPatients:
    """``num_patients`` synthetic patients with an image, vitals, a note, a table and a truth.

    Args:
        num_patients: number of patients.
        image_size: side of the chest images in pixels (at least 32).
        lesion_contrast: brightness of the pneumonia opacities (0.1 subtle, 0.4 obvious),
            strictly between 0 and 1.
        pneumonia_prevalence: share of patients with pneumonia, strictly between 0 and 1.
        deterioration_prevalence: share whose vitals deteriorate, strictly between 0 and 1.
        seed: random seed (an integer from 0 to 2**32 - 1); the same seed gives the same
            patients. Each generator gets its own seed derived from it.

    Raises:
        TypeError: an argument of the wrong type.
        ValueError: an argument out of range, or more values than the memory budget.

    Returns:
        ``MultimodalPatients`` whose ``labels`` are drawn from ``true_probability``; the
        hidden findings ``pneumonia``, ``deterioration`` and ``cardiac_note`` come along.
    """
    num_patients = check_positive_int(num_patients, "num_patients")
    image_size = check_positive_int(image_size, "image_size")
    lesion_contrast = check_fraction(lesion_contrast, "lesion_contrast")
    pneumonia_prevalence = check_fraction(pneumonia_prevalence, "pneumonia_prevalence")
    deterioration_prevalence = check_fraction(deterioration_prevalence, "deterioration_prevalence")
    seed = check_seed(seed)
    check_budget(num_patients * (image_size**2 + HOURS * 4), "`num_patients` * `image_size`**2")
    image_seed, vitals_seed, notes_seed, table_seed = (
        int(s) for s in np.random.SeedSequence(seed).generate_state(4)
    )
    xrays = make_synthetic_xrays(
        num_patients, image_size, pneumonia_prevalence, lesion_contrast, seed=image_seed
    )
    stays = make_icu_stays(
        num_patients, HOURS, deterioration_prevalence, min_event_hour=12, seed=vitals_seed
    )
    notes = make_clinical_notes(num_patients, negation_rate=0.3, typo_rate=0.1, seed=notes_seed)
    cardiac_ids = [NOTE_CLASSES.index(name) for name in CARDIAC_CLASSES]
    cardiac = np.isin(notes.labels, cardiac_ids)
    # The note generator starts each note with its own "67 yo m."; the table holds the
    # patient's age and sex, so the note keeps only its findings.
    texts = np.array([re.sub(r"^\d+ yo [mf]\. ", "", text) for text in notes.texts])
    rng = np.random.default_rng(table_seed)
    age = rng.integers(30, 91, num_patients).astype(float)
    sex = (rng.random(num_patients) < 0.5).astype(float)
    lactate = np.round(rng.lognormal(np.log(1.4), 0.4, num_patients), 1)
    pneumonia, deterioration = xrays.labels.astype(bool), stays.labels.astype(bool)
    probability = expit(true_log_odds(pneumonia, deterioration, cardiac, age, lactate))
    labels = (rng.random(num_patients) < probability).astype(np.int64)
    return MultimodalPatients(
        inputs=xrays.inputs,
        labels=labels,
        vitals=stays.inputs,
        notes=texts,
        tabular=np.c_[age, sex, lactate],
        tabular_names=TABULAR_NAMES,
        true_probability=probability,
        pneumonia=pneumonia,
        deterioration=deterioration,
        cardiac_note=cardiac,
        class_names=("no event", "event"),
    )

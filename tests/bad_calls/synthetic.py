"""Bad calls of the synthetic-data generators: X-rays, lesion patches, ECG, vital signs.

Huge sizes must be refused before anything is allocated; seeds must be non-negative
integers (NumPy integers too); fractions, contrasts and rates must be finite and in range.
"""

from __future__ import annotations

import numpy as np

from bad_calls.table import BadCall, GoodCall

XRAYS = "helpers.synthetic.xrays.make_synthetic_xrays"
PATCHES = "helpers.synthetic.lesions.make_lesion_patches"
RECORD = "helpers.synthetic.ecg.synthetic_record"
BEATS = "helpers.synthetic.ecg.make_synthetic_beats"
MEMORY = "helpers.synthetic.vitals.make_hypotension_memory_task"
ICU = "helpers.synthetic.vitals.make_icu_stays"

CALLS: list[BadCall | GoodCall] = [
    # --- chest X-rays ------------------------------------------------------------------
    BadCall(XRAYS, (10**9,), mentions="num_images", why="a billion images: refused up front"),
    BadCall(XRAYS, (1,), {"image_size": 10**6}, mentions="image_size", why="huge image side"),
    BadCall(XRAYS, (2.5,), raises=TypeError, mentions="num_images", why="fractional count"),
    BadCall(XRAYS, ("10",), raises=TypeError, mentions="num_images", why="count as text"),
    BadCall(XRAYS, (True,), raises=TypeError, mentions="num_images", why="bool count"),
    BadCall(XRAYS, (0,), mentions="num_images", why="no images"),
    BadCall(XRAYS, (4,), {"image_size": 16}, mentions="image_size", why="image too small"),
    BadCall(
        XRAYS, (4,), {"image_size": 64.0}, raises=TypeError, mentions="image_size",
        why="float image size",
    ),
    BadCall(XRAYS, (4,), {"prevalence": 30}, mentions="prevalence", why="prevalence in percent"),
    BadCall(XRAYS, (4,), {"prevalence": np.nan}, mentions="prevalence", why="NaN prevalence"),
    BadCall(
        XRAYS, (4,), {"prevalence": "0.3"}, raises=TypeError, mentions="prevalence",
        why="prevalence as text",
    ),
    BadCall(
        XRAYS, (4,), {"lesion_contrast": 0.0}, mentions="lesion_contrast",
        why="zero contrast: pneumonia labels with invisible lesions",
    ),
    BadCall(
        XRAYS, (4,), {"lesion_contrast": np.inf}, mentions="lesion_contrast",
        why="infinite contrast",
    ),
    BadCall(XRAYS, (4,), {"seed": -1}, mentions="seed", why="negative seed"),
    BadCall(XRAYS, (4,), {"seed": "42"}, raises=TypeError, mentions="seed", why="seed as text"),
    BadCall(XRAYS, (4,), {"seed": 1.5}, raises=TypeError, mentions="seed", why="float seed"),
    GoodCall(
        XRAYS, (np.int64(4),), {"image_size": np.int64(32), "seed": np.int64(3)},
        reference=((4,), {"image_size": 32, "seed": 3}), why="NumPy integer sizes and seed",
    ),
    # --- fundus lesion patches ---------------------------------------------------------
    BadCall(PATCHES, (10**9,), mentions="num_patches", why="a billion patches: refused up front"),
    BadCall(PATCHES, (0,), mentions="num_patches", why="no patches"),
    BadCall(PATCHES, (None,), raises=TypeError, mentions="num_patches", why="None count"),
    BadCall(PATCHES, (10, 4), mentions="patch_size", why="patch too small for a lesion"),
    BadCall(
        PATCHES, (10, 32.0), raises=TypeError, mentions="patch_size", why="float patch size"
    ),
    BadCall(PATCHES, (10,), {"contrast": 1.5}, mentions="contrast", why="contrast above 1"),
    BadCall(PATCHES, (10,), {"contrast": np.nan}, mentions="contrast", why="NaN contrast"),
    BadCall(
        PATCHES, (10,), {"positive_fraction": 0.0}, mentions="positive_fraction",
        why="no positives at all",
    ),
    BadCall(PATCHES, (10,), {"seed": -3}, mentions="seed", why="negative seed"),
    BadCall(
        PATCHES, (10,), {"seed": np.nan}, raises=TypeError, mentions="seed", why="NaN seed"
    ),
    BadCall(
        PATCHES, (10,), {"source_size": 10**6}, mentions="source_size",
        why="huge resized retina: refused before resizing",
    ),
    GoodCall(
        PATCHES, (np.int32(6), np.int64(16)), {"seed": np.uint8(2)},
        reference=((6, 16), {"seed": 2}), why="NumPy integer sizes and seed",
    ),
    # --- synthetic ECG records ---------------------------------------------------------
    BadCall(
        RECORD, (0,), {"num_beats": 10**7}, mentions="num_beats",
        why="ten million beats: refused before allocating the signal",
    ),
    BadCall(
        RECORD, (0,), {"num_beats": 10**6, "sampling_rate": 10_000.0}, mentions="num_beats",
        why="a long record at a high rate",
    ),
    BadCall(RECORD, (0, 5), mentions="num_beats", why="too few beats"),
    BadCall(RECORD, (0, 20.0), raises=TypeError, mentions="num_beats", why="float beat count"),
    BadCall(RECORD, (-1,), mentions="patient_id", why="negative patient id"),
    BadCall(
        RECORD, ("p1",), raises=TypeError, mentions="patient_id", why="patient id as text"
    ),
    BadCall(
        RECORD, (0,), {"kinds": "PVC"}, raises=TypeError, mentions="kinds",
        why="a string, not a tuple of kinds",
    ),
    BadCall(RECORD, (0,), {"kinds": ("VF",)}, mentions="kinds", why="unknown arrhythmia"),
    BadCall(RECORD, (0,), {"kinds": None}, raises=TypeError, mentions="kinds", why="None kinds"),
    BadCall(RECORD, (0,), {"kinds": [["PVC"]]}, mentions="kinds", why="nested list of kinds"),
    BadCall(RECORD, (0,), {"seed": -1}, mentions="seed", why="negative seed"),
    BadCall(
        RECORD, (0,), {"sampling_rate": 0.25}, mentions="sampling_rate",
        why="rate in kHz instead of Hz",
    ),
    BadCall(RECORD, (0,), {"sampling_rate": np.nan}, mentions="sampling_rate", why="NaN rate"),
    GoodCall(
        RECORD, (np.int64(2), np.int64(20)),
        {"kinds": ["PVC", "AF"], "seed": np.int64(1)},
        reference=((2, 20), {"kinds": ("PVC", "AF"), "seed": 1}),
        why="NumPy integers and a list of kinds",
    ),
    # --- synthetic beat data set -------------------------------------------------------
    BadCall(
        BEATS, (10**7,), mentions="num_patients", why="ten million patients: refused up front"
    ),
    BadCall(
        BEATS, (2, 10**8), mentions="beats_per_patient", why="a hundred million beats each"
    ),
    BadCall(BEATS, (2, 5), mentions="beats_per_patient", why="too few beats per patient"),
    BadCall(BEATS, (2.0,), raises=TypeError, mentions="num_patients", why="float count"),
    BadCall(BEATS, (2, 20, 0.128), mentions="target_rate", why="target rate in kHz"),
    BadCall(
        BEATS, (2, 20, "128"), raises=TypeError, mentions="target_rate", why="rate as text"
    ),
    BadCall(BEATS, (2, 20), {"seed": -1}, mentions="seed", why="negative seed"),
    GoodCall(
        BEATS, (np.int64(3), np.int64(20), 128), {"seed": np.int64(2)},
        reference=((3, 20, 128.0), {"seed": 2}), why="NumPy integers, integer rate",
    ),
    # --- vital signs: the memory task --------------------------------------------------
    BadCall(MEMORY, (10**9,), mentions="num_patients", why="a billion series: refused up front"),
    BadCall(
        MEMORY, (10**6,), {"num_steps": 10**5}, mentions="num_patients",
        why="a million long series",
    ),
    BadCall(
        MEMORY, (10,), {"num_steps": 10**9}, mentions="num_steps",
        why="a billion steps: refused before a billion-step loop",
    ),
    BadCall(
        MEMORY, (10,), {"num_steps": 12, "event_window": 10, "episode_length": 4},
        mentions="num_steps", why="series too short for the episode",
    ),
    BadCall(MEMORY, (10,), {"event_window": 0}, mentions="event_window", why="empty window"),
    BadCall(
        MEMORY, (10,), {"episode_length": 2.5}, raises=TypeError, mentions="episode_length",
        why="fractional episode length",
    ),
    BadCall(
        MEMORY, (10,), {"positive_fraction": np.nan}, mentions="positive_fraction",
        why="NaN fraction",
    ),
    BadCall(MEMORY, (10,), {"seed": -1}, mentions="seed", why="negative seed"),
    GoodCall(
        MEMORY, (np.int64(8), np.int64(30)), {"seed": np.int64(4)},
        reference=((8, 30), {"seed": 4}), why="NumPy integer sizes and seed",
    ),
    # --- vital signs: ICU stays --------------------------------------------------------
    BadCall(ICU, (10**9,), mentions="num_patients", why="a billion stays: refused up front"),
    BadCall(ICU, (10, 10**9), mentions="hours", why="a billion hours"),
    BadCall(ICU, (10, 10), mentions="hours", why="stay shorter than the earliest event"),
    BadCall(
        ICU, ("400",), raises=TypeError, mentions="num_patients", why="count as text"
    ),
    BadCall(
        ICU, (), {"hours": 20, "min_event_hour": 24}, mentions="min_event_hour",
        why="earliest event after the stay ends",
    ),
    BadCall(ICU, (), {"min_event_hour": 5}, mentions="min_event_hour", why="event too early"),
    BadCall(
        ICU, (), {"min_event_hour": 24.5}, raises=TypeError, mentions="min_event_hour",
        why="fractional hour",
    ),
    BadCall(ICU, (), {"event_fraction": 1.0}, mentions="event_fraction", why="every stay an event"),
    BadCall(ICU, (), {"seed": -1}, mentions="seed", why="negative seed"),
    BadCall(ICU, (), {"seed": "0"}, raises=TypeError, mentions="seed", why="seed as text"),
    GoodCall(
        ICU, (np.int64(10), np.int64(30)), {"min_event_hour": np.int64(20), "seed": np.int64(1)},
        reference=((10, 30), {"min_event_hour": 20, "seed": 1}),
        why="NumPy integer sizes, hour and seed",
    ),
]

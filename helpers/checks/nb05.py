"""Exercise self-checks of notebook 05 (imaging diagnosis: CT windows, thresholds, Grad-CAM)."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from helpers.checks.engine import Student, run_check
from helpers.data import preprocessing
from helpers.evaluation import binary
from helpers.explain import gradcam

_RNG = np.random.default_rng(5)


_HU = np.array([[-1000.0, -600.0, -100.0], [0.0, 40.0, 240.0], [700.0, 1200.0, 3000.0]])


_LABELS = np.array([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0])


_SCORES = np.round(_LABELS * 0.4 + _RNG.uniform(0, 0.6, size=_LABELS.size), 3)


def check_window_ct(student: Student) -> bool:
    """Exercise 1 of notebook 05: ``window_ct(hu, center, width)``, values in [0, 1]."""
    cases = [
        ("lung window", (_HU, -600.0, 1500.0)),
        ("soft-tissue window", (_HU, 40.0, 400.0)),
        ("bone window", (_HU, 400.0, 1800.0)),
    ]
    return run_check(
        "window_ct",
        student,
        preprocessing.apply_window,
        cases,
        "low = center - width / 2; np.clip((hu - low) / width, 0, 1).",
    )


def check_threshold_for_sensitivity(student: Student) -> bool:
    """Exercise 2 of notebook 05: the highest threshold that keeps sensitivity >= target."""
    cases = [
        ("target 0.9", (_LABELS, _SCORES, 0.9)),
        ("target 0.95", (_LABELS, _SCORES, 0.95)),
        ("target 0.5", (_LABELS, _SCORES, 0.5)),
        ("catch every case", (_LABELS, _SCORES, 1.0)),
    ]
    return run_check(
        "threshold_for_sensitivity",
        student,
        binary.threshold_for_sensitivity,
        cases,
        "sort the positives' scores from high to low; you need k = ceil(target * n_pos) "
        "of them at or above the threshold, so the threshold is the k-th highest.",
    )


def _cost_minimising_threshold(
    y_true: ArrayLike, y_score: ArrayLike, cost_miss: float, cost_false_alarm: float
) -> float:
    """Reference: try every score (and 'nobody positive', np.inf) from high to low."""
    labels, scores = np.asarray(y_true), np.asarray(y_score, dtype=float)
    candidates = np.r_[np.inf, np.unique(scores)[::-1]]
    costs = [
        cost_miss * np.sum((scores < t) & (labels == 1))
        + cost_false_alarm * np.sum((scores >= t) & (labels == 0))
        for t in candidates
    ]
    return float(candidates[int(np.argmin(costs))])  # argmin: the first, i.e. highest


def check_threshold_for_cost(student: Student) -> bool:
    """Exercise 3 of notebook 05: the threshold with the lowest total cost of errors.

    ``threshold_for_cost(y_true, y_score, cost_miss, cost_false_alarm)`` returns the
    threshold t (a score, or np.inf for "call nobody positive") that minimises
    ``cost_miss * misses + cost_false_alarm * false alarms`` of the rule "positive if
    score >= t", the highest one among equal costs. The cases catch swapped costs, a
    plain error count, a strict ``>``, the forgotten "nobody" option and ties.
    """
    ties = (np.array([1, 0, 1, 0]), np.array([0.9, 0.7, 0.5, 0.3]))
    top_negative = (np.array([0, 1, 1, 0]), np.array([0.9, 0.8, 0.3, 0.2]))
    shared = (np.array([1, 0, 1, 0, 0]), np.array([0.8, 0.6, 0.6, 0.6, 0.2]))
    cases = [
        ("a miss costs 10 false alarms", (_LABELS, _SCORES, 10.0, 1.0)),
        ("a false alarm costs 4 misses", (_LABELS, _SCORES, 1.0, 4.0)),
        ("equal costs, two thresholds tie", (*ties, 1.0, 1.0)),
        ("the top score is healthy, false alarms cost 5", (*top_negative, 1.0, 5.0)),
        ("three images share a score", (*shared, 3.0, 1.0)),
    ]
    return run_check(
        "threshold_for_cost",
        student,
        _cost_minimising_threshold,
        cases,
        "for every candidate t in [np.inf] + the scores (high to low): misses = positives "
        "with score < t, false alarms = negatives with score >= t; total = cost_miss * "
        "misses + cost_false_alarm * false alarms; keep the first (highest) t with the "
        "lowest total.",
    )


def _single_iou(heatmap: ArrayLike, mask: ArrayLike, threshold: float) -> float:
    """Reference: ``gradcam.heatmap_iou`` of one heatmap and one mask."""
    heatmaps, masks = np.asarray(heatmap)[None], np.asarray(mask)[None]
    return float(gradcam.heatmap_iou(heatmaps, masks, threshold)[0])


def check_heatmap_iou(student: Student) -> bool:
    """Exercise 4 of notebook 05: ``heatmap_mask_iou(heatmap, mask, threshold) -> float``.

    Two cases catch typical slips: pixels exactly at the threshold (``>`` instead of
    ``>=``) and a faint heatmap that must not be rescaled to a peak of 1.
    """
    heatmap = np.outer(np.hanning(8), np.hanning(8))
    mask = np.zeros((8, 8), dtype=bool)
    mask[2:5, 3:7] = True
    cases = [
        ("threshold 0.5", (heatmap, mask, 0.5)),
        ("threshold 0.2", (heatmap, mask, 0.2)),
        ("no overlap", (heatmap, np.roll(mask, 4, axis=(0, 1)) & (heatmap < 0.1), 0.5)),
        ("both empty", (np.zeros((8, 8)), np.zeros((8, 8), dtype=bool), 0.5)),
        ("pixels exactly at the threshold", (np.round(heatmap * 4) / 4, mask, 0.5)),
        ("a faint heatmap (peak 0.54)", (0.6 * heatmap, mask, 0.5)),
    ]
    return run_check(
        "heatmap_iou",
        student,
        _single_iou,
        cases,
        "hot = heatmap >= threshold (no rescaling); IoU = (hot & mask).sum() / "
        "(hot | mask).sum(); define it as 1.0 when both are empty.",
    )

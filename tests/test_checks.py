"""Exercise self-checks (helpers.checks): right answers pass, stubs are 'not yet', mistakes fail.

Every check gets an answer written here independently of the reference it compares
with (another formula, a library such as SciPy, scikit-learn or Keras, or a brute-force
search), the untouched stub, and typical wrong answers of that exercise. Each wrong
answer names a fragment of the verdict line it must produce, so it fails for the reason
it was written for (the case that catches it, or the engine's own message). Every
check also gets malformed answers (None, text, NaN, ragged lists, wrong shapes, functions
that raise): each must get a failing verdict, never a crash of the check itself.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable
from fractions import Fraction
from typing import Any, NoReturn

import keras
import numpy as np
import pytest
from conftest import unfinished_answer
from numpy.lib.stride_tricks import sliding_window_view
from numpy.typing import ArrayLike, NDArray
from scipy import signal, special
from scipy.special import expit, softmax
from scipy.stats import norm as normal_distribution
from skimage.color import separate_stains
from sklearn.metrics import (
    confusion_matrix,
    jaccard_score,
    precision_score,
    recall_score,
    roc_auc_score,
    roc_curve,
)

import helpers.checks
from helpers.checks import (
    engine,
    nb00,
    nb01,
    nb02,
    nb03,
    nb04,
    nb05,
    nb06,
    nb07,
    nb08,
    nb09,
    nb10,
    nb11,
    nb12,
    nb13,
    nb14,
    nb15,
    nb16,
    nb17,
)

# Every notebook's checks (helpers/checks/nbNN.py), found on disk so none can be missed.
CHECK_MODULES = tuple(
    importlib.import_module(f"helpers.checks.{module.name}")
    for module in pkgutil.iter_modules(helpers.checks.__path__)
    if module.name.startswith("nb")
)

Answer = Callable[..., Any]
Array = NDArray[np.float64]


# --- notebook 00 --------------------------------------------------------------------------


def sensitivity_specificity_by_sklearn(y_true: ArrayLike, y_pred: ArrayLike) -> tuple:
    """Specificity is the recall of the healthy class."""
    return recall_score(y_true, y_pred), recall_score(y_true, y_pred, pos_label=0)


def ppv_by_counting(sensitivity: float, specificity: float, prevalence: float) -> float:
    """Count the patients of an exact population of a million, in fractions."""
    population = 1_000_000
    sick = Fraction(prevalence).limit_denominator() * population
    true_alarms = Fraction(sensitivity).limit_denominator() * sick
    false_alarms = (1 - Fraction(specificity).limit_denominator()) * (population - sick)
    return float(true_alarms / (true_alarms + false_alarms))


def cheapest_cutoff_by_loops(
    y_true: ArrayLike, scores: ArrayLike, cost_missed: float, cost_false_alarm: float
) -> float:
    """Sort the cut-offs from high to low and keep the first strictly cheaper one."""
    best_cost, best_cutoff = np.inf, np.nan
    for cutoff in sorted(set(np.asarray(scores).tolist()), reverse=True):
        predicted = (np.asarray(scores) >= cutoff).astype(int)
        matrix = confusion_matrix(y_true, predicted, labels=[0, 1])
        cost = cost_missed * matrix[1, 0] + cost_false_alarm * matrix[0, 1]
        if cost < best_cost:
            best_cost, best_cutoff = cost, cutoff
    return float(best_cutoff)


def cheapest_cutoff_unweighted(y_true, scores, cost_missed, cost_false_alarm) -> float:
    """Fewest errors, whatever they cost."""
    return cheapest_cutoff_by_loops(y_true, scores, 1.0, 1.0)


def cheapest_cutoff_strictly_above(y_true, scores, cost_missed, cost_false_alarm) -> float:
    """Positive only when the score is strictly above the cut-off."""
    shifted = np.asarray(scores, dtype=float)
    cutoffs = np.unique(shifted)
    costs = [
        cost_missed * np.sum((shifted <= c) & (np.asarray(y_true) == 1))
        + cost_false_alarm * np.sum((shifted > c) & (np.asarray(y_true) == 0))
        for c in cutoffs
    ]
    return float(cutoffs[np.flatnonzero(np.array(costs) == min(costs))[-1]])


def cheapest_cutoff_lowest_on_tie(y_true, scores, cost_missed, cost_false_alarm) -> float:
    cutoffs = np.unique(np.asarray(scores, dtype=float))
    y, s = np.asarray(y_true), np.asarray(scores, dtype=float)
    costs = [
        cost_missed * np.sum((s < c) & (y == 1)) + cost_false_alarm * np.sum((s >= c) & (y == 0))
        for c in cutoffs
    ]
    return float(cutoffs[int(np.argmin(costs))])


# --- notebook 01 --------------------------------------------------------------------------


def tanh_derivative_by_cosh(z: Array) -> Array:
    """d tanh / dz = sech(z)^2."""
    return 1.0 / np.cosh(z) ** 2


def softmax_by_scipy(z: Array) -> Array:
    return special.softmax(z, axis=-1)


def early_stopping_by_keras(val_losses: list[float], patience: int) -> tuple[int, int]:
    """Feed the losses to Keras' own EarlyStopping callback, epoch by epoch."""
    callback = keras.callbacks.EarlyStopping(monitor="val_loss", patience=patience)
    model = keras.Sequential([keras.Input((1,)), keras.layers.Dense(1)])
    model.stop_training = False  # what Model.fit sets before the first epoch
    callback.set_model(model)
    callback.on_train_begin()
    for epoch, loss in enumerate(val_losses):
        callback.on_epoch_end(epoch, {"val_loss": float(loss)})
        if model.stop_training:
            return epoch + 1, callback.best_epoch + 1
    return len(val_losses), callback.best_epoch + 1


def early_stopping_late(val_losses: list[float], patience: int) -> tuple[int, int]:
    """Stops one epoch too late: waits for more than `patience` epochs."""
    run, best = early_stopping_by_keras(val_losses, patience + 1)
    return run, best


def early_stopping_last_minimum(val_losses: list[float], patience: int) -> tuple[int, int]:
    """Counts a tie as a new minimum (<= instead of <)."""
    best, best_epoch, waited = np.inf, 0, 0
    for epoch, loss in enumerate(val_losses, start=1):
        if loss <= best:
            best, best_epoch, waited = loss, epoch, 0
            continue
        waited += 1
        if waited >= patience:
            return epoch, best_epoch
    return len(val_losses), best_epoch


def naive_softmax(z: Array) -> Array:
    return np.exp(z) / np.sum(np.exp(z), axis=-1, keepdims=True)


def softmax_shifting_in_place(z: Array) -> Array:
    z -= np.max(z, axis=-1, keepdims=True)  # changes the caller's logits
    return np.exp(z) / np.sum(np.exp(z), axis=-1, keepdims=True)


# --- notebook 02 --------------------------------------------------------------------------


def stable_rate_by_spectral_norm(hessian: Array) -> float:
    """For a symmetric bowl with positive curvature the 2-norm is the largest eigenvalue."""
    return 2.0 / float(np.linalg.norm(hessian, 2))


def central_differences_with_eye(f: Callable, w: Array, eps: float = 1e-6) -> Array:
    """All unit steps at once from an identity matrix; w itself is never written to."""
    base = np.asarray(w, dtype=float)
    steps = eps * np.eye(base.size).reshape(base.size, *base.shape)
    return np.array([(f(base + s) - f(base - s)) / (2 * eps) for s in steps]).reshape(base.shape)


def nudging_in_place_and_restoring(f: Callable, w: Array, eps: float = 1e-6) -> Array:
    """Correct: nudges the caller's w but puts every entry back (up to rounding)."""
    gradient = np.zeros_like(w)
    for index in np.ndindex(w.shape):
        w[index] += eps
        f_plus = f(w)
        w[index] -= 2 * eps
        f_minus = f(w)
        w[index] += eps
        gradient[index] = (f_plus - f_minus) / (2 * eps)
    return gradient


def forward_differences(f: Callable, w: Array, eps: float = 1e-6) -> Array:
    w = np.array(w, dtype=float)
    gradient = np.zeros_like(w)
    for index in np.ndindex(w.shape):
        step = np.zeros_like(w)
        step[index] = eps
        gradient[index] = (f(w + step) - f(w)) / eps
    return gradient


def nudging_in_place_without_restoring(f: Callable, w: Array, eps: float = 1e-6) -> Array:
    gradient = np.zeros_like(w)
    for index in np.ndindex(w.shape):
        w[index] += eps
        f_plus = f(w)
        w[index] -= 2 * eps  # and never back: w ends eps below where it started
        gradient[index] = (f_plus - f(w)) / (2 * eps)
    return gradient


def momentum_step_by_keras(
    w: Array, grad: Array, velocity: Array, learning_rate: float, momentum: float
) -> tuple[Array, Array]:
    """One step of keras.optimizers.SGD; the new velocity is how far the weights moved."""
    variable = keras.Variable(np.array(w, dtype=float), dtype="float64")
    optimizer = keras.optimizers.SGD(learning_rate=learning_rate, momentum=momentum)
    optimizer.build([variable])
    if momentum:
        optimizer.momentums[0].assign(np.asarray(velocity, dtype=float))
    optimizer.apply_gradients([(np.asarray(grad, dtype=float), variable)])
    new_w = variable.numpy()
    return new_w, new_w - w


def momentum_step_updating_w_in_place(
    w: Array, grad: Array, velocity: Array, learning_rate: float, momentum: float
) -> tuple[Array, Array]:
    velocity = momentum * velocity - learning_rate * grad
    w += velocity
    return w, velocity


# --- notebooks 03 and 04 ------------------------------------------------------------------


def convolution_off_by_one(image: Array, kernel: Array) -> Array:
    """Loops over range(n - k): the last row and column of positions are missing."""
    flipped = kernel[::-1, ::-1]
    rows, cols = image.shape[0] - kernel.shape[0], image.shape[1] - kernel.shape[1]
    output = np.zeros((rows, cols))
    for i in range(rows):
        for j in range(cols):
            window = image[i : i + kernel.shape[0], j : j + kernel.shape[1]]
            output[i, j] = np.sum(window * flipped)
    return output


def average_pool_by_reshape(feature_map: Array) -> Array:
    rows, cols = feature_map.shape[0] // 2, feature_map.shape[1] // 2
    blocks = feature_map[: 2 * rows, : 2 * cols].reshape(rows, 2, cols, 2)
    return blocks.mean(axis=(1, 3))


def max_pool_backward_by_masks(feature_map: Array, upstream: Array) -> Array:
    """Upsample the pooled maxima and the upstream values; keep them where the maximum is."""
    rows, cols = upstream.shape
    cropped = feature_map[: 2 * rows, : 2 * cols]
    maxima = cropped.reshape(rows, 2, cols, 2).max(axis=(1, 3))
    at_maximum = cropped == np.kron(maxima, np.ones((2, 2)))
    gradient = np.zeros(feature_map.shape)
    gradient[: 2 * rows, : 2 * cols] = at_maximum * np.kron(upstream, np.ones((2, 2)))
    return gradient


def max_pool_backward_transposed_argmax(feature_map: Array, upstream: Array) -> Array:
    gradient = np.zeros(feature_map.shape)
    for (i, j), value in np.ndenumerate(upstream):
        window = feature_map[2 * i : 2 * i + 2, 2 * j : 2 * j + 2]
        n, m = divmod(int(np.argmax(window)), 2)  # row and column mixed up
        gradient[2 * i + m, 2 * j + n] = value
    return gradient


def overlaps_by_painting(test_corners: Array, train_corners: Array, size: int) -> Array:
    """Paint the training squares onto a canvas and look under each test square."""
    canvas = np.zeros((400, 400), dtype=bool)
    for top, left in train_corners:
        canvas[top : top + size, left : left + size] = True
    return np.array(
        [canvas[top : top + size, left : left + size].any() for top, left in test_corners]
    )


def overlaps_counting_edges(test_corners: Array, train_corners: Array, size: int) -> Array:
    """Squares that only touch along an edge counted as overlapping (<= instead of <)."""
    distance = np.abs(np.asarray(test_corners)[:, None, :] - np.asarray(train_corners)[None])
    return np.all(distance <= size, axis=2).any(axis=1)


def overlaps_in_rows_only(test_corners: Array, train_corners: Array, size: int) -> Array:
    """Only the row distance compared."""
    distance = np.abs(np.asarray(test_corners)[:, None, 0] - np.asarray(train_corners)[None, :, 0])
    return (distance < size).any(axis=1)


# --- notebook 05 --------------------------------------------------------------------------


def window_by_interpolation(hu: Array, center: float, width: float) -> Array:
    """np.interp is linear between the window's edges and constant outside them."""
    return np.interp(hu, [center - width / 2, center + width / 2], [0.0, 1.0])


def window_shifting_in_place(hu: Array, center: float, width: float) -> Array:
    hu -= center - width / 2
    return np.clip(hu / width, 0.0, 1.0)


def threshold_by_search(y_true: Array, y_score: Array, target: float) -> float:
    """Try every positive score as threshold; keep the highest that reaches the target."""
    positives = y_score[y_true == 1]
    reaching = [t for t in positives if np.mean(positives >= t) >= target]
    return float(max(reaching))


def threshold_strict_inequality(y_true: Array, y_score: Array, target: float) -> float | None:
    """Counts a positive as found only if its score is strictly above the threshold."""
    positives = np.sort(y_score[y_true == 1])[::-1]
    for threshold in positives:
        if np.mean(positives > threshold) >= target:
            return float(threshold)
    return None


def threshold_for_cost_by_roc_curve(
    y_true: Array, y_score: Array, cost_miss: float, cost_false_alarm: float
) -> float:
    """scikit-learn's ROC points (inf first, thresholds falling) give misses and false alarms."""
    fpr, tpr, thresholds = roc_curve(y_true, y_score, drop_intermediate=False)
    positives, negatives = np.sum(y_true == 1), np.sum(y_true == 0)
    costs = cost_miss * (1 - tpr) * positives + cost_false_alarm * fpr * negatives
    return float(thresholds[np.argmin(np.round(costs, 9))])


def threshold_for_cost_with(
    y_true: Array,
    y_score: Array,
    cost_miss: float,
    cost_false_alarm: float,
    strict: bool = False,
    nobody: bool = True,
    lowest_on_ties: bool = False,
) -> float:
    """A brute force with one typical slip switched on."""
    candidates = sorted(set(np.asarray(y_score).tolist()), reverse=True)
    candidates = ([np.inf] if nobody else []) + candidates
    if lowest_on_ties:
        candidates = candidates[::-1]
    flagged = [(y_score > t) if strict else (y_score >= t) for t in candidates]
    costs = [
        cost_miss * np.sum(~f & (y_true == 1)) + cost_false_alarm * np.sum(f & (y_true == 0))
        for f in flagged
    ]
    return float(candidates[int(np.argmin(costs))])


def iou_by_sklearn(heatmap: Array, mask: Array, threshold: float) -> float:
    hot = np.asarray(heatmap) >= threshold
    return float(jaccard_score(np.ravel(mask), hot.ravel(), zero_division=1.0))


def _iou(hot: NDArray[np.bool_], mask: Array) -> float:
    union = np.sum(hot | mask)
    return float(np.sum(hot & mask) / union) if union else 1.0


# --- notebook 07 --------------------------------------------------------------------------


def rnn_step_by_einsum(
    x_t: Array, h_prev: Array, kernel: Array, recurrent_kernel: Array, bias: Array
) -> Array:
    inputs = np.einsum("bf,fu->bu", x_t, kernel)
    state = np.einsum("bv,vu->bu", h_prev, recurrent_kernel)
    return np.tanh(inputs + state + bias)


def relu_rnn_backward_step_by_einsum(
    grad_h: Array, x_t: Array, h_prev: Array, h: Array, recurrent_kernel: Array
) -> tuple[Array, Array, Array, Array]:
    delta = np.where(h > 0, grad_h, 0.0)
    return (
        np.einsum("bu,vu->bv", delta, recurrent_kernel),
        np.einsum("bf,bu->fu", x_t, delta),
        np.einsum("bv,bu->vu", h_prev, delta),
        np.einsum("bu->u", delta),
    )


def gradient_ratio_from_gamma(ratio: float, steps: int, new_steps: int) -> float:
    """Solve for the factor per step, then apply it over the new number of steps."""
    gamma = ratio ** (-1.0 / (steps - 1))
    return float(gamma ** -(new_steps - 1))


def _relu_step_with(
    derivative: Callable[[Array, Array], Array], transpose: bool = True, state: str = "h_prev"
) -> Answer:
    """A ReLU BPTT step whose slope, recurrent product or weight-gradient state can be wrong."""

    def step(g: Array, x: Array, hp: Array, h: Array, r: Array) -> tuple:
        delta = g * derivative(h, hp)
        back = delta @ (r.T if transpose else r)
        return back, x.T @ delta, (hp if state == "h_prev" else h).T @ delta, delta.sum(axis=0)

    return step


# --- notebook 08 --------------------------------------------------------------------------


def threshold_for_burden_by_search(scores: Array, max_alarms_per_patient_day: float) -> float:
    """Try every score as the threshold, lowest first; the first within the limit wins."""
    for threshold in np.sort(np.unique(scores)):
        if 24.0 * np.mean(scores >= threshold) <= max_alarms_per_patient_day:
            return float(threshold)
    return float(np.inf)


def kth_highest_score(scores: Array, limit: float) -> float:
    """Sort and index: right without ties, but a tie across the limit alarms too often."""
    return float(np.sort(scores)[::-1][int(limit * len(scores) / 24) - 1])


def indices_by_comprehension(patient_ids: Array, test_patients: Array) -> tuple[list, list]:
    chosen = set(np.asarray(test_patients).tolist())
    ids = np.asarray(patient_ids).tolist()
    return (
        [i for i, patient in enumerate(ids) if patient not in chosen],
        [i for i, patient in enumerate(ids) if patient in chosen],
    )


def sensitivity_and_ppv_by_sklearn(matrix: Array) -> tuple[Array, Array]:
    """Rebuild one (truth, prediction) pair per counted beat and ask scikit-learn."""
    truth, predicted = np.nonzero(np.ones_like(matrix))
    counts = np.asarray(matrix).ravel()
    truth, predicted = np.repeat(truth, counts), np.repeat(predicted, counts)
    labels = np.arange(len(matrix))
    options = {"labels": labels, "average": None, "zero_division": np.nan}
    return recall_score(truth, predicted, **options), precision_score(truth, predicted, **options)


def zero_ppv_when_never_predicted(matrix: Array) -> tuple[Array, Array]:
    counts = np.asarray(matrix, dtype=float)
    correct, predicted = np.diag(counts), counts.sum(axis=0)
    ppv = np.divide(correct, predicted, out=np.zeros_like(correct), where=predicted > 0)
    return correct / counts.sum(axis=1), ppv


# --- notebook 06 ------------------------------------------------------------------------


def stains_by_skimage(rgb: NDArray[np.uint8], rgb_from_stains: Array) -> Array:
    """scikit-image's own deconvolution with the inverse matrix."""
    return separate_stains(rgb, np.linalg.inv(rgb_from_stains))


def stains_with(rgb: NDArray[np.uint8], rgb_from_stains: Array, slip: str) -> Array:
    """The equation with one typical slip switched on."""
    intensity = np.asarray(rgb) / (1.0 if slip == "no /255" else 255.0)
    if slip != "no floor":
        intensity = np.maximum(intensity, 1e-6)
    with np.errstate(divide="ignore"):
        density = -np.log(intensity) if slip == "natural log" else -np.log10(intensity)
    matrix = rgb_from_stains if slip == "matrix not inverted" else np.linalg.inv(rgb_from_stains)
    return np.maximum(density / 6.0 @ matrix, 0.0)


def attention_by_scipy(h: Array, V: Array, U: Array, w: Array) -> tuple[Array, Array]:
    weights = softmax(((np.tanh(h @ V) * expit(h @ U)) @ w)[:, 0])
    return np.einsum("k,kd->d", weights, h), weights


def attention_unstable(h: Array, V: Array, U: Array, w: Array) -> tuple[Array, Array]:
    """exp without subtracting the largest score: inf / inf for large scores."""
    scores = np.exp(((np.tanh(h @ V) * expit(h @ U)) @ w)[:, 0])
    return scores / scores.sum() @ h, scores / scores.sum()


def attention_without_gate(h: Array, V: Array, U: Array, w: Array) -> tuple[Array, Array]:
    weights = softmax((np.tanh(h @ V) @ w)[:, 0])
    return weights @ h, weights


def auc_by_fraction_with(
    labels: Array, scores: Array, tiles: Array, low: int, high: int, slip: str = ""
) -> float:
    inside = (tiles >= low) & (tiles <= high)
    if slip == "other positives as negatives":
        return float(roc_auc_score(inside & (labels == 1), scores))
    keep = (labels == 0) | (labels == 1) & (inside if slip != "every positive" else True)
    if slip == "ties lost":
        positives, negatives = scores[keep & (labels == 1)], scores[keep & (labels == 0)]
        return float(np.mean(positives[:, None] > negatives[None, :]))
    return float(roc_auc_score(labels[keep], scores[keep]))


EXERCISES_06: dict[Callable[[Answer], bool], tuple[Answer, list[Mistake]]] = {
    nb06.check_stain_concentrations: (
        stains_by_skimage,
        [
            ("natural log", lambda r, m: stains_with(r, m, "natural log"), "case 'four H&E"),
            ("no floor at 1e-6", lambda r, m: stains_with(r, m, "no floor"), "case 'a black pixel"),
            ("matrix not inverted", lambda r, m: stains_with(r, m, "matrix not inverted"), "case"),
            ("intensities not divided by 255", lambda r, m: stains_with(r, m, "no /255"), "case"),
        ],
    ),
    nb06.check_attention_pooling: (
        attention_by_scipy,
        [
            ("exp overflows", attention_unstable, "case 'large scores"),
            ("no gate", attention_without_gate, "case 'a slide of 6 tiles'"),
            (
                "mean pooling",
                lambda h, V, U, w: (h.mean(axis=0), np.full(len(h), 1 / len(h))),
                "case 'a slide of 6 tiles'",
            ),
        ],
    ),
    nb06.check_auc_by_fraction: (
        lambda y, s, t, lo, hi: auc_by_fraction_with(y, s, t, lo, hi),
        [
            (
                "every positive kept",
                lambda y, s, t, lo, hi: auc_by_fraction_with(y, s, t, lo, hi, "every positive"),
                "case 'one-tile tumours'",
            ),
            (
                "other positives counted as negatives",
                lambda y, s, t, lo, hi: auc_by_fraction_with(
                    y, s, t, lo, hi, "other positives as negatives"
                ),
                "case 'one-tile tumours'",
            ),
            (
                "ties counted as losses",
                lambda y, s, t, lo, hi: auc_by_fraction_with(y, s, t, lo, hi, "ties lost"),
                "case 'tied scores'",
            ),
        ],
    ),
}


# --- notebook 09 ------------------------------------------------------------------------


def generator_gradient_by_autodiff(logits: Array) -> Array:
    """tf.GradientTape on -mean(log sigmoid(l)), in float64."""
    import tensorflow as tf

    values = tf.constant(np.asarray(logits, dtype=float))
    with tf.GradientTape() as tape:
        tape.watch(values)
        loss = -tf.reduce_mean(tf.math.log_sigmoid(values))
    return tape.gradient(loss, values).numpy()


def optimal_discriminator_by_logs(x: Array, m_data: float, s_data: float, m_g: float, s_g: float):
    """1 / (1 + p_g / p_data), from log densities."""
    log_p_g = normal_distribution.logpdf(x, m_g, s_g)
    log_ratio = log_p_g - normal_distribution.logpdf(x, m_data, s_data)
    return 1.0 / (1.0 + np.exp(log_ratio))


def high_quality_share_by_loops(samples: Array, centers: Array, std: float, num_std: float):
    good = 0
    for point in samples:
        nearest = min(float(np.hypot(*(point - center))) for center in centers)
        good += nearest <= num_std * std
    return good / len(samples)


EXERCISES_09: dict[Callable[[Answer], bool], tuple[Answer, list[Mistake]]] = {
    nb09.check_generator_loss_gradient: (
        generator_gradient_by_autodiff,
        [
            (
                "the saturating loss's gradient",
                lambda a: -special.expit(a) / a.size,
                "case 'a confident discriminator",
            ),
            ("no mean over samples", lambda a: -(1 - special.expit(a)), "case"),
            ("sign flipped", lambda a: (1 - special.expit(a)) / a.size, "case"),
        ],
    ),
    nb09.check_optimal_discriminator: (
        optimal_discriminator_by_logs,
        [
            (
                "generator's share",
                lambda x, md, sd, mg, sg: (
                    normal_distribution.pdf(x, mg, sg)
                    / (normal_distribution.pdf(x, md, sd) + normal_distribution.pdf(x, mg, sg))
                ),
                "case 'equal widths'",
            ),
            (
                "variance passed as the width",
                lambda x, md, sd, mg, sg: (
                    normal_distribution.pdf(x, md, sd**2)
                    / (
                        normal_distribution.pdf(x, md, sd**2)
                        + normal_distribution.pdf(x, mg, sg**2)
                    )
                ),
                "case 'different widths'",
            ),
            (
                "ratio instead of share",
                lambda x, md, sd, mg, sg: (
                    normal_distribution.pdf(x, md, sd) / normal_distribution.pdf(x, mg, sg)
                ),
                "case 'equal widths'",
            ),
        ],
    ),
    nb09.check_high_quality_share: (
        high_quality_share_by_loops,
        [
            (
                "distance to the first centre",
                lambda s, c, sd, k: float(np.mean(np.linalg.norm(s - c[0], axis=1) <= k * sd)),
                "case 'samples on all modes'",
            ),
            (
                "variance instead of std",
                lambda s, c, sd, k: float(
                    np.mean(np.linalg.norm(s[:, None] - c[None], axis=2).min(1) <= k * sd**2)
                ),
                "case 'samples on all modes'",
            ),
            (
                "count instead of share",
                lambda s, c, sd, k: int(
                    np.sum(np.linalg.norm(s[:, None] - c[None], axis=2).min(1) <= k * sd)
                ),
                "case 'samples on all modes'",
            ),
        ],
    ),
}


# --- the table: per check a correct answer and (name, wrong answer, verdict fragment) ------

Mistake = tuple[str, Answer, str]


def ks_statistic_by_loops(first: Array, second: Array) -> float:
    """The largest gap between the two step functions, at every value of both samples."""
    points = sorted(set(np.concatenate([first, second]).tolist()))
    return max(
        abs(np.mean(np.asarray(first) <= t) - np.mean(np.asarray(second) <= t)) for t in points
    )


def closest_by_sklearn(samples: Array, reference: Array) -> Array:
    from sklearn.neighbors import NearestNeighbors

    distances, _ = NearestNeighbors(n_neighbors=1).fit(reference).kneighbors(samples)
    return distances[:, 0]


def standardize_by_sklearn(train: Array, test: Array) -> tuple[Array, Array]:
    from sklearn.preprocessing import StandardScaler

    scaler = StandardScaler().fit(train)
    return scaler.transform(train), scaler.transform(test)


def _ks_one_sample_points(first: Array, second: Array) -> float:
    points = np.sort(first)
    cdf = lambda sample: np.searchsorted(np.sort(sample), points, side="right") / len(sample)  # noqa: E731
    return float(np.max(np.abs(cdf(first) - cdf(second))))


EXERCISES_10: dict[Callable[[Answer], bool], tuple[Answer, list[Mistake]]] = {
    nb10.check_ks_statistic: (
        ks_statistic_by_loops,
        [
            (
                "only the first sample's values",
                _ks_one_sample_points,
                "case 'a wider sample, same centre'",
            ),
            (
                "difference of means",
                lambda a, b: float(abs(np.mean(a) - np.mean(b))),
                "case 'a shifted sample'",
            ),
            (
                "searchsorted on unsorted samples",
                lambda a, b: float(
                    np.max(
                        np.abs(
                            np.searchsorted(a, np.r_[a, b], side="right") / len(a)
                            - np.searchsorted(b, np.r_[a, b], side="right") / len(b)
                        )
                    )
                ),
                "case 'a shifted sample'",
            ),
        ],
    ),
    nb10.check_closest_record_distance: (
        closest_by_sklearn,
        [
            (
                "squared distance",
                lambda s, r: ((s[:, None] - r[None]) ** 2).sum(-1).min(1),
                "case 'new points'",
            ),
            (
                "minimum over the wrong axis",
                lambda s, r: np.linalg.norm(s[:, None] - r[None], axis=2).min(0),
                "case 'new points'",
            ),
            (
                "distance to the first reference row",
                lambda s, r: np.linalg.norm(s - r[0], axis=1),
                "case 'new points'",
            ),
        ],
    ),
    nb10.check_standardize_fold: (
        standardize_by_sklearn,
        [
            (
                "test fold scaled with its own statistics",
                lambda tr, te: (
                    (tr - tr.mean(0)) / tr.std(0),
                    (te - te.mean(0)) / np.where(te.std(0) > 0, te.std(0), 1.0),
                ),
                "case 'a test fold from another centre'",
            ),
            (
                "sample standard deviation (ddof=1)",
                lambda tr, te: (
                    (tr - tr.mean(0)) / tr.std(0, ddof=1),
                    (te - tr.mean(0)) / tr.std(0, ddof=1),
                ),
                "case 'a test fold from another centre'",
            ),
            (
                "statistics of train and test pooled",
                lambda tr, te: standardize_by_sklearn(np.r_[tr, te], np.r_[tr, te])[0][: len(tr)],
                "case 'a test fold from another centre'",
            ),
        ],
    ),
}


def attention_weights_by_scipy(query: Array, key: Array):
    return special.softmax(query @ key.T / np.sqrt(query.shape[1]), axis=1)


def pad_to_length_by_keras(sequences: list[list[int]], length: int):
    return keras.utils.pad_sequences(
        sequences, maxlen=length, padding="post", truncating="post", dtype="int64"
    )


def _stable_softmax_logged(z: Array) -> Array:
    shifted = np.exp(z - z.max(axis=1, keepdims=True))
    return np.log(shifted / shifted.sum(axis=1, keepdims=True))


EXERCISES_11: dict[Callable[[Answer], bool], tuple[Answer, list[Mistake]]] = {
    nb11.check_log_softmax: (
        lambda z: special.log_softmax(z, axis=-1),
        [
            (
                "naive log of softmax",
                lambda z: np.log(np.exp(z) / np.exp(z).sum(axis=1, keepdims=True)),
                "case 'large logits'",
            ),
            ("log of the stable softmax", _stable_softmax_logged, "infinity"),
            (
                "over the notes instead of the classes",
                lambda z: special.log_softmax(z, axis=0),
                "case 'two notes",
            ),
        ],
    ),
    nb11.check_attention_weights: (
        attention_weights_by_scipy,
        [
            ("no scale", lambda q, k: special.softmax(q @ k.T, axis=1), "case 'two queries"),
            (
                "divided by d",
                lambda q, k: special.softmax(q @ k.T / q.shape[1], axis=1),
                "case 'two queries",
            ),
            (
                "softmax over the queries",
                lambda q, k: special.softmax(q @ k.T / np.sqrt(q.shape[1]), axis=0),
                "case 'two queries",
            ),
        ],
    ),
    nb11.check_pad_to_length: (
        pad_to_length_by_keras,
        [
            (
                "padding at the front",
                lambda s, n: keras.utils.pad_sequences(s, maxlen=n, truncating="post"),
                "case 'short notes",
            ),
            (
                "keeps the end of a long note",
                lambda s, n: keras.utils.pad_sequences(s, maxlen=n, padding="post"),
                "case 'a long note",
            ),
            (
                "one short",
                lambda s, n: keras.utils.pad_sequences(
                    s, maxlen=n - 1, padding="post", truncating="post"
                ),
                "case 'short notes",
            ),
        ],
    ),
}


def pwm_log_odds_by_loops(binder_indices: Array, pseudocount: float):
    length = binder_indices.shape[1]
    matrix = np.zeros((length, 20))
    for position in range(length):
        for letter in range(20):
            count = int(np.sum(binder_indices[:, position] == letter))
            share = (count + pseudocount) / (len(binder_indices) + 20 * pseudocount)
            matrix[position, letter] = np.log(share) - np.log(1 / 20)
    return matrix


def blosum_features_by_loops(peptide_indices: Array, blosum: Array):
    rows = [np.concatenate([blosum[code] for code in peptide]) for peptide in peptide_indices]
    return np.array(rows)


def window_indices_by_slices(protein_indices: Array, length: int):
    starts = range(len(protein_indices) - length + 1)
    return np.array([protein_indices[s : s + length] for s in starts])


def _counts(b: Array) -> Array:
    return np.eye(20)[b].sum(axis=0)


EXERCISES_12: dict[Callable[[Answer], bool], tuple[Answer, list[Mistake]]] = {
    nb12.check_pwm_log_odds: (
        pwm_log_odds_by_loops,
        [
            ("no pseudocount", lambda b, a: np.log(_counts(b) / len(b) * 20), "case"),
            (
                "normalised over the whole matrix",
                lambda b, a: np.log((_counts(b) + a) / (_counts(b) + a).sum() * 20),
                "case",
            ),
            ("no background", lambda b, a: np.log((_counts(b) + a) / (len(b) + 20 * a)), "case"),
        ],
    ),
    nb12.check_blosum_features: (
        blosum_features_by_loops,
        [
            ("columns instead of rows", lambda p, m: m.T[p].reshape(len(p), -1), "asymmetric"),
            (
                "flattened by column",
                lambda p, m: m[p].transpose(0, 2, 1).reshape(len(p), -1),
                "case",
            ),
            ("not flattened", lambda p, m: m[p], "case"),
        ],
    ),
    nb12.check_window_indices: (
        window_indices_by_slices,
        [
            (
                "last window lost",
                lambda x, k: np.array([x[s : s + k] for s in range(len(x) - k)]),
                "case",
            ),
            ("windows of length k - 1", lambda x, k: sliding_window_view(x, k - 1), "case"),
        ],
    ),
}


# --- notebook 13 ------------------------------------------------------------------------


def log_uniform_by_natural_log(low: float, high: float, size: int, seed: int):
    """exp of a uniform natural logarithm: the same draws as base 10."""
    return np.exp(np.random.default_rng(seed).uniform(np.log(low), np.log(high), size))


def selection_gap_by_loop(selection: Array, fresh: Array) -> float:
    chosen = 0
    for index, score in enumerate(selection):
        if score > selection[chosen]:
            chosen = index
    return float(selection[chosen] - fresh[chosen])


def global_batch_loss_by_tensorflow(losses: Array, global_batch_size: int) -> float:
    import tensorflow as tf

    values = tf.constant(np.asarray(losses, dtype="float64"))
    return float(tf.nn.compute_average_loss(values, global_batch_size=global_batch_size))


EXERCISES_13: dict[Callable[[Answer], bool], tuple[Answer, list[Mistake]]] = {
    nb13.check_log_uniform: (
        log_uniform_by_natural_log,
        [
            (
                "uniform in the rate",
                lambda lo, hi, n, seed: np.random.default_rng(seed).uniform(lo, hi, n),
                "case 'learning",
            ),
            (
                "bounds not logged",
                lambda lo, hi, n, seed: 10.0 ** np.random.default_rng(seed).uniform(lo, hi, n),
                "case",
            ),
        ],
    ),
    nb13.check_selection_gap: (
        selection_gap_by_loop,
        [
            ("best minus best", lambda s, f: float(np.max(s) - np.max(f)), "case 'the winner was"),
            ("worst chosen", lambda s, f: float(s[np.argmin(s)] - f[np.argmin(s)]), "case"),
        ],
    ),
    nb13.check_global_batch_loss: (
        global_batch_loss_by_tensorflow,
        [
            (
                "mean over the replica",
                lambda losses, b: float(np.mean(losses)),
                "case 'two replicas",
            ),
            ("sum only", lambda losses, b: float(np.sum(losses)), "case 'two replicas"),
        ],
    ),
}


def ece_by_pandas(y_true: Array, y_prob: Array, n_bins: int) -> float:
    import pandas as pd

    frame = pd.DataFrame({"y": np.asarray(y_true, float), "p": np.asarray(y_prob, float)})
    frame["bin"] = pd.cut(frame["p"], np.linspace(0.0, 1.0, n_bins + 1), include_lowest=True)
    per_bin = frame.groupby("bin", observed=True).agg(
        n=("y", "size"), y=("y", "mean"), p=("p", "mean")
    )
    return float((per_bin["n"] * (per_bin["y"] - per_bin["p"]).abs()).sum() / len(frame))


def ece_unweighted(y_true: Array, y_prob: Array, n_bins: int) -> float:
    y, p = np.asarray(y_true, float), np.asarray(y_prob, float)
    which = np.clip(np.ceil(p * n_bins).astype(int) - 1, 0, n_bins - 1)
    return float(
        np.mean([abs(y[which == b].mean() - p[which == b].mean()) for b in np.unique(which)])
    )


def ece_signed(y_true: Array, y_prob: Array, n_bins: int) -> float:
    y, p = np.asarray(y_true, float), np.asarray(y_prob, float)
    which = np.clip(np.ceil(p * n_bins).astype(int) - 1, 0, n_bins - 1)
    return float(
        sum(
            np.sum(which == b) * (y[which == b].mean() - p[which == b].mean())
            for b in np.unique(which)
        )
        / len(y)
    )


def ece_left_closed(y_true: Array, y_prob: Array, n_bins: int) -> float:
    y, p = np.asarray(y_true, float), np.asarray(y_prob, float)
    which = np.clip(np.floor(p * n_bins).astype(int), 0, n_bins - 1)
    return float(
        sum(
            np.sum(which == b) * abs(y[which == b].mean() - p[which == b].mean())
            for b in np.unique(which)
        )
        / len(y)
    )


def referral_auc_by_sorted(
    y_true: Array, y_prob: Array, uncertainty: Array, fraction: float
) -> float:
    ranked = sorted(range(len(y_true)), key=lambda i: uncertainty[i])  # stable, most certain first
    kept = ranked[: len(ranked) - int(fraction * len(ranked))]
    return float(roc_auc_score(np.asarray(y_true)[kept], np.asarray(y_prob)[kept]))


def referral_auc_wrong_way(
    y_true: Array, y_prob: Array, uncertainty: Array, fraction: float
) -> float:
    kept = np.argsort(-np.asarray(uncertainty), kind="stable")[
        : len(y_true) - int(fraction * len(y_true))
    ]
    return float(roc_auc_score(np.asarray(y_true)[kept], np.asarray(y_prob)[kept]))


def referral_auc_keeps_referred(
    y_true: Array, y_prob: Array, uncertainty: Array, fraction: float
) -> float:
    referred = np.argsort(-np.asarray(uncertainty), kind="stable")[: int(fraction * len(y_true))]
    return float(roc_auc_score(np.asarray(y_true)[referred], np.asarray(y_prob)[referred]))


def equalized_odds_gap_by_sklearn(y_true: Array, y_pred: Array, group: Array) -> float:
    y, yhat, g = (np.asarray(a) for a in (y_true, y_pred, group))
    tpr = [recall_score(y[g == k], yhat[g == k], zero_division=0) for k in (0, 1)]
    tnr = [recall_score(y[g == k], yhat[g == k], pos_label=0, zero_division=0) for k in (0, 1)]
    return float(max(abs(tpr[0] - tpr[1]), abs(tnr[0] - tnr[1])))


def _rates(y_true: Array, y_pred: Array, group: Array) -> tuple[list[float], list[float]]:
    y, yhat, g = (np.asarray(a) for a in (y_true, y_pred, group))
    tpr = [float(yhat[(g == k) & (y == 1)].mean()) for k in (0, 1)]
    fpr = [float(yhat[(g == k) & (y == 0)].mean()) for k in (0, 1)]
    return tpr, fpr


def clip_by_tensorflow(gradients: Array, clip_norm: float) -> Array:
    import tensorflow as tf

    values = tf.constant(np.asarray(gradients, dtype="float64"))
    return tf.clip_by_norm(values, clip_norm, axes=[1]).numpy()


def classic_epsilon_by_loop(orders: Array, rdp: Array, delta: float) -> float:
    best = float("inf")
    for order, value in zip(orders, rdp):
        best = min(best, float(value) + float(np.log(1.0 / delta)) / (float(order) - 1.0))
    return best


def federated_average_by_numpy(weights: Array, sizes: Array) -> Array:
    return np.average(np.asarray(weights, dtype=float), axis=0, weights=sizes)


def _clip_whole_batch(g: Array, c: float) -> Array:
    g = np.asarray(g, dtype=float)
    return g * min(1.0, c / np.linalg.norm(g))


EXERCISES_14: dict[Callable[[Answer], bool], tuple[Answer, list[Mistake]]] = {
    nb14.check_clip_per_example: (
        clip_by_tensorflow,
        [
            ("norm of the whole batch", _clip_whole_batch, "case"),
            (
                "always rescaled to C",
                lambda g, c: c * g / np.linalg.norm(g, axis=1, keepdims=True),
                "case",
            ),
        ],
    ),
    nb14.check_classic_epsilon: (
        classic_epsilon_by_loop,
        [
            ("first order only", lambda o, r, d: float(r[0] + np.log(1 / d) / (o[0] - 1)), "case"),
            ("log delta sign", lambda o, r, d: float(np.min(r + np.log(d) / (o - 1))), "case"),
        ],
    ),
    nb14.check_federated_average: (
        federated_average_by_numpy,
        [
            ("plain mean", lambda w, n: np.mean(w, axis=0), "case 'a large"),
            ("not normalised", lambda w, n: np.asarray(n, float) @ np.asarray(w), "case"),
        ],
    ),
}


EXERCISES_15: dict[Callable[[Answer], bool], tuple[Answer, list[Mistake]]] = {
    nb15.check_expected_calibration_error: (
        ece_by_pandas,
        [
            ("plain mean over bins", ece_unweighted, "case 'one big bin"),
            ("signed gap", ece_signed, "case 'one big bin"),
            (
                "bins closed on the left",
                ece_left_closed,
                "case 'probabilities exactly on bin edges",
            ),
        ],
    ),
    nb15.check_referral_auc: (
        referral_auc_by_sorted,
        [
            ("refers the most certain", referral_auc_wrong_way, "case 'a quarter referred"),
            ("keeps the referred cases", referral_auc_keeps_referred, "case 'nothing referred"),
        ],
    ),
    nb15.check_equalized_odds_gap: (
        equalized_odds_gap_by_sklearn,
        [
            (
                "sensitivity gap only",
                lambda y, p, g: abs(np.subtract(*_rates(y, p, g)[0])),
                "case 'equal sens",
            ),
            (
                "mean of both gaps",
                lambda y, p, g: float(np.mean([abs(np.subtract(*r)) for r in _rates(y, p, g)])),
                "case 'equal sens",
            ),
            (
                "rates over the whole group",
                lambda y, p, g: abs(
                    float(
                        np.mean(np.asarray(p)[np.asarray(g) == 0])
                        - np.mean(np.asarray(p)[np.asarray(g) == 1])
                    )
                ),
                "case",
            ),
        ],
    ),
}


EXERCISES_16: dict[Callable[[Answer], bool], tuple[Answer, list[Mistake]]] = {
    nb16.check_late_fusion: (
        lambda z: 1.0 / (1.0 + np.exp(-np.asarray(z, float).sum(axis=1) / np.shape(z)[1])),
        [
            ("mean of probabilities", lambda z: np.mean(1 / (1 + np.exp(-z)), axis=1), "case"),
            ("sum of logits", lambda z: 1 / (1 + np.exp(-np.sum(z, axis=1))), "case"),
            ("wrong axis", lambda z: 1 / (1 + np.exp(-np.mean(z, axis=0))), "case"),
        ],
    ),
    nb16.check_ablation_effects: (
        lambda f, b: np.array(
            [[1 / (1 + np.exp(-fi)) - 1 / (1 + np.exp(-bj)) for bj in bi] for fi, bi in zip(f, b)]
        ),
        [
            ("logit differences", lambda f, b: np.asarray(f)[:, None] - np.asarray(b), "case"),
            (
                "reversed sign",
                lambda f, b: (
                    1 / (1 + np.exp(-np.asarray(b))) - 1 / (1 + np.exp(-np.asarray(f)))[:, None]
                ),
                "case",
            ),
        ],
    ),
    nb16.check_conv_parameters: (
        lambda k, c, f, d: f * (c * k**d) + f,
        [
            ("no bias", lambda k, c, f, d: k**d * c * f, "case"),
            ("no input channels", lambda k, c, f, d: (k**d + 1) * f, "case 'Conv2D, 3x3, 8"),
            ("kernel counted once", lambda k, c, f, d: (k * c + 1) * f, "case 'Conv2D"),
        ],
    ),
}


EXERCISES_17: dict[Callable[[Answer], bool], tuple[Answer, list[Mistake]]] = {
    nb17.check_baseline_verdicts: (
        lambda d, b, w: np.array(
            [int(x - y > w) - int(y - x > w) for x, y in zip(np.ravel(d), np.ravel(b))], dtype=int
        ),
        [
            ("reversed sign", lambda d, b, w: np.sign(np.asarray(b) - np.asarray(d)), "case"),
            ("tie ignored", lambda d, b, w: np.sign(np.asarray(d) - np.asarray(b)), "case"),
            (
                "tie only for the deep model",
                lambda d, b, w: np.where(np.asarray(d) - np.asarray(b) > w, 1, -1),
                "case",
            ),
        ],
    ),
    nb17.check_alarms_per_thousand: (
        lambda se, sp, p: 1000 * (1 - (1 - se) * p - sp * (1 - p)),
        [
            ("true positives only", lambda se, sp, p: 1000 * se * p, "case 'rare disease'"),
            ("false positives of all", lambda se, sp, p: 1000 * (se * p + (1 - sp)), "case"),
            ("swapped", lambda se, sp, p: 1000 * (sp * p + (1 - se) * (1 - p)), "case"),
        ],
    ),
    nb17.check_attack_accuracy_bound: (
        lambda e: 1 / (1 + np.exp(-np.asarray(e, dtype=float))),
        [
            ("the factor itself", lambda e: np.exp(np.asarray(e, dtype=float)), "case"),
            ("reciprocal", lambda e: 1 / (1 + np.exp(np.asarray(e, dtype=float))), "case"),
            (
                "eps over 1 + eps",
                lambda e: np.asarray(e, float) / (1 + np.asarray(e, float)),
                "case",
            ),
        ],
    ),
}

EXERCISES: dict[Callable[[Answer], bool], tuple[Answer, list[Mistake]]] = {
    nb00.check_sensitivity_specificity: (
        sensitivity_specificity_by_sklearn,
        [
            ("swapped", lambda y, p: sensitivity_specificity_by_sklearn(y, p)[::-1], "misses one"),
            (
                "PPV instead of sensitivity",
                lambda y, p: (precision_score(y, p), recall_score(y, p, pos_label=0)),
                "case 'misses one cancer'",
            ),
            ("accuracy only", lambda y, p: np.mean(y == p), "a tuple of 2 values is expected"),
        ],
    ),
    nb00.check_positive_predictive_value: (
        ppv_by_counting,
        [
            ("without prevalence", lambda se, sp, prev: se / (se + 1 - sp), "rare disease"),
            (
                "sensitivity and specificity swapped",
                lambda se, sp, prev: sp * prev / (sp * prev + (1 - se) * (1 - prev)),
                "rare disease",
            ),
            ("sensitivity itself", lambda se, sp, prev: se, "rare disease"),
        ],
    ),
    nb00.check_cheapest_cutoff: (
        cheapest_cutoff_by_loops,
        [
            (
                "costs swapped",
                lambda y, s, miss, alarm: cheapest_cutoff_by_loops(y, s, alarm, miss),
                "case 'a miss costs 10 false alarms'",
            ),
            ("fewest errors, costs ignored", cheapest_cutoff_unweighted, "a miss costs 10"),
            ("score > cut-off", cheapest_cutoff_strictly_above, "case 'a miss costs 10"),
            ("the lower cut-off on a tie", cheapest_cutoff_lowest_on_tie, "case 'both errors"),
        ],
    ),
    nb01.check_tanh_derivative: (
        tanh_derivative_by_cosh,
        [
            ("square forgotten", lambda z: 1 - np.tanh(z), "case 'a batch'"),
            ("sigmoid-style formula", lambda z: np.tanh(z) * (1 - np.tanh(z)), "case 'zero'"),
            ("tanh forgotten", lambda z: 1 - z**2, "case 'a batch'"),
        ],
    ),
    nb01.check_softmax: (
        softmax_by_scipy,
        [
            ("not stable on huge logits", naive_softmax, "case 'huge logits'"),
            (
                "over the batch axis",
                lambda z: special.softmax(z, axis=0),
                "case 'one row': expected",
            ),
            ("shifts the logits in place", softmax_shifting_in_place, "input `z` in place"),
            (
                "sum without keepdims",
                lambda z: np.exp(z) / np.exp(z).sum(axis=-1),
                "case 'a batch' raised ValueError",
            ),
        ],
    ),
    nb01.check_early_stopping: (
        early_stopping_by_keras,
        [
            (
                "epochs counted from 0",
                lambda v, p: tuple(e - 1 for e in early_stopping_by_keras(v, p)),
                "case 'overfitting after epoch 5, patience 3'",
            ),
            ("stops one epoch late", early_stopping_late, "case 'overfitting after epoch 5"),
            ("a tie counts as a new minimum", early_stopping_last_minimum, "case 'a tie is no"),
            (
                "the last epoch's weights, not the best",
                lambda v, p: (early_stopping_by_keras(v, p)[0],) * 2,
                "case 'overfitting after epoch 5",
            ),
        ],
    ),
    nb02.check_largest_stable_learning_rate: (
        stable_rate_by_spectral_norm,
        [
            ("1 / largest eigenvalue", lambda h: 1 / np.linalg.eigvalsh(h)[-1], "curvature 4"),
            (
                "smallest eigenvalue",
                lambda h: 2 / np.linalg.eigvalsh(h)[0],
                "case 'a diagonal bowl'",
            ),
            (
                "largest diagonal entry",
                lambda h: 2 / np.max(np.diag(h)),
                "case 'a tilted bowl'",
            ),
            ("the trace", lambda h: 2 / np.trace(h), "case 'a diagonal bowl'"),
            (
                "an eigenvalue array",
                lambda h: 2 / np.linalg.eigvalsh(h),
                "but a single number is expected",
            ),
        ],
    ),
    nb02.check_numerical_gradient: (
        central_differences_with_eye,
        [
            ("forward differences", forward_differences, "case 'sum of cubes, eps = 0.01'"),
            (
                "changes w in place without restoring it",
                nudging_in_place_without_restoring,
                "changed its input `w` in place",
            ),
            (
                "divides by eps, not 2 eps",
                lambda f, w, eps: 2 * central_differences_with_eye(f, w, eps),
                "case 'sum of squares'",
            ),
        ],
    ),
    nb02.check_momentum_step: (
        momentum_step_by_keras,
        [
            (
                "velocity with the wrong sign",
                lambda w, g, v, lr, m: (w - (m * v + lr * g), m * v + lr * g),
                "case 'no momentum': value 2 of the result",
            ),
            (
                "moves w by the old velocity",
                lambda w, g, v, lr, m: (w + v, m * v - lr * g),
                "case 'no momentum': value 1 of the result",
            ),
            ("updates w in place", momentum_step_updating_w_in_place, "input `w` in place"),
            ("returns only w", lambda w, g, v, lr, m: w + m * v - lr * g, "a tuple of 2 values"),
        ],
    ),
    nb03.check_true_convolution: (
        lambda image, kernel: signal.convolve2d(image, kernel, "valid"),
        [
            (
                "no kernel flip",
                lambda image, kernel: signal.correlate2d(image, kernel, "valid"),
                "case 'Sobel kernel'",
            ),
            (
                "flips the columns only",
                lambda image, kernel: signal.correlate2d(image, kernel[:, ::-1], "valid"),
                "case 'non-square kernel'",
            ),
            (
                "transposes instead of flipping",
                lambda image, kernel: signal.correlate2d(image, kernel.T, "valid"),
                "case 'Sobel kernel'",
            ),
            ("off-by-one output size", convolution_off_by_one, "has shape (4, 3)"),
            (
                "'same' padding",
                lambda image, kernel: signal.convolve2d(image, kernel, "same"),
                "has shape (7, 6), but shape (5, 4) is expected",
            ),
        ],
    ),
    nb03.check_conv_output_size: (
        lambda n, k, s, p: len(range(0, n + 2 * p - k + 1, s)),
        [
            ("true division", lambda n, k, s, p: (n + 2 * p - k) / s + 1, "a whole number"),
            ("stride forgotten", lambda n, k, s, p: n + 2 * p - k + 1, "case 'stride 2'"),
            ("padding on one side", lambda n, k, s, p: (n + p - k) // s + 1, "'same' padding"),
            ("ceil instead of floor", lambda n, k, s, p: -(-(n + 2 * p - k) // s) + 1, "stride 2"),
        ],
    ),
    nb03.check_cross_correlate2d: (
        lambda image, kernel: signal.correlate2d(image, kernel, "valid"),
        [
            (
                "flips the kernel (that is convolution)",
                lambda image, kernel: signal.convolve2d(image, kernel, "valid"),
                "case 'Sobel kernel'",
            ),
            (
                "sums over the window positions",
                lambda image, kernel: np.sum(
                    sliding_window_view(image, kernel.shape) * kernel, (0, 1)
                ),
                "has shape (3, 3), but shape (5, 4) is expected",
            ),
            (
                "transposed window",
                lambda image, kernel: np.einsum(
                    "ijmn,nm->ij", sliding_window_view(image, kernel.shape[::-1]), kernel
                ),
                "case 'Sobel kernel'",
            ),
        ],
    ),
    nb04.check_average_pool2d: (
        average_pool_by_reshape,
        [
            (
                "max instead of mean",
                lambda x: (
                    x[: x.shape[0] // 2 * 2, : x.shape[1] // 2 * 2]
                    .reshape(x.shape[0] // 2, 2, x.shape[1] // 2, 2)
                    .max(axis=(1, 3))
                ),
                "case '4x4'",
            ),
            (
                "stride 1: overlapping windows",
                lambda x: sliding_window_view(x, (2, 2)).mean(axis=(2, 3)),
                "has shape (3, 3), but shape (2, 2) is expected",
            ),
            (
                "pads an odd row and column",
                lambda x: average_pool_by_reshape(
                    np.pad(x, ((0, x.shape[0] % 2), (0, x.shape[1] % 2)))
                ),
                "case 'odd size drops the last row and column': the result has shape (3, 3)",
            ),
        ],
    ),
    nb04.check_max_pool2d_backward: (
        max_pool_backward_by_masks,
        [
            (
                "upstream copied to the whole window",
                lambda x, up: np.pad(np.kron(up, np.ones((2, 2))), ((0, x.shape[0] % 2),) * 2),
                "case 'upstream of ones'",
            ),
            (
                "average-pooling gradient",
                lambda x, up: np.pad(np.kron(up, np.ones((2, 2))) / 4, ((0, x.shape[0] % 2),) * 2),
                "case 'upstream of ones'",
            ),
            (
                "row and column of the argmax mixed up",
                max_pool_backward_transposed_argmax,
                "case 'upstream of ones'",
            ),
            (
                "the cropped shape for odd sizes",
                lambda x, up: max_pool_backward_by_masks(x, up)[: 2 * len(up), : 2 * len(up)],
                "case 'odd size': the result has shape (4, 4), but shape (5, 5) is expected",
            ),
        ],
    ),
    nb04.check_overlaps_training: (
        overlaps_by_painting,
        [
            ("edge contact counted", overlaps_counting_edges, "case 'overlaps, edge contacts"),
            ("rows only", overlaps_in_rows_only, "case 'overlaps, edge contacts"),
            (
                "a count, not one bool per patch",
                lambda te, tr, s: int(overlaps_by_painting(te, tr, s).sum()),
                "but an array of",
            ),
            (
                "per training patch instead of per test patch",
                lambda te, tr, s: overlaps_by_painting(tr, te, s),
                "shape",
            ),
        ],
    ),
    nb05.check_window_ct: (
        window_by_interpolation,
        [
            ("no offset and no clip", lambda hu, c, w: (hu - c) / w, "case 'lung window'"),
            ("no clip", lambda hu, c, w: (hu - (c - w / 2)) / w, "case 'lung window'"),
            (
                "the lower edge at center - width",
                lambda hu, c, w: np.clip((hu - (c - w)) / w, 0, 1),
                "case 'lung window'",
            ),
            ("shifts the HU in place", window_shifting_in_place, "input `hu` in place"),
        ],
    ),
    nb05.check_threshold_for_sensitivity: (
        threshold_by_search,
        [
            (
                "interpolated quantile",
                lambda y, s, t: float(np.quantile(s[y == 1], 1 - t)),
                "case 'target 0.9'",
            ),
            ("strict inequality", threshold_strict_inequality, "case 'target 0.9'"),
            (
                "floor instead of ceil",
                lambda y, s, t: float(np.sort(s[y == 1])[::-1][max(int(t * np.sum(y)), 1) - 1]),
                "case 'target 0.95'",
            ),
            (
                "the k-th lowest, not the k-th highest",
                lambda y, s, t: float(np.sort(s[y == 1])[int(np.ceil(t * np.sum(y))) - 1]),
                "case 'target 0.9'",
            ),
            (
                "all scores, not only the positives'",
                lambda y, s, t: float(np.sort(s)[::-1][int(np.ceil(t * np.sum(y))) - 1]),
                "case 'target 0.9'",
            ),
        ],
    ),
    nb05.check_threshold_for_cost: (
        threshold_for_cost_by_roc_curve,
        [
            (
                "costs swapped",
                lambda y, s, miss, alarm: threshold_for_cost_with(y, s, alarm, miss),
                "case 'a miss costs 10 false alarms'",
            ),
            (
                "counts errors, ignores the costs",
                lambda y, s, miss, alarm: threshold_for_cost_with(y, s, 1.0, 1.0),
                "case 'a false alarm costs 4 misses'",
            ),
            (
                "> instead of >=",
                lambda y, s, miss, alarm: threshold_for_cost_with(y, s, miss, alarm, strict=True),
                "case 'a miss costs 10 false alarms'",
            ),
            (
                "forgets to call nobody positive",
                lambda y, s, miss, alarm: threshold_for_cost_with(y, s, miss, alarm, nobody=False),
                "case 'the top score is healthy, false alarms cost 5'",
            ),
            (
                "the lowest threshold among equal costs",
                lambda y, s, m, a: threshold_for_cost_with(y, s, m, a, lowest_on_ties=True),
                "case 'equal costs, two thresholds tie'",
            ),
        ],
    ),
    nb05.check_heatmap_iou: (
        iou_by_sklearn,
        [
            (
                "> instead of >=",
                lambda h, m, t: _iou(h > t, m),
                "case 'pixels exactly at the threshold'",
            ),
            (
                "rescales the heatmap to a peak of 1",
                lambda h, m, t: _iou(h / h.max() >= t if h.max() else h >= t, m),
                "case 'a faint heatmap (peak 0.54)'",
            ),
            (
                "intersection over the mask",
                lambda h, m, t: float(np.sum((h >= t) & m) / np.sum(m)),
                "case 'threshold 0.5'",
            ),
            (
                "0/0 when both are empty",
                lambda h, m, t: float(np.sum((h >= t) & m) / np.sum((h >= t) | m)),
                "case 'both empty'",
            ),
        ],
    ),
    nb07.check_simple_rnn_step: (
        rnn_step_by_einsum,
        [
            ("state forgotten", lambda x, h, k, r, b: np.tanh(x @ k + b), "case 'non-zero state'"),
            (
                "recurrent kernel transposed",
                lambda x, h, k, r, b: np.tanh(x @ k + h @ r.T + b),
                "case 'non-zero state'",
            ),
            (
                "sigmoid instead of tanh",
                lambda x, h, k, r, b: special.expit(x @ k + h @ r + b),
                "case 'zero state'",
            ),
            ("bias forgotten", lambda x, h, k, r, b: np.tanh(x @ k + h @ r), "case 'zero state'"),
        ],
    ),
    nb07.check_relu_rnn_backward_step: (
        relu_rnn_backward_step_by_einsum,
        [
            (
                "tanh's slope 1 - h**2",
                _relu_step_with(lambda h, hp: 1 - h**2),
                "case 'identity kernel, every unit active'",
            ),
            (
                "recurrent kernel not transposed",
                _relu_step_with(lambda h, hp: h > 0, transpose=False),
                "case 'some units off'",
            ),
            (
                "slope of the previous state",
                _relu_step_with(lambda h, hp: hp > 0),
                "case 'some units off'",
            ),
            (
                "no slope at all",
                _relu_step_with(lambda h, hp: np.ones_like(h)),
                "case 'some units off'",
            ),
            (
                "the new state in the recurrent kernel's gradient",
                _relu_step_with(lambda h, hp: h > 0, state="h"),
                "value 3 of the result",
            ),
            (
                "bias gradient not summed over patients",
                lambda g, x, hp, h, r: (
                    *relu_rnn_backward_step_by_einsum(g, x, hp, h, r)[:3],
                    g * (h > 0),
                ),
                "value 4 of the result has shape",
            ),
        ],
    ),
    nb07.check_predict_gradient_ratio: (
        gradient_ratio_from_gamma,
        [
            ("the ratio doubles", lambda r, s, n: r * n / s, "case '1e6 over 120 steps"),
            (
                "steps instead of Jacobians",
                lambda r, s, n: r ** (n / s),
                "case '1e6 over 120 steps",
            ),
            ("always squared", lambda r, s, n: r**2, "case '1e6 over 120 steps"),
            ("gamma applied once more", lambda r, s, n: r ** (n / (s - 1)), "case '1e6 over 120"),
        ],
    ),
    nb08.check_threshold_for_alarm_burden: (
        threshold_for_burden_by_search,
        [
            (
                "np.quantile interpolates between scores",
                lambda s, limit: float(np.quantile(s, 1.0 - limit / 24.0)),
                "case 'two patient-days, 3 alarms a day'",
            ),
            (
                "the limit read as a share of hours (24 forgotten)",
                lambda s, limit: threshold_for_burden_by_search(s, min(24.0 * limit, 24.0)),
                "case 'two patient-days, 3 alarms a day'",
            ),
            (
                "alarm above the threshold (>), not at it",
                lambda s, limit: float(np.sort(s)[::-1][int(limit * len(s) / 24)]),
                "case 'two patient-days, 3 alarms a day'",
            ),
            (
                "allowed alarms rounded up",
                lambda s, limit: float(np.sort(s)[::-1][int(np.ceil(limit * len(s) / 24)) - 1]),
                "case 'three patient-days, 2.5 alarms a day'",
            ),
            ("ties ignored", kth_highest_score, "case 'tied scores (a saturated sigmoid)'"),
        ],
    ),
    nb08.check_indices_by_patient: (
        indices_by_comprehension,
        [
            (
                "split by sample: leaks patients",
                lambda ids, test: np.split(np.arange(len(ids)), [-np.isin(ids, test).sum()]),
                "case 'one test patient': value 1 of the result: expected",
            ),
            (
                "training keeps the test samples",
                lambda ids, test: (np.arange(len(ids)), np.flatnonzero(np.isin(ids, test))),
                "has shape (10,), but shape (7,) is expected",
            ),
            (
                "only the first test patient",
                lambda ids, test: (
                    np.flatnonzero(ids != test[0]),
                    np.flatnonzero(ids == test[0]),
                ),
                "case 'two test patients'",
            ),
            (
                "(test, train)",
                lambda ids, test: indices_by_comprehension(ids, test)[::-1],
                "case 'one test patient'",
            ),
        ],
    ),
    nb08.check_sensitivity_and_ppv: (
        sensitivity_and_ppv_by_sklearn,
        [
            (
                "rows and columns swapped",
                lambda m: sensitivity_and_ppv_by_sklearn(np.asarray(m).T),
                "case 'two classes'",
            ),
            ("PPV 0 for a class never predicted", zero_ppv_when_never_predicted, "never predicted"),
            (
                "(ppv, sensitivity)",
                lambda m: sensitivity_and_ppv_by_sklearn(m)[::-1],
                "case 'two classes'",
            ),
        ],
    ),
    **EXERCISES_06,
    **EXERCISES_09,
    **EXERCISES_10,
    **EXERCISES_11,
    **EXERCISES_12,
    **EXERCISES_13,
    **EXERCISES_14,
    **EXERCISES_15,
    **EXERCISES_16,
    **EXERCISES_17,
}

CHECKS = list(EXERCISES)
MISTAKES = [
    pytest.param(check, answer, fragment, id=f"{check.__name__}-{name}")
    for check, (_, mistakes) in EXERCISES.items()
    for name, answer, fragment in mistakes
]


def _check_id(check: Callable[..., bool]) -> str:
    return check.__name__


def test_every_check_is_covered_with_at_least_two_mistakes() -> None:
    checks = {
        getattr(module, name)
        for module in CHECK_MODULES
        for name in dir(module)
        if name.startswith("check_")
    }
    assert len(CHECK_MODULES) >= 10
    assert checks == set(EXERCISES), sorted(check.__name__ for check in checks ^ set(EXERCISES))
    assert all(len(mistakes) >= 2 for _, mistakes in EXERCISES.values())


@pytest.mark.parametrize("check", CHECKS, ids=_check_id)
def test_an_independent_correct_answer_passes(check, verdict) -> None:
    assert verdict(check, EXERCISES[check][0]) == "passed", verdict.line


@pytest.mark.parametrize("check", CHECKS, ids=_check_id)
def test_the_untouched_stub_is_not_yet(check, verdict) -> None:
    assert verdict(check, unfinished_answer) == "not yet"
    assert "replace `raise NotImplementedError`" in verdict.line


@pytest.mark.parametrize(("check", "answer", "fragment"), MISTAKES)
def test_a_typical_mistake_fails_for_its_reason(check, answer, fragment, verdict) -> None:
    assert verdict(check, answer) == "failed"
    assert fragment in verdict.line and "Hint:" in verdict.line


# --- the engine ---------------------------------------------------------------------------


def test_a_mutating_answer_is_named_and_cannot_corrupt_the_cases(verdict) -> None:
    assert verdict(nb02.check_numerical_gradient, nudging_in_place_without_restoring) == "failed"
    assert "case 'sum of squares': your function changed its input `w` in place" in verdict.line
    assert "Work on a copy" in verdict.line
    # the check's own arrays were untouched: a correct answer still passes afterwards
    assert verdict(nb02.check_numerical_gradient, central_differences_with_eye) == "passed"
    assert verdict(nb01.check_softmax, softmax_shifting_in_place) == "failed"
    assert verdict(nb01.check_softmax, softmax_by_scipy) == "passed"


def test_restoring_inputs_up_to_rounding_is_no_mutation(verdict) -> None:
    assert verdict(nb02.check_numerical_gradient, nudging_in_place_and_restoring) == "passed"


def test_reference_and_student_each_get_their_own_copy(verdict) -> None:
    def reference_that_mutates(values: Array) -> float:
        total = float(values.sum())
        values[:] = 0.0
        return total

    def student(values: Array) -> float:
        return float(np.sum(values))

    def check(answer: Answer) -> bool:
        return engine.run_check("total", answer, reference_that_mutates, cases, "add them up")

    cases = [("ones", (np.ones(3),)), ("twos", (np.full(3, 2.0),))]
    assert verdict(check, student) == "passed"
    np.testing.assert_array_equal(cases[0][1][0], np.ones(3))


@pytest.mark.parametrize(
    ("check", "answer", "message"),
    [
        (
            nb04.check_average_pool2d,
            lambda x: sliding_window_view(x, (2, 2)).mean(axis=(2, 3)),
            "[failed] average_pool2d: case '4x4': the result has shape (3, 3), "
            "but shape (2, 2) is expected.",
        ),
        (
            nb01.check_tanh_derivative,
            lambda z: None,
            "[failed] tanh_derivative: case 'zero': the result is None, "
            "but an array of numbers with shape (1,) is expected.",
        ),
        (
            nb08.check_threshold_for_alarm_burden,
            lambda s, limit: [f"{threshold_for_burden_by_search(s, limit):.2f}"],
            "the result is a list holding str values, but a single number is expected",
        ),
        (
            nb03.check_conv_output_size,
            lambda n, k, s, p: np.floor((n + 2 * p - k) / s) + 1,
            "the result is the float 26.0, but a whole number is expected",
        ),
        (
            nb08.check_indices_by_patient,
            lambda ids, test: (~np.isin(ids, test), np.isin(ids, test)),
            "value 1 of the result has shape (10,), but shape (7,) is expected",
        ),
        (
            nb01.check_tanh_derivative,
            lambda z: np.array([1.0]),
            "case 'a batch': the result has shape (1,), but shape (4, 3) is expected",
        ),
        (
            nb00.check_cheapest_cutoff,
            lambda *args: np.array([cheapest_cutoff_by_loops(*args)]),
            "the result is an array of shape (1,), but a single number is expected",
        ),
    ],
    ids=["shape", "None", "text", "float-for-count", "masks-for-indices", "one-value", "array"],
)
def test_wrong_shape_or_kind_is_said_explicitly(check, answer, message, verdict) -> None:
    assert verdict(check, answer) == "failed"
    assert message in verdict.line


def test_integers_where_floats_are_expected_pass_if_the_values_match(verdict) -> None:
    def check(answer: Answer) -> bool:
        cases = [("counts", (np.array([[3, 1], [0, 2]]),))]
        return engine.run_check("doubled", answer, lambda m: 2.0 * m, cases, "twice the counts")

    assert verdict(check, lambda m: 2 * m) == "passed"  # an integer array
    assert verdict(check, lambda m: (2 * m).tolist()) == "passed"  # nested lists of int
    assert verdict(check, lambda m: 2 * m + 1) == "failed"


def test_other_errors_are_reported_and_a_non_function_refused(verdict) -> None:
    assert verdict(nb01.check_tanh_derivative, lambda z: z.shape[5]) == "failed"
    assert "case 'zero' raised IndexError" in verdict.line
    with pytest.raises(TypeError, match="pass your function itself"):
        nb01.check_softmax(softmax_by_scipy(np.zeros((1, 2))))


# --- every check judges malformed answers: a verdict, never a crash -----------------------


class _Unreadable:
    """A returned object whose own length and array conversion fail."""

    def __len__(self) -> int:
        raise RuntimeError("no length")

    def __array__(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise RuntimeError("no array")


class _BrokenError(Exception):
    """An exception whose message itself cannot be built."""

    def __str__(self) -> str:
        raise RuntimeError("no message")


def _each_value(answer: Answer, change: Callable[[Any], Any]) -> Answer:
    """The correct ``answer`` with ``change`` applied to each value it returns."""

    def changed(*args: Any) -> Any:
        result = answer(*args)
        if isinstance(result, tuple):
            return tuple(change(value) for value in result)
        return change(result)

    return changed


def _raises(*args: Any) -> NoReturn:
    raise ZeroDivisionError("division by zero")


def _raises_broken(*args: Any) -> NoReturn:
    raise _BrokenError


def _raises_multiline(*args: Any) -> NoReturn:
    raise ValueError("first line\nsecond line\n\nthird line")


MALFORMED: dict[str, tuple[Callable[[Answer], Answer], str]] = {
    # name: (answer built from the correct one, fragment of the verdict)
    "None": (lambda good: lambda *a: None, "is None"),
    "a string": (lambda good: lambda *a: str(good(*a)), "the text"),
    "a ragged list": (lambda good: lambda *a: [[1.0, 2.0], [3.0]], "[failed]"),
    "wrong type (dict)": (lambda good: lambda *a: {"answer": good(*a)}, "dict"),
    "wrong shape": (
        lambda good: _each_value(good, lambda v: np.append(np.ravel(v), 0.5)),
        "[failed]",
    ),
    "extra nesting": (lambda good: lambda *a: [good(*a)], "[failed]"),
    "too many values": (lambda good: lambda *a: (good(*a), good(*a), 0.0), "[failed]"),
    "NaN": (
        lambda good: _each_value(good, lambda v: np.full(np.shape(v), np.nan)),
        "your function returned NaN",
    ),
    "infinity": (
        lambda good: _each_value(good, lambda v: np.full(np.shape(v), np.inf)),
        "your function returned infinity",
    ),
    "complex numbers": (lambda good: _each_value(good, lambda v: np.asarray(v) * 1j), "[failed]"),
    "an unreadable object": (lambda good: lambda *a: _Unreadable(), "_Unreadable"),
    "a generator": (lambda good: lambda *a: (x for x in range(2)), "generator"),
    "raises": (lambda good: _raises, "raised ZeroDivisionError: division by zero"),
    "raises a broken exception": (lambda good: _raises_broken, "raised _BrokenError."),
    "raises a multi-line message": (
        lambda good: _raises_multiline,
        "raised ValueError: first line second line third line",
    ),
    "wrong number of parameters": (
        lambda good: lambda a, b, c, d, e, f: good(a, b, c, d, e, f),
        "the exercise calls it with",
    ),
}

MALFORMED_CASES = [
    pytest.param(check, name, id=f"{check.__name__}-{name}")
    for check in CHECKS
    for name in MALFORMED
]


@pytest.mark.parametrize(("check", "name"), MALFORMED_CASES)
def test_a_malformed_answer_gets_a_failing_verdict_not_a_crash(check, name, verdict) -> None:
    build, fragment = MALFORMED[name]
    answer = build(EXERCISES[check][0])
    assert verdict(check, answer) == "failed", verdict.line
    assert fragment in verdict.line and "Hint:" in verdict.line, verdict.line


def _module_arrays() -> dict[str, NDArray[Any]]:
    return {
        f"{module.__name__}.{name}": value.copy()
        for module in CHECK_MODULES
        for name, value in vars(module).items()
        if isinstance(value, np.ndarray)
    }


@pytest.mark.parametrize("check", CHECKS, ids=_check_id)
def test_an_answer_writing_into_its_inputs_changes_no_later_check(check, verdict) -> None:
    overwritten: list[int] = []

    def overwrites_every_array_and_list(*args: Any) -> float:
        for value in args:
            if isinstance(value, np.ndarray):
                value[...] = 7
            elif isinstance(value, list):
                value[:] = [7] * len(value)
            else:
                continue
            overwritten.append(len(value))
        return 0.0

    before = _module_arrays()
    assert verdict(check, overwrites_every_array_and_list) == "failed"
    assert ("in place" in verdict.line) is bool(overwritten), verdict.line
    after = _module_arrays()
    assert before.keys() == after.keys()
    for name, array in before.items():
        np.testing.assert_array_equal(after[name], array, err_msg=name)
    assert verdict(check, EXERCISES[check][0]) == "passed", verdict.line


def test_the_same_check_gives_the_same_cases_every_time(verdict) -> None:
    seen: list[list[Array]] = []

    def recording(feature_map: Array, upstream: Array) -> Array:
        seen[-1].append(upstream.copy())
        return max_pool_backward_by_masks(feature_map, upstream)

    for _ in range(2):
        seen.append([])
        assert verdict(nb04.check_max_pool2d_backward, recording) == "passed"
    for first, second in zip(*seen, strict=True):
        np.testing.assert_array_equal(first, second)


# --- equivalent containers and NaN ---------------------------------------------------------

PAIR_CHECKS = [
    nb00.check_sensitivity_specificity,
    nb02.check_momentum_step,
    nb08.check_indices_by_patient,
    nb08.check_sensitivity_and_ppv,
]

CONTAINERS: dict[str, Callable[[tuple], Any]] = {
    "tuple": tuple,
    "list": list,
    "list of lists": lambda pair: [np.asarray(value).tolist() for value in pair],
    "one array": lambda pair: (
        np.array(pair) if len({np.shape(v) for v in pair}) == 1 else np.array(pair, dtype=object)
    ),
}


@pytest.mark.parametrize("container", CONTAINERS)
@pytest.mark.parametrize("check", PAIR_CHECKS, ids=_check_id)
def test_a_pair_may_come_back_in_any_container(check, container, verdict) -> None:
    correct, wrap = EXERCISES[check][0], CONTAINERS[container]
    assert verdict(check, lambda *args: wrap(tuple(correct(*args)))) == "passed", verdict.line


def test_a_pair_returned_as_one_array_is_judged_by_its_values(verdict) -> None:
    answer = lambda y, p: np.array(sensitivity_specificity_by_sklearn(y, p))  # noqa: E731
    assert verdict(nb00.check_sensitivity_specificity, answer) == "passed", verdict.line
    swapped = lambda y, p: np.array(sensitivity_specificity_by_sklearn(y, p)[::-1])  # noqa: E731
    assert verdict(nb00.check_sensitivity_specificity, swapped) == "failed"
    assert "case 'misses one cancer': value 1 of the result: expected 0.75, got 1" in verdict.line


def test_nan_fails_with_its_own_message_but_matches_a_nan_reference(verdict) -> None:
    def ppv_nan_at_zero_division(matrix: Array) -> tuple[Array, Array]:
        counts = np.asarray(matrix, dtype=float)
        return np.diag(counts) / counts.sum(axis=1), np.diag(counts) / counts.sum(axis=0)

    # NaN where the reference has NaN too (a class never predicted) is the right answer
    assert verdict(nb08.check_sensitivity_and_ppv, ppv_nan_at_zero_division) == "passed"
    assert verdict(nb05.check_heatmap_iou, lambda h, m, t: np.nan) == "failed"
    assert "case 'threshold 0.5': your function returned NaN where" in verdict.line
    nan_above_two = lambda z: np.where(z > 2, np.nan, special.softmax(z, -1))  # noqa: E731
    assert verdict(nb01.check_softmax, nan_above_two) == "failed"
    assert "your function returned NaN (1 of 3 values)" in verdict.line


# --- the check's own arguments are validated -----------------------------------------------


def _total_check(cases: Any, **options: Any) -> bool:
    return engine.run_check("total", np.sum, np.sum, cases, "add them up", **options)


@pytest.mark.parametrize(
    ("arguments", "error", "message"),
    [
        ({"cases": []}, ValueError, "`cases` is empty"),
        ({"cases": ()}, ValueError, "`cases` is empty"),
        ({"cases": None}, TypeError, "`cases` must be a list"),
        ({"cases": ("ones", (np.ones(3),))}, TypeError, "`cases`: entry 1"),
        ({"cases": [("ones", np.ones(3))]}, TypeError, "mind the comma"),
        ({"cases": [("ones", [1.0, 2.0])]}, TypeError, "must be a tuple"),
        ({"cases": [(3, (np.ones(3),))]}, TypeError, "`cases[0][0]` must be a string"),
        ({"cases": [("", (np.ones(3),))]}, ValueError, "`cases[0][0]` is an empty string"),
        ({"cases": [("gen", ((x for x in "ab"),))]}, TypeError, "cannot be copied"),
        ({"atol": -1e-6}, ValueError, "`atol`"),
        ({"atol": float("nan")}, ValueError, "`atol`"),
        ({"atol": "1e-6"}, TypeError, "`atol`"),
    ],
    ids=lambda value: str(value)[:30],
)
def test_a_malformed_check_is_refused(arguments, error, message) -> None:
    cases = arguments.pop("cases", [("ones", (np.ones(3),))])
    with pytest.raises(error, match=re.escape(message)):
        _total_check(cases, **arguments)


def test_the_other_arguments_of_run_check_are_validated() -> None:
    cases = [("ones", (np.ones(3),))]
    with pytest.raises(TypeError, match="`exercise`"):
        engine.run_check(None, np.sum, np.sum, cases, "hint")
    with pytest.raises(TypeError, match="`student`: pass your function itself"):
        engine.run_check("total", 3.0, np.sum, cases, "hint")
    with pytest.raises(TypeError, match="`reference`"):
        engine.run_check("total", np.sum, 3.0, cases, "hint")
    with pytest.raises(TypeError, match="`hint`"):
        engine.run_check("total", np.sum, np.sum, cases, None)


@pytest.mark.parametrize("check", CHECKS, ids=_check_id)
@pytest.mark.parametrize(
    "student",
    [None, "softmax", 0.5, [softmax_by_scipy]],
    ids=["none", "text", "number", "list-of-function"],
)
def test_every_check_refuses_something_that_is_not_a_function(check, student, capsys) -> None:
    with pytest.raises(TypeError, match="`student`: pass your function itself"):
        check(student)
    assert capsys.readouterr().out == ""

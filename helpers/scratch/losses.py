"""Binary cross-entropy and its gradient in NumPy, equal to ``keras.losses.BinaryCrossentropy``."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from helpers.course.validation import (
    as_binary_labels,
    as_class_labels,
    as_float_array,
    as_probabilities,
    check_fraction,
)
from helpers.scratch.activations import sigmoid


def _labels(y_true: ArrayLike) -> NDArray[np.int64]:
    """``y_true`` of any shape, flattened into a vector of 0/1 labels."""
    return as_binary_labels(as_float_array(y_true, "y_true").reshape(-1), "y_true")


def binary_cross_entropy(y_true: ArrayLike, p: ArrayLike, eps: float = 1e-7) -> float:
    """Mean of -[y log p + (1 - y) log(1 - p)], with p clipped to [eps, 1 - eps].

    ``y_true`` holds 0/1 labels and ``p`` probabilities in [0, 1] (the sigmoid's output,
    not logits), one per label; the clipping only keeps log(0) away from valid ones.
    """
    y_true = _labels(y_true)
    eps = check_fraction(eps, "eps", high=0.5)
    p = np.clip(as_probabilities(p, "p").reshape(-1), eps, 1.0 - eps)
    if y_true.shape != p.shape:
        raise ValueError(f"`y_true` has {y_true.size} values but `p` has {p.size}.")
    return float(-np.mean(y_true * np.log(p) + (1.0 - y_true) * np.log(1.0 - p)))


def bce_gradient_logits(y_true: ArrayLike, logits: ArrayLike) -> np.ndarray:
    """d(mean BCE)/d(logit) for a sigmoid output: (sigmoid(z) - y) / n.

    ``logits`` is (n,) or (n, 1); ``y_true`` holds one 0/1 label per logit.
    """
    logits = as_float_array(logits, "logits", ndim=(1, 2))
    y_true = _labels(y_true)
    if y_true.size != logits.size:
        raise ValueError(
            f"`y_true` has {y_true.size} labels but `logits` has {logits.size} values "
            f"(shape {logits.shape}); pass one label per logit."
        )
    return (sigmoid(logits) - y_true.reshape(logits.shape)) / logits.shape[0]


def sparse_categorical_cross_entropy(y_true: ArrayLike, logits: ArrayLike) -> float:
    """Mean of -log softmax(logits)[y] over the rows, computed with log-sum-exp.

    ``logits`` is (n, classes), ``y_true`` n class indices. log softmax(z)_y = z_y -
    logsumexp(z), and logsumexp(z) = max(z) + log sum exp(z - max(z)) never overflows,
    so large logits are fine. Equals ``keras.losses.SparseCategoricalCrossentropy(
    from_logits=True)``.
    """
    logits = as_float_array(logits, "logits", ndim=2)
    labels = as_class_labels(y_true, "y_true", num_classes=logits.shape[1])
    if labels.size != logits.shape[0]:
        raise ValueError(
            f"`y_true` has {labels.size} labels but `logits` has {logits.shape[0]} rows; "
            "pass one class index per row."
        )
    top = logits.max(axis=1, keepdims=True)
    log_sum_exp = top[:, 0] + np.log(np.exp(logits - top).sum(axis=1))
    return float(np.mean(log_sum_exp - logits[np.arange(labels.size), labels]))

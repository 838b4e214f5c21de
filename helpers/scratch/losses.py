"""Binary cross-entropy and its gradient in NumPy, equal to ``keras.losses.BinaryCrossentropy``."""

from __future__ import annotations

import numpy as np

from helpers.course.validation import as_float_array
from helpers.scratch.activations import sigmoid


def binary_cross_entropy(y_true: np.ndarray, p: np.ndarray, eps: float = 1e-7) -> float:
    """Mean of -[y log p + (1 - y) log(1 - p)], with p clipped to [eps, 1 - eps]."""
    y_true = as_float_array(y_true, "y_true").reshape(-1)
    p = np.clip(as_float_array(p, "p").reshape(-1), eps, 1.0 - eps)
    if y_true.shape != p.shape:
        raise ValueError(f"`y_true` has {y_true.size} values but `p` has {p.size}.")
    return float(-np.mean(y_true * np.log(p) + (1.0 - y_true) * np.log(1.0 - p)))


def bce_gradient_logits(y_true: np.ndarray, logits: np.ndarray) -> np.ndarray:
    """d(mean BCE)/d(logit) for a sigmoid output: (sigmoid(z) - y) / n."""
    logits = np.asarray(logits, dtype=np.float64)
    y_true = np.asarray(y_true, dtype=np.float64).reshape(logits.shape)
    return (sigmoid(logits) - y_true) / logits.shape[0]

"""Gradient-descent update rules in NumPy, equal to ``keras.optimizers.SGD``."""

from __future__ import annotations

import numpy as np


def momentum_step(
    w: np.ndarray, grad: np.ndarray, velocity: np.ndarray, learning_rate: float, momentum: float
) -> tuple[np.ndarray, np.ndarray]:
    """SGD with momentum as Keras does it: v <- m v - lr g, then w <- w + v."""
    velocity = momentum * np.asarray(velocity) - learning_rate * np.asarray(grad)
    return np.asarray(w) + velocity, velocity

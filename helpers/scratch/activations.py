"""Activation functions and their derivatives in NumPy, equal to ``keras.activations``."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def sigmoid(z: np.ndarray) -> np.ndarray:
    """Logistic function 1 / (1 + e^-z), computed without overflow for large |z|."""
    z = np.asarray(z, dtype=np.float64)
    return np.exp(-np.logaddexp(0.0, -z))


def sigmoid_derivative(z: np.ndarray) -> np.ndarray:
    """d sigmoid / dz = sigmoid(z) (1 - sigmoid(z))."""
    s = sigmoid(z)
    return s * (1.0 - s)


def tanh_derivative(z: np.ndarray) -> np.ndarray:
    """d tanh / dz = 1 - tanh(z)^2."""
    return 1.0 - np.tanh(z) ** 2


def relu(z: np.ndarray) -> np.ndarray:
    """Rectified linear unit max(0, z)."""
    return np.maximum(0.0, z)


def relu_derivative(z: np.ndarray) -> np.ndarray:
    """d relu / dz: 1 where z > 0, else 0 (the value at exactly 0 is a convention)."""
    return (np.asarray(z) > 0).astype(np.float64)


def softmax(z: np.ndarray) -> np.ndarray:
    """Softmax over the last axis; subtracting the row maximum avoids overflow."""
    z = np.asarray(z, dtype=np.float64)
    shifted = np.exp(z - z.max(axis=-1, keepdims=True))
    return shifted / shifted.sum(axis=-1, keepdims=True)


ACTIVATIONS: dict[str, tuple[Callable[[np.ndarray], np.ndarray], ...]] = {
    "linear": (lambda z: z, lambda z: np.ones_like(z)),
    "sigmoid": (sigmoid, sigmoid_derivative),
    "tanh": (np.tanh, tanh_derivative),
    "relu": (relu, relu_derivative),
}

"""Activation functions and their derivatives in NumPy, equal to ``keras.activations``.

Each takes an array ``z`` of finite numbers (a list, an array, a tensor) and returns a
float64 array of the same shape; ``None``, text, NaN or infinite values are refused.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from numpy.typing import ArrayLike, NDArray

from helpers.course.validation import as_float_array, check_choice, check_text


def _values(z: ArrayLike) -> NDArray[np.float64]:
    """``z`` as a float64 array of finite numbers, or a clear error naming ``z``."""
    return as_float_array(z, "z")


def sigmoid(z: ArrayLike) -> np.ndarray:
    """Logistic function 1 / (1 + e^-z), computed without overflow for large |z|."""
    z = _values(z)
    return np.exp(-np.logaddexp(0.0, -z))


def sigmoid_derivative(z: ArrayLike) -> np.ndarray:
    """d sigmoid / dz = sigmoid(z) (1 - sigmoid(z))."""
    s = sigmoid(z)
    return s * (1.0 - s)


def tanh(z: ArrayLike) -> np.ndarray:
    """Hyperbolic tangent (``np.tanh``) of a validated ``z``."""
    return np.tanh(_values(z))


def tanh_derivative(z: ArrayLike) -> np.ndarray:
    """d tanh / dz = 1 - tanh(z)^2."""
    return 1.0 - np.tanh(_values(z)) ** 2


def relu(z: ArrayLike) -> np.ndarray:
    """Rectified linear unit max(0, z)."""
    return np.maximum(0.0, _values(z))


def relu_derivative(z: ArrayLike) -> np.ndarray:
    """d relu / dz: 1 where z > 0, else 0 (the value at exactly 0 is a convention)."""
    return (_values(z) > 0).astype(np.float64)


def linear(z: ArrayLike) -> np.ndarray:
    """The identity, for a layer without activation (Keras' ``"linear"``)."""
    return _values(z)


def linear_derivative(z: ArrayLike) -> np.ndarray:
    """d z / dz = 1 everywhere."""
    return np.ones_like(_values(z))


def softmax(z: ArrayLike) -> np.ndarray:
    """Softmax over the last axis; subtracting the row maximum avoids overflow."""
    z = _values(z)
    if z.ndim == 0:
        raise ValueError(
            "`z` is a single number, but softmax normalises over the last axis of an array. "
            "Pass a row of scores, e.g. np.array([[1.0, 2.0, 3.0]])."
        )
    shifted = np.exp(z - z.max(axis=-1, keepdims=True))
    return shifted / shifted.sum(axis=-1, keepdims=True)


ACTIVATIONS: dict[str, tuple[Callable[[ArrayLike], np.ndarray], ...]] = {
    "linear": (linear, linear_derivative),
    "sigmoid": (sigmoid, sigmoid_derivative),
    "tanh": (tanh, tanh_derivative),
    "relu": (relu, relu_derivative),
}


def check_activation(activation: str, name: str = "activation") -> str:
    """Return ``activation`` if it names one of ``ACTIVATIONS`` (a string such as "tanh")."""
    return check_choice(check_text(activation, name), name, ACTIVATIONS)

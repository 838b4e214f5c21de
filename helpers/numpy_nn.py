"""Reference NumPy building blocks of neural networks (notebooks 01-02 derive them).

Conventions follow Keras so that weights can be copied across unchanged: a batch
``x`` has shape (samples, features), a dense kernel ``w`` has shape
(inputs, units) and a layer computes ``f(x @ w + b)``, which is the textbook
``f(W x + b)`` written for a whole batch of row vectors (``W`` is ``w.T``).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from helpers.validation import as_float_array


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


def dense_forward(
    x: np.ndarray, w: np.ndarray, b: np.ndarray, activation: str = "linear"
) -> np.ndarray:
    """One dense layer, ``activation(x @ w + b)``, with shapes checked."""
    x = as_float_array(x, "x", ndim=2)
    w = as_float_array(w, "w", ndim=2)
    b = as_float_array(b, "b", ndim=1)
    if x.shape[1] != w.shape[0]:
        raise ValueError(
            f"`x` has {x.shape[1]} features per sample but `w` expects {w.shape[0]} inputs "
            f"(w has shape {w.shape}: inputs x units)."
        )
    if b.shape[0] != w.shape[1]:
        raise ValueError(f"`b` has {b.shape[0]} entries but `w` has {w.shape[1]} units.")
    if activation not in ACTIVATIONS:
        raise ValueError(f"Unknown activation {activation!r}; choose from {sorted(ACTIVATIONS)}.")
    return ACTIVATIONS[activation][0](x @ w + b)


def count_dense_parameters(layer_sizes: list[int]) -> int:
    """Weights plus biases of a stack of dense layers, e.g. [30, 16, 1] -> 513."""
    sizes = [int(size) for size in layer_sizes]
    if len(sizes) < 2 or min(sizes) < 1:
        raise ValueError("`layer_sizes` needs an input size and at least one layer, all >= 1.")
    return sum(n_in * n_out + n_out for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=False))


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


def numerical_gradient(
    f: Callable[[np.ndarray], float], w: np.ndarray, eps: float = 1e-6
) -> np.ndarray:
    """Central-difference estimate of df/dw, one entry at a time (slow, exact-ish)."""
    w = np.array(w, dtype=np.float64)
    grad = np.zeros_like(w)
    for index in np.ndindex(w.shape):
        original = w[index]
        w[index] = original + eps
        f_plus = f(w)
        w[index] = original - eps
        f_minus = f(w)
        w[index] = original
        grad[index] = (f_plus - f_minus) / (2.0 * eps)
    return grad


def relative_error(a: np.ndarray, b: np.ndarray) -> float:
    """||a - b|| / (||a|| + ||b||): the usual gradient-check measure (0 = identical)."""
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    denominator = np.linalg.norm(a) + np.linalg.norm(b)
    return float(np.linalg.norm(a - b) / denominator) if denominator > 0 else 0.0


def momentum_step(
    w: np.ndarray, grad: np.ndarray, velocity: np.ndarray, learning_rate: float, momentum: float
) -> tuple[np.ndarray, np.ndarray]:
    """SGD with momentum as Keras does it: v <- m v - lr g, then w <- w + v."""
    velocity = momentum * np.asarray(velocity) - learning_rate * np.asarray(grad)
    return np.asarray(w) + velocity, velocity

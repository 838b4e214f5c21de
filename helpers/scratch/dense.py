"""A dense layer y = f(xW + b) in NumPy, equal to ``keras.layers.Dense`` with the same weights."""

from __future__ import annotations

import numpy as np

from helpers.course.validation import as_float_array
from helpers.scratch.activations import ACTIVATIONS


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
    layers = zip(sizes[:-1], sizes[1:], strict=False)  # (inputs, units) of each layer
    return sum(num_inputs * num_units + num_units for num_inputs, num_units in layers)

"""A dense layer y = f(xW + b) in NumPy, equal to ``keras.layers.Dense`` with the same weights."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Set

import numpy as np
from numpy.typing import ArrayLike

from helpers.course.validation import as_float_array, check_positive_int, describe
from helpers.scratch.activations import ACTIVATIONS, check_activation


def dense_forward(
    x: ArrayLike, w: ArrayLike, b: ArrayLike, activation: str = "linear"
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
    activation = check_activation(activation)
    return ACTIVATIONS[activation][0](x @ w + b)


def count_dense_parameters(layer_sizes: Iterable[int]) -> int:
    """Weights plus biases of a stack of dense layers, e.g. [30, 16, 1] -> 513.

    ``layer_sizes`` lists whole numbers: the input size, then the units of each layer.
    """
    if (
        isinstance(layer_sizes, str | bytes | Mapping | Set)
        or not isinstance(layer_sizes, Iterable)
        or (isinstance(layer_sizes, np.ndarray) and layer_sizes.ndim != 1)
    ):
        raise TypeError(
            "`layer_sizes` must be a list of whole numbers [inputs, units_1, ..., units_L], "
            f"but got {describe(layer_sizes)}."
        )
    sizes = [check_positive_int(size, f"layer_sizes[{i}]") for i, size in enumerate(layer_sizes)]
    if len(sizes) < 2:
        raise ValueError(
            f"`layer_sizes` needs an input size and at least one layer, but has {len(sizes)} "
            "entry(ies); e.g. [30, 16, 1]."
        )
    layers = zip(sizes[:-1], sizes[1:], strict=False)  # (inputs, units) of each layer
    return sum(num_inputs * num_units + num_units for num_inputs, num_units in layers)

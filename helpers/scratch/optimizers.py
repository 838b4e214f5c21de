"""Gradient-descent update rules in NumPy, equal to ``keras.optimizers.SGD``, and their limits."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from helpers.course.validation import as_float_array, check_number


def momentum_step(
    w: ArrayLike,
    grad: ArrayLike,
    velocity: ArrayLike,
    learning_rate: float,
    momentum: float,
) -> tuple[np.ndarray, np.ndarray]:
    """SGD with momentum as Keras does it: v <- m v - lr g, then w <- w + v.

    ``w``, ``grad`` and ``velocity`` share one shape; ``learning_rate`` > 0 and
    ``momentum`` in [0, 1] (0 is plain gradient descent). Returns ``(new_w, new_velocity)``.
    """
    w = as_float_array(w, "w")
    grad = as_float_array(grad, "grad")
    velocity = as_float_array(velocity, "velocity")
    for name, array in (("grad", grad), ("velocity", velocity)):
        if array.shape != w.shape:
            raise ValueError(
                f"`{name}` has shape {array.shape} but `w` has shape {w.shape}; each weight "
                f"needs its own {name} (start the velocity at np.zeros_like(w))."
            )
    learning_rate = check_number(learning_rate, "learning_rate", low=0.0, low_open=True)
    momentum = check_number(momentum, "momentum", low=0.0, high=1.0)
    velocity = momentum * velocity - learning_rate * grad
    return w + velocity, velocity


def largest_stable_learning_rate(hessian: ArrayLike) -> float:
    """The learning rate above which gradient descent diverges on L(w) = 1/2 w^T H w.

    One step maps w to (I - lr H) w, so along each eigenvector of H the distance to the
    minimum is multiplied by (1 - lr * eigenvalue); it shrinks only while that factor lies
    in (-1, 1), i.e. lr < 2 / eigenvalue for every eigenvalue. ``hessian`` is a square,
    symmetric matrix with a positive largest eigenvalue. Returns 2 / largest eigenvalue.
    """
    hessian = as_float_array(hessian, "hessian", ndim=2)
    if hessian.shape[0] != hessian.shape[1]:
        raise ValueError(f"`hessian` must be square, but it has shape {hessian.shape}.")
    if not np.allclose(hessian, hessian.T):
        raise ValueError("`hessian` must be symmetric: a Hessian's mixed derivatives agree.")
    largest = float(np.linalg.eigvalsh(hessian)[-1])
    if largest <= 0:
        raise ValueError(
            f"the largest eigenvalue of `hessian` is {largest:g}; a bowl with a minimum "
            "curves upwards, so at least one eigenvalue must be positive."
        )
    return 2.0 / largest

"""Integrated gradients: attributions that add up to the change in the model's score.

For a score :math:`f` (here the logit, before a final sigmoid ``Activation``), an input
:math:`x` and a baseline :math:`x'` (e.g. a black image), integrated gradients
(Sundararajan, Taly and Yan, ICML 2017) integrate the gradient along the straight line
from :math:`x'` to :math:`x`:

.. math:: \\mathrm{IG}_i(x) = (x_i - x'_i) \\int_0^1
    \\frac{\\partial f\\big(x' + \\alpha (x - x')\\big)}{\\partial x_i}\\, d\\alpha .

By the fundamental theorem of calculus for path integrals the attributions are
*complete*: :math:`\\sum_i \\mathrm{IG}_i = f(x) - f(x')`. The integral is a Riemann
sum over ``steps`` intervals, by the trapezoid rule (``steps + 1`` gradient
evaluations) or the midpoint rule (``steps``); its error shrinks as ``steps`` grows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike, NDArray

from helpers.course.validation import (
    as_float_array,
    check_choice,
    check_positive_int,
)
from helpers.explain.gradcam import score_and_inputs

if TYPE_CHECKING:
    import keras

#: Most Riemann-sum steps ``integrated_gradients`` accepts (a few hundred are plenty).
MAX_STEPS = 10_000

RULES = ("trapezoid", "midpoint")


def path_weights(
    steps: int, rule: str = "trapezoid"
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Points ``alpha`` on [0, 1] and their weights for a Riemann sum of ``steps`` intervals.

    Trapezoid: ``alpha = 0, 1/m, ..., 1`` with weights ``1/m`` (half at both ends);
    midpoint: ``alpha = (k + 1/2)/m`` with weights ``1/m``. The weights sum to 1.
    """
    steps = check_positive_int(steps, "steps", maximum=MAX_STEPS)
    rule = check_choice(rule, "rule", RULES)
    if rule == "midpoint":
        return (np.arange(steps) + 0.5) / steps, np.full(steps, 1.0 / steps)
    weights = np.full(steps + 1, 1.0 / steps)
    weights[[0, -1]] /= 2
    return np.linspace(0.0, 1.0, steps + 1), weights


def model_scores(
    model: keras.Model, inputs: ArrayLike, class_index: int = 0
) -> NDArray[np.float64]:
    """The score ``integrated_gradients`` attributes: the output before a final Activation."""
    score_model, inputs_array, class_index = _score_model(model, inputs, class_index)
    return np.asarray(score_model(inputs_array, training=False))[:, class_index].astype(np.float64)


def _score_model(
    model: keras.Model, inputs: ArrayLike, class_index: int
) -> tuple[keras.Model, NDArray[np.float32], int]:
    """Validate; return a model whose output is the score, the inputs and the class."""
    import keras

    score, array, class_index = score_and_inputs(model, inputs, class_index)
    return keras.Model(model.inputs[0], score), array, class_index


def integrated_gradients(
    model: keras.Model,
    inputs: ArrayLike,
    baseline: ArrayLike | None = None,
    steps: int = 64,
    rule: str = "trapezoid",
    class_index: int = 0,
    batch_size: int = 256,
) -> NDArray[np.float64]:
    """Integrated-gradients attributions of the score, one array per input, same shape.

    Args:
        model: a built Keras model (functional or sequential, with a defined input).
        inputs: array ``(n, ...)`` as the model expects it.
        baseline: the reference input: one case (the shape of ``inputs[0]``), or one per
            input (the shape of ``inputs``); default all zeros (a black image).
        steps: intervals of the Riemann sum on the straight-line path (at least 1).
        rule: ``"trapezoid"`` or ``"midpoint"``.
        class_index: output unit to explain (0 for a single sigmoid output).
        batch_size: path points per gradient computation.

    The score is the output before a final ``Activation`` layer (the logit), as in
    ``helpers.explain.gradcam.grad_cam``. ``attributions.sum(axis=all but 0)`` equals
    ``model_scores(inputs) - model_scores(baseline)`` up to the Riemann sum's error.
    """
    import tensorflow as tf

    score_model, array, class_index = _score_model(model, inputs, class_index)
    batch_size = check_positive_int(batch_size, "batch_size")
    alphas, weights = path_weights(steps, rule)
    if baseline is None:
        reference = np.zeros(array.shape, dtype=np.float32)
    else:
        given = as_float_array(baseline, "baseline", ndim=(array.ndim - 1, array.ndim))
        if given.shape not in (array.shape, array.shape[1:]):
            raise ValueError(
                f"`baseline` has shape {given.shape}, but must have the shape of one "
                f"input {array.shape[1:]} or of all inputs {array.shape}."
            )
        reference = np.broadcast_to(given, array.shape).astype(np.float32)
    attributions = np.zeros(array.shape, dtype=np.float64)
    for case in range(len(array)):
        step = (array[case] - reference[case])[None]
        shape = (len(alphas),) + (1,) * (array.ndim - 1)
        path = (reference[case][None] + alphas.reshape(shape) * step).astype(np.float32)
        total = np.zeros(array.shape[1:], dtype=np.float64)
        for start in range(0, len(path), batch_size):
            batch = tf.convert_to_tensor(path[start : start + batch_size])
            with tf.GradientTape() as tape:
                tape.watch(batch)
                score = score_model(batch, training=False)[:, class_index]
            gradient = tape.gradient(score, batch).numpy().astype(np.float64)
            chunk = weights[start : start + batch_size]
            total += np.tensordot(chunk, gradient, axes=1)
        attributions[case] = (array[case] - reference[case]) * total
    return attributions

"""Grad-CAM heatmaps for Keras CNNs and scores of how well they hit a known lesion.

Grad-CAM (Selvaraju et al., ICCV 2017) weights each feature map :math:`A^k` of a
convolutional layer by the average gradient of the class score with respect to it,
:math:`\\alpha_k = \\frac{1}{HW}\\sum_{i,j} \\partial y / \\partial A^k_{ij}`, and keeps the
positive part of the weighted sum, :math:`\\mathrm{ReLU}(\\sum_k \\alpha_k A^k)`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from helpers.course.validation import (
    as_float_array,
    check_choice,
    check_fraction,
    check_integer,
    check_positive_int,
    check_text,
    describe,
)

if TYPE_CHECKING:
    import keras


def check_functional_model(model: object) -> keras.Model:
    """``model`` if it is a Keras model whose layers can be traced (defined inputs), else raise."""
    import keras

    if not isinstance(model, keras.Model):
        raise TypeError(
            f"`model` must be a Keras model (keras.Model or keras.Sequential), but got "
            f"{describe(model)}."
        )
    try:
        inputs = model.inputs
    except (AttributeError, ValueError):
        inputs = None
    if not inputs:
        raise ValueError(
            "`model` has no defined inputs, so its layers cannot be traced: start a "
            "Sequential model with keras.Input(shape), or build a functional model "
            "(a subclassed keras.Model has no layer graph to trace)."
        )
    return model


def score_and_inputs(
    model: keras.Model, inputs: ArrayLike, class_index: int, name: str = "inputs"
) -> tuple[Any, NDArray[np.float32], int]:
    """The score to explain, the inputs as float32 and the checked class, for ``model``.

    The score is the model's output *before* a final ``Activation`` layer (the logit of a
    sigmoid model). Grad-CAM and integrated gradients both differentiate it. ``name`` is
    the inputs' argument name in error messages.
    """
    import keras

    model = check_functional_model(model)
    last = model.layers[-1]
    score = last.input if isinstance(last, keras.layers.Activation) else model.outputs[0]
    class_index = check_integer(class_index, "class_index", low=0, high=score.shape[-1] - 1)
    expected = tuple(model.inputs[0].shape[1:])
    array = as_float_array(inputs, name, ndim=len(expected) + 1).astype(np.float32)
    if any(e is not None and e != g for e, g in zip(expected, array.shape[1:])):
        raise ValueError(
            f"`{name}` have shape {array.shape[1:]} per case but the model expects {expected}. "
            "Resize them, or add the channel axis first (images[..., None])."
        )
    return score, array, class_index


def _is_convolution(layer: keras.layers.Layer) -> bool:
    return "Conv" in type(layer).__name__ and len(layer.output.shape) == 4


def last_conv_feature_layer(model: keras.Model) -> str:
    """Name of the layer whose feature maps Grad-CAM uses by default.

    This is the last layer with a 4-D output (batch, height, width, channels) that
    comes at or after the model's last convolution, so a BatchNormalization or ReLU
    that follows the last Conv2D is included.
    """
    layers = list(check_functional_model(model).layers)
    conv_positions = [i for i, layer in enumerate(layers) if _is_convolution(layer)]
    if not conv_positions:
        raise ValueError(
            "`model` has no convolutional layer, so Grad-CAM has no feature maps to "
            "weight. Grad-CAM needs a CNN (Conv2D layers); pass a model that has one."
        )
    candidates = [
        layer
        for layer in layers[conv_positions[-1] :]
        if len(getattr(layer, "output", np.zeros(0)).shape) == 4
    ]
    return candidates[-1].name


def grad_cam(
    model: keras.Model,
    images: ArrayLike,
    layer_name: str | None = None,
    class_index: int = 0,
    batch_size: int = 64,
) -> NDArray[np.float32]:
    """Grad-CAM heatmaps, one per image, resized to the image and scaled to [0, 1].

    Args:
        model: a built Keras model (functional or sequential) with a Conv2D layer.
        images: array ``(n, height, width, channels)`` as the model expects it.
        layer_name: convolutional feature layer; default ``last_conv_feature_layer``.
        class_index: output unit to explain (0 for a single sigmoid output).
        batch_size: images per gradient computation.

    The score differentiated is the model's output *before* a final ``Activation``
    layer (the logit), as in the paper: a saturated sigmoid would give vanishing
    gradients for the most confident, often most interesting, cases. A heatmap is all
    zeros when no location raises the score.
    """
    import keras
    import tensorflow as tf

    model = check_functional_model(model)
    batch_size = check_positive_int(batch_size, "batch_size")
    if layer_name is None:
        layer_name = last_conv_feature_layer(model)
    else:
        check_text(layer_name, "layer_name")
        check_choice(layer_name, "layer_name", [layer.name for layer in model.layers])
    feature_layer = model.get_layer(layer_name)
    if len(feature_layer.output.shape) != 4:
        raise ValueError(
            f"`layer_name`: layer {layer_name!r} has no spatial feature maps (its output is "
            f"not 4-D); pass a Conv2D layer's name, e.g. {last_conv_feature_layer(model)!r}."
        )
    score_tensor, images, class_index = score_and_inputs(model, images, class_index, "images")
    gradient_model = keras.Model(model.inputs, [feature_layer.output, score_tensor])
    heatmaps = []
    for start in range(0, len(images), batch_size):
        batch = tf.convert_to_tensor(images[start : start + batch_size])
        with tf.GradientTape() as tape:
            features, scores = gradient_model(batch, training=False)
            score = scores[:, class_index]
        gradients = tape.gradient(score, features)
        weights = tf.reduce_mean(gradients, axis=(1, 2), keepdims=True)
        cam = tf.nn.relu(tf.reduce_sum(weights * features, axis=-1))
        cam = tf.image.resize(cam[..., None], images.shape[1:3], method="bilinear")[..., 0]
        peak = tf.reduce_max(cam, axis=(1, 2), keepdims=True)
        heatmaps.append(tf.math.divide_no_nan(cam, peak).numpy())
    return np.concatenate(heatmaps).astype(np.float32)


def _heatmaps_and_masks(
    heatmaps: ArrayLike, masks: ArrayLike
) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
    """Validate matching heatmaps and 0/1 masks; return them as 3-D float and bool arrays."""
    heatmaps = as_float_array(heatmaps, "heatmaps", ndim=(2, 3))
    masks = as_float_array(masks, "masks", ndim=(2, 3))
    if heatmaps.ndim == 2:
        heatmaps = heatmaps[None]
    if masks.ndim == 2:
        masks = masks[None]
    if heatmaps.shape != masks.shape:
        raise ValueError(
            f"`heatmaps` {heatmaps.shape} and `masks` {masks.shape} must have the same shape "
            "(resize the heatmaps to the image size first; grad_cam does)."
        )
    if not np.all(np.isin(masks, (0.0, 1.0))):
        other = masks[~np.isin(masks, (0.0, 1.0))].flat[0]
        raise ValueError(
            f"`masks` must be boolean or 0/1, but hold other values such as {other:g}; for "
            "masks saved as 0/255 images pass masks > 0."
        )
    return heatmaps, masks.astype(bool)


def heatmap_peak_in_mask(heatmaps: ArrayLike, masks: ArrayLike) -> NDArray[np.bool_]:
    """For each image: does the heatmap's hottest pixel lie inside the mask? (bool array)"""
    heatmaps, masks = _heatmaps_and_masks(heatmaps, masks)
    flat_peaks = heatmaps.reshape(len(heatmaps), -1).argmax(axis=1)
    return masks.reshape(len(masks), -1)[np.arange(len(masks)), flat_peaks]


def heatmap_iou(
    heatmaps: ArrayLike, masks: ArrayLike, threshold: float = 0.5
) -> NDArray[np.float64]:
    """Intersection over union of ``heatmap >= threshold`` and the mask, per image.

    Heatmaps must lie in [0, 1] (as ``grad_cam`` returns them): a threshold means nothing
    for a heatmap scaled to 0-255. An image where both regions are empty scores 1.0
    (perfect agreement on "nothing here").
    """
    check_fraction(threshold, "threshold")
    heatmaps, masks = _heatmaps_and_masks(heatmaps, masks)
    if heatmaps.min() < 0.0 or heatmaps.max() > 1.0:
        raise ValueError(
            f"`heatmaps` must have values in [0, 1], but they run from {heatmaps.min():g} to "
            f"{heatmaps.max():g}. Scale each one by its peak first (heatmap / heatmap.max()), "
            "as grad_cam does."
        )
    hot = heatmaps >= threshold
    intersection = np.sum(hot & masks, axis=(1, 2))
    union = np.sum(hot | masks, axis=(1, 2))
    return np.where(union > 0, intersection / np.maximum(union, 1), 1.0)

"""Bad and unusual calls of ``helpers.explain``: Grad-CAM and its scores against lesion masks."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from bad_calls.table import Arguments, BadCall, GoodCall

GRADCAM = "helpers.explain.gradcam."
IMAGES = np.full((2, 8, 8, 1), 0.1, dtype=np.float32)
IMAGES[0, 2:5, 2:5] = 1.0
HEATMAP = np.zeros((1, 4, 4))
HEATMAP[0, 1, 1:3] = (0.6, 1.0)
MASK = np.zeros((1, 4, 4), dtype=bool)
MASK[0, 1, 1:3] = True


@cache
def _model() -> Any:
    """A tiny fixed CNN (built once): conv -> relu -> max pool -> logit -> sigmoid."""
    import keras

    inputs = keras.Input((8, 8, 1))
    features = keras.layers.Conv2D(1, 3, padding="same", name="conv", kernel_initializer="ones")(
        inputs
    )
    features = keras.layers.Activation("relu", name="relu")(features)
    pooled = keras.layers.GlobalMaxPooling2D(name="pool")(features)
    logit = keras.layers.Dense(1, kernel_initializer="ones", name="logit")(pooled)
    return keras.Model(inputs, keras.layers.Activation("sigmoid", name="sigmoid")(logit))


def _unbuilt_model() -> Any:
    import keras

    return keras.Sequential([keras.layers.Conv2D(1, 3), keras.layers.GlobalMaxPooling2D()])


def _dense_model() -> Any:
    import keras

    return keras.Sequential([keras.Input((8, 8, 1)), keras.layers.Flatten(), keras.layers.Dense(1)])


def _grad_cam(model: Callable[[], Any] = _model, **changes: Any) -> Callable[[Path], Arguments]:
    """A ``build``: a valid ``grad_cam`` call on the tiny model with ``changes`` applied."""
    images = changes.pop("images", IMAGES)
    return lambda folder: ((model(), images), changes)


def _tensor_images(folder: Path) -> tuple[Arguments, Arguments]:
    import tensorflow as tf

    return ((_model(), tf.constant(IMAGES)), {}), ((_model(), IMAGES), {})


CALLS: list[BadCall | GoodCall] = [
    # --- grad_cam and last_conv_feature_layer -------------------------------------------
    BadCall(GRADCAM + "grad_cam", ("model", IMAGES), raises=TypeError, mentions="model",
            why="the model's name instead of the model"),
    BadCall(GRADCAM + "grad_cam", (lambda x: x, IMAGES), raises=TypeError, mentions="model",
            why="a plain function instead of a Keras model"),
    BadCall(GRADCAM + "grad_cam", build=lambda folder: ((_unbuilt_model(), IMAGES), {}),
            mentions="model", why="a Sequential model without an Input"),
    BadCall(GRADCAM + "grad_cam", build=lambda folder: ((_dense_model(), IMAGES), {}),
            mentions="model", why="a model without a convolution"),
    BadCall(GRADCAM + "grad_cam", build=_grad_cam(batch_size=0), mentions="batch_size",
            why="batch_size 0 (was: range() arg 3 must not be zero)"),
    BadCall(GRADCAM + "grad_cam", build=_grad_cam(batch_size=2.5), raises=TypeError,
            mentions="batch_size", why="fractional batch size"),
    BadCall(GRADCAM + "grad_cam", build=_grad_cam(layer_name="conv9"), mentions="layer_name",
            why="no such layer"),
    BadCall(GRADCAM + "grad_cam", build=_grad_cam(layer_name=3), raises=TypeError,
            mentions="layer_name", why="a layer index instead of its name"),
    BadCall(GRADCAM + "grad_cam", build=_grad_cam(layer_name="logit"), mentions="layer_name",
            why="a dense layer: no feature maps"),
    BadCall(GRADCAM + "grad_cam", build=_grad_cam(class_index=1), mentions="class_index",
            why="class 1 of a single sigmoid output"),
    BadCall(GRADCAM + "grad_cam", build=_grad_cam(class_index=0.0), raises=TypeError,
            mentions="class_index", why="float class index"),
    BadCall(GRADCAM + "grad_cam", build=_grad_cam(images=np.zeros((2, 10, 10, 1))),
            mentions="images", why="images of another size than the model's input"),
    BadCall(GRADCAM + "grad_cam", build=_grad_cam(images=IMAGES[0]), mentions="images",
            why="one image without the batch axis"),
    BadCall(GRADCAM + "grad_cam", build=_grad_cam(images=np.where(IMAGES > 0.5, np.nan, IMAGES)),
            mentions="images", why="NaN pixels"),
    BadCall(GRADCAM + "grad_cam", build=_grad_cam(images=None), raises=TypeError,
            mentions="images", why="images None"),
    BadCall(GRADCAM + "last_conv_feature_layer", ("model.keras",), raises=TypeError,
            mentions="model", why="a file name instead of the model"),
    BadCall(GRADCAM + "last_conv_feature_layer", build=lambda folder: ((_dense_model(),), {}),
            mentions="model", why="a model without a convolution"),
    # --- heatmap scores ----------------------------------------------------------------
    BadCall(GRADCAM + "heatmap_iou", (HEATMAP * 255, MASK), mentions="heatmaps",
            why="heatmaps scaled to 0-255"),
    BadCall(GRADCAM + "heatmap_iou", (HEATMAP - 0.5, MASK), mentions="heatmaps",
            why="negative heatmap values"),
    BadCall(GRADCAM + "heatmap_iou", (HEATMAP, MASK, np.nan), mentions="threshold",
            why="NaN threshold"),
    BadCall(GRADCAM + "heatmap_iou", (HEATMAP, MASK, 128), mentions="threshold",
            why="threshold on the 0-255 scale"),
    BadCall(GRADCAM + "heatmap_iou", (HEATMAP, MASK, "0.5"), raises=TypeError,
            mentions="threshold", why="threshold as text"),
    BadCall(GRADCAM + "heatmap_iou", (HEATMAP, MASK[:, :2]), mentions="heatmaps",
            why="heatmaps and masks of different sizes"),
    BadCall(GRADCAM + "heatmap_iou", (HEATMAP, MASK * 255), mentions="masks",
            why="masks saved as 0/255"),
    BadCall(GRADCAM + "heatmap_peak_in_mask", (np.where(HEATMAP > 0.5, np.nan, HEATMAP), MASK),
            mentions="heatmaps", why="NaN heatmap"),
    BadCall(GRADCAM + "heatmap_peak_in_mask", (HEATMAP, None), raises=TypeError,
            mentions="masks", why="masks None"),
    BadCall(GRADCAM + "heatmap_peak_in_mask", (HEATMAP[..., None], MASK), mentions="heatmaps",
            why="heatmaps with a channel axis"),
    # --- valid alternative inputs ------------------------------------------------------
    GoodCall(GRADCAM + "grad_cam", build=_tensor_images, why="images as a TensorFlow tensor"),
    GoodCall(GRADCAM + "grad_cam", build=lambda folder: (
        ((_model(), IMAGES), {"class_index": np.int64(0), "batch_size": np.int64(1)}),
        ((_model(), IMAGES), {"class_index": 0, "batch_size": 1}),
    ), why="NumPy integers"),
    GoodCall(GRADCAM + "heatmap_iou", (HEATMAP.tolist(), MASK.astype(int).tolist()),
             {"threshold": np.float64(0.8)}, reference=((HEATMAP, MASK, 0.8), {}),
             why="nested lists and 0/1 integers"),
    GoodCall(GRADCAM + "heatmap_peak_in_mask", (HEATMAP[0], MASK[0].astype(float)),
             reference=((HEATMAP, MASK), {}), why="one 2-D heatmap and a float mask"),
]

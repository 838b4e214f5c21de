"""Bad and unusual calls of the reliability helpers: calibration and integrated gradients."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from bad_calls.table import Arguments, BadCall, GoodCall

CALIBRATION = "helpers.evaluation.calibration."
IG = "helpers.explain.integrated_gradients."
Y = np.array([0, 1, 1, 0, 1, 0])
P = np.array([0.1, 0.8, 0.6, 0.3, 0.95, 0.05])
LOGITS = np.array([-2.0, 1.5, 0.4, -0.8, 3.0, -3.0])
INPUTS = np.linspace(0.0, 1.0, 2 * 4 * 4).reshape(2, 4, 4, 1).astype(np.float32)


@cache
def _model() -> Any:
    """A tiny fixed model: conv -> global max pool -> logit -> sigmoid (built once)."""
    import keras

    inputs = keras.Input((4, 4, 1))
    x = keras.layers.Conv2D(2, 3, padding="same", kernel_initializer="ones", name="conv")(inputs)
    x = keras.layers.GlobalMaxPooling2D()(x)
    logit = keras.layers.Dense(1, kernel_initializer="ones", name="logit")(x)
    return keras.Model(inputs, keras.layers.Activation("sigmoid")(logit))


def _ig(**changes: Any) -> Callable[[Path], Arguments]:
    """A ``build``: a valid ``integrated_gradients`` call with ``changes`` applied."""
    inputs = changes.pop("inputs", INPUTS)
    return lambda folder: ((_model(), inputs), {"steps": 4, **changes})


def _unbuilt_model() -> Any:
    import keras

    return keras.Sequential([keras.layers.Dense(1)])


CALLS: list[BadCall | GoodCall] = [
    # --- reliability bins and the expected calibration error ---------------------------
    BadCall(
        CALIBRATION + "expected_calibration_error",
        (Y, P * 100),
        mentions="y_prob",
        why="percentages instead of probabilities",
    ),
    BadCall(
        CALIBRATION + "expected_calibration_error",
        (Y, LOGITS),
        mentions="y_prob",
        why="logits instead of probabilities",
    ),
    BadCall(
        CALIBRATION + "expected_calibration_error",
        (Y, np.where(P > 0.9, np.nan, P)),
        mentions="y_prob",
        why="NaN probability",
    ),
    BadCall(
        CALIBRATION + "expected_calibration_error", ([], []), mentions="y_true", why="empty arrays"
    ),
    BadCall(
        CALIBRATION + "expected_calibration_error",
        (Y, P[:4]),
        mentions="y_prob",
        why="mismatched lengths",
    ),
    BadCall(
        CALIBRATION + "expected_calibration_error", (Y, P, 0), mentions="n_bins", why="n_bins 0"
    ),
    BadCall(
        CALIBRATION + "expected_calibration_error",
        (Y, P, 2.5),
        raises=TypeError,
        mentions="n_bins",
        why="fractional n_bins",
    ),
    BadCall(
        CALIBRATION + "expected_calibration_error", (Y * 2, P), mentions="y_true", why="labels 0/2"
    ),
    BadCall(
        CALIBRATION + "expected_calibration_error",
        (Y, np.c_[1 - P, P]),
        mentions="y_prob",
        why="a two-column softmax output",
    ),
    BadCall(
        CALIBRATION + "reliability_bins", (Y, P, 10**9), mentions="n_bins", why="a billion bins"
    ),
    BadCall(
        CALIBRATION + "reliability_bins",
        (Y, "0.5"),
        raises=TypeError,
        mentions="y_prob",
        why="probabilities as text",
    ),
    # --- temperature scaling ----------------------------------------------------------
    BadCall(
        CALIBRATION + "fit_temperature",
        (LOGITS, np.ones(6, int)),
        mentions="y_true",
        why="one class only",
    ),
    BadCall(
        CALIBRATION + "fit_temperature",
        (LOGITS[:3], Y),
        mentions="logits",
        why="mismatched lengths",
    ),
    BadCall(
        CALIBRATION + "fit_temperature",
        (np.c_[LOGITS, LOGITS], Y),
        mentions="logits",
        why="two columns of logits",
    ),
    BadCall(
        CALIBRATION + "fit_temperature",
        (np.where(LOGITS > 2, np.inf, LOGITS), Y),
        mentions="logits",
        why="an infinite logit",
    ),
    BadCall(
        CALIBRATION + "binary_nll", (LOGITS, Y, 0.0), mentions="temperature", why="temperature 0"
    ),
    BadCall(
        CALIBRATION + "binary_nll",
        (LOGITS, Y, -1.0),
        mentions="temperature",
        why="negative temperature",
    ),
    BadCall(
        CALIBRATION + "binary_nll",
        (LOGITS, Y, "2"),
        raises=TypeError,
        mentions="temperature",
        why="temperature as text",
    ),
    # --- integrated gradients -----------------------------------------------------------
    BadCall(
        IG + "integrated_gradients",
        ("model", INPUTS),
        raises=TypeError,
        mentions="model",
        why="the model's name instead of the model",
    ),
    BadCall(
        IG + "integrated_gradients",
        build=lambda folder: ((_unbuilt_model(), INPUTS), {}),
        mentions="model",
        why="a Sequential model without an Input",
    ),
    BadCall(IG + "integrated_gradients", build=_ig(steps=0), mentions="steps", why="steps 0"),
    BadCall(
        IG + "integrated_gradients", build=_ig(steps=-3), mentions="steps", why="negative steps"
    ),
    BadCall(
        IG + "integrated_gradients",
        build=_ig(steps=2.5),
        raises=TypeError,
        mentions="steps",
        why="fractional steps",
    ),
    BadCall(
        IG + "integrated_gradients",
        build=_ig(rule="simpson"),
        mentions="rule",
        why="an unknown rule",
    ),
    BadCall(
        IG + "integrated_gradients",
        build=_ig(baseline=np.zeros((4, 4))),
        mentions="baseline",
        why="baseline without the channel axis",
    ),
    BadCall(
        IG + "integrated_gradients",
        build=_ig(baseline=np.zeros((3, 4, 4, 1))),
        mentions="baseline",
        why="one baseline per input, but too many",
    ),
    BadCall(
        IG + "integrated_gradients",
        build=_ig(baseline=np.full((4, 4, 1), np.nan)),
        mentions="baseline",
        why="NaN baseline",
    ),
    BadCall(
        IG + "integrated_gradients",
        build=_ig(inputs=INPUTS[0]),
        mentions="inputs",
        why="one image without the batch axis",
    ),
    BadCall(
        IG + "integrated_gradients",
        build=_ig(inputs=np.zeros((2, 5, 5, 1))),
        mentions="inputs",
        why="images of another size than the model's input",
    ),
    BadCall(
        IG + "integrated_gradients",
        build=_ig(class_index=1),
        mentions="class_index",
        why="class 1 of a single sigmoid output",
    ),
    BadCall(
        IG + "integrated_gradients",
        build=_ig(batch_size=0),
        mentions="batch_size",
        why="batch_size 0",
    ),
    BadCall(IG + "path_weights", (0,), mentions="steps", why="steps 0"),
    BadCall(IG + "path_weights", (4, "left"), mentions="rule", why="an unknown rule"),
    BadCall(
        IG + "model_scores",
        build=lambda folder: ((_model(), None), {}),
        raises=TypeError,
        mentions="inputs",
        why="inputs None",
    ),
    # --- valid alternative inputs ------------------------------------------------------
    GoodCall(
        CALIBRATION + "expected_calibration_error",
        (Y.tolist(), P.tolist()),
        {"n_bins": np.int64(5)},
        reference=((Y, P, 5), {}),
        why="lists and a NumPy integer",
    ),
    GoodCall(
        CALIBRATION + "fit_temperature",
        (LOGITS.tolist(), Y.astype(bool)),
        reference=((LOGITS, Y), {}),
        why="a list of logits and boolean labels",
    ),
    GoodCall(
        IG + "integrated_gradients",
        build=lambda folder: (
            (
                (_model(), INPUTS.tolist()),
                {"steps": np.int64(4), "baseline": np.zeros((2, 4, 4, 1))},
            ),
            ((_model(), INPUTS), {"steps": 4}),
        ),
        why="nested lists, a NumPy integer and one zero baseline per input",
    ),
]

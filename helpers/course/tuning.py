"""A spelled-out keras-tuner search space for a small MLP classifier, checked before a search.

``MLPSearchSpace`` names every range the tuner may sample (hidden layers, units,
dropout, learning rate on a log scale) and refuses impossible ranges up front, before
a search spends its budget on them. ``build_tunable_mlp`` turns one sample of those
ranges (keras-tuner's ``hp``) into a compiled Keras model; notebook 13 and
``tools/distributed_tuning.py`` both tune it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from helpers.course.validation import check_integer, check_number, describe


@dataclass(frozen=True)
class MLPSearchSpace:
    """The ranges a tuner samples for a binary MLP classifier.

    ``layers``: (fewest, most) hidden layers; ``units``: the unit counts to choose from;
    ``dropout``: (lowest, highest) dropout rate, in steps of ``dropout_step``;
    ``learning_rate``: (lowest, highest) Adam learning rate, sampled on a log scale
    (each factor of ten equally likely).
    """

    layers: tuple[int, int] = (1, 3)
    units: tuple[int, ...] = (8, 16, 32, 64)
    dropout: tuple[float, float] = (0.0, 0.5)
    dropout_step: float = 0.1
    learning_rate: tuple[float, float] = (1e-4, 3e-2)

    def __post_init__(self) -> None:
        for name in ("layers", "units", "dropout", "learning_rate"):  # lists are kept as tuples
            value = getattr(self, name)
            if isinstance(value, list):
                object.__setattr__(self, name, tuple(value))
        low, high = _pair(self.layers, "layers")
        check_integer(low, "layers[0]", low=1, high=16)
        check_integer(high, "layers[1]", low=int(low), high=16)
        if isinstance(self.units, str | bytes) or not isinstance(self.units, tuple | list):
            raise TypeError(
                f"`units` must be a tuple of unit counts such as (8, 16, 32), but got "
                f"{describe(self.units)}."
            )
        if not self.units:
            raise ValueError("`units` is empty; give at least one unit count, e.g. (16,).")
        for index, count in enumerate(self.units):
            check_integer(count, f"units[{index}]", low=1, high=4096)
        if len(set(self.units)) != len(self.units):
            raise ValueError(f"`units` lists a count twice: {self.units}. List each once.")
        low, high = _pair(self.dropout, "dropout")
        check_number(low, "dropout[0]", low=0.0, high=0.9)
        check_number(high, "dropout[1]", low=float(low), high=0.9)
        check_number(self.dropout_step, "dropout_step", low=0.0, high=0.9, low_open=True)
        low, high = _pair(self.learning_rate, "learning_rate")
        check_number(low, "learning_rate[0]", low=0.0, high=1.0, low_open=True)
        check_number(high, "learning_rate[1]", low=0.0, high=1.0, low_open=True)
        if not high > low:
            raise ValueError(
                f"`learning_rate` must be (lowest, highest) with lowest < highest, but got "
                f"{self.learning_rate}. Log sampling needs a range, e.g. (1e-4, 1e-2)."
            )


def _pair(value: Any, name: str) -> tuple[Any, Any]:
    """``value`` as a (low, high) pair, or a clear error."""
    if isinstance(value, str | bytes) or not isinstance(value, tuple | list) or len(value) != 2:
        raise TypeError(f"`{name}` must be a (lowest, highest) pair, but got {describe(value)}.")
    return value[0], value[1]


def build_tunable_mlp(hp: Any, num_features: int, space: MLPSearchSpace | None = None) -> Any:
    """One MLP from the search space: ``hp`` is keras-tuner's ``HyperParameters``.

    Hidden layers (Dense + ReLU + Dropout) as sampled, a sigmoid output, Adam with the
    sampled learning rate, binary cross-entropy and the ROC AUC as a metric ("auc").
    """
    num_features = check_integer(num_features, "num_features", low=1)
    space = MLPSearchSpace() if space is None else space
    if not isinstance(space, MLPSearchSpace):
        raise TypeError(f"`space` must be an MLPSearchSpace, but got {describe(space)}.")
    for method in ("Int", "Choice", "Float"):
        if not callable(getattr(hp, method, None)):
            raise TypeError(
                f"`hp` must be keras-tuner's HyperParameters (with hp.{method}), but got "
                f"{describe(hp)}. Call build_tunable_mlp(hp, ...) inside HyperModel.build."
            )
    import keras

    inputs = keras.Input((num_features,))
    x = inputs
    for layer in range(hp.Int("layers", space.layers[0], space.layers[1])):
        x = keras.layers.Dense(hp.Choice(f"units_{layer}", list(space.units)), activation="relu")(x)
        rate = hp.Float("dropout", space.dropout[0], space.dropout[1], step=space.dropout_step)
        x = keras.layers.Dropout(rate)(x)
    outputs = keras.layers.Dense(1, activation="sigmoid")(x)
    model = keras.Model(inputs, outputs)
    rate = hp.Float("learning_rate", *space.learning_rate, sampling="log")
    model.compile(
        optimizer=keras.optimizers.Adam(rate),
        loss="binary_crossentropy",
        metrics=[keras.metrics.AUC(name="auc")],
    )
    return model

"""Bad calls of notebook 13's helpers: the tf.distribute strategy chooser and the search space.

Device lists that are text, hold numbers or name a GPU twice, an empty TPU address,
search spaces whose ranges are reversed, empty, outside (0, 1) or not pairs, and a
model builder called without keras-tuner's ``hp``.
"""

from __future__ import annotations

from pathlib import Path

from bad_calls.table import Arguments, BadCall, GoodCall

CHOOSE = "helpers.course.distribute.choose_strategy"
FIND_TPU = "helpers.course.distribute.find_tpu_address"
BUILD = "helpers.course.distribute.build_strategy"
TRAINING = "helpers.course.distribute.training_strategy"
SPACE = "helpers.course.tuning.MLPSearchSpace"
MLP = "helpers.course.tuning.build_tunable_mlp"
GPUS = ["/physical_device:GPU:0", "/physical_device:GPU:1"]


def _hp(*rest: object):
    def build(folder: Path) -> Arguments:
        import keras_tuner

        return (keras_tuner.HyperParameters(), *rest), {}

    return build


CALLS: list[BadCall | GoodCall] = [
    BadCall(
        CHOOSE, ("GPU:0",), raises=TypeError, mentions="gpus", why="one name instead of a list"
    ),
    BadCall(CHOOSE, ([0, 1],), raises=TypeError, mentions="gpus[0]", why="device numbers"),
    BadCall(CHOOSE, (GPUS[:1] * 2,), mentions="twice", why="the same GPU twice"),
    BadCall(CHOOSE, ([], ""), mentions="tpu_address", why="empty TPU address"),
    BadCall(CHOOSE, ([], 8470), raises=TypeError, mentions="tpu_address", why="port as address"),
    GoodCall(CHOOSE, (tuple(GPUS),), reference=((GPUS,), {}), why="a tuple of GPU names"),
    BadCall(
        FIND_TPU,
        ("COLAB_TPU_ADDR",),
        raises=TypeError,
        mentions="environ",
        why="a variable name instead of the environment",
    ),
    BadCall(
        FIND_TPU,
        ({}, "TPU"),
        raises=TypeError,
        mentions="list_devices",
        why="text instead of a device-listing function",
    ),
    BadCall(BUILD, ("mirrored",), raises=TypeError, mentions="choice", why="kind as text"),
    BadCall(
        TRAINING,
        ([],),
        {"verbose": "yes"},
        raises=TypeError,
        mentions="verbose",
        why="text as verbose",
    ),
    BadCall(SPACE, (), {"layers": (3, 1)}, mentions="layers[1]", why="reversed layer range"),
    BadCall(SPACE, (), {"layers": 3}, raises=TypeError, mentions="layers", why="one layer count"),
    BadCall(SPACE, (), {"units": ()}, mentions="units", why="no unit counts"),
    BadCall(SPACE, (), {"units": (8, -8)}, mentions="units[1]", why="negative units"),
    BadCall(SPACE, (), {"dropout": (0.0, 1.0)}, mentions="dropout[1]", why="dropout of 1"),
    BadCall(SPACE, (), {"dropout_step": 0}, mentions="dropout_step", why="zero dropout step"),
    BadCall(
        SPACE,
        (),
        {"learning_rate": (1e-2, 1e-4)},
        mentions="learning_rate",
        why="reversed learning-rate range",
    ),
    BadCall(
        SPACE,
        (),
        {"learning_rate": (0.0, 1e-2)},
        mentions="learning_rate[0]",
        why="zero learning rate on a log scale",
    ),
    BadCall(
        SPACE,
        (),
        {"learning_rate": (1e-4, float("inf"))},
        mentions="learning_rate[1]",
        why="infinite learning rate",
    ),
    GoodCall(
        SPACE,
        (),
        {"units": [8, 16], "layers": [1, 2]},
        reference=((), {"units": (8, 16), "layers": (1, 2)}),
        why="lists instead of tuples",
    ),
    BadCall(MLP, ({}, 5), raises=TypeError, mentions="hp", why="a dict instead of hp"),
    BadCall(MLP, build=_hp(0), mentions="num_features", why="no features"),
    BadCall(
        MLP,
        build=_hp(5, {"layers": (1, 2)}),
        raises=TypeError,
        mentions="space",
        why="a dict instead of a search space",
    ),
]

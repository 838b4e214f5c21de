"""Notebook 13's helpers: the tf.distribute strategy chooser, the tuning search space,
keras-tuner's chief/worker mode on loopback, and the notebook itself.

The strategy tests fake the device lists and TensorFlow's TPU and MirroredStrategy
entry points: no TPU or GPU is needed (or touched).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest

from helpers.course import distribute
from helpers.course.distribute import (
    StrategyChoice,
    build_strategy,
    choose_strategy,
    find_tpu_address,
    training_strategy,
)
from helpers.course.tuning import MLPSearchSpace, build_tunable_mlp

GPU = "/physical_device:GPU:{}"


class FakeDevice:
    """Looks like tf.config.PhysicalDevice to the chooser: a ``name``."""

    def __init__(self, name: str) -> None:
        self.name = name


@pytest.mark.parametrize(
    ("gpus", "tpu", "kind", "devices"),
    [
        ([], None, "default", ("CPU",)),
        ([GPU.format(0)], None, "default", (GPU.format(0),)),
        ([GPU.format(0), GPU.format(1)], None, "mirrored", (GPU.format(0), GPU.format(1))),
        ([FakeDevice(GPU.format(i)) for i in range(4)], None, "mirrored",
         tuple(GPU.format(i) for i in range(4))),
        ([], "local", "tpu", ("local",)),
        ([GPU.format(0), GPU.format(1)], "grpc://10.0.0.2:8470", "tpu", ("grpc://10.0.0.2:8470",)),
    ],
    ids=["cpu", "one-gpu", "two-gpus", "four-device-objects", "tpu", "tpu-beats-gpus"],
)  # fmt: skip
def test_the_choice_follows_the_devices(gpus, tpu, kind, devices) -> None:
    choice = choose_strategy(gpus, tpu)
    assert (choice.kind, choice.devices) == (kind, devices)
    assert kind in str(choice)


def test_the_tpu_is_found_from_the_environment_or_a_local_device() -> None:
    no_devices = lambda kind: []  # noqa: E731
    assert (
        find_tpu_address({"COLAB_TPU_ADDR": "10.0.0.2:8470"}, no_devices) == "grpc://10.0.0.2:8470"
    )
    assert find_tpu_address({"TPU_NAME": "my-tpu"}, no_devices) == "my-tpu"
    assert find_tpu_address({}, lambda kind: ["TPU:0"] if kind == "TPU" else []) == "local"
    assert find_tpu_address({}, no_devices) is None


def test_default_strategy_on_this_cpu_changes_nothing() -> None:
    import tensorflow as tf

    strategy = training_strategy(verbose=False)
    assert strategy is tf.distribute.get_strategy()
    assert strategy.num_replicas_in_sync == 1


def test_mirrored_and_tpu_branches_call_tensorflow_with_the_devices(monkeypatch) -> None:
    import tensorflow as tf

    calls: list[tuple[str, object]] = []
    monkeypatch.setattr(
        tf.distribute,
        "MirroredStrategy",
        lambda devices: calls.append(("mirrored", devices)) or "M",
    )
    monkeypatch.setattr(
        tf.distribute.cluster_resolver, "TPUClusterResolver", lambda tpu: ("resolver", tpu)
    )
    monkeypatch.setattr(
        tf.config, "experimental_connect_to_cluster", lambda r: calls.append(("connect", r))
    )
    monkeypatch.setattr(
        tf.tpu.experimental, "initialize_tpu_system", lambda r: calls.append(("init", r))
    )
    monkeypatch.setattr(tf.distribute, "TPUStrategy", lambda r: calls.append(("tpu", r)) or "T")
    assert training_strategy([GPU.format(0), GPU.format(1)], verbose=False) == "M"
    assert calls == [("mirrored", ["/GPU:0", "/GPU:1"])]
    calls.clear()
    assert training_strategy([], "local", verbose=False) == "T"
    assert [name for name, _ in calls] == ["connect", "init", "tpu"]


def test_training_strategy_looks_devices_up_when_none_are_given(monkeypatch, capsys) -> None:
    import tensorflow as tf

    monkeypatch.setattr(tf.config, "list_physical_devices", lambda kind=None: [])
    monkeypatch.setattr(distribute, "find_tpu_address", lambda: None)
    training_strategy()
    assert "default strategy on CPU" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("gpus", "tpu", "error", "fragment"),
    [
        ("GPU:0", None, TypeError, "list of GPU device names"),
        (None, None, TypeError, "gpus"),
        ([GPU.format(0), 3], None, TypeError, "gpus[1]"),
        ([GPU.format(0), GPU.format(0)], None, ValueError, "twice"),
        ([], "", ValueError, "tpu_address"),
        ([], 8470, TypeError, "tpu_address"),
    ],
    ids=["text", "none", "number-in-list", "duplicate", "empty-tpu", "numeric-tpu"],
)
def test_bad_device_lists_are_refused(gpus, tpu, error, fragment) -> None:
    with pytest.raises(error, match=fragment.replace("[", r"\[").replace("]", r"\]")):
        choose_strategy(gpus, tpu)


def test_build_strategy_refuses_what_is_not_a_choice() -> None:
    with pytest.raises(TypeError, match="choice"):
        build_strategy("mirrored")
    with pytest.raises(ValueError, match="choice.kind"):
        build_strategy(StrategyChoice("parameter_server", ("CPU",), "unknown"))


# --- the search space ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("settings", "error", "fragment"),
    [
        ({"layers": (3, 1)}, ValueError, "layers[1]"),
        ({"layers": (0, 2)}, ValueError, "layers[0]"),
        ({"layers": 2}, TypeError, "layers"),
        ({"layers": (1.5, 2)}, TypeError, "layers[0]"),
        ({"units": ()}, ValueError, "units"),
        ({"units": "16"}, TypeError, "units"),
        ({"units": (16, 0)}, ValueError, "units[1]"),
        ({"units": (16, 16)}, ValueError, "twice"),
        ({"dropout": (0.0, 1.0)}, ValueError, "dropout[1]"),
        ({"dropout": (0.4, 0.2)}, ValueError, "dropout[1]"),
        ({"dropout_step": 0.0}, ValueError, "dropout_step"),
        ({"learning_rate": (0.0, 1e-2)}, ValueError, "learning_rate[0]"),
        ({"learning_rate": (1e-2, 1e-4)}, ValueError, "lowest < highest"),
        ({"learning_rate": (1e-3, float("nan"))}, ValueError, "learning_rate[1]"),
        ({"learning_rate": 1e-3}, TypeError, "learning_rate"),
    ],
    ids=lambda value: str(value).replace(" ", ""),
)
def test_bad_search_spaces_are_refused(settings, error, fragment) -> None:
    with pytest.raises(error, match=fragment.replace("[", r"\[").replace("]", r"\]")):
        MLPSearchSpace(**settings)


def test_the_tunable_mlp_follows_the_sampled_values() -> None:
    import keras_tuner

    hp = keras_tuner.HyperParameters()
    hp.Fixed("layers", 2)
    hp.Fixed("units_0", 8)
    hp.Fixed("units_1", 4)
    hp.Fixed("dropout", 0.2)
    hp.Fixed("learning_rate", 1e-3)
    model = build_tunable_mlp(hp, 5, MLPSearchSpace(units=(4, 8)))
    dense = [layer for layer in model.layers if layer.__class__.__name__ == "Dense"]
    assert [layer.units for layer in dense] == [8, 4, 1]
    assert np.isclose(float(model.optimizer.learning_rate), 1e-3)
    sampled = keras_tuner.HyperParameters()
    build_tunable_mlp(sampled, 5)
    assert sampled.get_config()["space"][-1]["config"]["sampling"] == "log"


@pytest.mark.parametrize(
    ("args", "error", "fragment"),
    [
        (({}, 5), TypeError, "hp"),
        ((None, 0), ValueError, "num_features"),
        ((None, 5, {"layers": (1, 2)}), TypeError, "space"),
    ],
    ids=["dict-as-hp", "no-features", "dict-as-space"],
)
def test_build_tunable_mlp_refuses_bad_calls(args, error, fragment) -> None:
    import keras_tuner

    args = (keras_tuner.HyperParameters() if args[0] is None else args[0], *args[1:])
    with pytest.raises(error, match=fragment):
        build_tunable_mlp(*args)


# --- keras-tuner's chief/worker mode on loopback ------------------------------------------


def test_a_chief_and_two_workers_run_every_trial_exactly_once(tmp_path: Path) -> None:
    from distributed_tuning import run_distributed_search

    trials = 4
    result = run_distributed_search(trials=trials, epochs=1, workers=2, seed=0, timeout=420,
                                    directory=tmp_path)  # fmt: skip
    ran = [trial for worker in result["trials_by_worker"].values() for trial in worker]
    assert sorted(ran) == sorted(result["trials"]) and len(ran) == len(set(ran)) == trials
    assert set(result["trials"].values()) == {"COMPLETED"}
    chief = json.loads((tmp_path / "chief.json").read_text())
    assert result["best_trial"] in result["trials"] and chief["ran"] == []
    scores = {}
    for trial in result["trials"]:
        saved = json.loads(
            (tmp_path / "distributed_search" / f"trial_{trial}" / "trial.json").read_text()
        )
        scores[trial] = saved["score"]
    assert result["best_score"] == pytest.approx(max(scores.values()))
    assert scores[result["best_trial"]] == pytest.approx(max(scores.values()))


# --- the notebook -------------------------------------------------------------------------


def test_the_notebook_keeps_its_searches_in_the_cache_folder(
    run_notebook, tmp_path, monkeypatch
) -> None:
    cache = tmp_path / "cache"
    monkeypatch.setenv("MEDICAL_DL_DATA_DIR", str(cache))
    figures = run_notebook("13_hyperparameter_tuning", max_epochs=2, num_repeats=20, num_configs=10)
    assert figures["resumed_new_epochs"] == 0 and figures["resumed_same_best"] is True
    folders = sorted(path.name for path in (cache / "keras_tuner").iterdir())
    assert folders == [
        f"{name}_seed42" for name in ("BayesianOptimization", "Hyperband", "RandomSearch")
    ]
    assert os.environ.get("MEDICAL_DL_DATA_DIR") == str(cache)

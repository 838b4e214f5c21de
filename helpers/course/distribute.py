"""The ``tf.distribute`` strategy for where a notebook runs: TPU, several GPUs, one GPU, CPU.

The notebooks build and compile their models under ``strategy.scope()``; the strategy
decides where the variables live and how a batch is split. The same notebook code then
runs unchanged on a laptop (the default strategy: nothing changes), on one GPU (the
default strategy places everything on it), on several GPUs (``MirroredStrategy``: one
copy of the model per GPU, gradients summed across copies every step) and on a Colab
TPU (``TPUStrategy``). Choosing is a pure function of the device lists, so it can be
tested with faked lists on a machine that has none of these devices.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from helpers.course.validation import check_bool, check_callable, check_text, describe

#: Environment variables through which Colab (TPU node runtimes) and Cloud TPU name a TPU.
TPU_ENV_VARIABLES = ("COLAB_TPU_ADDR", "TPU_NAME")


@dataclass(frozen=True)
class StrategyChoice:
    """Which strategy to build: ``kind`` is "tpu", "mirrored" or "default"."""

    kind: str
    devices: tuple[str, ...]
    reason: str

    def __str__(self) -> str:
        return f"{self.kind} strategy on {', '.join(self.devices)}: {self.reason}"


def _device_names(gpus: Any) -> tuple[str, ...]:
    """GPU names from a list of strings or of ``PhysicalDevice``-like objects (with ``.name``)."""
    if isinstance(gpus, str | bytes) or not isinstance(gpus, Sequence):
        raise TypeError(
            "`gpus` must be a list of GPU device names (or tf.config.PhysicalDevice objects), "
            f"but got {describe(gpus)}. Pass tf.config.list_physical_devices('GPU'), or [] "
            "for none."
        )
    names = []
    for index, device in enumerate(gpus):
        name = getattr(device, "name", device)
        if not isinstance(name, str) or not name.strip():
            raise TypeError(
                f"`gpus[{index}]` must be a device name such as '/physical_device:GPU:0', "
                f"but got {describe(device)}."
            )
        names.append(name)
    if len(set(names)) != len(names):
        raise ValueError(f"`gpus` names a device twice: {names}. List each GPU once.")
    return tuple(names)


def choose_strategy(gpus: Sequence[Any], tpu_address: str | None = None) -> StrategyChoice:
    """Decide the strategy from the devices found: TPU > several GPUs > one GPU > CPU.

    ``gpus``: the GPUs (names or ``PhysicalDevice`` objects); ``tpu_address``: where a
    TPU was found ("local" on a TPU VM, "grpc://host:port" for a TPU node), or None.
    """
    names = _device_names(gpus)
    if tpu_address is not None:
        tpu_address = check_text(tpu_address, "tpu_address")
        return StrategyChoice("tpu", (tpu_address,), "a TPU was found; its cores share each batch")
    if len(names) > 1:
        return StrategyChoice(
            "mirrored", names, f"{len(names)} GPUs: one model copy each, gradients summed"
        )
    if len(names) == 1:
        return StrategyChoice("default", names, "one GPU: TensorFlow places everything on it")
    return StrategyChoice("default", ("CPU",), "no GPU or TPU: the default strategy on the CPU")


def find_tpu_address(
    environ: Any = None, list_devices: Callable[[str], Sequence[Any]] | None = None
) -> str | None:
    """Where a TPU is, without any network probe: an environment variable, or a local TPU.

    ``environ`` (default ``os.environ``) and ``list_devices`` (default
    ``tf.config.list_physical_devices``) can be replaced, e.g. by tests.
    """
    environ = os.environ if environ is None else environ
    if not hasattr(environ, "get"):
        raise TypeError(
            f"`environ` must be a mapping like os.environ, but got {describe(environ)}."
        )
    for variable in TPU_ENV_VARIABLES:
        value = environ.get(variable)
        if value:
            return value if variable == "TPU_NAME" or "://" in value else f"grpc://{value}"
    if list_devices is None:
        import tensorflow as tf

        list_devices = tf.config.list_physical_devices
    check_callable(list_devices, "list_devices")
    return "local" if list(list_devices("TPU")) else None


def build_strategy(choice: StrategyChoice) -> Any:
    """The ``tf.distribute.Strategy`` that ``choice`` names (a TPU is connected first)."""
    if not isinstance(choice, StrategyChoice):
        raise TypeError(
            f"`choice` must be a StrategyChoice from choose_strategy(), but got {describe(choice)}."
        )
    import tensorflow as tf

    if choice.kind == "tpu":
        resolver = tf.distribute.cluster_resolver.TPUClusterResolver(tpu=choice.devices[0])
        tf.config.experimental_connect_to_cluster(resolver)
        tf.tpu.experimental.initialize_tpu_system(resolver)
        return tf.distribute.TPUStrategy(resolver)
    if choice.kind == "mirrored":
        logical = [name.replace("physical_device:", "") for name in choice.devices]
        return tf.distribute.MirroredStrategy(devices=logical)
    if choice.kind == "default":
        return tf.distribute.get_strategy()
    raise ValueError(
        f"`choice.kind` must be 'tpu', 'mirrored' or 'default', but got {choice.kind!r}."
    )


def training_strategy(
    gpus: Sequence[Any] | None = None, tpu_address: str | None = None, *, verbose: bool = True
) -> Any:
    """The strategy for this machine; under its ``scope()`` build and compile the model.

    With no arguments the devices are looked up (``tf.config.list_physical_devices`` and
    :func:`find_tpu_address`); pass ``gpus`` / ``tpu_address`` to decide for given
    devices instead. ``verbose`` prints the choice in one line.
    """
    verbose = check_bool(verbose, "verbose")
    if gpus is None:
        import tensorflow as tf

        gpus = tf.config.list_physical_devices("GPU")
        if tpu_address is None:
            tpu_address = find_tpu_address()
    choice = choose_strategy(gpus, tpu_address)
    if verbose:
        print(f"tf.distribute: {choice}")
    return build_strategy(choice)

"""One call that makes a notebook's results repeatable."""

from __future__ import annotations

import os
import random

import numpy as np


def set_seed(seed: int = 42, *, deterministic_ops: bool = True) -> None:
    """Seed Python, NumPy, TensorFlow and Keras, and turn on deterministic ops.

    With ``deterministic_ops`` TensorFlow picks the same kernels every run, so a
    notebook gives the same numbers twice on the same machine (a little slower on GPU).
    """
    if isinstance(seed, bool) or not isinstance(seed, int | np.integer) or seed < 0:
        raise ValueError(f"`seed` must be a non-negative integer, got {seed!r}.")
    os.environ["PYTHONHASHSEED"] = str(seed)
    random.seed(seed)
    np.random.seed(seed)
    import keras
    import tensorflow as tf

    keras.utils.set_random_seed(seed)
    if deterministic_ops:
        tf.config.experimental.enable_op_determinism()

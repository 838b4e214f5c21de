"""One call that makes a notebook's results repeatable."""

from __future__ import annotations

from helpers.course.validation import check_bool, check_seed


def set_seed(seed: int = 42, *, deterministic_ops: bool = True) -> None:
    """Seed Python, NumPy and TensorFlow (``keras.utils.set_random_seed``), deterministic ops.

    ``seed`` is an integer from 0 to 2**32 - 1 (a NumPy integer too). With
    ``deterministic_ops`` TensorFlow picks the same kernels every run, so a notebook
    gives the same numbers twice on the same machine (a little slower on GPU).
    ``PYTHONHASHSEED`` cannot be changed from inside a running Python; it does not
    affect the course's results.

    Raises:
        TypeError: ``seed`` is not an integer, or ``deterministic_ops`` not a bool.
        ValueError: ``seed`` is negative or 2**32 or more.
    """
    seed = check_seed(seed)
    deterministic_ops = check_bool(deterministic_ops, "deterministic_ops")
    import keras
    import tensorflow as tf

    keras.utils.set_random_seed(seed)
    if deterministic_ops:
        tf.config.experimental.enable_op_determinism()

"""One call that makes a notebook's results repeatable."""

from __future__ import annotations

from helpers.course.validation import check_seed


def set_seed(seed: int = 42, *, deterministic_ops: bool = True) -> None:
    """Seed Python, NumPy and TensorFlow (``keras.utils.set_random_seed``), deterministic ops.

    With ``deterministic_ops`` TensorFlow picks the same kernels every run, so a
    notebook gives the same numbers twice on the same machine (a little slower on GPU).
    ``PYTHONHASHSEED`` cannot be changed from inside a running Python; it does not
    affect the course's results.
    """
    seed = check_seed(seed)
    import keras
    import tensorflow as tf

    keras.utils.set_random_seed(seed)
    if deterministic_ops:
        tf.config.experimental.enable_op_determinism()

"""Exercise self-checks of notebook 07 (recurrent networks)."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from helpers.checks.engine import Student, run_check
from helpers.scratch import recurrent


def check_simple_rnn_step(student: Student) -> bool:
    """Exercise 1 of notebook 07: ``rnn_step(x_t, h_prev, kernel, recurrent_kernel, bias)``.

    One step of a tanh RNN in Keras' weight layout.
    """
    rng = np.random.default_rng(7)
    kernel, recurrent_kernel, bias = (
        rng.normal(size=(2, 3)),
        rng.normal(size=(3, 3)),
        rng.normal(size=3),
    )
    batch = rng.normal(size=(4, 2))
    cases = [
        ("zero state", (batch, np.zeros((4, 3)), kernel, recurrent_kernel, bias)),
        ("non-zero state", (batch, rng.normal(size=(4, 3)), kernel, recurrent_kernel, bias)),
        (
            "one patient, 5 features",
            (
                rng.normal(size=(1, 5)),
                rng.normal(size=(1, 3)),
                rng.normal(size=(5, 3)),
                recurrent_kernel,
                bias,
            ),
        ),
    ]
    return run_check(
        "simple_rnn_step",
        student,
        recurrent.simple_rnn_step,
        cases,
        "np.tanh(x_t @ kernel + h_prev @ recurrent_kernel + bias); don't forget the state.",
    )


def _lstm_cell_update(
    c_prev: NDArray[np.float64],
    forget_gate: NDArray[np.float64],
    input_gate: NDArray[np.float64],
    candidate: NDArray[np.float64],
) -> NDArray[np.float64]:
    """Reference: c = f * c_prev + i * g."""
    return forget_gate * c_prev + input_gate * candidate


def check_lstm_cell_update(student: Student) -> bool:
    """Exercise 2 of notebook 07: ``lstm_cell_update(c_prev, forget_gate, input_gate, candidate)``.

    The new cell state c = f * c_prev + i * g.
    """
    rng = np.random.default_rng(8)
    shape = (4, 3)
    c_prev = rng.normal(size=shape)
    f, i, g = rng.random(shape), rng.random(shape), np.tanh(rng.normal(size=shape))
    cases = [
        ("random gates", (c_prev, f, i, g)),
        ("forget gate open, input closed", (c_prev, np.ones(shape), np.zeros(shape), g)),
        ("forget everything, write all", (c_prev, np.zeros(shape), np.ones(shape), g)),
    ]
    return run_check(
        "lstm_cell_update",
        student,
        _lstm_cell_update,
        cases,
        "keep forget_gate * c_prev and add input_gate * candidate (elementwise, no tanh).",
    )


def _count_lstm_parameters(input_dim: int, units: int) -> int:
    """Reference: ``recurrent.count_recurrent_parameters`` for an LSTM."""
    return recurrent.count_recurrent_parameters("LSTM", input_dim, units)


def check_count_lstm_parameters(student: Student) -> bool:
    """Exercise 3 of notebook 07: ``count_lstm_parameters(input_dim, units) -> int``."""
    cases = [
        ("1 feature, 1 unit", (1, 1)),
        ("2 vital signs, 32 units", (2, 32)),
        ("64 units on 128 features", (128, 64)),
    ]
    return run_check(
        "count_lstm_parameters",
        student,
        _count_lstm_parameters,
        cases,
        "four blocks (i, f, c, o), each units*input_dim + units*units weights + units biases.",
    )

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


def _relu_rnn_backward_step(
    grad_h: NDArray[np.float64],
    x_t: NDArray[np.float64],
    h_prev: NDArray[np.float64],
    h: NDArray[np.float64],
    recurrent_kernel: NDArray[np.float64],
) -> tuple[NDArray[np.float64], ...]:
    """Reference: ``recurrent.simple_rnn_backward_step`` for ReLU, without the input gradient."""
    grad_h_prev, _, grad_kernel, grad_recurrent_kernel, grad_bias = (
        recurrent.simple_rnn_backward_step(
            grad_h, x_t, h_prev, h, np.zeros((x_t.shape[1], h.shape[1])), recurrent_kernel, "relu"
        )
    )
    return grad_h_prev, grad_kernel, grad_recurrent_kernel, grad_bias


def check_relu_rnn_backward_step(student: Student) -> bool:
    """Exercise 2 of notebook 07: one BPTT step of a ReLU RNN (the IRNN of section 5).

    ``relu_rnn_backward_step(grad_h, x_t, h_prev, h, recurrent_kernel)`` returns
    ``(grad_h_prev, grad_kernel, grad_recurrent_kernel, grad_bias)`` for
    ``h = relu(x_t @ kernel + h_prev @ recurrent_kernel + bias)``.
    """
    rng = np.random.default_rng(9)
    units, features = 4, 2

    def relu_state(size: tuple[int, int]) -> NDArray[np.float64]:
        state = np.maximum(rng.normal(size=size), 0.0)
        state[0, 0] = 0.0  # at least one unit off
        state[-1, -1] = 1.5  # and one on
        return state

    recurrent_kernel = rng.normal(size=(units, units))  # not symmetric
    identity = np.eye(units)
    active = 0.5 + rng.random((3, units))  # every unit on
    cases = [
        (
            "identity kernel, every unit active",
            (
                rng.normal(size=(3, units)),
                rng.normal(size=(3, features)),
                active,
                active + 0.1,
                identity,
            ),
        ),
        (
            "some units off",
            (
                rng.normal(size=(3, units)),
                rng.normal(size=(3, features)),
                relu_state((3, units)),
                relu_state((3, units)),
                recurrent_kernel,
            ),
        ),
        (
            "one patient, 3 features",
            (
                rng.normal(size=(1, units)),
                rng.normal(size=(1, 3)),
                relu_state((1, units)),
                relu_state((1, units)),
                recurrent_kernel,
            ),
        ),
    ]
    return run_check(
        "relu_rnn_backward_step",
        student,
        _relu_rnn_backward_step,
        cases,
        "delta = grad_h * (h > 0) (ReLU's slope, read from the output); then "
        "grad_h_prev = delta @ recurrent_kernel.T, grad_kernel = x_t.T @ delta, "
        "grad_recurrent_kernel = h_prev.T @ delta, grad_bias = delta summed over patients.",
    )


def _predict_gradient_ratio(ratio: float, steps: int, new_steps: int) -> float:
    """Reference: the same factor per step, and ``steps - 1`` steps between first and last."""
    return float(ratio ** ((new_steps - 1) / (steps - 1)))


def check_predict_gradient_ratio(student: Student) -> bool:
    """Exercise 3 of notebook 07: ``predict_gradient_ratio(ratio, steps, new_steps)``.

    The gradient ratio (last step over first step) of a series of ``new_steps``, from the
    ratio measured on ``steps``, if every step back multiplies the gradient by one factor.
    """
    cases = [
        ("1e6 over 120 steps, doubled to 240", (1e6, 120, 240)),
        ("100 over 11 steps, to 31", (100.0, 11, 31)),
        ("no decay: ratio 1", (1.0, 50, 500)),
        ("an exploding gradient: ratio 0.5 over 51 steps, to 101", (0.5, 51, 101)),
        ("shorter: 1e4 over 41 steps, to 21", (1e4, 41, 21)),
    ]
    return run_check(
        "predict_gradient_ratio",
        student,
        _predict_gradient_ratio,
        cases,
        "a series of T steps has T - 1 Jacobians between its first and last step, each "
        "multiplying by the same factor gamma: ratio = gamma ** -(T - 1).",
    )

"""Reference NumPy recurrent layers (notebook 07 derives them), in Keras' weight layout.

Shapes follow Keras so weights copy across unchanged (``layer.get_weights()``):

- a sequence batch ``x`` is (samples, steps, features), one step ``x_t`` is
  (samples, features) and a state ``h`` is (samples, units);
- ``kernel`` is (features, gates * units), ``recurrent_kernel`` is
  (units, gates * units) and ``bias`` is (gates * units,), with one gate for
  SimpleRNN, four for LSTM (order i, f, c, o) and three for GRU (order z, r, h;
  with ``reset_after=True``, Keras' default, the GRU bias is (2, 3 * units): one
  row added to the input part, one to the recurrent part).

The textbook recurrence h_t = f(W x_t + U h_{t-1} + b) is written here for row
vectors: ``f(x_t @ kernel + h_prev @ recurrent_kernel + bias)`` (W = kernel.T).
"""

from __future__ import annotations

import numpy as np

from helpers.course.validation import as_float_array, check_choice, check_positive_int, check_text
from helpers.scratch.activations import ACTIVATIONS, check_activation, sigmoid

GATES = {"SimpleRNN": 1, "LSTM": 4, "GRU": 3}


def _check_weights(
    kernel: np.ndarray, recurrent_kernel: np.ndarray, bias: np.ndarray, layer: str
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """Validate one layer's weights against Keras' layout; return them and ``units``."""
    gates = GATES[layer]
    kernel = as_float_array(kernel, "kernel", ndim=2)
    recurrent_kernel = as_float_array(recurrent_kernel, "recurrent_kernel", ndim=2)
    units = recurrent_kernel.shape[0]
    if recurrent_kernel.shape != (units, gates * units):
        raise ValueError(
            f"`recurrent_kernel` has shape {recurrent_kernel.shape}, but a {layer} layer with "
            f"{units} units needs (units, {gates} * units) = {(units, gates * units)}."
        )
    if kernel.shape[1] != gates * units:
        raise ValueError(
            f"`kernel` has shape {kernel.shape}, but a {layer} layer with {units} units needs "
            f"(features, {gates * units}); did you pass the weights of another layer?"
        )
    bias_shape = (2, gates * units) if layer == "GRU" else (gates * units,)
    gru_note = " (Keras' GRU with reset_after=True keeps two bias rows)" if layer == "GRU" else ""
    bias = as_float_array(bias, "bias", ndim=len(bias_shape))
    if bias.shape != bias_shape:
        raise ValueError(
            f"`bias` has shape {bias.shape}, but a {layer} layer with {units} units needs "
            f"{bias_shape}{gru_note}."
        )
    return kernel, recurrent_kernel, bias, units


def _check_step(
    x_t: np.ndarray, name: str, kernel: np.ndarray, states: dict[str, np.ndarray], units: int
) -> tuple[np.ndarray, list[np.ndarray]]:
    """Validate one time step's input and the previous states against the weights."""
    x_t = as_float_array(x_t, name, ndim=2)
    if x_t.shape[1] != kernel.shape[0]:
        raise ValueError(
            f"`{name}` has {x_t.shape[1]} features per sample but `kernel` expects "
            f"{kernel.shape[0]} (kernel shape {kernel.shape}: features x gates*units)."
        )
    checked = []
    for state_name, state in states.items():
        state = as_float_array(state, state_name, ndim=2)
        if state.shape != (x_t.shape[0], units):
            raise ValueError(
                f"`{state_name}` has shape {state.shape}, expected (samples, units) = "
                f"{(x_t.shape[0], units)}."
            )
        checked.append(state)
    return x_t, checked


def simple_rnn_step(
    x_t: np.ndarray,
    h_prev: np.ndarray,
    kernel: np.ndarray,
    recurrent_kernel: np.ndarray,
    bias: np.ndarray,
    activation: str = "tanh",
) -> np.ndarray:
    """One step of the recurrence: ``activation(x_t @ kernel + h_prev @ recurrent_kernel + b)``."""
    kernel, recurrent_kernel, bias, units = _check_weights(
        kernel, recurrent_kernel, bias, "SimpleRNN"
    )
    x_t, (h_prev,) = _check_step(x_t, "x_t", kernel, {"h_prev": h_prev}, units)
    activation = check_activation(activation)
    return ACTIVATIONS[activation][0](x_t @ kernel + h_prev @ recurrent_kernel + bias)


def simple_rnn_forward(
    x: np.ndarray,
    kernel: np.ndarray,
    recurrent_kernel: np.ndarray,
    bias: np.ndarray,
    initial_state: np.ndarray | None = None,
    activation: str = "tanh",
) -> np.ndarray:
    """Run the recurrence over whole sequences; return every hidden state.

    ``x`` is (samples, steps, features); the result is (samples, steps, units), the
    same as ``keras.layers.SimpleRNN(units, return_sequences=True)``. The initial
    state defaults to zeros, as in Keras.
    """
    x = as_float_array(x, "x", ndim=3)
    kernel, recurrent_kernel, bias, units = _check_weights(
        kernel, recurrent_kernel, bias, "SimpleRNN"
    )
    activation = check_activation(activation)
    if initial_state is None:
        h = np.zeros((x.shape[0], units))
    else:
        _, (h,) = _check_step(x[:, 0], "x", kernel, {"initial_state": initial_state}, units)
    states = []
    for step in range(x.shape[1]):
        h = simple_rnn_step(x[:, step], h, kernel, recurrent_kernel, bias, activation)
        states.append(h)
    return np.stack(states, axis=1)


def lstm_step(
    x_t: np.ndarray,
    h_prev: np.ndarray,
    c_prev: np.ndarray,
    kernel: np.ndarray,
    recurrent_kernel: np.ndarray,
    bias: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """One LSTM step as Keras computes it; returns the new ``(h, c)``.

    Gates (sigmoid) i, f, o and candidate g = tanh(...) come from one product,
    split in Keras' order i, f, c, o; then c = f * c_prev + i * g, h = o * tanh(c).
    """
    kernel, recurrent_kernel, bias, units = _check_weights(kernel, recurrent_kernel, bias, "LSTM")
    x_t, (h_prev, c_prev) = _check_step(
        x_t, "x_t", kernel, {"h_prev": h_prev, "c_prev": c_prev}, units
    )
    z = x_t @ kernel + h_prev @ recurrent_kernel + bias
    z_i, z_f, z_g, z_o = np.split(z, 4, axis=1)
    c = sigmoid(z_f) * c_prev + sigmoid(z_i) * np.tanh(z_g)
    h = sigmoid(z_o) * np.tanh(c)
    return h, c


def gru_step(
    x_t: np.ndarray,
    h_prev: np.ndarray,
    kernel: np.ndarray,
    recurrent_kernel: np.ndarray,
    bias: np.ndarray,
) -> np.ndarray:
    """One GRU step as Keras computes it with ``reset_after=True``; returns the new ``h``.

    z = sigmoid(x W_z + b_z + h U_z + b'_z), r likewise, and the candidate applies
    the reset gate *after* the recurrent product:
    g = tanh(x W_h + b_h + r * (h U_h + b'_h)); then h = z * h_prev + (1 - z) * g.
    """
    kernel, recurrent_kernel, bias, units = _check_weights(kernel, recurrent_kernel, bias, "GRU")
    x_t, (h_prev,) = _check_step(x_t, "x_t", kernel, {"h_prev": h_prev}, units)
    x_z, x_r, x_h = np.split(x_t @ kernel + bias[0], 3, axis=1)
    h_z, h_r, h_h = np.split(h_prev @ recurrent_kernel + bias[1], 3, axis=1)
    update = sigmoid(x_z + h_z)
    reset = sigmoid(x_r + h_r)
    candidate = np.tanh(x_h + reset * h_h)
    return update * h_prev + (1.0 - update) * candidate


def count_recurrent_parameters(layer: str, input_dim: int, units: int) -> int:
    """Trainable parameters of a Keras recurrent layer (GRU with ``reset_after=True``).

    Each gate has a kernel (input_dim x units), a recurrent kernel (units x units)
    and a bias (units); LSTM has 4 gates, so 4 * (units * (units + input_dim) + units).
    Keras' GRU keeps a second bias per gate.
    """
    layer = check_choice(check_text(layer, "layer"), "layer", GATES)
    input_dim = check_positive_int(input_dim, "input_dim")
    units = check_positive_int(units, "units")
    biases = 2 * units if layer == "GRU" else units
    return GATES[layer] * (units * (units + input_dim) + biases)


# The derivative of each activation written in terms of its *output* h = f(z), which is
# all the forward pass keeps: tanh' = 1 - h^2, sigmoid' = h (1 - h), relu' = [h > 0].
_DERIVATIVE_FROM_OUTPUT = {
    "linear": lambda h: np.ones_like(h),
    "sigmoid": lambda h: h * (1.0 - h),
    "tanh": lambda h: 1.0 - h**2,
    "relu": lambda h: (h > 0).astype(np.float64),
}


def _check_kernels(
    kernel: np.ndarray, recurrent_kernel: np.ndarray
) -> tuple[np.ndarray, np.ndarray, int]:
    """Validate a SimpleRNN's kernel and recurrent kernel (the backward pass needs no bias)."""
    recurrent_kernel = as_float_array(recurrent_kernel, "recurrent_kernel", ndim=2)
    kernel, recurrent_kernel, _, units = _check_weights(
        kernel, recurrent_kernel, np.zeros(recurrent_kernel.shape[1]), "SimpleRNN"
    )
    return kernel, recurrent_kernel, units


def simple_rnn_backward_step(
    grad_h: np.ndarray,
    x_t: np.ndarray,
    h_prev: np.ndarray,
    h: np.ndarray,
    kernel: np.ndarray,
    recurrent_kernel: np.ndarray,
    activation: str = "tanh",
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """One step of backpropagation through time for ``h = f(x_t K + h_prev R + b)``.

    ``grad_h`` is dL/dh (samples, units), the whole gradient reaching this step's state.
    Returns ``(grad_h_prev, grad_x_t, grad_kernel, grad_recurrent_kernel, grad_bias)``:
    the gradient passed on to the previous state and this step's shares of the input and
    weight gradients (BPTT adds the weight shares of all steps).
    """
    activation = check_activation(activation)
    kernel, recurrent_kernel, units = _check_kernels(kernel, recurrent_kernel)
    x_t, (grad_h, h_prev, h) = _check_step(
        x_t, "x_t", kernel, {"grad_h": grad_h, "h_prev": h_prev, "h": h}, units
    )
    grad_z = grad_h * _DERIVATIVE_FROM_OUTPUT[activation](h)  # through the activation
    return (
        grad_z @ recurrent_kernel.T,
        grad_z @ kernel.T,
        x_t.T @ grad_z,
        h_prev.T @ grad_z,
        grad_z.sum(axis=0),
    )


def simple_rnn_backward(
    x: np.ndarray,
    states: np.ndarray,
    kernel: np.ndarray,
    recurrent_kernel: np.ndarray,
    grad_states: np.ndarray,
    initial_state: np.ndarray | None = None,
    activation: str = "tanh",
) -> dict[str, np.ndarray]:
    """Backpropagation through time for ``simple_rnn_forward``.

    ``states`` are the hidden states the forward pass returned (samples, steps, units) and
    ``grad_states`` the gradient of the loss with respect to each of them from outside the
    recurrence (zeros except the last step for a model that reads only the final state).
    Walks back from the last step, adding at each step the gradient that flows in from
    the next state. Returns the gradients ``"x"``, ``"kernel"``, ``"recurrent_kernel"``,
    ``"bias"`` and ``"initial_state"``.
    """
    x = as_float_array(x, "x", ndim=3)
    states = as_float_array(states, "states", ndim=3)
    grad_states = as_float_array(grad_states, "grad_states", ndim=3)
    kernel, recurrent_kernel, units = _check_kernels(kernel, recurrent_kernel)
    activation = check_activation(activation)
    expected = (x.shape[0], x.shape[1], units)
    for name, value in (("states", states), ("grad_states", grad_states)):
        if value.shape != expected:
            raise ValueError(
                f"`{name}` has shape {value.shape}, expected (samples, steps, units) = {expected}."
            )
    if initial_state is None:
        h_start = np.zeros((x.shape[0], units))
    else:
        _, (h_start,) = _check_step(x[:, 0], "x", kernel, {"initial_state": initial_state}, units)
    grad_x = np.zeros_like(x)
    grads = {
        "kernel": np.zeros(kernel.shape),
        "recurrent_kernel": np.zeros((units, units)),
        "bias": np.zeros(units),
    }
    grad_h = np.zeros((x.shape[0], units))
    for step in reversed(range(x.shape[1])):
        h_prev = states[:, step - 1] if step > 0 else h_start
        grad_h = grad_h + grad_states[:, step]
        grad_h, grad_x[:, step], *shares = simple_rnn_backward_step(
            grad_h, x[:, step], h_prev, states[:, step], kernel, recurrent_kernel, activation
        )
        for name, share in zip(grads, shares):
            grads[name] = grads[name] + share
    return {"x": grad_x, **grads, "initial_state": grad_h}

"""NumPy recurrent layers match Keras, the sequence task is sound, bad input is refused."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from helpers.data.preprocessing import standardize
from helpers.scratch import recurrent
from helpers.synthetic.vitals import make_hypotension_memory_task

RNG = np.random.default_rng(0)
X = RNG.normal(size=(3, 6, 2)).astype("float32")
H0 = RNG.normal(scale=0.5, size=(3, 4)).astype("float32")
C0 = RNG.normal(scale=0.5, size=(3, 4)).astype("float32")


def _layer(layer_class, **kwargs):
    layer = layer_class(4, bias_initializer="random_normal", **kwargs)
    layer.build((None, None, 2))
    return layer


def test_simple_rnn_forward_matches_keras() -> None:
    layer = _layer(keras.layers.SimpleRNN, return_sequences=True)
    ours = recurrent.simple_rnn_forward(X, *layer.get_weights(), initial_state=H0)
    theirs = layer(X, initial_state=H0).numpy()
    assert ours.shape == (3, 6, 4)
    np.testing.assert_allclose(ours, theirs, atol=1e-5)
    relu_layer = _layer(keras.layers.SimpleRNN, activation="relu", return_sequences=True)
    np.testing.assert_allclose(
        recurrent.simple_rnn_forward(X, *relu_layer.get_weights(), activation="relu"),
        relu_layer(X).numpy(),
        atol=1e-5,
    )


def test_lstm_and_gru_steps_match_keras() -> None:
    lstm = _layer(keras.layers.LSTM, return_state=True)
    h, _, c = lstm(X[:, :1], initial_state=[H0, C0])
    ours_h, ours_c = recurrent.lstm_step(X[:, 0], H0, C0, *lstm.get_weights())
    np.testing.assert_allclose(ours_h, h.numpy(), atol=1e-5)
    np.testing.assert_allclose(ours_c, c.numpy(), atol=1e-5)
    gru = _layer(keras.layers.GRU)
    np.testing.assert_allclose(
        recurrent.gru_step(X[:, 0], H0, *gru.get_weights()),
        gru(X[:, :1], initial_state=H0).numpy(),
        atol=1e-5,
    )


@pytest.mark.parametrize("activation", ["tanh", "relu"])
def test_simple_rnn_backward_matches_gradient_tape(activation: str) -> None:
    import tensorflow as tf

    layer = _layer(keras.layers.SimpleRNN, activation=activation, return_sequences=True)
    weights = layer.get_weights()
    upstream = RNG.normal(size=(3, 6, 4))  # dL/dh_t from outside the recurrence
    x, h0 = tf.constant(X), tf.constant(H0)
    with tf.GradientTape() as tape:
        tape.watch([x, h0])
        loss = tf.reduce_sum(layer(x, initial_state=h0) * upstream)
    theirs = tape.gradient(loss, [x, *layer.trainable_weights, h0])
    states = recurrent.simple_rnn_forward(X, *weights, initial_state=H0, activation=activation)
    ours = recurrent.simple_rnn_backward(
        X, states, weights[0], weights[1], upstream, initial_state=H0, activation=activation
    )
    names = ["x", "kernel", "recurrent_kernel", "bias", "initial_state"]
    for name, expected in zip(names, theirs, strict=True):
        np.testing.assert_allclose(ours[name], expected.numpy(), atol=1e-5, err_msg=name)
    with pytest.raises(ValueError, match="grad_states"):
        recurrent.simple_rnn_backward(X, states, weights[0], weights[1], upstream[:, 1:])


@pytest.mark.parametrize("name", ["SimpleRNN", "LSTM", "GRU"])
def test_parameter_counts_match_keras(name: str) -> None:
    layer = getattr(keras.layers, name)(7)
    layer.build((None, None, 3))
    assert recurrent.count_recurrent_parameters(name, 3, 7) == layer.count_params()


def test_recurrent_helpers_refuse_bad_input() -> None:
    kernel, recurrent_kernel, bias = _layer(keras.layers.SimpleRNN).get_weights()
    with pytest.raises(ValueError, match="`x` must have 3 dimension"):
        recurrent.simple_rnn_forward(X[0], kernel, recurrent_kernel, bias)
    with pytest.raises(ValueError, match="`x` is empty"):
        recurrent.simple_rnn_forward(np.zeros((3, 0, 2)), kernel, recurrent_kernel, bias)
    with pytest.raises(ValueError, match="NaN"):
        recurrent.simple_rnn_forward(np.full((1, 2, 2), np.nan), kernel, recurrent_kernel, bias)
    with pytest.raises(ValueError, match="has 5 features per sample but `kernel` expects 2"):
        recurrent.simple_rnn_forward(np.zeros((1, 2, 5)), kernel, recurrent_kernel, bias)
    with pytest.raises(ValueError, match="`h_prev` has shape"):
        recurrent.simple_rnn_step(X[:, 0], np.zeros((3, 5)), kernel, recurrent_kernel, bias)
    with pytest.raises(ValueError, match="`activation` must be one of"):
        recurrent.simple_rnn_step(X[:, 0], H0, kernel, recurrent_kernel, bias, "swish")
    with pytest.raises(TypeError, match="must hold numbers"):
        recurrent.simple_rnn_step(X[:, 0], H0, kernel, recurrent_kernel, ["a"] * 4)
    lstm_weights = _layer(keras.layers.LSTM).get_weights()
    gru_weights = _layer(keras.layers.GRU).get_weights()
    with pytest.raises(ValueError, match=r"`recurrent_kernel` has shape \(4, 4\).*LSTM"):
        recurrent.lstm_step(X[:, 0], H0, C0, kernel, recurrent_kernel, bias)  # RNN weights
    with pytest.raises(ValueError, match="`kernel` has shape"):
        recurrent.lstm_step(X[:, 0], H0, C0, kernel, *lstm_weights[1:])
    with pytest.raises(ValueError, match="`c_prev` has shape"):
        recurrent.lstm_step(X[:, 0], H0, C0[:2], *lstm_weights)
    with pytest.raises(ValueError, match="two bias rows"):
        recurrent.gru_step(X[:, 0], H0, *gru_weights[:2], gru_weights[2][:1])
    with pytest.raises(ValueError, match="`bias` must have 2 dimension"):
        recurrent.gru_step(X[:, 0], H0, *gru_weights[:2], gru_weights[2][0])
    with pytest.raises(ValueError, match="`layer` must be one of 'SimpleRNN', 'LSTM', 'GRU'"):
        recurrent.count_recurrent_parameters("Transformer", 2, 4)
    with pytest.raises(ValueError, match="`units` must be an integer >= 1"):
        recurrent.count_recurrent_parameters("LSTM", 2, 0)


def test_memory_task_has_the_promised_structure() -> None:
    data = make_hypotension_memory_task(200, num_steps=40, event_window=8, episode_length=3, seed=1)
    assert data.inputs.shape == (200, 40, 2) and len(data.feature_names) == 2
    assert 60 < data.labels.sum() < 140 and set(np.unique(data.labels)) == {0, 1}
    positives = data.labels == 1
    assert np.all(data.episode_start[~positives] == -1)
    assert np.all((data.episode_start[positives] >= 0) & (data.episode_start[positives] < 8))
    # during the episode systolic pressure is far below the patient's later readings
    patient = int(np.flatnonzero(positives)[0])
    start = data.episode_start[patient]
    episode_sbp = data.inputs[patient, start : start + 3, 1].mean()
    assert episode_sbp < data.inputs[patient, 15:, 1].mean() - 20
    # after the event window the two classes look alike: the label needs memory
    late = data.inputs[:, 12:].mean(axis=(1, 2))
    assert abs(late[positives].mean() - late[~positives].mean()) < 3
    again = make_hypotension_memory_task(
        200, num_steps=40, event_window=8, episode_length=3, seed=1
    )
    np.testing.assert_array_equal(again.inputs, data.inputs)
    assert data.describe() == "200 patients (100 no episode, 100 episode)"


def test_memory_task_refuses_bad_arguments() -> None:
    with pytest.raises(ValueError, match="`num_steps` = 12 is too short"):
        make_hypotension_memory_task(10, num_steps=12, event_window=10, episode_length=4)
    with pytest.raises(ValueError, match="`num_patients` must be an integer >= 1"):
        make_hypotension_memory_task(0)
    with pytest.raises(TypeError, match="`num_steps` must be an integer"):
        make_hypotension_memory_task(10, num_steps=50.5)
    with pytest.raises(ValueError, match="`positive_fraction` must be strictly between"):
        make_hypotension_memory_task(10, positive_fraction=1.0)
    with pytest.raises(ValueError, match="`seed` must be a non-negative integer"):
        make_hypotension_memory_task(10, seed=-1)


def test_standardize_scales_series_with_training_statistics() -> None:
    train = make_hypotension_memory_task(50, num_steps=30, seed=2).inputs
    test = make_hypotension_memory_task(20, num_steps=30, seed=3).inputs
    (train_scaled, test_scaled), mean, std = standardize(train, test)
    assert train_scaled.shape == train.shape and test_scaled.shape == test.shape
    np.testing.assert_allclose(train_scaled.reshape(-1, 2).mean(axis=0), 0, atol=1e-9)
    readings = train.reshape(-1, 2)  # one row per minute of every training patient
    np.testing.assert_allclose(test_scaled, (test - readings.mean(axis=0)) / readings.std(axis=0))
    np.testing.assert_allclose(std, readings.std(axis=0))
    with pytest.raises(ValueError, match="`train` must have 2 or 3 dimension"):
        standardize(train[0, 0])
    with pytest.raises(ValueError, match="NaN"):
        standardize(np.where(train > 150, np.nan, train))
    with pytest.raises(ValueError, match="`others\\[0\\]` has 3 features"):
        standardize(train, np.zeros((2, 30, 3)))

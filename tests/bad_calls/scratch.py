"""Bad and unusual calls of ``helpers.scratch``: activations, dense layers, losses, gradient
checks, optimisers, convolution, pooling and recurrent layers."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from bad_calls.table import Arguments, BadCall, GoodCall

ACT = "helpers.scratch.activations."
DENSE = "helpers.scratch.dense."
GRAD = "helpers.scratch.gradient_check."
LOSS = "helpers.scratch.losses."
OPT = "helpers.scratch.optimizers."
CONV = "helpers.scratch.conv."
POOL = "helpers.scratch.pooling."
RNN = "helpers.scratch.recurrent."

RNG = np.random.default_rng(0)
IMAGE = RNG.normal(size=(7, 6))
KERNEL = RNG.normal(size=(3, 3))
X, W, B = RNG.normal(size=(5, 3)), RNG.normal(size=(3, 2)), RNG.normal(size=2)
Y = np.array([1.0, 0.0, 1.0, 0.0])
P = np.array([0.9, 0.2, 0.4, 0.6])
LOGITS = np.array([[2.0], [-1.0], [0.5], [0.0]])
GRADIENT = np.array([0.5, -1.0, 0.25])
# one SimpleRNN (2 features -> 3 units), LSTM and GRU, weights in Keras' layout
X_T, H, C = RNG.normal(size=(4, 2)), RNG.normal(size=(4, 3)), RNG.normal(size=(4, 3))
RNN_WEIGHTS = (RNG.normal(size=(2, 3)), RNG.normal(size=(3, 3)), RNG.normal(size=3))
LSTM_WEIGHTS = (RNG.normal(size=(2, 12)), RNG.normal(size=(3, 12)), RNG.normal(size=12))
GRU_WEIGHTS = (RNG.normal(size=(2, 9)), RNG.normal(size=(3, 9)), RNG.normal(size=(2, 9)))
SEQUENCES = RNG.normal(size=(4, 5, 2))


def _sigmoid_of_tensor(folder: Path) -> tuple[Arguments, Arguments]:
    import tensorflow as tf

    z = np.array([-3.0, 0.0, 2.5])
    return ((tf.constant(z),), {}), ((z,), {})


def _big_pooling_backward(folder: Path) -> Arguments:
    """60 x 60 windows at stride 1 on a 600 x 600 map: 8 GiB of window values to copy."""
    return (np.zeros((600, 600)), np.zeros((541, 541))), {"pool_size": 60, "stride": 1}


CALLS: list[BadCall | GoodCall] = [
    # --- activations ----------------------------------------------------------------------
    BadCall(ACT + "sigmoid", (None,), raises=TypeError, mentions="`z`",
            why="None used to give nan"),
    BadCall(ACT + "sigmoid", ([0.5, np.nan],), mentions="`z`", why="NaN logit"),
    BadCall(ACT + "sigmoid", ("2.0",), raises=TypeError, mentions="`z`", why="text"),
    BadCall(ACT + "sigmoid", ([[1.0, 2.0], [3.0]],), mentions="`z`", why="ragged rows"),
    BadCall(ACT + "sigmoid_derivative", ([np.inf],), mentions="`z`", why="infinite input"),
    BadCall(ACT + "tanh_derivative", (None,), raises=TypeError, mentions="`z`", why="None"),
    BadCall(ACT + "relu", ([1 + 2j],), raises=TypeError, mentions="`z`", why="complex values"),
    BadCall(ACT + "relu_derivative", ([0.0, np.nan],), mentions="`z`", why="NaN"),
    BadCall(ACT + "softmax", (3.0,), mentions="`z`", why="one number has no last axis"),
    BadCall(ACT + "softmax", ([[1.0, np.nan]],), mentions="`z`", why="NaN score"),
    BadCall(ACT + "softmax", ([],), mentions="`z`", why="empty"),
    BadCall(ACT + "tanh", (["a", "b"],), raises=TypeError, mentions="`z`", why="strings"),
    BadCall(ACT + "check_activation", ("swish",), mentions="activation",
            why="unknown activation"),
    BadCall(ACT + "check_activation", (None,), raises=TypeError, mentions="activation",
            why="activation None"),
    # --- dense ----------------------------------------------------------------------------
    BadCall(DENSE + "dense_forward", (X[0], W, B), mentions="`x`",
            why="one sample without its batch axis"),
    BadCall(DENSE + "dense_forward", (X[:, :2], W, B), mentions="`x`",
            why="x has fewer features than w's inputs"),
    BadCall(DENSE + "dense_forward", (X, W, np.zeros(3)), mentions="`b`",
            why="bias of the wrong length"),
    BadCall(DENSE + "dense_forward", (X, W, B), {"activation": "swish"},
            mentions="activation", why="unknown activation"),
    BadCall(DENSE + "dense_forward", (X, W, B), {"activation": None}, raises=TypeError,
            mentions="activation", why="activation None"),
    BadCall(DENSE + "dense_forward", (X, np.full((3, 2), np.nan), B), mentions="`w`",
            why="NaN weights"),
    BadCall(DENSE + "count_dense_parameters", ([30.7, 16],), raises=TypeError,
            mentions="layer_sizes", why="fractional layer size used to give 496"),
    BadCall(DENSE + "count_dense_parameters", ([30],), mentions="layer_sizes",
            why="no layer"),
    BadCall(DENSE + "count_dense_parameters", (30,), raises=TypeError,
            mentions="layer_sizes", why="one number, not a list"),
    BadCall(DENSE + "count_dense_parameters", ("30,16",), raises=TypeError,
            mentions="layer_sizes", why="text"),
    BadCall(DENSE + "count_dense_parameters", ([30, 0],), mentions="layer_sizes",
            why="a layer with no units"),
    BadCall(DENSE + "count_dense_parameters", ([30, -16],), mentions="layer_sizes",
            why="negative units"),
    BadCall(DENSE + "count_dense_parameters", ([True, 16],), raises=TypeError,
            mentions="layer_sizes", why="a boolean size"),
    # --- gradient_check -------------------------------------------------------------------
    BadCall(GRAD + "relative_error", ([np.nan], [1.0]), mentions="`a`",
            why="NaN gradient used to read as perfect agreement"),
    BadCall(GRAD + "relative_error", (np.ones(3), np.ones(1)), mentions="shape",
            why="shapes broadcast to 0.0"),
    BadCall(GRAD + "relative_error", ([1.0], [np.inf]), mentions="`b`",
            why="infinite gradient"),
    BadCall(GRAD + "relative_error", ([], []), mentions="`a`", why="empty gradients"),
    BadCall(GRAD + "relative_error", (None, [1.0]), raises=TypeError, mentions="`a`",
            why="None"),
    BadCall(GRAD + "numerical_gradient", (None, GRADIENT), raises=TypeError, mentions="`f`",
            why="f is not a function"),
    BadCall(GRAD + "numerical_gradient", (np.sum, GRADIENT), {"eps": 0.0}, mentions="eps",
            why="eps = 0 divides by zero"),
    BadCall(GRAD + "numerical_gradient", (np.sum, GRADIENT), {"eps": "1e-6"},
            raises=TypeError, mentions="eps", why="eps as text"),
    BadCall(GRAD + "numerical_gradient", (np.sum, GRADIENT), {"eps": np.nan},
            mentions="eps", why="eps NaN"),
    BadCall(GRAD + "numerical_gradient", (lambda w: w**2, GRADIENT), raises=TypeError,
            mentions="`f`", why="f returns an array, not one loss"),
    BadCall(GRAD + "numerical_gradient", (lambda w: float("nan"), GRADIENT),
            mentions="`f`", why="f returns NaN"),
    BadCall(GRAD + "numerical_gradient", (np.sum, np.zeros(200_001)), mentions="`w`",
            why="400 002 calls of f"),
    BadCall(GRAD + "numerical_gradient", (np.sum, [1e12, 1.0]), mentions="eps",
            why="w + eps == w, so the estimate would be 0"),
    BadCall(GRAD + "numerical_gradient", (np.sum, [np.nan]), mentions="`w`", why="NaN w"),
    # --- losses ---------------------------------------------------------------------------
    BadCall(LOSS + "binary_cross_entropy", ([0, 1], [1.5, 0.2]), mentions="`p`",
            why="probability above 1 used to be clipped"),
    BadCall(LOSS + "binary_cross_entropy", ([0, 2], [0.1, 0.9]), mentions="y_true",
            why="labels 0 and 2"),
    BadCall(LOSS + "binary_cross_entropy", (Y, [2.3, -1.2, 0.4, 0.1]), mentions="`p`",
            why="logits passed as probabilities"),
    BadCall(LOSS + "binary_cross_entropy", ([0, 1], [np.nan, 0.5]), mentions="`p`",
            why="NaN probability"),
    BadCall(LOSS + "binary_cross_entropy", (None, P), raises=TypeError, mentions="y_true",
            why="labels None"),
    BadCall(LOSS + "binary_cross_entropy", (Y, P), {"eps": 0.0}, mentions="eps",
            why="eps 0 gives log(0)"),
    BadCall(LOSS + "binary_cross_entropy", (Y, P), {"eps": 0.7}, mentions="eps",
            why="eps above 0.5 clips everything"),
    BadCall(LOSS + "binary_cross_entropy", (Y, P), {"eps": "small"}, raises=TypeError,
            mentions="eps", why="eps as text"),
    BadCall(LOSS + "binary_cross_entropy", (Y, P[:3]), mentions="`p`",
            why="one probability missing"),
    BadCall(LOSS + "bce_gradient_logits", (Y, [[np.nan]] * 4), mentions="logits",
            why="NaN logits"),
    BadCall(LOSS + "bce_gradient_logits", ([0, 2, 1, 0], LOGITS), mentions="y_true",
            why="labels 0 and 2"),
    BadCall(LOSS + "bce_gradient_logits", (Y[:3], LOGITS), mentions="y_true",
            why="one label missing used to be a reshape error"),
    BadCall(LOSS + "bce_gradient_logits", (Y, LOGITS[None]), mentions="logits",
            why="3-D logits"),
    BadCall(LOSS + "bce_gradient_logits", ([1.0], 0.3), mentions="logits",
            why="one number has no sample axis"),
    # --- optimizers -----------------------------------------------------------------------
    BadCall(OPT + "momentum_step", (GRADIENT, GRADIENT, np.zeros(3), 0.0, 0.9),
            mentions="learning_rate", why="learning rate 0"),
    BadCall(OPT + "momentum_step", (GRADIENT, GRADIENT, np.zeros(3), -0.1, 0.9),
            mentions="learning_rate", why="negative learning rate climbs the loss"),
    BadCall(OPT + "momentum_step", (GRADIENT, GRADIENT, np.zeros(3), np.nan, 0.9),
            mentions="learning_rate", why="learning rate NaN"),
    BadCall(OPT + "momentum_step", (GRADIENT, GRADIENT, np.zeros(3), "0.1", 0.9),
            raises=TypeError, mentions="learning_rate", why="learning rate as text"),
    BadCall(OPT + "momentum_step", (GRADIENT, GRADIENT, np.zeros(3), 0.1, 1.5),
            mentions="momentum", why="momentum above 1 diverges"),
    BadCall(OPT + "momentum_step", (GRADIENT, GRADIENT, np.zeros(3), 0.1, None),
            raises=TypeError, mentions="momentum", why="momentum None"),
    BadCall(OPT + "momentum_step", (GRADIENT, GRADIENT[:2], np.zeros(3), 0.1, 0.9),
            mentions="grad", why="gradient of another parameter"),
    BadCall(OPT + "momentum_step", (GRADIENT, GRADIENT, 0.0, 0.1, 0.9),
            mentions="velocity", why="velocity one number, broadcast silently"),
    BadCall(OPT + "momentum_step", ([np.nan, 1.0, 2.0], GRADIENT, np.zeros(3), 0.1, 0.9),
            mentions="`w`", why="NaN weights"),
    # --- conv -----------------------------------------------------------------------------
    BadCall(CONV + "cross_correlate2d", (np.ones((4, 4)), KERNEL), {"padding": 2 * 10**4},
            mentions="padding", why="padding of 20 000 pixels: 12 GiB"),
    BadCall(CONV + "cross_correlate2d", (IMAGE, KERNEL), {"stride": 0}, mentions="stride",
            why="stride 0"),
    BadCall(CONV + "cross_correlate2d", (IMAGE, KERNEL), {"stride": 1.5}, raises=TypeError,
            mentions="stride", why="fractional stride"),
    BadCall(CONV + "cross_correlate2d", (IMAGE, KERNEL), {"stride": True}, raises=TypeError,
            mentions="stride", why="boolean stride"),
    BadCall(CONV + "cross_correlate2d", (IMAGE, KERNEL), {"padding": "full"},
            mentions="padding", why="padding mode Keras does not have"),
    BadCall(CONV + "cross_correlate2d", (IMAGE, KERNEL), {"padding": -1}, mentions="padding",
            why="negative padding"),
    BadCall(CONV + "cross_correlate2d", (IMAGE, KERNEL), {"padding": 1.5}, raises=TypeError,
            mentions="padding", why="fractional padding"),
    BadCall(CONV + "cross_correlate2d", (IMAGE, KERNEL), {"padding": None}, raises=TypeError,
            mentions="padding", why="padding None"),
    BadCall(CONV + "cross_correlate2d", (np.ones(5), KERNEL), mentions="`image`",
            why="1-D image"),
    BadCall(CONV + "cross_correlate2d", (IMAGE, np.ones((2, 2, 2))), mentions="`kernel`",
            why="3-D kernel"),
    BadCall(CONV + "cross_correlate2d", (np.full((4, 4), np.nan), KERNEL), mentions="`image`",
            why="NaN image"),
    BadCall(CONV + "cross_correlate2d", (np.ones((2, 2)), KERNEL), mentions="kernel",
            why="kernel larger than the image"),
    BadCall(CONV + "cross_correlate2d_loops", (np.ones((4, 4)), KERNEL), {"padding": 1000},
            mentions="padding", why="36 million multiply-adds in Python loops"),
    BadCall(CONV + "convolve2d", (IMAGE, None), raises=TypeError, mentions="`kernel`",
            why="kernel None"),
    BadCall(CONV + "flip_kernel", ([1.0, 2.0, 3.0],), mentions="`kernel`", why="1-D kernel"),
    BadCall(CONV + "conv_output_size", (28, 3, 0), mentions="stride", why="stride 0"),
    BadCall(CONV + "conv_output_size", (28.0, 3), raises=TypeError, mentions="size",
            why="size as a float"),
    BadCall(CONV + "conv_output_size", (3, 5), mentions="kernel_size",
            why="kernel larger than the input"),
    BadCall(CONV + "conv_output_size", (28, 3, 1, "full"), mentions="padding",
            why="unknown padding mode"),
    BadCall(CONV + "padding_amounts", (10, -4, 1, 0), mentions="kernel_size",
            why="negative kernel size"),
    BadCall(CONV + "receptive_field_sizes", ([],), mentions="layers", why="no layers"),
    BadCall(CONV + "receptive_field_sizes", (3,), raises=TypeError, mentions="layers",
            why="one number, not a list of pairs"),
    BadCall(CONV + "receptive_field_sizes", ("3,1",), raises=TypeError, mentions="layers",
            why="text"),
    BadCall(CONV + "receptive_field_sizes", ([(3,)],), mentions="layers[0]",
            why="a pair missing its stride"),
    BadCall(CONV + "receptive_field_sizes", ([(3, 1), (2.5, 2)],), raises=TypeError,
            mentions="layers[1]", why="fractional kernel size"),
    BadCall(CONV + "receptive_field_sizes", ([(3, 1), 2],), mentions="layers[1]",
            why="a number where a pair belongs"),
    BadCall(CONV + "count_conv2d_parameters", (3.0, 1, 32), raises=TypeError,
            mentions="kernel_size", why="kernel size as a float"),
    BadCall(CONV + "count_conv2d_parameters", (3, 0, 8), mentions="in_channels",
            why="no input channels"),
    BadCall(CONV + "count_conv2d_parameters", (3, 1, None), raises=TypeError,
            mentions="filters", why="filters None"),
    # --- pooling --------------------------------------------------------------------------
    BadCall(POOL + "max_pool2d", (IMAGE,), {"pool_size": 0}, mentions="pool_size",
            why="pool size 0"),
    BadCall(POOL + "max_pool2d", (IMAGE,), {"pool_size": 2.0}, raises=TypeError,
            mentions="pool_size", why="pool size as a float"),
    BadCall(POOL + "max_pool2d", (IMAGE,), {"pool_size": 10**6}, mentions="pool_size",
            why="pool larger than the image"),
    BadCall(POOL + "max_pool2d_backward", build=_big_pooling_backward, mentions="pool_size",
            why="backward copies every window: 8 GiB"),
    BadCall(POOL + "max_pool2d", (IMAGE,), {"stride": 0}, mentions="stride", why="stride 0"),
    BadCall(POOL + "average_pool2d", ([[1.0, 2.0], [3.0]],), mentions="`image`",
            why="ragged rows"),
    BadCall(POOL + "average_pool2d", (np.ones(4),), mentions="`image`", why="1-D image"),
    BadCall(POOL + "max_pool2d_backward", (IMAGE, np.ones((2, 2))), mentions="upstream",
            why="upstream of the wrong shape"),
    BadCall(POOL + "max_pool2d_backward", (IMAGE, np.full((3, 3), np.nan)),
            mentions="upstream", why="NaN upstream"),
    # --- recurrent ------------------------------------------------------------------------
    BadCall(RNN + "simple_rnn_forward", (X_T, *RNN_WEIGHTS), mentions="`x`",
            why="one step instead of (samples, steps, features)"),
    BadCall(RNN + "simple_rnn_forward", (SEQUENCES, *RNN_WEIGHTS), {"initial_state": H[:2]},
            mentions="initial_state", why="initial state of another batch"),
    BadCall(RNN + "simple_rnn_forward", (SEQUENCES, *RNN_WEIGHTS), {"activation": "swish"},
            mentions="activation", why="unknown activation"),
    BadCall(RNN + "simple_rnn_step", (X_T, H[:, :2], *RNN_WEIGHTS), mentions="h_prev",
            why="state with too few units"),
    BadCall(RNN + "simple_rnn_step", (X_T[:, :1], H, *RNN_WEIGHTS), mentions="x_t",
            why="too few features"),
    BadCall(RNN + "simple_rnn_step", (X_T, H, None, *RNN_WEIGHTS[1:]), raises=TypeError,
            mentions="kernel", why="kernel None"),
    BadCall(RNN + "lstm_step", (X_T, H, C, *RNN_WEIGHTS), mentions="recurrent_kernel",
            why="SimpleRNN weights given to an LSTM"),
    BadCall(RNN + "lstm_step", (X_T, H, np.full((4, 3), np.nan), *LSTM_WEIGHTS),
            mentions="c_prev", why="NaN cell state"),
    BadCall(RNN + "gru_step", (X_T, H, *GRU_WEIGHTS[:2], GRU_WEIGHTS[2][0]), mentions="bias",
            why="one bias row (reset_after=False)"),
    BadCall(RNN + "count_recurrent_parameters", ("Transformer", 2, 4), mentions="layer",
            why="unknown layer"),
    BadCall(RNN + "count_recurrent_parameters", (None, 2, 4), raises=TypeError,
            mentions="layer", why="layer None"),
    BadCall(RNN + "count_recurrent_parameters", ("LSTM", 2, 0), mentions="units",
            why="no units"),
    BadCall(RNN + "count_recurrent_parameters", ("LSTM", 2.5, 4), raises=TypeError,
            mentions="input_dim", why="fractional input size"),
    # --- valid alternative inputs ---------------------------------------------------------
    GoodCall(ACT + "sigmoid", (pd.Series([-3.0, 0.0, 2.5]),),
             reference=((np.array([-3.0, 0.0, 2.5]),), {}), why="pandas Series"),
    GoodCall(ACT + "sigmoid", build=_sigmoid_of_tensor, why="TensorFlow tensor"),
    GoodCall(DENSE + "count_dense_parameters", ((np.int64(30), np.int64(16), np.int64(1)),),
             reference=(([30, 16, 1],), {}), why="tuple of np.int64"),
    GoodCall(DENSE + "count_dense_parameters", (np.array([30, 16, 1]),),
             reference=(([30, 16, 1],), {}), why="NumPy array of sizes"),
    GoodCall(CONV + "cross_correlate2d", (IMAGE.tolist(), KERNEL.tolist()),
             {"stride": np.int64(2), "padding": "SAME"},
             reference=((IMAGE, KERNEL), {"stride": 2, "padding": "same"}),
             why="nested lists, np.int64 stride, upper-case padding"),
    GoodCall(CONV + "conv_output_size", (np.int64(224), np.int64(7), np.int64(2), np.int64(3)),
             reference=((224, 7, 2, 3), {}), why="np.int64 sizes"),
    GoodCall(CONV + "receptive_field_sizes", (np.array([[3, 1], [2, 2]]),),
             reference=(([(3, 1), (2, 2)],), {}), why="NumPy array of pairs"),
    GoodCall(POOL + "max_pool2d", (IMAGE,), {"pool_size": np.int64(3), "stride": np.int64(2)},
             reference=((IMAGE,), {"pool_size": 3, "stride": 2}), why="np.int64 pool size"),
    GoodCall(GRAD + "relative_error", ([1.0, 2.0], (1.0, 2.5)),
             reference=((np.array([1.0, 2.0]), np.array([1.0, 2.5])), {}),
             why="list and tuple"),
    GoodCall(LOSS + "binary_cross_entropy", (pd.Series(Y), P.reshape(-1, 1)),
             reference=((Y, P), {}), why="pandas labels and (n, 1) probabilities"),
    GoodCall(OPT + "momentum_step", (GRADIENT.tolist(), [0.1, 0.2, 0.3], [0.0, 0.0, 0.0],
                                     np.float64(0.1), 0.9),
             reference=((GRADIENT, np.array([0.1, 0.2, 0.3]), np.zeros(3), 0.1, 0.9), {}),
             why="lists and np.float64 learning rate"),
    GoodCall(RNN + "count_recurrent_parameters", ("LSTM", np.int64(3), np.int64(7)),
             reference=(("LSTM", 3, 7), {}), why="np.int64 sizes"),
]

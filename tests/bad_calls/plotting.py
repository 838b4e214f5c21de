"""Bad and unusual calls of ``helpers.plotting``: curves, ROC/PR plots, confusion matrix,
grids, concept diagrams.

Every bad call is refused before a figure is made. The good calls draw on an axis of a
figure that pyplot does not track (``matplotlib.figure.Figure``), so nothing is left open.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from bad_calls.table import Arguments, BadCall, GoodCall

PLOT = "helpers.plotting."
Y = np.array([0, 1, 0, 1, 1, 0, 1, 0])
P = np.array([0.1, 0.8, 0.3, 0.6, 0.9, 0.2, 0.7, 0.4])
LOSSES = {"training": [0.7, 0.5, 0.4], "validation": [0.7, 0.6, 0.55]}
IMAGES = np.random.default_rng(0).random((3, 6, 6))
NAMES = ("N", "V", "AF")


def _axis() -> Any:
    """An axis of a figure that pyplot does not keep open."""
    from matplotlib.figure import Figure

    return Figure().add_subplot()


def _history(folder: Path) -> tuple[Arguments, Arguments]:
    """``plot_curves`` of a Keras ``History`` and of its dict, on one axis."""
    import keras

    history = keras.callbacks.History()
    history.history = {"loss": [0.7, 0.5, 0.4], "val_loss": [0.7, 0.6, 0.55]}
    axis = _axis()
    return ((history,), {"axis": axis}), ((dict(history.history),), {"axis": axis})


def _same_axis(args: tuple[Any, ...], reference: tuple[Any, ...], **kwargs: Any) -> Any:
    """A ``build`` for a good call: ``args`` and ``reference`` drawn on one fresh axis."""

    def build(folder: Path) -> tuple[Arguments, Arguments]:
        axis = _axis()
        return (args, {**kwargs, "axis": axis}), (reference, {**kwargs, "axis": axis})

    return build


CALLS: list[BadCall | GoodCall] = [
    # --- plot_curves ---------------------------------------------------------------------
    BadCall(PLOT + "plot_curves", (LOSSES["training"],), raises=TypeError, mentions="curves",
            why="one list of losses instead of a dict of named curves"),
    BadCall(PLOT + "plot_curves", ({},), mentions="curves", why="no curves"),
    BadCall(PLOT + "plot_curves", ({"loss": "0.7 0.5"},), raises=TypeError, mentions="curves",
            why="a curve as text"),
    BadCall(PLOT + "plot_curves", ({"loss": [[0.7, 0.5], [0.4]]},), mentions="curves",
            why="a ragged curve"),
    BadCall(PLOT + "plot_curves", ({"loss": np.ones((3, 2))},), mentions="curves",
            why="a 2-D curve"),
    BadCall(PLOT + "plot_curves", ({0.01: LOSSES["training"]},), raises=TypeError,
            mentions="curves", why="a number as a curve's name"),
    BadCall(PLOT + "plot_curves", (LOSSES,), {"log_y": "yes"}, raises=TypeError,
            mentions="log_y", why="log_y as text"),
    BadCall(PLOT + "plot_curves", (LOSSES,), {"title": 3}, raises=TypeError, mentions="title",
            why="title as a number"),
    BadCall(PLOT + "plot_curves", (LOSSES,), {"ylabel": None}, raises=TypeError,
            mentions="ylabel", why="ylabel None"),
    BadCall(PLOT + "plot_curves", (LOSSES,), {"axis": np.empty(2, dtype=object)},
            raises=TypeError, mentions="axis", why="the array of axes instead of one axis"),
    # --- plot_roc_curve ------------------------------------------------------------------
    BadCall(PLOT + "plot_roc_curve", (np.ones(8), P), mentions="y_true",
            why="one class only: no ROC curve"),
    BadCall(PLOT + "plot_roc_curve", (Y, np.where(Y, np.nan, P)), mentions="y_score",
            why="NaN scores"),
    BadCall(PLOT + "plot_roc_curve", (Y, P), {"label": 3}, raises=TypeError, mentions="label",
            why="label as a number"),
    BadCall(PLOT + "plot_roc_curve", (Y, P), {"axis": "left"}, raises=TypeError,
            mentions="axis", why="axis as text"),
    # --- plot_confusion_matrix -----------------------------------------------------------
    BadCall(PLOT + "plot_confusion_matrix", (Y, Y, "normal"), raises=TypeError,
            mentions="class_names", why="one string read as six class names"),
    BadCall(PLOT + "plot_confusion_matrix", ([0, 3], [0, 1], NAMES), mentions="class_names",
            why="a label beyond the named classes"),
    BadCall(PLOT + "plot_confusion_matrix", (Y, P), mentions="y_pred",
            why="probabilities instead of 0/1 decisions"),
    BadCall(PLOT + "plot_confusion_matrix", (Y, Y), {"title": None}, raises=TypeError,
            mentions="title", why="title None"),
    BadCall(PLOT + "plot_confusion_matrix", (Y, Y), {"axis": [None]}, raises=TypeError,
            mentions="axis", why="a list as the axis"),
    # --- plot_precision_recall_curve -----------------------------------------------------
    BadCall(PLOT + "plot_precision_recall_curve", (Y, P), {"operating_point": (0.9, np.nan)},
            mentions="operating_point", why="NaN precision at the operating point"),
    BadCall(PLOT + "plot_precision_recall_curve", (Y, P), {"operating_point": (90, 60)},
            mentions="operating_point", why="operating point in percent"),
    BadCall(PLOT + "plot_precision_recall_curve", (Y, P), {"operating_point": 0.9},
            raises=TypeError, mentions="operating_point", why="one number, not a pair"),
    BadCall(PLOT + "plot_precision_recall_curve", (Y, P), {"operating_point": (0.9, 0.6, 0.5)},
            mentions="operating_point", why="three numbers, not a pair"),
    BadCall(PLOT + "plot_precision_recall_curve", (np.ones(8), P), mentions="y_true",
            why="all positive: AP 1.0 whatever the scores"),
    BadCall(PLOT + "plot_precision_recall_curve", (Y, P), {"label": None}, raises=TypeError,
            mentions="label", why="label None"),
    # --- plot_image_grid -----------------------------------------------------------------
    BadCall(PLOT + "plot_image_grid", (np.zeros((10_000, 2, 2)),), mentions="images",
            why="10,000 images in one figure: minutes and GiB"),
    BadCall(PLOT + "plot_image_grid", (IMAGES,), {"heatmaps": IMAGES * 255}, mentions="heatmaps",
            why="heatmaps scaled to 0-255 (drawn with vmax 1)"),
    BadCall(PLOT + "plot_image_grid", (np.stack([IMAGES] * 3, axis=-1),), mentions="images",
            why="RGB images (only the red channel would be drawn)"),
    BadCall(PLOT + "plot_image_grid", (IMAGES,), {"titles": "abc"}, raises=TypeError,
            mentions="titles", why="one string as three titles"),
    BadCall(PLOT + "plot_image_grid", (IMAGES,), {"titles": ["a", "b"]}, mentions="titles",
            why="fewer titles than images"),
    BadCall(PLOT + "plot_image_grid", (IMAGES,), {"masks": (IMAGES > 0.5) * 255},
            mentions="masks", why="masks saved as 0/255"),
    BadCall(PLOT + "plot_image_grid", (IMAGES,), {"ncols": 0}, mentions="ncols",
            why="zero columns"),
    BadCall(PLOT + "plot_image_grid", (IMAGES,), {"ncols": 2.5}, raises=TypeError,
            mentions="ncols", why="fractional columns"),
    BadCall(PLOT + "plot_image_grid", (IMAGES,), {"cmap": "grayscale"}, mentions="cmap",
            why="a colormap that does not exist"),
    BadCall(PLOT + "plot_image_grid", (IMAGES[0],), mentions="images",
            why="one image without the batch axis"),
    # --- concept diagrams ----------------------------------------------------------------
    BadCall(PLOT + "draw_neuron", (0,), mentions="num_inputs", why="a neuron without inputs"),
    BadCall(PLOT + "draw_neuron", ("3",), raises=TypeError, mentions="num_inputs",
            why="the number of inputs as text"),
    BadCall(PLOT + "draw_neuron", (10**6,), mentions="num_inputs",
            why="a million inputs: an unreadable diagram"),
    BadCall(PLOT + "draw_neuron", (2.5,), raises=TypeError, mentions="num_inputs",
            why="a fractional number of inputs"),
    BadCall(PLOT + "draw_neuron", (), {"axis": "left"}, raises=TypeError, mentions="axis",
            why="axis as text"),
    BadCall(PLOT + "draw_convolution", (), {"image_size": 3, "kernel_size": 5},
            mentions="kernel_size", why="a kernel larger than the image"),
    BadCall(PLOT + "draw_convolution", (), {"image_size": 100}, mentions="image_size",
            why="a 100 x 100 grid: an unreadable diagram"),
    BadCall(PLOT + "draw_convolution", (), {"kernel_size": 0}, mentions="kernel_size",
            why="an empty kernel"),
    BadCall(PLOT + "draw_convolution", (), {"position": (4, 0)}, mentions="position",
            why="a window reaching past the image (only 4 valid rows: 0-3)"),
    BadCall(PLOT + "draw_convolution", (), {"position": (-1, 0)}, mentions="position",
            why="a negative position"),
    BadCall(PLOT + "draw_convolution", (), {"position": 2}, raises=TypeError,
            mentions="position", why="one number, not a pair"),
    BadCall(PLOT + "draw_convolution", (), {"position": (1, 2, 3)}, mentions="position",
            why="three numbers, not a pair"),
    BadCall(PLOT + "draw_convolution", (), {"position": "12"}, raises=TypeError,
            mentions="position", why="a position as text"),
    BadCall(PLOT + "draw_convolution", (), {"position": (1.5, 2)}, raises=TypeError,
            mentions="position", why="a fractional row"),
    BadCall(PLOT + "draw_unrolled_rnn", (0,), mentions="num_steps", why="no time steps"),
    BadCall(PLOT + "draw_unrolled_rnn", (120,), mentions="num_steps",
            why="120 steps: an unreadable diagram"),
    BadCall(PLOT + "draw_unrolled_rnn", (None,), raises=TypeError, mentions="num_steps",
            why="num_steps None"),
    BadCall(PLOT + "draw_lstm_cell", (), {"axis": np.empty(2, dtype=object)}, raises=TypeError,
            mentions="axis", why="the array of axes instead of one axis"),
    # --- valid alternative inputs --------------------------------------------------------
    GoodCall(PLOT + "plot_curves", build=_history, why="a Keras History"),
    GoodCall(PLOT + "plot_curves",
             build=_same_axis(({"loss": pd.Series(LOSSES["training"])},),
                              ({"loss": LOSSES["training"]},), log_y=np.bool_(True)),
             why="a pandas Series as a curve, a NumPy bool"),
    GoodCall(PLOT + "plot_curves",
             build=_same_axis((pd.DataFrame(LOSSES),), (LOSSES,), title="Loss"),
             why="a pandas DataFrame, one curve per column"),
    GoodCall(PLOT + "plot_roc_curve", build=_same_axis((pd.Series(Y), P.tolist()), (Y, P)),
             why="a Series and a list"),
    GoodCall(PLOT + "plot_confusion_matrix",
             build=_same_axis((Y.tolist(), Y), (Y, Y), class_names=["healthy", "ill"]),
             why="class names as a list"),
    GoodCall(PLOT + "draw_convolution",
             build=_same_axis((np.int64(6), np.int64(3), np.array([1, 2])), (6, 3, (1, 2))),
             why="NumPy integers, the position as an array"),
]

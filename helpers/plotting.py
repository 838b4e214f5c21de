"""Plots the notebooks reuse: training curves, ROC and precision-recall curves, confusion
matrices, image grids with masks or heatmaps, and the diagrams of the core concepts (a
neuron, a convolution, an unrolled RNN, an LSTM cell), drawn from code."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike

from helpers.course.validation import (
    as_float_array,
    check_bool,
    check_both_classes,
    check_choice,
    check_integer,
    check_positive_int,
    check_probability,
    check_strings,
    check_text,
    describe,
)
from helpers.evaluation.binary import confusion_counts, labels_and_scores, precision_recall
from helpers.evaluation.multiclass import multiclass_report

if TYPE_CHECKING:
    from keras.callbacks import History
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: Most images ``plot_image_grid`` draws in one figure.
MAX_GRID_IMAGES = 100

#: Most inputs, pixels per side or time steps a concept diagram draws: beyond it, unreadable.
MAX_DIAGRAM_SIZE = 12


def _check_axis(axis: object) -> Axes | None:
    """Return ``axis`` if it is ``None`` or one Matplotlib ``Axes``, or raise a clear error."""
    from matplotlib.axes import Axes

    if axis is not None and not isinstance(axis, Axes):
        hint = " Pick one axis of the array, e.g. axes[0]." if isinstance(axis, np.ndarray) else ""
        raise TypeError(
            f"`axis` must be one Matplotlib Axes (from plt.subplots()) or None, but got "
            f"{describe(axis)}.{hint}"
        )
    return axis


def _named_curves(curves: Any) -> dict[str, np.ndarray]:
    """The curves of a dict or a Keras ``History``, each checked as a 1-D series of numbers."""
    if not isinstance(curves, Mapping) and isinstance(getattr(curves, "history", None), Mapping):
        curves = curves.history  # a Keras History: its dict of per-epoch metrics
    elif hasattr(curves, "columns") and hasattr(curves, "items"):
        curves = dict(curves.items())  # a pandas DataFrame: one curve per column
    if not isinstance(curves, Mapping):
        raise TypeError(
            "`curves` must be a dict of named curves, e.g. {'training loss': "
            "history.history['loss']}, or a Keras History, but got "
            f"{describe(curves)}."
        )
    if not curves:
        raise ValueError("`curves` is empty; pass e.g. {'training loss': history.history['loss']}.")
    named = {}
    for label, values in curves.items():
        if not isinstance(label, str):
            raise TypeError(
                f"`curves` must map names (strings) to values, but has the key {describe(label)}."
            )
        # NaN stays allowed: a diverging loss is drawn with a gap, not hidden
        named[label] = as_float_array(values, f"curves[{label!r}]", ndim=1, allow_nan=True)
    return named


def plot_curves(
    curves: Mapping[str, Sequence[float]] | History,
    ylabel: str = "loss",
    xlabel: str = "epoch",
    title: str = "",
    log_y: bool = False,
    axis: Axes | None = None,
) -> Axes:
    """Plot several named curves (e.g. training and validation loss) on one axis.

    ``curves`` is a dict of name -> values, a Keras ``History`` (all its metrics) or a
    pandas ``DataFrame`` (one curve per column).
    """
    import matplotlib.pyplot as plt

    named = _named_curves(curves)
    for value, name in ((ylabel, "ylabel"), (xlabel, "xlabel"), (title, "title")):
        check_text(value, name, allow_empty=True)
    check_bool(log_y, "log_y")
    axis = _check_axis(axis) or plt.subplots(figsize=(6, 4))[1]
    for label, values in named.items():
        axis.plot(np.arange(1, len(values) + 1), values, label=label)
    axis.set(xlabel=xlabel, ylabel=ylabel, title=title)
    if log_y:
        axis.set_yscale("log")
    axis.legend()
    return axis


def plot_roc_curve(
    y_true: ArrayLike, y_score: ArrayLike, label: str = "model", axis: Axes | None = None
) -> Axes:
    """ROC curve with its AUC in the legend and the chance diagonal."""
    import matplotlib.pyplot as plt
    from sklearn.metrics import roc_auc_score, roc_curve

    labels, scores = labels_and_scores(y_true, y_score)
    check_both_classes(labels, "y_true")
    check_text(label, "label", allow_empty=True)
    axis = _check_axis(axis)
    false_positive_rate, true_positive_rate, _ = roc_curve(labels, scores)
    axis = axis or plt.subplots(figsize=(4.5, 4.5))[1]
    axis.plot(
        false_positive_rate,
        true_positive_rate,
        label=f"{label} (AUC {roc_auc_score(labels, scores):.3f})",
    )
    axis.plot([0, 1], [0, 1], linestyle="--", color="grey", label="chance")
    axis.set(
        xlabel="1 - specificity (false positive rate)",
        ylabel="sensitivity (true positive rate)",
        title="ROC curve",
    )
    axis.legend(loc="lower right")
    return axis


def plot_confusion_matrix(
    y_true: ArrayLike,
    y_pred: ArrayLike,
    class_names: Sequence[str] = ("negative", "positive"),
    axis: Axes | None = None,
    title: str = "Confusion matrix",
) -> Axes:
    """Confusion matrix with counts, rows = truth, columns = prediction, for 2 or more classes.

    ``y_pred`` holds predicted class indices ``0 .. len(class_names) - 1``: for two
    classes the 0/1 decisions (e.g. ``(p >= threshold).astype(int)``), for several the
    argmax of the softmax output. Drawn by scikit-learn's ``ConfusionMatrixDisplay``.
    ``class_names`` is a list or tuple of strings, one per class.
    """
    import matplotlib.pyplot as plt
    from sklearn.metrics import ConfusionMatrixDisplay

    names = list(check_strings(class_names, "class_names"))
    if len(names) < 2:
        raise ValueError(
            f"`class_names` must name at least two classes, got {names}; "
            "e.g. ('healthy', 'diseased')."
        )
    check_text(title, "title", allow_empty=True)
    axis = _check_axis(axis)
    if len(names) == 2:  # 0/1 labels, checked as such (a probability gets a clear error)
        counts = confusion_counts(y_true, y_pred)
        matrix = np.array([[counts["tn"], counts["fp"]], [counts["fn"], counts["tp"]]])
    else:
        matrix = multiclass_report(y_true, y_pred, names).matrix
    side = 4.0 + 0.5 * (len(names) - 2)
    axis = axis or plt.subplots(figsize=(side, side))[1]
    ConfusionMatrixDisplay(matrix, display_labels=names).plot(
        ax=axis,
        cmap="Blues",
        colorbar=False,
        values_format="d",
        text_kw={"fontsize": 14} if len(names) == 2 else None,
    )
    axis.set(xlabel="predicted", ylabel="true", title=title)
    return axis


def plot_precision_recall_curve(
    y_true: ArrayLike,
    y_score: ArrayLike,
    label: str = "model",
    axis: Axes | None = None,
    operating_point: tuple[float, float] | None = None,
) -> Axes:
    """Precision-recall curve with its average precision and the prevalence baseline.

    ``operating_point`` (recall, precision) marks a chosen threshold on the curve.
    """
    import matplotlib.pyplot as plt

    labels, _ = labels_and_scores(y_true, y_score)
    precision, recall, average_precision = precision_recall(y_true, y_score)
    check_text(label, "label", allow_empty=True)
    axis = _check_axis(axis)
    if operating_point is not None:
        if isinstance(operating_point, str) or len(np.shape(operating_point)) != 1:
            raise TypeError(
                "`operating_point` must be a pair (recall, precision), but got "
                f"{describe(operating_point)}."
            )
        point = tuple(operating_point)
        if len(point) != 2:
            raise ValueError(
                f"`operating_point` must be a pair (recall, precision), but holds {len(point)} "
                "values."
            )
        check_probability(point[0], "operating_point (its recall)")
        check_probability(point[1], "operating_point (its precision)")
    axis = axis or plt.subplots(figsize=(4.5, 4.5))[1]
    axis.step(recall, precision, where="post", label=f"{label} (AP {average_precision:.3f})")
    axis.axhline(labels.mean(), linestyle="--", color="grey", label="prevalence (chance)")
    if operating_point is not None:
        axis.plot(*operating_point, "o", color="red", label="operating point")
    axis.set(
        xlabel="recall (sensitivity)",
        ylabel="precision (PPV)",
        title="Precision-recall curve",
        xlim=(0, 1.01),
        ylim=(0, 1.02),
    )
    axis.legend(loc="lower left")
    return axis


def plot_image_grid(
    images: ArrayLike,
    titles: Sequence[str] | None = None,
    masks: ArrayLike | None = None,
    heatmaps: ArrayLike | None = None,
    ncols: int = 6,
    cmap: str = "gray",
) -> Figure:
    """Grey-scale images in a grid; optional lesion outlines (red) and heatmap overlays.

    ``images`` has shape (n, height, width) or (n, height, width, 1), with n at most
    ``MAX_GRID_IMAGES``; ``masks`` (0/1) and ``heatmaps`` (values in [0, 1])
    (n, height, width); ``titles`` one string per image. Returns the figure.
    """
    import matplotlib
    import matplotlib.pyplot as plt

    images = as_float_array(images, "images", ndim=(3, 4))
    if images.ndim == 4:
        if images.shape[-1] != 1:
            raise ValueError(
                f"`images` must be grey-scale, (n, height, width) or (n, height, width, 1), "
                f"but has shape {images.shape}; pick one channel, e.g. images[..., :1]."
            )
        images = images[..., 0]
    if len(images) > MAX_GRID_IMAGES:
        raise ValueError(
            f"`images` holds {len(images)} images; a grid shows at most {MAX_GRID_IMAGES}. "
            "Pass a few, e.g. images[:12]."
        )
    extras = {}
    for name, value, low, high in (("masks", masks, None, None), ("heatmaps", heatmaps, 0.0, 1.0)):
        if value is not None:
            extras[name] = as_float_array(value, name, ndim=3, low=low, high=high)
            if extras[name].shape != images.shape:
                raise ValueError(
                    f"`{name}` has shape {extras[name].shape} but `images` {images.shape}."
                )
    if "masks" in extras and not np.all(np.isin(extras["masks"], (0.0, 1.0))):
        other = extras["masks"][~np.isin(extras["masks"], (0.0, 1.0))].flat[0]
        raise ValueError(
            f"`masks` must be boolean or 0/1, but hold other values such as {other:g}; for "
            "masks saved as 0/255 images pass masks > 0."
        )
    if titles is not None:
        titles = check_strings(titles, "titles", length=len(images))
    ncols = check_positive_int(ncols, "ncols")
    check_choice(cmap, "cmap", sorted(matplotlib.colormaps))
    ncols = min(ncols, len(images))
    nrows = int(np.ceil(len(images) / ncols))
    figure, axes = plt.subplots(nrows, ncols, figsize=(2.2 * ncols, 2.3 * nrows), squeeze=False)
    for index, axis in enumerate(axes.flat):
        axis.axis("off")
        if index >= len(images):
            continue
        axis.imshow(images[index], cmap=cmap)
        if "heatmaps" in extras:
            axis.imshow(extras["heatmaps"][index], cmap="jet", alpha=0.4, vmin=0, vmax=1)
        if "masks" in extras and extras["masks"][index].any():
            axis.contour(extras["masks"][index], levels=[0.5], colors="red", linewidths=1)
        if titles is not None:
            axis.set_title(titles[index], fontsize=9)
    figure.tight_layout()
    return figure


# --- diagrams of the core concepts ----------------------------------------------------------

_BOX = {"boxstyle": "round,pad=0.35", "facecolor": "#dbe9f6", "edgecolor": "#1f4e79"}
_NODE = {"boxstyle": "circle,pad=0.15", "facecolor": "white", "edgecolor": "black"}


def _diagram_axis(axis: object, figsize: tuple[float, float]) -> Axes:
    """The given axis (checked) or a new one, cleared of ticks and frame for a diagram."""
    import matplotlib.pyplot as plt

    axis = _check_axis(axis) or plt.subplots(figsize=figsize)[1]
    axis.set_axis_off()
    return axis


def _arrow(axis: Axes, start: tuple[float, float], end: tuple[float, float], **style: Any) -> None:
    """An arrow from ``start`` to ``end`` (extra ``style`` goes to ``arrowprops``)."""
    props = {"arrowstyle": "-|>", "color": "black", "shrinkA": 0, "shrinkB": 0, **style}
    axis.annotate("", xy=end, xytext=start, arrowprops=props)


def _label(axis: Axes, xy: tuple[float, float], text: str, **style: Any) -> None:
    """Centred text at ``xy``; pass ``bbox=_BOX`` or ``bbox=_NODE`` to draw it as a box."""
    axis.text(*xy, text, ha="center", va="center", fontsize=style.pop("fontsize", 12), **style)


def draw_neuron(num_inputs: int = 3, axis: Axes | None = None) -> Axes:
    """One neuron: inputs x_i, weighted by w_i, summed with a bias b to z, then y = f(z)."""
    from matplotlib.patches import Circle

    num_inputs = check_positive_int(num_inputs, "num_inputs", maximum=MAX_DIAGRAM_SIZE)
    axis = _diagram_axis(axis, (7, max(3.0, 0.3 * num_inputs + 1)))
    height = max(num_inputs - 1, 2) * 0.8
    centre, radius = np.array([3.4 + 0.3 * height, height / 2]), 0.9 + 0.08 * height
    for index, y in enumerate(np.linspace(height, 0, num_inputs), start=1):
        start = np.array([0.3, y])
        direction = (centre - start) / np.linalg.norm(centre - start)
        _label(axis, (0, y), f"$x_{{{index}}}$")
        _arrow(axis, tuple(start), tuple(centre - radius * direction), color="#1f4e79")
        middle = start + 0.25 * (centre - start) + 0.2 * np.array([-direction[1], direction[0]])
        _label(axis, tuple(middle), f"$w_{{{index}}}$", fontsize=10, color="#1f4e79")
    axis.add_patch(Circle(tuple(centre), radius, facecolor="#dbe9f6", edgecolor="#1f4e79", lw=1.5))
    _label(axis, tuple(centre), r"$z = \sum_i w_i x_i + b$", fontsize=9)
    _label(axis, (centre[0], -0.9), "$b$ (bias)", fontsize=10)
    _arrow(axis, (centre[0], -0.7), (centre[0], centre[1] - radius))
    right, unit = centre[0] + radius, radius / 0.9  # where z leaves; the text's scale
    _label(axis, (right + 1.3 * unit, centre[1]), "$f$", bbox=_BOX, fontsize=14)
    _arrow(axis, (right, centre[1]), (right + 1.05 * unit, centre[1]))
    _label(axis, (right + 0.5 * unit, centre[1] + 0.25 * unit), "$z$", fontsize=10)
    _arrow(axis, (right + 1.6 * unit, centre[1]), (right + 2.5 * unit, centre[1]))
    _label(axis, (right + 3.2 * unit, centre[1]), "$y = f(z)$")
    axis.set(xlim=(-0.5, right + 3.9 * unit), ylim=(-1.2, height + 0.4), aspect="equal")
    axis.set_title("one neuron: y = f(w·x + b)")
    return axis


def _check_position(position: object, last: int) -> tuple[int, int]:
    """``position`` as a (row, column) pair of integers, each from 0 to ``last``."""
    if isinstance(position, str) or not isinstance(position, Sequence | np.ndarray):
        raise TypeError(
            f"`position` must be a pair (row, column), e.g. (1, 2), but got {describe(position)}."
        )
    if len(position) != 2:
        raise ValueError(
            f"`position` must be a pair (row, column), but holds {len(position)} values."
        )
    row, column = (
        check_integer(value, f"position (its {part})", low=0, high=last)
        for value, part in zip(position, ("row", "column"))
    )
    return row, column


def draw_convolution(
    image_size: int = 6,
    kernel_size: int = 3,
    position: tuple[int, int] = (1, 2),
    axis: Axes | None = None,
) -> Axes:
    """A kernel window on an input grid and the one output cell it computes ('valid').

    ``position`` (row, column) is where the window's top-left corner lies, which is
    also the output cell's index; the output grid has ``image_size - kernel_size + 1``
    cells per side.
    """
    from matplotlib.patches import Rectangle

    image_size = check_integer(image_size, "image_size", low=2, high=MAX_DIAGRAM_SIZE)
    kernel_size = check_integer(kernel_size, "kernel_size", low=1, high=image_size)
    output_size = image_size - kernel_size + 1
    row, column = _check_position(position, output_size - 1)
    axis = _diagram_axis(axis, (7, 3.5))
    offset = image_size + 3.0  # where the output grid starts
    top = -(image_size - output_size) / 2  # the output grid is centred vertically
    for size, left, upper in ((image_size, 0.0, 0.0), (output_size, offset, top)):
        for r in range(size):
            for c in range(size):
                axis.add_patch(Rectangle((left + c, upper - r - 1), 1, 1, fill=False, lw=0.8))
    window = Rectangle(
        (column, -row - kernel_size),
        kernel_size,
        kernel_size,
        facecolor="#f4a582",
        edgecolor="#b2182b",
        lw=2.5,
        alpha=0.8,
    )
    cell = Rectangle(
        (offset + column, top - row - 1), 1, 1, facecolor="#f4a582", edgecolor="#b2182b", lw=2.5
    )
    axis.add_patch(window)
    axis.add_patch(cell)
    _arrow(
        axis,
        (column + kernel_size, -row - kernel_size / 2),
        (offset + column, top - row - 0.5),
        color="#b2182b",
        connectionstyle="arc3,rad=-0.2",
        lw=1.5,
    )
    _label(
        axis,
        (image_size / 2, 0.6),
        f"input {image_size}×{image_size}, kernel {kernel_size}×{kernel_size}",
        fontsize=10,
    )
    _label(
        axis,
        (offset + output_size / 2, top + 0.6),
        f"output {output_size}×{output_size} ('valid')",
        fontsize=10,
    )
    _label(
        axis,
        ((offset + output_size) / 2, -image_size - 0.8),
        "each output = Σ kernel × window; the window slides by the stride",
        fontsize=10,
    )
    axis.set(xlim=(-0.5, offset + output_size + 0.5), ylim=(-image_size - 1.4, 1.2), aspect="equal")
    return axis


def draw_unrolled_rnn(num_steps: int = 4, axis: Axes | None = None) -> Axes:
    """A recurrent cell folded (with its self-loop) and unrolled over ``num_steps`` steps.

    Every step uses the same weights W_x and W_h; the loss reads the last state and
    backpropagation through time walks the chain back.
    """
    from matplotlib.patches import Arc

    num_steps = check_positive_int(num_steps, "num_steps", maximum=MAX_DIAGRAM_SIZE)
    axis = _diagram_axis(axis, (2.5 + 1.5 * max(num_steps, 4), 3.5))
    # folded: one cell feeding itself
    _label(axis, (0.8, 1.5), "$h_t$", bbox=_BOX)
    _label(axis, (0.8, 0), "$x_t$")
    _arrow(axis, (0.8, 0.25), (0.8, 1.15))
    _label(axis, (1.1, 0.65), "$W_x$", fontsize=9)
    loop, radius = (0.3, 1.5), 0.35  # the self-loop, a circle left of the cell, open at the cell
    axis.add_patch(Arc(loop, 2 * radius, 2 * radius, theta1=40, theta2=310, lw=1.2))
    head = np.radians(295)  # the arrow head closes the loop into the cell
    _arrow(axis, (loop[0] + radius * np.cos(head), loop[1] + radius * np.sin(head)), (0.58, 1.38))
    _label(axis, (-0.35, 1.5), "$W_h$", fontsize=9)
    _label(axis, (2.0, 1.5), "=", fontsize=20)
    # unrolled: the same cell once per step, fed by the previous state
    _label(axis, (2.9, 1.5), "$h_0$")
    for step in range(1, num_steps + 1):
        x = 2.9 + 1.9 * step
        _label(axis, (x, 1.5), f"$h_{{{step}}}$", bbox=_BOX)
        _label(axis, (x, 0), f"$x_{{{step}}}$")
        _arrow(axis, (x, 0.25), (x, 1.15))
        _label(axis, (x + 0.3, 0.65), "$W_x$", fontsize=9)
        _arrow(axis, (x - 1.5, 1.5), (x - 0.4, 1.5))
        _label(axis, (x - 0.95, 1.72), "$W_h$", fontsize=9)
    last = 2.9 + 1.9 * num_steps
    right = max(last, 8.6)  # room for the texts even for one or two steps
    _label(axis, (last, 3.0), "loss $L$", bbox={**_BOX, "facecolor": "#fde0dd"})
    _arrow(axis, (last, 1.85), (last, 2.7))
    _arrow(axis, (last - 0.6, 3.0), (3.2, 3.0), color="#b2182b", linestyle="--")
    _label(
        axis,
        (max(last / 2 + 1.3, 4.5), 3.45),
        "backpropagation through time: ∂L flows back through every $W_h$",
        fontsize=9,
        color="#b2182b",
    )
    axis.set(xlim=(-0.8, right + 0.8), ylim=(-0.4, 3.7), aspect="equal")
    axis.set_title("a recurrent layer, folded and unrolled: the same weights at every step")
    return axis


def draw_lstm_cell(axis: Axes | None = None) -> Axes:
    """One LSTM step: the cell-state line along the top, the gates f, i, g, o below it."""
    axis = _diagram_axis(axis, (8, 4))
    top, gates, bus = 4.0, 1.5, 0.3  # heights of the cell line, the gate boxes, the input
    # the cell state: kept by f_t, written to by i_t ⊙ g_t; additions only, no matrix
    axis.plot([0.9, 9.3], [top, top], color="#b2182b", lw=2.5, zorder=0)
    _label(axis, (0.4, top), "$c_{t-1}$")
    _arrow(axis, (9.0, top), (9.5, top), color="#b2182b", lw=2.5)
    _label(axis, (9.9, top), "$c_t$")
    _label(axis, (2.5, top), r"$\times$", bbox=_NODE)
    _label(axis, (5.5, top), "$+$", bbox=_NODE)
    # the gates, each reading [h_{t-1}, x_t]
    axis.plot([1.6, 7.6], [bus, bus], color="black", lw=1.2)
    _label(axis, (0.6, bus), "$[h_{t-1}, x_t]$", fontsize=11)
    texts = (r"$f_t\ (\sigma)$", r"$i_t\ (\sigma)$", r"$g_t\ (\tanh)$", r"$o_t\ (\sigma)$")
    for x, text in zip((2.5, 4.2, 5.5, 7.6), texts):
        _arrow(axis, (x, bus), (x, gates - 0.3))
        _label(axis, (x, gates), text, bbox=_BOX, fontsize=11)
    _arrow(axis, (2.5, gates + 0.3), (2.5, top - 0.25))  # f_t scales the old cell
    _label(axis, (5.5, 2.75), r"$\times$", bbox=_NODE)  # i_t ⊙ g_t, added to the cell
    _arrow(axis, (4.2, gates + 0.3), (5.3, 2.6))
    _arrow(axis, (5.5, gates + 0.3), (5.5, 2.5))
    _arrow(axis, (5.5, 3.0), (5.5, top - 0.25))
    _label(axis, (6.25, 3.35), r"$i_t \odot g_t$", fontsize=10)
    # the output: h_t = o_t ⊙ tanh(c_t)
    _arrow(axis, (8.6, top), (8.6, 3.25))
    _label(axis, (8.6, 3.0), r"$\tanh$", bbox=_BOX, fontsize=10)
    _arrow(axis, (8.6, 2.75), (8.6, 2.2))
    _label(axis, (8.6, 2.0), r"$\times$", bbox=_NODE)
    _arrow(axis, (7.6, gates + 0.3), (8.4, 1.9))
    _arrow(axis, (8.85, 2.0), (9.5, 2.0))
    _label(axis, (9.9, 2.0), "$h_t$")
    _label(axis, (9.45, 1.5), r"$h_t = o_t \odot \tanh(c_t)$", fontsize=10)
    _label(
        axis,
        (5.0, top + 0.55),
        r"the additive path: $c_t = f_t \odot c_{t-1} + i_t \odot g_t$ "
        "lets gradients pass across many steps",
        fontsize=10,
        color="#b2182b",
    )
    axis.set(xlim=(-0.3, 10.4), ylim=(-0.1, top + 0.9))
    axis.set_title("an LSTM cell")
    return axis

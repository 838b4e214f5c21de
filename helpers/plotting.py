"""Plots the notebooks reuse: training curves, ROC and precision-recall curves, confusion
matrices, and image grids with masks or heatmaps."""

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

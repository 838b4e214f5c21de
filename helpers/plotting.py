"""Plots the notebooks reuse: training curves, ROC and precision-recall curves, confusion
matrices, and image grids with masks or heatmaps."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike

from helpers.course.validation import as_float_array
from helpers.evaluation.binary import confusion_counts, labels_and_scores, precision_recall
from helpers.evaluation.multiclass import confusion_matrix

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


def plot_curves(
    curves: Mapping[str, Sequence[float]],
    ylabel: str = "loss",
    xlabel: str = "epoch",
    title: str = "",
    log_y: bool = False,
    axis: Axes | None = None,
) -> Axes:
    """Plot several named curves (e.g. training and validation loss) on one axis."""
    import matplotlib.pyplot as plt

    if not curves:
        raise ValueError("`curves` is empty; pass e.g. {'training loss': history['loss']}.")
    axis = axis or plt.subplots(figsize=(6, 4))[1]
    for label, values in curves.items():
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
    """
    import matplotlib.pyplot as plt
    from sklearn.metrics import ConfusionMatrixDisplay

    names = [str(name) for name in class_names]
    if len(names) < 2:
        raise ValueError(
            f"`class_names` must name at least two classes, got {names}; "
            "e.g. ('healthy', 'diseased')."
        )
    if len(names) == 2:  # 0/1 labels, checked as such (a probability gets a clear error)
        counts = confusion_counts(y_true, y_pred)
        matrix = np.array([[counts["tn"], counts["fp"]], [counts["fn"], counts["tp"]]])
    else:
        matrix = confusion_matrix(y_true, y_pred, len(names))
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

    ``images`` has shape (n, height, width) or (n, height, width, 1); ``masks`` and
    ``heatmaps`` (n, height, width). Returns the figure.
    """
    import matplotlib.pyplot as plt

    images = as_float_array(images, "images", ndim=(3, 4))
    if images.ndim == 4:
        images = images[..., 0]
    extras = {}
    for name, value in (("masks", masks), ("heatmaps", heatmaps)):
        if value is not None:
            extras[name] = as_float_array(value, name, ndim=3)
            if extras[name].shape != images.shape:
                raise ValueError(
                    f"`{name}` has shape {extras[name].shape} but `images` {images.shape}."
                )
    if titles is not None and len(titles) != len(images):
        raise ValueError(f"{len(titles)} titles for {len(images)} images.")
    ncols = max(1, min(ncols, len(images)))
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

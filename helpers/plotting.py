"""Plots the notebooks reuse: training curves, ROC curves, confusion matrices."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from helpers.metrics import confusion_counts, labels_and_scores


def plot_curves(
    curves: Mapping[str, Sequence[float]],
    ylabel: str = "loss",
    xlabel: str = "epoch",
    title: str = "",
    log_y: bool = False,
    axis=None,
):
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


def plot_roc_curve(y_true: object, y_score: object, label: str = "model", axis=None):
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
    y_true: object, y_pred: object, class_names: Sequence[str] = ("negative", "positive"), axis=None
):
    """2x2 confusion matrix with counts, rows = truth, columns = prediction."""
    import matplotlib.pyplot as plt

    counts = confusion_counts(y_true, y_pred)
    matrix = np.array([[counts["tn"], counts["fp"]], [counts["fn"], counts["tp"]]])
    axis = axis or plt.subplots(figsize=(4, 4))[1]
    axis.imshow(matrix, cmap="Blues")
    for (row, column), value in np.ndenumerate(matrix):
        axis.text(
            column,
            row,
            str(value),
            ha="center",
            va="center",
            fontsize=14,
            color="white" if value > matrix.max() / 2 else "black",
        )
    axis.set(
        xticks=[0, 1],
        yticks=[0, 1],
        xticklabels=class_names,
        yticklabels=class_names,
        xlabel="predicted",
        ylabel="true",
        title="Confusion matrix",
    )
    return axis

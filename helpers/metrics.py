"""Clinical metrics for binary diagnosis: sensitivity, specificity, AUC and friends."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np

from helpers.validation import as_binary_labels, as_float_array, check_same_length


def labels_and_scores(y_true: object, y_score: object) -> tuple[np.ndarray, np.ndarray]:
    """Validate 0/1 labels and one score per sample; return both as 1-D arrays."""
    labels = as_binary_labels(y_true, "y_true")
    scores = as_float_array(y_score, "y_score", ndim=(1, 2))
    if scores.ndim == 2:
        if scores.shape[1] != 1:
            raise ValueError(
                f"`y_score` must be one score per sample, but has shape {scores.shape}. "
                "For a two-column softmax output pass its second column."
            )
        scores = scores[:, 0]
    check_same_length(labels, scores, ("y_true", "y_score"))
    return labels, scores


def confusion_counts(y_true: object, y_pred: object) -> dict[str, int]:
    """True/false positives and negatives for 0/1 labels and 0/1 predictions."""
    labels = as_binary_labels(y_true, "y_true")
    predictions = as_binary_labels(y_pred, "y_pred")
    check_same_length(labels, predictions, ("y_true", "y_pred"))
    return {
        "tp": int(np.sum((labels == 1) & (predictions == 1))),
        "fp": int(np.sum((labels == 0) & (predictions == 1))),
        "tn": int(np.sum((labels == 0) & (predictions == 0))),
        "fn": int(np.sum((labels == 1) & (predictions == 0))),
    }


def _ratio(numerator: int, denominator: int) -> float:
    return numerator / denominator if denominator else float("nan")


@dataclass(frozen=True)
class BinaryReport:
    """Clinical summary of a binary classifier at one threshold."""

    threshold: float
    accuracy: float
    sensitivity: float
    specificity: float
    ppv: float
    npv: float
    auc: float
    tp: int
    fp: int
    tn: int
    fn: int

    def as_dict(self) -> dict[str, float | int]:
        """The report as a plain dictionary."""
        return asdict(self)

    def __str__(self) -> str:
        return (
            f"threshold {self.threshold:.2f}: accuracy {self.accuracy:.3f}, "
            f"sensitivity {self.sensitivity:.3f}, specificity {self.specificity:.3f}, "
            f"PPV {self.ppv:.3f}, NPV {self.npv:.3f}, ROC AUC {self.auc:.3f} "
            f"(TP {self.tp}, FP {self.fp}, TN {self.tn}, FN {self.fn})"
        )


def binary_report(y_true: object, y_score: object, threshold: float = 0.5) -> BinaryReport:
    """Accuracy, sensitivity, specificity, PPV, NPV and ROC AUC at ``threshold``.

    ``y_score`` holds predicted probabilities (or any score where higher means
    more likely diseased); a sample is called positive when its score >= threshold.
    """
    from sklearn.metrics import roc_auc_score

    labels, scores = labels_and_scores(y_true, y_score)
    if labels.min() == labels.max():
        raise ValueError(
            "`y_true` holds only one class, so sensitivity, specificity and AUC are "
            "undefined. Evaluate on a split that contains both diseased and healthy cases."
        )
    counts = confusion_counts(labels, (scores >= threshold).astype(int))
    tp, fp, tn, fn = counts["tp"], counts["fp"], counts["tn"], counts["fn"]
    return BinaryReport(
        threshold=float(threshold),
        accuracy=(tp + tn) / len(labels),
        sensitivity=_ratio(tp, tp + fn),
        specificity=_ratio(tn, tn + fp),
        ppv=_ratio(tp, tp + fp),
        npv=_ratio(tn, tn + fn),
        auc=float(roc_auc_score(labels, scores)),
        **counts,
    )


def positive_predictive_value(sensitivity: float, specificity: float, prevalence: float) -> float:
    """Probability of disease after a positive result (Bayes' rule).

    PPV = sens * prev / (sens * prev + (1 - spec) * (1 - prev)). A good test for a
    rare disease still produces mostly false alarms: this is why.
    """
    for value, name in (
        (sensitivity, "sensitivity"),
        (specificity, "specificity"),
        (prevalence, "prevalence"),
    ):
        if not 0.0 <= float(value) <= 1.0:
            raise ValueError(f"`{name}` must be a proportion between 0 and 1, got {value}.")
    true_positive_share = sensitivity * prevalence
    positive_share = true_positive_share + (1.0 - specificity) * (1.0 - prevalence)
    return true_positive_share / positive_share if positive_share > 0 else float("nan")

"""Clinical metrics for binary diagnosis: sensitivity, specificity, AUC and friends."""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from helpers.course.validation import (
    as_binary_labels,
    as_float_array,
    check_both_classes,
    check_budget,
    check_fraction,
    check_number,
    check_positive_int,
    check_probability,
    check_same_length,
    check_seed,
)

#: Most bootstrap resamples ``bootstrap_auc_ci`` draws (1,000 to 10,000 are usual).
MAX_RESAMPLES = 100_000


def labels_and_scores(
    y_true: ArrayLike, y_score: ArrayLike
) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
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


def confusion_counts(y_true: ArrayLike, y_pred: ArrayLike) -> dict[str, int]:
    """True/false positives and negatives for 0/1 labels and 0/1 predictions.

    The four cells of ``sklearn.metrics.confusion_matrix`` with labels (0, 1).
    """
    from sklearn.metrics import confusion_matrix

    labels = as_binary_labels(y_true, "y_true")
    predictions = as_binary_labels(y_pred, "y_pred")
    check_same_length(labels, predictions, ("y_true", "y_pred"))
    tn, fp, fn, tp = confusion_matrix(labels, predictions, labels=[0, 1]).ravel().tolist()
    return {"tp": tp, "fp": fp, "tn": tn, "fn": fn}


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


def binary_report(y_true: ArrayLike, y_score: ArrayLike, threshold: float = 0.5) -> BinaryReport:
    """Accuracy, sensitivity, specificity, PPV, NPV and ROC AUC at ``threshold``.

    ``y_score`` holds predicted probabilities (or any score where higher means
    more likely diseased); a sample is called positive when its score >= threshold.
    A threshold outside [0, 1] for scores that all lie in [0, 1] is refused: it would
    call every sample the same (a percentage, 50, passed for a probability, 0.5).
    """
    from sklearn.metrics import roc_auc_score

    threshold = check_number(threshold, "threshold")
    labels, scores = labels_and_scores(y_true, y_score)
    check_both_classes(labels, "y_true")
    if not 0.0 <= threshold <= 1.0 and scores.min() >= 0.0 and scores.max() <= 1.0:
        raise ValueError(
            f"`threshold` is {threshold:g} but `y_score` holds probabilities in [0, 1], so "
            "every sample would get the same call. Pass the threshold as a probability "
            "(e.g. 0.5, not 50)."
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
        check_probability(value, name)
    true_positive_share = sensitivity * prevalence
    positive_share = true_positive_share + (1.0 - specificity) * (1.0 - prevalence)
    return true_positive_share / positive_share if positive_share > 0 else float("nan")


def _auc_by_ranks(labels: NDArray[np.int64], scores: NDArray[np.float64]) -> NDArray[np.float64]:
    """ROC AUC of each row via the Mann-Whitney rank formula (ties count one half)."""
    from scipy.stats import rankdata

    ranks = rankdata(scores, axis=-1)
    positives = labels.sum(axis=-1)
    negatives = labels.shape[-1] - positives
    rank_sum = np.sum(ranks * labels, axis=-1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return (rank_sum - positives * (positives + 1) / 2) / (positives * negatives)


def bootstrap_auc_ci(
    y_true: ArrayLike,
    y_score: ArrayLike,
    num_resamples: int = 1000,
    confidence: float = 0.95,
    seed: int = 0,
) -> tuple[float, float, float]:
    """ROC AUC and its percentile bootstrap confidence interval: ``(auc, low, high)``.

    The test patients are resampled with replacement ``num_resamples`` times and the
    AUC recomputed on each resample; the interval holds the middle ``confidence``
    share of those AUCs. Resamples that happen to contain one class only are skipped.
    ``num_resamples`` is at most ``MAX_RESAMPLES``, and resamples times samples must fit
    the memory budget (it also bounds the time the ranking takes).
    """
    num_resamples = check_positive_int(num_resamples, "num_resamples", maximum=MAX_RESAMPLES)
    check_fraction(confidence, "confidence")
    seed = check_seed(seed)
    labels, scores = labels_and_scores(y_true, y_score)
    check_both_classes(labels, "y_true")
    check_budget(num_resamples * len(labels), "`num_resamples` (resamples x samples)")
    rng = np.random.default_rng(seed)
    auc = float(_auc_by_ranks(labels, scores))
    chunks = []
    for start in range(0, num_resamples, 200):  # chunks keep memory small for big test sets
        rows = rng.integers(0, len(labels), size=(min(200, num_resamples - start), len(labels)))
        chunks.append(_auc_by_ranks(labels[rows], scores[rows]))
    aucs = np.concatenate(chunks)
    aucs = aucs[np.isfinite(aucs)]
    if aucs.size < 0.9 * num_resamples:
        raise ValueError(
            "Too few resamples contain both classes to bootstrap the AUC; the evaluation "
            "set is too small or has almost no cases of one class."
        )
    tail = (1.0 - confidence) / 2.0
    low, high = np.quantile(aucs, [tail, 1.0 - tail])
    return auc, float(low), float(high)


def threshold_for_sensitivity(
    y_true: ArrayLike, y_score: ArrayLike, target_sensitivity: float = 0.95
) -> float:
    """The highest threshold whose sensitivity on these data is at least the target.

    Choose it on the *validation* split and then report sensitivity and specificity at
    that threshold on the test split: choosing it on the test split would make the
    reported sensitivity look guaranteed when it is not.
    """
    labels, scores = labels_and_scores(y_true, y_score)
    check_number(target_sensitivity, "target_sensitivity", low=0.0, high=1.0, low_open=True)
    positive_scores = np.sort(scores[labels == 1])[::-1]
    if positive_scores.size == 0:
        raise ValueError("`y_true` holds no positive case, so sensitivity is undefined.")
    needed = int(np.ceil(target_sensitivity * positive_scores.size - 1e-9))
    return float(positive_scores[max(needed, 1) - 1])


def precision_recall(
    y_true: ArrayLike, y_score: ArrayLike
) -> tuple[NDArray[np.float64], NDArray[np.float64], float]:
    """Precision (PPV) and recall (sensitivity) at every threshold, and average precision.

    Returns ``(precision, recall, average_precision)``. With few positives a
    precision-recall curve shows what an ROC curve hides: how many alarms are false.
    """
    from sklearn.metrics import average_precision_score, precision_recall_curve

    labels, scores = labels_and_scores(y_true, y_score)
    if labels.max() == 0:
        raise ValueError("`y_true` holds no positive case, so precision and recall are undefined.")
    check_both_classes(labels, "y_true")  # all positive: precision 1 everywhere, AP 1.0
    precision, recall, _ = precision_recall_curve(labels, scores)
    return precision, recall, float(average_precision_score(labels, scores))


def precision_at_k(y_true: ArrayLike, y_score: ArrayLike, k: int) -> float:
    """Share of true positives among the ``k`` highest-scored samples.

    How candidates are shortlisted when only ``k`` can be tested (epitopes sent to the
    lab, patients called back). Scores tied with the k-th highest are shared out evenly:
    the result is the expected precision when the tie is broken at random, so it does not
    depend on the order of the samples.
    """
    labels, scores = labels_and_scores(y_true, y_score)
    k = check_positive_int(k, "k", maximum=len(labels))
    kth = np.sort(scores)[::-1][k - 1]
    above = scores > kth
    tied = scores == kth
    from_tie = (k - int(above.sum())) * labels[tied].mean()
    return float((labels[above].sum() + from_tie) / k)

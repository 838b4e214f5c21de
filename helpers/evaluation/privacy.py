"""Does a generator leak its training patients? Closest-record distances and membership inference.

Synthetic patients are meant to resemble the *population*, not particular patients.
Three measurements, all in the feature space the generator was trained in:

- **Distance to the closest record (DCR)**: for each synthetic row, the Euclidean
  distance to its nearest *training* row, compared with the same distance for
  *held-out* real patients (new patients from the same population). Synthetic rows
  much closer to the training rows than new patients are has memorised them.
- **Copies**: synthetic rows whose DCR is below ``copy_fraction`` times the median
  held-out DCR are flagged as (near) copies of a training patient.
- **Membership inference** (a distance attack): an attacker holding a patient's record
  and the synthetic data guesses "this patient was in the training set" when the
  record lies close to some synthetic row. Its ROC AUC over training patients
  (members) and held-out patients (non-members) is 0.5 when the synthetic data reveal
  nothing about membership and 1.0 when they reveal it completely.

Notebook 10 judges GAN, Gaussian and SMOTE patients with these; notebook 14 reuses them.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from helpers.course.validation import as_float_array, check_budget, check_fraction

#: Flag a generator when more than this share of its rows are copies ...
MAX_COPY_SHARE = 0.05
#: ... or when its median DCR is below this share of the held-out patients' median DCR.
MIN_DCR_RATIO = 0.5


def _rows(value: ArrayLike, name: str) -> NDArray[np.float64]:
    rows = as_float_array(value, name, ndim=2)
    if rows.shape[0] == 0 or rows.shape[1] == 0:
        raise ValueError(f"`{name}` is empty (shape {rows.shape}); pass at least one row.")
    return rows


def _same_width(arrays: dict[str, NDArray[np.float64]]) -> None:
    widths = {name: array.shape[1] for name, array in arrays.items()}
    if len(set(widths.values())) > 1:
        listed = ", ".join(f"`{name}` {width}" for name, width in widths.items())
        raise ValueError(
            f"The rows must have the same features, but the numbers of columns differ: {listed}. "
            "Use the same genes (and the same scaling) for all of them."
        )


def closest_record_distances(samples: ArrayLike, reference: ArrayLike) -> NDArray[np.float64]:
    """For each row of ``samples``, the Euclidean distance to its nearest row of ``reference``.

    Uses ``|a - b|^2 = |a|^2 + |b|^2 - 2 a.b`` in blocks, so memory stays bounded.
    """
    queries, records = _rows(samples, "samples"), _rows(reference, "reference")
    _same_width({"samples": queries, "reference": records})
    check_budget(float(len(queries)) * len(records), "samples x reference (distance matrix)")
    record_norms = (records**2).sum(axis=1)
    nearest = np.empty(len(queries))
    block = max(1, 2**22 // len(records))
    for start in range(0, len(queries), block):
        chunk = queries[start : start + block]
        squared = (chunk**2).sum(1)[:, None] + record_norms[None, :] - 2.0 * chunk @ records.T
        nearest[start : start + block] = np.sqrt(np.maximum(squared.min(axis=1), 0.0))
    return nearest


def membership_inference_auc(
    synthetic: ArrayLike, members: ArrayLike, non_members: ArrayLike
) -> float:
    """ROC AUC of the distance attack: members (training rows) vs non-members (held out).

    Each candidate's score is minus its distance to the nearest synthetic row (closer =
    "was in training"). 0.5: the synthetic rows reveal nothing; 1.0: they reveal every
    member. Ties count one half.
    """
    from sklearn.metrics import roc_auc_score

    generated = _rows(synthetic, "synthetic")
    inside, outside = _rows(members, "members"), _rows(non_members, "non_members")
    _same_width({"synthetic": generated, "members": inside, "non_members": outside})
    scores = -np.concatenate(
        [closest_record_distances(inside, generated), closest_record_distances(outside, generated)]
    )
    truth = np.r_[np.ones(len(inside)), np.zeros(len(outside))]
    return float(roc_auc_score(truth, scores))


@dataclass(frozen=True)
class PrivacyReport:
    """Closest-record distances, copies and the membership attack for one synthetic set."""

    median_dcr_synthetic: float
    median_dcr_holdout: float
    dcr_ratio: float
    copy_share: float
    num_copies: int
    membership_auc: float
    flagged: bool

    def as_dict(self) -> dict[str, float | int | bool]:
        """The report as a plain dictionary."""
        return asdict(self)

    def __str__(self) -> str:
        verdict = "FLAGGED: it reproduces training patients" if self.flagged else "not flagged"
        return (
            f"median DCR {self.median_dcr_synthetic:.2f} vs held-out {self.median_dcr_holdout:.2f} "
            f"(ratio {self.dcr_ratio:.2f}), {self.num_copies} copies ({self.copy_share:.0%}), "
            f"membership AUC {self.membership_auc:.2f}: {verdict}"
        )


def privacy_report(
    synthetic: ArrayLike,
    training: ArrayLike,
    holdout: ArrayLike,
    copy_fraction: float = 0.1,
) -> PrivacyReport:
    """Judge ``synthetic`` rows against the ``training`` rows they were made from.

    ``holdout`` are real patients the generator never saw. A synthetic row is a copy when
    its distance to the nearest training row is below ``copy_fraction`` times the median
    distance of held-out patients to theirs. The set is ``flagged`` when more than
    ``MAX_COPY_SHARE`` of its rows are copies or its median DCR is below ``MIN_DCR_RATIO``
    times the held-out median.
    """
    generated = _rows(synthetic, "synthetic")
    train, held_out = _rows(training, "training"), _rows(holdout, "holdout")
    _same_width({"synthetic": generated, "training": train, "holdout": held_out})
    copy_fraction = check_fraction(copy_fraction, "copy_fraction")
    synthetic_dcr = closest_record_distances(generated, train)
    holdout_dcr = closest_record_distances(held_out, train)
    holdout_median = float(np.median(holdout_dcr))
    if holdout_median == 0.0:
        raise ValueError(
            "`holdout` patients lie exactly on `training` rows (median distance 0): the "
            "held-out set must hold patients that are not in the training set."
        )
    median = float(np.median(synthetic_dcr))
    copies = int(np.sum(synthetic_dcr < copy_fraction * holdout_median))
    ratio = median / holdout_median
    share = copies / len(generated)
    return PrivacyReport(
        median_dcr_synthetic=median,
        median_dcr_holdout=holdout_median,
        dcr_ratio=ratio,
        copy_share=share,
        num_copies=copies,
        membership_auc=membership_inference_auc(generated, train, held_out),
        flagged=bool(share > MAX_COPY_SHARE or ratio < MIN_DCR_RATIO),
    )

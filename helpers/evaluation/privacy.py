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

from helpers.course.validation import (
    as_float_array,
    check_budget,
    check_fraction,
    check_number,
    check_positive_int,
)

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


# --- differential privacy: the privacy spent by DP-SGD, and a loss-threshold attack -----------
#
# Renyi differential privacy (RDP, Mironov 2017) of order alpha bounds the Renyi divergence
# between a mechanism's outputs on neighbouring data sets. The Gaussian mechanism with noise
# multiplier sigma has RDP alpha / (2 sigma^2) at every order; T steps compose by adding.
# An RDP curve becomes (epsilon, delta)-DP by the conversion of Canonne, Kamath and Steinke
# (2020) / Asoodeh et al. (2020), the one dp-accounting 0.6 uses:
#     epsilon = min over alpha of
#               rdp(alpha) + log((alpha - 1) / alpha) - log(delta alpha) / (alpha - 1)
# (the classic conversion rdp(alpha) + log(1 / delta) / (alpha - 1) of Mironov 2017 is looser).

#: RDP orders: the integer part of dp-accounting 0.6's defaults. Its fractional orders
#: (1.1 ... 10.9) make the subsampled accountant slow and warn for small noise, and matter
#: only for tiny epsilons.
RDP_ORDERS = tuple(float(order) for order in [*range(2, 64), 128, 256, 512, 1024])


def _orders(orders: ArrayLike) -> NDArray[np.float64]:
    values = as_float_array(orders, "orders", ndim=1)
    if np.any(values <= 1.0):
        raise ValueError(
            f"`orders` must be Renyi orders above 1, but the smallest is {values.min():g}; "
            "use e.g. helpers.evaluation.privacy.RDP_ORDERS."
        )
    return values


def _delta(delta: float) -> float:
    return check_number(delta, "delta", low=0.0, high=1.0, low_open=True, high_open=True)


def gaussian_rdp(
    noise_multiplier: float, orders: ArrayLike = RDP_ORDERS, steps: int = 1
) -> NDArray[np.float64]:
    """RDP of ``steps`` Gaussian mechanisms (no subsampling): steps * alpha / (2 sigma^2)."""
    sigma = check_number(noise_multiplier, "noise_multiplier", low=0.0, low_open=True)
    steps = check_positive_int(steps, "steps")
    return steps * _orders(orders) / (2.0 * sigma**2)


def rdp_to_epsilon(orders: ArrayLike, rdp: ArrayLike, delta: float) -> tuple[float, float]:
    """(epsilon, best order): an RDP curve as (epsilon, delta)-DP, as dp-accounting 0.6 converts.

    epsilon = min_alpha rdp + log1p(-1/alpha) - log(delta alpha) / (alpha - 1); where
    delta^2 + expm1(-rdp) > 0 the KL bound already gives epsilon 0 (as in the library).
    Orders at or below 1.01 are skipped, as the library does (the bound is unstable there).
    """
    alphas = _orders(orders)
    values = as_float_array(rdp, "rdp", ndim=1, low=0.0)
    delta = _delta(delta)
    if values.shape != alphas.shape:
        raise ValueError(
            f"`rdp` holds {len(values)} values but `orders` {len(alphas)}: one RDP value per order."
        )
    with np.errstate(divide="ignore", invalid="ignore"):
        eps = values + np.log1p(-1.0 / alphas) - np.log(delta * alphas) / (alphas - 1.0)
    eps = np.where(alphas > 1.01, eps, np.inf)
    eps = np.where(delta**2 + np.expm1(-values) > 0, 0.0, eps)
    best = int(np.argmin(eps))
    return max(0.0, float(eps[best])), float(alphas[best])


def _sampling_rate(sampling_rate: float) -> float:
    return check_number(sampling_rate, "sampling_rate", low=0.0, high=1.0, low_open=True)


def dp_sgd_epsilon(
    noise_multiplier: float, sampling_rate: float, steps: int, delta: float
) -> float:
    """Epsilon spent by DP-SGD with Poisson sampling, from dp-accounting's RDP accountant.

    ``sampling_rate`` q in (0, 1] (q = 1: every example in every step, no subsampling),
    ``steps`` T >= 1, noise multiplier sigma > 0, ``delta`` in (0, 1).
    """
    import dp_accounting  # type: ignore[import-untyped]

    sigma = check_number(noise_multiplier, "noise_multiplier", low=0.0, low_open=True)
    rate = _sampling_rate(sampling_rate)
    steps = check_positive_int(steps, "steps")
    delta = _delta(delta)
    event = dp_accounting.PoissonSampledDpEvent(rate, dp_accounting.GaussianDpEvent(sigma))
    accountant = dp_accounting.rdp.RdpAccountant(list(RDP_ORDERS))
    accountant.compose(dp_accounting.SelfComposedDpEvent(event, steps))
    return float(accountant.get_epsilon(delta))


def noise_for_epsilon(
    target_epsilon: float,
    sampling_rate: float,
    steps: int,
    delta: float,
    tolerance: float = 1e-3,
) -> float:
    """The smallest noise multiplier whose DP-SGD spends at most ``target_epsilon`` (bisection).

    Epsilon falls as sigma grows, so the answer is bracketed between 0.1 and 1000 and
    halved until the bracket is narrower than ``tolerance`` (relative).
    """
    target = check_number(target_epsilon, "target_epsilon", low=0.0, low_open=True)
    rate, delta = _sampling_rate(sampling_rate), _delta(delta)
    steps = check_positive_int(steps, "steps")
    tolerance = check_number(tolerance, "tolerance", low=0.0, high=0.1, low_open=True)
    low, high = 0.1, 1000.0
    if dp_sgd_epsilon(high, rate, steps, delta) > target:
        raise ValueError(
            f"`target_epsilon` {target:g} needs a noise multiplier above {high:g} for {steps} "
            f"steps at sampling rate {rate:g}: ask for a larger epsilon or fewer steps."
        )
    if dp_sgd_epsilon(low, rate, steps, delta) <= target:
        return low
    while high - low > tolerance * low:
        middle = (low + high) / 2
        low, high = (
            (low, middle)
            if dp_sgd_epsilon(middle, rate, steps, delta) <= target
            else (middle, high)
        )
    return high


def loss_membership_auc(member_losses: ArrayLike, non_member_losses: ArrayLike) -> float:
    """ROC AUC of the loss-threshold attack (Yeom et al. 2018): low loss = "was in training".

    ``member_losses``: the model's per-example losses on its training rows;
    ``non_member_losses``: on rows it never saw. 0.5: the losses reveal nothing.
    """
    from sklearn.metrics import roc_auc_score

    inside = as_float_array(member_losses, "member_losses", ndim=1)
    outside = as_float_array(non_member_losses, "non_member_losses", ndim=1)
    truth = np.r_[np.ones(len(inside)), np.zeros(len(outside))]
    return float(roc_auc_score(truth, -np.r_[inside, outside]))

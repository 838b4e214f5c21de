"""Exercise self-checks of notebook 13 (hyperparameter tuning and scaling)."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from helpers.checks.engine import Student, run_check

_RNG = np.random.default_rng(13)


def _log_uniform(low: float, high: float, size: int, seed: int) -> NDArray[np.float64]:
    """Reference: 10 ** uniform(log10(low), log10(high)), one call of rng.uniform."""
    rng = np.random.default_rng(seed)
    return np.asarray(10.0 ** rng.uniform(np.log10(low), np.log10(high), size))


def check_log_uniform(student: Student) -> bool:
    """Exercise 1 of notebook 13: ``log_uniform(low, high, size, seed)``.

    Draws whose base-10 logarithm is uniform between log10(low) and log10(high), from one
    call of ``np.random.default_rng(seed).uniform`` (the natural logarithm gives the same
    draws).
    """
    cases = [
        ("learning rates from 1e-4 to 1e-1", (1e-4, 1e-1, 6, 0)),
        ("a narrow range from 1e-3 to 3e-3", (1e-3, 3e-3, 5, 1)),
        ("one draw between 0.5 and 50", (0.5, 50.0, 1, 2)),
    ]
    return run_check(
        "log_uniform",
        student,
        _log_uniform,
        cases,
        "make rng = np.random.default_rng(seed), draw the exponent uniformly, "
        "rng.uniform(np.log10(low), np.log10(high), size), then "
        "return 10 ** exponent. rng.uniform(low, high) samples the rate itself uniformly, "
        "and np.log10 of the bounds must not be forgotten.",
    )


def _selection_gap(
    selection_scores: NDArray[np.float64], fresh_scores: NDArray[np.float64]
) -> float:
    """Reference: the best-by-selection configuration's selection minus fresh score."""
    chosen = int(np.argmax(selection_scores))
    return float(selection_scores[chosen] - fresh_scores[chosen])


def check_selection_gap(student: Student) -> bool:
    """Exercise 2 of notebook 13: ``selection_gap(selection_scores, fresh_scores)``.

    The configuration with the highest selection score is chosen; the answer is its
    selection score minus its score on fresh data (the optimism of the winner).
    """
    selection = _RNG.uniform(0.85, 0.95, size=12)
    cases = [
        (
            "the winner is also best on fresh data",
            (np.array([0.9, 0.8, 0.7]), np.array([0.88, 0.7, 0.6])),
        ),
        ("the winner was lucky", (np.array([0.80, 0.93, 0.85]), np.array([0.86, 0.84, 0.83]))),
        ("twelve configurations", (selection, selection - _RNG.uniform(-0.02, 0.05, size=12))),
    ]
    return run_check(
        "selection_gap",
        student,
        _selection_gap,
        cases,
        "find the chosen configuration with np.argmax(selection_scores) and subtract ITS fresh "
        "score; the best fresh score (np.max(fresh_scores)) belongs to another configuration "
        "when the winner was lucky.",
    )


def _global_batch_loss(per_example_losses: NDArray[np.float64], global_batch_size: int) -> float:
    """Reference: sum of this replica's losses over the global batch size."""
    return float(np.sum(per_example_losses) / global_batch_size)


def check_global_batch_loss(student: Student) -> bool:
    """Exercise 3 of notebook 13: ``global_batch_loss(per_example_losses, global_batch_size)``.

    One replica's share of the global mean loss: the sum of its per-example losses over
    the *global* batch size (what ``tf.nn.compute_average_loss`` returns).
    """
    cases = [
        ("two replicas of 4", (np.array([0.2, 0.4, 0.1, 0.3]), 8)),
        ("eight replicas of 8", (_RNG.uniform(size=8), 64)),
        ("one replica (no distribution)", (np.array([0.5, 1.5, 1.0]), 3)),
    ]
    return run_check(
        "global_batch_loss",
        student,
        _global_batch_loss,
        cases,
        "divide the SUM of this replica's losses by global_batch_size; np.mean divides by the "
        "replica's own batch, which multiplies the summed gradient by the number of replicas.",
    )

"""Exercise self-checks and the self-test quiz of notebook 17 (FAQ, glossary and self-test)."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray
from scipy.special import expit

from helpers.checks.engine import Student, run_check
from helpers.course.validation import describe

_RNG = np.random.default_rng(17)


def _baseline_verdicts(deep: ArrayLike, baseline: ArrayLike, tie_width: float) -> NDArray[np.int64]:
    """Reference: +1 where the deep model wins by more than ``tie_width``, -1 where the
    baseline does, 0 for a tie."""
    gap = np.asarray(deep, dtype=float) - np.asarray(baseline, dtype=float)
    return np.where(gap > tie_width, 1, np.where(gap < -tie_width, -1, 0)).astype(np.int64)


def check_baseline_verdicts(student: Student) -> bool:
    """Exercise 1 of notebook 17: ``baseline_verdicts(deep, baseline, tie_width)``.

    The cases catch a reversed sign, a tie width that is ignored (``np.sign``) and one
    applied to only one side.
    """
    cases = [
        (
            "deep wins, baseline wins, a tie",
            (np.array([0.95, 0.75, 0.90]), np.array([0.90, 0.77, 0.895]), 0.01),
        ),
        (
            "the baseline ahead by less than the tie width",
            (np.array([0.70]), np.array([0.705]), 0.01),
        ),
        (
            "twelve random comparisons",
            (_RNG.uniform(0.6, 1.0, 12), _RNG.uniform(0.6, 1.0, 12), 0.05),
        ),
    ]
    return run_check(
        "baseline_verdicts",
        student,
        _baseline_verdicts,
        cases,
        "gap = deep - baseline; +1 where gap > tie_width, -1 where gap < -tie_width, else 0.",
    )


def _alarms_per_thousand(sensitivity: float, specificity: float, prevalence: float) -> float:
    """Reference: positive results per 1000 patients, true and false together."""
    return 1000.0 * (sensitivity * prevalence + (1.0 - specificity) * (1.0 - prevalence))


def check_alarms_per_thousand(student: Student) -> bool:
    """Exercise 2 of notebook 17: ``alarms_per_thousand(sensitivity, specificity, prevalence)``.

    The cases catch counting only the true positives, false positives among all patients
    instead of the healthy ones, and sensitivity and specificity swapped.
    """
    cases = [
        ("rare disease", (0.95, 0.87, 0.01)),
        ("common disease", (0.80, 0.95, 0.30)),
        ("a perfect test", (1.0, 1.0, 0.15)),
    ]
    return run_check(
        "alarms_per_thousand",
        student,
        _alarms_per_thousand,
        cases,
        "1000 * (sensitivity * prevalence + (1 - specificity) * (1 - prevalence)): the "
        "sick who are flagged plus the healthy who are flagged.",
    )


def _attack_accuracy_bound(epsilon: ArrayLike) -> NDArray[np.float64]:
    """Reference: e^eps / (1 + e^eps), the best accuracy of a membership guess at prior 1/2."""
    return np.asarray(expit(np.asarray(epsilon, dtype=float)), dtype=float)


def check_attack_accuracy_bound(student: Student) -> bool:
    """Exercise 3 of notebook 17: ``attack_accuracy_bound(epsilon)`` for an array of epsilons.

    The cases catch the factor e^eps itself, its reciprocal and eps / (1 + eps).
    """
    cases = [
        ("no privacy spent", (np.array([0.0]),)),
        ("the budgets of notebook 14", (np.array([1.0, 3.0, 10.0]),)),
        ("small budgets", (np.array([0.1, 0.5]),)),
    ]
    return run_check(
        "attack_accuracy_bound",
        student,
        _attack_accuracy_bound,
        cases,
        "e^eps / (1 + e^eps): the attacker's true-positive rate is at most e^eps times its "
        "false-positive rate, and the same for the two negatives; it is 0.5 at eps = 0.",
    )


# --- the self-test quiz -------------------------------------------------------------------

#: Question number -> (correct letter, where it is taught). The questions are in notebook 17.
QUIZ: dict[int, tuple[str, str]] = {
    1: ("b", "notebook 01, section 4 (a layer is a matrix product)"),
    2: ("c", "notebook 02, section 3 (a numerical gradient check)"),
    3: ("a", "notebook 03, section 1 (two operations with one name)"),
    4: ("d", "notebook 04, section 2 (the gradient of max pooling)"),
    5: ("b", "notebook 00, exercise 2 (the predictive value of a positive test)"),
    6: ("c", "notebook 08, section 6 (split by patient, never by beat)"),
    7: ("a", "notebook 07, section 3 (why gradients vanish)"),
    8: ("d", "notebook 09, section 6 (mode collapse)"),
    9: ("b", "notebook 14, section 4 (what privacy costs)"),
    10: ("c", "notebook 15, section 2 (calibration and temperature scaling)"),
    11: ("a", "notebook 15, section 6 (the sanity check of an explanation)"),
    12: ("d", "notebook 16, exercise 1 (late fusion and interactions)"),
}


def grade_quiz(answers: Any) -> bool:
    """Print one verdict per quiz question; True only when every answer is right.

    ``answers``: a dictionary from question number (1-12) to a letter ``"a"``-``"d"``,
    or None for a question not answered yet. A wrong letter says where the idea is taught;
    anything but a letter is named. Never raises for a malformed answer.
    """
    if not isinstance(answers, dict):
        print(
            "[failed] quiz: `answers` must be a dictionary like {1: 'a'}, "
            f"got {describe(answers)}."
        )
        return False
    unknown = sorted(map(str, set(answers) - set(QUIZ)))
    if unknown:
        print(f"[failed] quiz: there is no question {', '.join(unknown)}; the questions are 1-12.")
        return False
    right = 0
    for number, (letter, taught) in QUIZ.items():
        given = answers.get(number)
        if given is None:
            print(f"[not yet] question {number}: set it to a letter 'a'-'d'.")
        elif not isinstance(given, str) or given.strip().lower() not in ("a", "b", "c", "d"):
            print(f"[failed] question {number}: {describe(given)} is not one of 'a'-'d'.")
        elif given.strip().lower() != letter:
            print(f"[failed] question {number}: not {given.strip().lower()!r}. Hint: see {taught}.")
        else:
            right += 1
            print(f"[passed] question {number}.")
    return right == len(QUIZ)

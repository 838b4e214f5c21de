"""Bad and unusual calls of ``helpers.checks``: the engine and the exercise self-checks.

A bad call here is a student passing something that is not their function (the result
of calling it, its name, a list), or a course author building a check that could not
judge fairly (no cases, arguments that are not a tuple, a negative tolerance). A good
call returns a correct answer in another container than the reference does (a list, one
array, nested lists, NumPy scalars): the check must pass it exactly as it passes the
reference itself, so both calls return True.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from bad_calls.table import BadCall, GoodCall

ENGINE = "helpers.checks.engine.run_check"
NB = "helpers.checks."

CASES = [("ones", (np.ones(3),)), ("twos", (np.full(3, 2.0),))]


def _total(**changes: Any) -> tuple[tuple[Any, ...], dict[str, Any]]:
    """Arguments of a valid ``run_check`` call with ``changes`` applied."""
    arguments = {
        "exercise": "total",
        "student": np.sum,
        "reference": np.sum,
        "cases": CASES,
        "hint": "add them up",
    }
    return (), arguments | changes


def _indices(patient_ids: Any, test_patients: Any) -> tuple[Any, Any]:
    from helpers.data.splits import indices_by_patient

    return indices_by_patient(patient_ids, test_patients)


def _indices_as_lists(patient_ids: Any, test_patients: Any) -> list[list[int]]:
    return [values.tolist() for values in _indices(patient_ids, test_patients)]


def _sensitivity_specificity(y_true: Any, y_pred: Any) -> tuple[float, float]:
    from helpers.evaluation.binary import confusion_counts

    counts = confusion_counts(y_true, y_pred)
    return (
        counts["tp"] / (counts["tp"] + counts["fn"]),
        counts["tn"] / (counts["tn"] + counts["fp"]),
    )


def _momentum_step(*args: Any) -> tuple[Any, Any]:
    from helpers.scratch.optimizers import momentum_step

    return momentum_step(*args)


def _sensitivity_and_ppv(matrix: Any) -> tuple[Any, Any]:
    from helpers.evaluation.multiclass import sensitivity_and_ppv

    return sensitivity_and_ppv(matrix)


def _early_stopping(val_losses: list[float], patience: int) -> tuple[int, int]:
    """Keras' EarlyStopping rule, epochs counted from 1, from the epochs that improved."""
    losses = np.asarray(val_losses, dtype=float)
    previous_best = np.concatenate([[np.inf], np.minimum.accumulate(losses)[:-1]])
    improved = np.flatnonzero(losses < previous_best) + 1
    for epoch in range(1, len(losses) + 1):
        last = int(improved[improved <= epoch].max())
        if epoch - last >= patience:
            return epoch, last
    return len(losses), int(improved.max())


def _tanh_derivative(z: Any) -> Any:
    from helpers.scratch.activations import tanh_derivative

    return tanh_derivative(z)


def _ppv(sensitivity: float, specificity: float, prevalence: float) -> float:
    from helpers.evaluation.binary import positive_predictive_value

    return positive_predictive_value(sensitivity, specificity, prevalence)


def _softmax(z: Any) -> Any:
    from helpers.scratch.activations import softmax

    return softmax(z)


CALLS: list[BadCall | GoodCall] = [
    # --- a student passes something that is not their function -------------------------
    BadCall(
        f"{NB}nb01.check_softmax",
        (np.array([[0.09, 0.24, 0.67]]),),
        raises=TypeError,
        mentions="student",
        why="the result softmax(z) instead of the function",
    ),
    BadCall(
        f"{NB}nb00.check_sensitivity_specificity",
        (None,),
        raises=TypeError,
        mentions="student",
        why="None: the cell defining the function never ran",
    ),
    BadCall(
        f"{NB}nb03.check_conv_output_size",
        ("output_size",),
        raises=TypeError,
        mentions="student",
        why="the function's name as text",
    ),
    BadCall(
        f"{NB}nb00.check_positive_predictive_value",
        (0.16,),
        raises=TypeError,
        mentions="student",
        why="the PPV computed, not the function",
    ),
    BadCall(
        f"{NB}nb05.check_window_ct",
        ([_softmax],),
        raises=TypeError,
        mentions="student",
        why="a list holding the function",
    ),
    BadCall(
        f"{NB}nb02.check_momentum_step",
        ((np.ones(3), np.zeros(3)),),
        raises=TypeError,
        mentions="student",
        why="the pair (w, velocity) returned by the answer",
    ),
    BadCall(
        ENGINE,
        raises=TypeError,
        mentions="student",
        build=lambda _: _total(student="softmax"),
        why="engine: the student as text",
    ),
    # --- a course author builds a check that cannot judge fairly -----------------------
    BadCall(
        ENGINE,
        mentions="cases",
        build=lambda _: _total(cases=[]),
        why="zero cases would pass every answer",
    ),
    BadCall(
        ENGINE,
        mentions="cases",
        build=lambda _: _total(cases=()),
        why="zero cases as an empty tuple",
    ),
    BadCall(
        ENGINE,
        raises=TypeError,
        mentions="cases",
        build=lambda _: _total(cases=None),
        why="cases None",
    ),
    BadCall(
        ENGINE,
        raises=TypeError,
        mentions="cases",
        build=lambda _: _total(cases="ones"),
        why="cases as text",
    ),
    BadCall(
        ENGINE,
        raises=TypeError,
        mentions="cases",
        build=lambda _: _total(cases={"ones": (np.ones(3),)}),
        why="cases as a dict of description to arguments",
    ),
    BadCall(
        ENGINE,
        raises=TypeError,
        mentions="cases",
        build=lambda _: _total(cases=("ones", (np.ones(3),))),
        why="one case not wrapped in a list",
    ),
    BadCall(
        ENGINE,
        raises=TypeError,
        mentions="cases",
        build=lambda _: _total(cases=[("ones", (np.ones(3),), "extra")]),
        why="a case of three entries",
    ),
    BadCall(
        ENGINE,
        raises=TypeError,
        mentions="tuple",
        build=lambda _: _total(cases=[("ones", np.ones(3))]),
        why="arguments not a tuple: (z) without the comma",
    ),
    BadCall(
        ENGINE,
        raises=TypeError,
        mentions="cases",
        build=lambda _: _total(cases=[("layers", [30, 1])]),
        why="a list where the tuple of arguments belongs",
    ),
    BadCall(
        ENGINE,
        raises=TypeError,
        mentions="cases[0][0]",
        build=lambda _: _total(cases=[(1, (np.ones(3),))]),
        why="a case description that is not text",
    ),
    BadCall(
        ENGINE,
        mentions="cases[0][0]",
        build=lambda _: _total(cases=[("", (np.ones(3),))]),
        why="an empty case description",
    ),
    BadCall(
        ENGINE,
        raises=TypeError,
        mentions="cases",
        build=lambda _: _total(cases=[("gen", ((x for x in range(3)),))]),
        why="case arguments that cannot be copied (a generator)",
    ),
    BadCall(
        ENGINE,
        raises=TypeError,
        mentions="reference",
        build=lambda _: _total(reference=None),
        why="reference None",
    ),
    BadCall(
        ENGINE,
        raises=TypeError,
        mentions="reference",
        build=lambda _: _total(reference=np.ones(3)),
        why="reference an array",
    ),
    BadCall(
        ENGINE,
        raises=TypeError,
        mentions="exercise",
        build=lambda _: _total(exercise=None),
        why="exercise name None",
    ),
    BadCall(
        ENGINE,
        mentions="exercise",
        build=lambda _: _total(exercise="  "),
        why="exercise name blank",
    ),
    BadCall(
        ENGINE,
        raises=TypeError,
        mentions="hint",
        build=lambda _: _total(hint=3),
        why="hint not text",
    ),
    BadCall(ENGINE, mentions="atol", build=lambda _: _total(atol=-1e-6), why="negative tolerance"),
    BadCall(
        ENGINE,
        mentions="atol",
        build=lambda _: _total(atol=float("nan")),
        why="NaN tolerance would pass nothing, silently",
    ),
    BadCall(
        ENGINE,
        raises=TypeError,
        mentions="atol",
        build=lambda _: _total(atol="1e-6"),
        why="tolerance as text",
    ),
    BadCall(
        ENGINE,
        raises=TypeError,
        mentions="atol",
        build=lambda _: _total(atol=True),
        why="tolerance a bool",
    ),
    # --- a correct answer in another container is judged by its values -----------------
    GoodCall(
        f"{NB}nb08.check_indices_by_patient",
        (_indices_as_lists,),
        reference=((_indices,), {}),
        why="(train, test) as a list of lists",
    ),
    GoodCall(
        f"{NB}nb08.check_indices_by_patient",
        (lambda ids, test: list(_indices(ids, test)),),
        reference=((_indices,), {}),
        why="(train, test) as a list of arrays",
    ),
    GoodCall(
        f"{NB}nb00.check_sensitivity_specificity",
        (lambda y, p: np.array(_sensitivity_specificity(y, p)),),
        reference=((_sensitivity_specificity,), {}),
        why="the pair as one array",
    ),
    GoodCall(
        f"{NB}nb00.check_sensitivity_specificity",
        (lambda y, p: list(_sensitivity_specificity(y, p)),),
        reference=((_sensitivity_specificity,), {}),
        why="the pair as a list",
    ),
    GoodCall(
        f"{NB}nb02.check_momentum_step",
        (lambda *args: np.stack(_momentum_step(*args)),),
        reference=((_momentum_step,), {}),
        why="(w, velocity) stacked into one array",
    ),
    GoodCall(
        f"{NB}nb08.check_sensitivity_and_ppv",
        (lambda m: np.array(_sensitivity_and_ppv(m)),),
        reference=((_sensitivity_and_ppv,), {}),
        why="(sensitivity, ppv) with NaN as array",
    ),
    GoodCall(
        f"{NB}nb08.check_sensitivity_and_ppv",
        (lambda m: [v.tolist() for v in _sensitivity_and_ppv(m)],),
        reference=((_sensitivity_and_ppv,), {}),
        why="(sensitivity, ppv) as nested lists",
    ),
    GoodCall(
        f"{NB}nb01.check_early_stopping",
        (lambda v, p: tuple(np.int64(e) for e in _early_stopping(v, p)),),
        reference=((_early_stopping,), {}),
        why="NumPy integer epochs",
    ),
    GoodCall(
        f"{NB}nb01.check_tanh_derivative",
        (lambda z: _tanh_derivative(z).tolist(),),
        reference=((_tanh_derivative,), {}),
        why="nested lists for an array",
    ),
    GoodCall(
        f"{NB}nb00.check_positive_predictive_value",
        (lambda se, sp, prev: np.asarray(_ppv(se, sp, prev)),),
        reference=((_ppv,), {}),
        why="a 0-d array for a number",
    ),
    GoodCall(
        ENGINE,
        build=lambda _: (_total(cases=tuple(CASES)), _total()),
        why="engine: cases as a tuple of pairs",
    ),
    GoodCall(
        ENGINE,
        build=lambda _: (_total(atol=np.float32(1e-6)), _total(atol=1e-6)),
        why="engine: a NumPy float tolerance",
    ),
]

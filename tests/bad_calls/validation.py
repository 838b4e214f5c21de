"""Bad calls of the validation vocabulary itself (``helpers.course.validation``)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from bad_calls.table import BadCall, GoodCall

V = "helpers.course.validation."


def _folder(folder: Path) -> tuple[tuple[object, ...], dict[str, object]]:
    return (folder, "path"), {}


CALLS: list[BadCall | GoodCall] = [
    BadCall(V + "check_number", ("1.5", "rate"), raises=TypeError, mentions="`rate`"),
    BadCall(V + "check_number", (None, "rate"), raises=TypeError, mentions="`rate`"),
    BadCall(V + "check_number", (True, "rate"), raises=TypeError, mentions="`rate`", why="bool"),
    BadCall(V + "check_number", (float("nan"), "rate"), mentions="`rate`", why="NaN"),
    BadCall(V + "check_number", (float("inf"), "rate"), mentions="`rate`", why="inf"),
    BadCall(V + "check_number", (-1.0, "rate"), {"low": 0.0}, mentions="`rate`", why="below"),
    BadCall(V + "check_number", (0.0, "rate"), {"low": 0.0, "low_open": True}, mentions="`rate`"),
    BadCall(V + "check_number", (2.0, "p"), {"high": 1.0}, mentions="`p`", why="above"),
    BadCall(V + "check_fraction", (1.0, "share"), mentions="strictly between", why="closed end"),
    BadCall(V + "check_probability", (1.01, "p"), mentions="`p`"),
    BadCall(V + "check_integer", (2.5, "count"), raises=TypeError, mentions="`count`"),
    BadCall(V + "check_integer", ("3", "count"), raises=TypeError, mentions="`count`"),
    BadCall(V + "check_integer", (5, "count"), {"high": 4}, mentions="`count`", why="too big"),
    BadCall(V + "check_positive_int", (0, "units"), mentions="`units`"),
    BadCall(V + "check_positive_int", (np.bool_(True), "n"), raises=TypeError, mentions="`n`"),
    BadCall(V + "check_seed", (-1,), mentions="`seed`", why="negative"),
    BadCall(V + "check_seed", (2**32,), mentions="`seed`", why="too large for NumPy"),
    BadCall(V + "check_seed", ("42",), raises=TypeError, mentions="`seed`", why="text"),
    BadCall(V + "check_seed", (4.0,), raises=TypeError, mentions="`seed`", why="float"),
    BadCall(V + "check_bool", ("yes", "verbose"), raises=TypeError, mentions="`verbose`"),
    BadCall(V + "check_bool", (1, "verbose"), raises=TypeError, mentions="`verbose`"),
    BadCall(V + "check_text", (3, "title"), raises=TypeError, mentions="`title`"),
    BadCall(V + "check_text", ("  ", "title"), mentions="`title`", why="blank"),
    BadCall(V + "check_choice", ("max", "mode", ("a", "b")), mentions="`mode`"),
    BadCall(V + "check_choice", (["a"], "mode", {"a"}), mentions="`mode`", why="unhashable"),
    BadCall(V + "check_callable", (3, "f"), raises=TypeError, mentions="`f`"),
    BadCall(V + "check_path", (3, "path"), raises=TypeError, mentions="`path`"),
    BadCall(V + "check_path", ("", "path"), mentions="`path`"),
    BadCall(V + "check_existing_file", ("/no/such/file.npz", "path"), raises=FileNotFoundError,
            mentions="`path`"),
    BadCall(V + "check_existing_file", build=_folder, mentions="folder", why="a folder"),
    BadCall(V + "check_budget", (1e12, "`num_images`"), mentions="`num_images`"),
    BadCall(V + "as_float_array", ([[1.0], [1.0, 2.0]], "x"), mentions="ragged"),
    BadCall(V + "as_float_array", ("1,2,3", "x"), raises=TypeError, mentions="`x`"),
    BadCall(V + "as_float_array", ({"a": 1}, "x"), raises=TypeError, mentions="`x`"),
    BadCall(V + "as_float_array", (np.zeros((2, 3)), "x"), {"shape": (2, 2)}, mentions="`x`"),
    BadCall(V + "as_float_array", ([0.0, 5.0], "x"), {"high": 1.0}, mentions="`x`"),
    BadCall(V + "as_probabilities", ([0.2, 40.0], "p"), mentions="percentages"),
    BadCall(V + "as_probabilities", ([-0.1, 0.5], "p"), mentions="logits"),
    BadCall(V + "as_class_labels", ([0, 1.5], "y"), mentions="`y`"),
    BadCall(V + "as_class_labels", ([0, 3], "y"), {"num_classes": 3}, mentions="`y`"),
    BadCall(V + "as_class_labels", ([-1, 0], "y"), mentions="`y`"),
    BadCall(V + "as_binary_labels", ([0, 2],), mentions="`y_true`"),
    BadCall(V + "check_both_classes", (np.array([1, 1, 1]),), mentions="`y_true`"),
    BadCall(V + "check_same_length", ([1, 2], [1], ("x", "y")), mentions="`x`"),
    BadCall(V + "as_array", (None, "ids"), raises=TypeError, mentions="`ids`"),
    BadCall(V + "check_strings", ("normal", "class_names"), raises=TypeError,
            mentions="`class_names`", why="one string is not a list of names"),
    GoodCall(V + "as_float_array", (pd.Series([1, 2]), "x"), reference=(([1.0, 2.0], "x"), {}),
             why="pandas Series"),
    GoodCall(V + "check_seed", (np.uint32(7),), reference=((7,), {}), why="NumPy unsigned"),
    GoodCall(V + "check_integer", (np.int16(3), "n"), reference=((3, "n"), {}), why="int16"),
]

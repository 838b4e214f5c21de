"""Bad calls of running the course: seeds, recorded results and their targets, the map, links.

Results go to ``$COURSE_RESULTS_DIR``, which ``tests/conftest.py`` points at a fresh
temporary folder, so the corrupt files written here never touch ``build/results``.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from bad_calls.table import Arguments, BadCall, GoodCall
from helpers.course.results import results_dir
from helpers.course.targets import TARGETS

SEED = "helpers.course.reproducibility.set_seed"
RECORD = "helpers.course.results.record_results"
LOAD = "helpers.course.results.load_results"
CHECK = "helpers.course.results.check_figures"
UNMET = "helpers.course.targets.unmet_targets"
TARGET = "helpers.course.targets.Target"
LESSON = "helpers.course.curriculum.Lesson"
BADGE = "helpers.course.repository.colab_badge"
INSTALL = "helpers.course.repository.colab_install_target"
MODULES = "helpers.course.repository.colab_required_modules"
EXTRA = "helpers.course.repository.extra_requirements"
ENVIRONMENT = "helpers.course.environment"

NOTEBOOK = "01_forward_propagation"
AUC_TARGET = TARGETS[NOTEBOOK]["test_auc"]


def _results_file(folder: Path, text: str) -> str:
    """Write ``text`` as the results file of a notebook named after ``folder``; its name."""
    name = f"bad_calls_{folder.name}"
    (results_dir() / f"{name}.json").write_text(text)
    return name


def _cut_short(folder: Path) -> str:
    return _results_file(folder, '{\n  "test_auc": 0.9')  # an interrupted write


def _record_into_corrupt(folder: Path) -> Arguments:
    return (_cut_short(folder),), {"test_accuracy": 0.9}


def _load_corrupt(folder: Path) -> Arguments:
    return (_cut_short(folder),), {}


def _load_a_list(folder: Path) -> Arguments:
    return (_results_file(folder, "[0.9, 0.8]\n"),), {}


def _load_empty(folder: Path) -> Arguments:
    return (_results_file(folder, ""),), {}


CALLS: list[BadCall | GoodCall] = [
    # --- set_seed ----------------------------------------------------------------------
    BadCall(SEED, (-1,), mentions="seed", why="negative seed"),
    BadCall(SEED, ("42",), raises=TypeError, mentions="seed", why="seed as text"),
    BadCall(SEED, (4.2,), raises=TypeError, mentions="seed", why="float seed"),
    BadCall(SEED, (2**32,), mentions="seed", why="seed too large for NumPy and TensorFlow"),
    BadCall(
        SEED,
        (1,),
        {"deterministic_ops": "yes"},
        raises=TypeError,
        mentions="deterministic_ops",
        why="flag as text",
    ),
    GoodCall(
        SEED,
        (np.int64(7),),
        {"deterministic_ops": False},
        reference=((7,), {"deterministic_ops": False}),
        why="NumPy integer seed (random.seed refuses np.int64)",
    ),
    # --- record_results / load_results -------------------------------------------------
    BadCall(
        RECORD,
        (5,),
        {"accuracy": 0.9},
        raises=TypeError,
        mentions="notebook",
        why="notebook number, not name",
    ),
    BadCall(RECORD, ("../nb",), {"accuracy": 1.0}, mentions="notebook", why="a path"),
    BadCall(
        RECORD,
        (f"{NOTEBOOK}.ipynb",),
        {"accuracy": 1.0},
        mentions="notebook",
        why="file name with extension",
    ),
    BadCall(RECORD, ("nb",), mentions="figure", why="no figures"),
    BadCall(RECORD, ("nb",), {"accuracy": np.nan}, mentions="accuracy", why="NaN figure"),
    BadCall(RECORD, ("nb",), {"accuracy": np.inf}, mentions="accuracy", why="infinite figure"),
    BadCall(
        RECORD,
        ("nb",),
        {"accuracy": [1, 2]},
        raises=TypeError,
        mentions="accuracy",
        why="a list as a figure",
    ),
    BadCall(
        RECORD,
        ("nb",),
        {"accuracy": np.array([0.9, 0.8])},
        raises=TypeError,
        mentions="accuracy",
        why="an array of figures",
    ),
    BadCall(
        RECORD,
        ("nb",),
        {"accuracy": None},
        raises=TypeError,
        mentions="accuracy",
        why="None figure",
    ),
    BadCall(RECORD, mentions="corrupt", build=_record_into_corrupt, why="results file cut short"),
    BadCall(LOAD, mentions="corrupt", build=_load_corrupt, why="results file cut short"),
    BadCall(LOAD, mentions="delete it", build=_load_empty, why="empty results file"),
    BadCall(LOAD, mentions="corrupt", build=_load_a_list, why="results file holds a list"),
    BadCall(LOAD, (None,), raises=TypeError, mentions="notebook", why="None notebook"),
    BadCall(LOAD, ("a/b",), mentions="notebook", why="a path"),
    BadCall(
        LOAD,
        ("bad_calls_never_run",),
        raises=FileNotFoundError,
        mentions="run the notebook",
        why="nothing recorded",
    ),
    # --- check_figures -----------------------------------------------------------------
    BadCall(CHECK, (NOTEBOOK,), {"epochs": 3}, mentions="epochs", why="figure without a target"),
    BadCall(
        CHECK,
        ("99_unknown",),
        {"test_auc": 0.9},
        mentions="notebook",
        why="notebook without targets",
    ),
    BadCall(
        CHECK, (3,), {"test_auc": 0.9}, raises=TypeError, mentions="notebook", why="notebook number"
    ),
    BadCall(CHECK, (NOTEBOOK,), {"test_auc": np.nan}, mentions="test_auc", why="NaN AUC"),
    BadCall(
        CHECK,
        (NOTEBOOK,),
        {"test_auc": "0.97"},
        raises=TypeError,
        mentions="test_auc",
        why="AUC as text",
    ),
    BadCall(
        CHECK,
        (NOTEBOOK,),
        {"test_auc": np.array([0.9, 0.95])},
        raises=TypeError,
        mentions="test_auc",
        why="an array of AUCs",
    ),
    BadCall(
        CHECK,
        (NOTEBOOK,),
        {"test_auc": True},
        raises=TypeError,
        mentions="test_auc",
        why="bool where a number is compared",
    ),
    # --- targets -----------------------------------------------------------------------
    BadCall(UNMET, ("nope", {}), mentions="notebook", why="notebook without targets"),
    BadCall(
        UNMET,
        (NOTEBOOK, [0.9]),
        raises=TypeError,
        mentions="figures",
        why="a list, not figures by name",
    ),
    BadCall(
        UNMET,
        (NOTEBOOK, {"test_accuracy": "0.95"}),
        raises=TypeError,
        mentions="test_accuracy",
        why="recorded figure as text",
    ),
    BadCall(
        TARGET,
        (">=",),
        {"bound": "0.9", "claim": "AUC"},
        raises=TypeError,
        mentions="bound",
        why="bound as text",
    ),
    BadCall(TARGET, ("=>", 1.0, "typo"), mentions="comparison", why="unknown comparison"),
    BadCall(TARGET, (">=", np.nan, "AUC"), mentions="bound", why="NaN bound"),
    BadCall(TARGET, (">=", 0.9, ""), mentions="claim", why="empty claim"),
    BadCall(
        f"{TARGET}.met_by",
        (AUC_TARGET, None),
        raises=TypeError,
        mentions="value",
        why="None figure",
    ),
    BadCall(
        f"{TARGET}.describe",
        (AUC_TARGET, 5),
        raises=TypeError,
        mentions="name",
        why="figure name as a number",
    ),
    GoodCall(
        UNMET,
        (NOTEBOOK, {"test_auc": np.float32(0.5), "test_accuracy": np.float64(0.99)}),
        reference=((NOTEBOOK, {"test_auc": 0.5, "test_accuracy": 0.99}), {}),
        why="NumPy figures",
    ),
    GoodCall(
        f"{TARGET}.met_by",
        (AUC_TARGET, np.float64(0.98)),
        reference=((AUC_TARGET, 0.98), {}),
        why="NumPy figure",
    ),
    # --- curriculum and links ----------------------------------------------------------
    BadCall(LESSON, (-1, "Intro", "Foundations"), mentions="number", why="negative number"),
    BadCall(
        LESSON,
        ("1", "Intro", "Foundations"),
        raises=TypeError,
        mentions="number",
        why="number as text",
    ),
    BadCall(LESSON, (1, "", "Foundations"), mentions="title", why="empty title"),
    BadCall(
        LESSON,
        (1, "Intro", "Foundations", "02_intro"),
        mentions="notebook",
        why="notebook file of another number",
    ),
    BadCall(LESSON, (1, "Intro", "Radiology"), mentions="part", why="unknown part"),
    GoodCall(
        LESSON,
        (np.int64(3), "Convolution", "Foundations"),
        reference=((3, "Convolution", "Foundations"), {}),
        why="NumPy integer number",
    ),
    BadCall(BADGE, ("01_forward_propagation.py",), mentions="notebook_file", why="not a notebook"),
    BadCall(
        BADGE,
        ("notebooks/01_forward_propagation.ipynb",),
        mentions="notebook_file",
        why="a path: the badge adds notebooks/ itself",
    ),
    BadCall(BADGE, (None,), raises=TypeError, mentions="notebook_file", why="None file"),
    BadCall(
        BADGE,
        ("01_forward_propagation.ipynb",),
        {"url": "https://gitlab.com/a/b"},
        mentions="url",
        why="Colab opens GitHub repositories only",
    ),
    BadCall(MODULES, ("imagin",), mentions="extras", why="misspelt extra for the module list"),
    BadCall(MODULES, (["imaging"],), raises=TypeError, mentions="extras", why="extras as a list"),
    BadCall(EXTRA, ("",), mentions="extra", why="no extra named"),
    BadCall(EXTRA, ("imaging,signals",), mentions="extra", why="two extras at once"),
    BadCall(INSTALL, ("[imaging]",), mentions="extras", why="brackets included"),
    BadCall(INSTALL, ("imagin",), mentions="extras", why="misspelt extra"),
    BadCall(INSTALL, (3,), raises=TypeError, mentions="extras", why="extras as a number"),
    BadCall(INSTALL, ("imaging",), {"url": ""}, mentions="url", why="empty address"),
    BadCall(
        INSTALL,
        ("imaging",),
        {"url": "github.com/a/b"},
        mentions="url",
        why="address without a scheme",
    ),
    # --- environment (has_network is in another table) -----------------------------------
    BadCall(
        f"{ENVIRONMENT}.package_version",
        (None,),
        raises=TypeError,
        mentions="name",
        why="None package name",
    ),
    BadCall(f"{ENVIRONMENT}.package_version", ("",), mentions="name", why="empty package name"),
    BadCall(
        f"{ENVIRONMENT}.environment_report",
        ("no",),
        raises=TypeError,
        mentions="check_network",
        why="flag as text (would have been truthy)",
    ),
    BadCall(
        f"{ENVIRONMENT}.print_environment_report",
        (0,),
        raises=TypeError,
        mentions="check_network",
        why="flag as a number",
    ),
]

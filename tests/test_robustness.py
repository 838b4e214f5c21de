"""The perturbation sweep (``make robustness``): its design, its verdicts and one real run."""

from __future__ import annotations

import json
import re
from pathlib import Path

import nbformat
import pytest
import robustness
from nbformat.v4 import new_code_cell, new_notebook
from notebook_tools import CHECK_MARKER, NOTEBOOK_DIR
from robustness import (
    CI_PERTURBATION,
    PERTURBATIONS,
    SANITIZE_PATH,
    Perturbation,
    figure_spread,
    margin,
    sanitised,
    sanitizers,
    summarise,
    unstable_check_cells,
)

from helpers.course.results import SNAPSHOT_EXCLUDED, load_snapshot, load_spread
from helpers.course.targets import TARGETS, Target

KERNEL = {"name": "python3", "language": "python", "display_name": "Python 3"}


def test_the_design_covers_seeds_onednn_and_threads() -> None:
    seeds = {p.seed for p in PERTURBATIONS}
    assert len(seeds) >= 5 and None in seeds  # the shipped seed and four others
    assert {p.onednn for p in PERTURBATIONS} == {True, False}
    assert {p.threads for p in PERTURBATIONS} == {1, 2}
    assert PERTURBATIONS[0] == Perturbation("shipped", None, True, 2)
    assert len({p.name for p in PERTURBATIONS}) == len(PERTURBATIONS)
    assert CI_PERTURBATION in PERTURBATIONS and not CI_PERTURBATION.onednn
    assert CI_PERTURBATION.threads == 1 and CI_PERTURBATION.seed is not None


def test_a_perturbation_sets_the_floating_point_path_and_the_seed() -> None:
    off = Perturbation("x", 7, False, 1).environment()
    assert off["TF_ENABLE_ONEDNN_OPTS"] == "0" and off["TF_NUM_INTRAOP_THREADS"] == "1"
    assert off["OMP_NUM_THREADS"] == off["OPENBLAS_NUM_THREADS"] == "1"
    assert Perturbation("x", None, True, 2).environment()["TF_ENABLE_ONEDNN_OPTS"] == "1"
    seven = Perturbation("x", 7, True, 2)
    assert seven.parameters(NOTEBOOK_DIR / "01_forward_propagation.ipynb") == {"seed": 7}
    assert seven.parameters(NOTEBOOK_DIR / "00_welcome.ipynb") == {}  # it has no seed
    assert robustness.shipped_seed(NOTEBOOK_DIR / "08_vital_signs_and_ecg.ipynb") == 0


def _record(notebook: str, name: str, figures: dict, outputs: dict | None = None) -> dict:
    perturbation = {"name": name, "seed": None, "onednn": True, "threads": 2}
    return {
        "notebook": notebook,
        "perturbation": perturbation,
        "figures": figures,
        "check_outputs": outputs or {},
        "error": None,
        "seconds": 1.0,
    }


def test_summary_gives_pass_rate_worst_value_and_margin() -> None:
    notebook = "01_forward_propagation"
    figures = {name: 0.0 for name in TARGETS[notebook]}
    records = [
        _record(notebook, "a", {**figures, "test_auc": 0.99}),
        _record(notebook, "b", {**figures, "test_auc": 0.95}),
        _record(notebook, "c", {k: v for k, v in figures.items() if k != "test_auc"}),
    ]
    rows = {row["figure"]: row for row in summarise(records)}
    auc = rows["test_auc"]
    assert (auc["runs"], auc["passes"]) == (3, 1)
    assert auc["worst_value"] is None and auc["margin"] is None  # not recorded: a miss
    assert auc["worst_perturbation"] == "c"
    records.pop()
    auc = {row["figure"]: row for row in summarise(records)}["test_auc"]
    assert auc["worst_value"] == 0.95 and auc["worst_perturbation"] == "b"
    assert auc["margin"] == pytest.approx(0.95 - 0.97)
    difference = {row["figure"]: row for row in summarise(records)}["dense_max_abs_diff"]
    assert difference["passes"] == 2 and difference["margin"] == pytest.approx(1e-5)


def test_margins_are_signed_distances_to_the_bound() -> None:
    assert margin(Target(">=", 0.9, "x"), 0.95) == pytest.approx(0.05)
    assert margin(Target("<", 30.0, "x"), 41.6) == pytest.approx(-11.6)
    assert margin(Target("approx", 100.0, "x"), 100.05) == pytest.approx(0.05)
    assert margin(Target("approx", 100.0, "x"), 101.0) < 0
    assert str(margin(Target("==", 3, "x"), 3)) == "nan"  # no distance for equality


def test_check_cells_that_move_are_found_after_nbval_sanitising(tmp_path, monkeypatch) -> None:
    notebook = nbformat.read(NOTEBOOK_DIR / "01_forward_propagation.ipynb", as_version=4)
    cells = robustness.check_outputs(notebook)
    cell, text = next((c, t) for c, t in cells.items() if t.strip())
    same = _record("01_forward_propagation", "same", {}, {cell: text})
    log_line = "I0000 00:00:1 cpu_feature_guard.cc:1] a TensorFlow log line\n"
    logged = _record("01_forward_propagation", "logged", {}, {cell: log_line + text})
    moved = _record("01_forward_propagation", "moved", {}, {cell: text.replace("True", "False")})
    found = unstable_check_cells([same, logged, moved])
    assert list(found) == [("01_forward_propagation", cell)]
    assert found[("01_forward_propagation", cell)][0] == ["moved"]
    assert "(stored:" in found[("01_forward_propagation", cell)][1]
    assert sanitised(log_line, sanitizers()) == ""


def test_one_run_takes_its_perturbation_into_the_kernel(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(robustness, "RUNS_DIR", tmp_path / "runs")
    path = tmp_path / "99_probe.ipynb"
    source = (
        f"{CHECK_MARKER}\nimport os\n"
        "print(os.environ['TF_ENABLE_ONEDNN_OPTS'], os.environ['TF_NUM_INTRAOP_THREADS'], seed)\n"
        "from helpers.course.results import results_dir\n"
        "from helpers.data.cache import data_dir\n"
        "print(data_dir().parent == results_dir())"
    )
    nbformat.write(
        new_notebook(
            cells=[
                new_code_cell("seed = 42", metadata={"tags": ["parameters"]}),
                new_code_cell(source),
                new_code_cell("raise RuntimeError('the notebook fails here')"),
            ],
            metadata={"kernelspec": KERNEL},
        ),
        path,
    )
    record = robustness.run_once(path, Perturbation("seed 7 off", 7, False, 1), "key")
    assert record["check_outputs"]["1"] == "0 1 7\nTrue\n"  # and a cache folder of its own
    assert "the notebook fails here" in record["error"]
    kept = json.loads((tmp_path / "runs" / "99_probe" / "seed-7-off.json").read_text())
    assert kept == record
    assert robustness.cached_run(path, Perturbation("seed 7 off", 7, False, 1), "key") == record
    assert robustness.cached_run(path, Perturbation("seed 7 off", 7, False, 1), "other") is None


def test_the_table_lists_failing_targets_first(tmp_path: Path) -> None:
    notebook = "00_welcome"
    good = {"keras_major": 3, "tensorflow_minor": 21, "screening_ppv": 0.08756}
    records = [_record(notebook, "a", good), _record(notebook, "b", {**good, "keras_major": 2})]
    text = robustness.table(summarise(records), records)
    rows = [line for line in text.splitlines() if line.startswith("| 00 ")]
    assert "keras_major == 3" in rows[0] and "| 1/2 |" in rows[0]
    assert "2 of 3 targets hold in every run." in text


def test_nbval_ignores_a_solutions_own_figures_and_compares_its_verdicts() -> None:
    rules = sanitizers()
    # nbval reads `replace: ` with its space: a section it cannot parse is silently ignored.
    sections = len(re.findall(r"(?m)^\[", SANITIZE_PATH.read_text()))
    assert len(rules) == sections, "a section of nbval_sanitize.cfg that nbval cannot parse"
    printed = "[passed] check: all 3 cases.\nYour run: test AUC 0.912\nClaim (auc >= 0.9): True\n"
    assert sanitised(printed, rules) == "[passed] check: all 3 cases.\nClaim (auc >= 0.9): True\n"
    assert sanitised("Claim: 0.912, Your run: x\n", rules) == "Claim: 0.912, Your run: x\n"


def test_the_spread_keeps_every_numeric_figure_of_every_run_in_design_order(tmp_path) -> None:
    records = [
        _record("05_x", PERTURBATIONS[3].name, {"auc": 0.9, "ok": True, "note": "a"}),
        _record("05_x", PERTURBATIONS[0].name, {"auc": 0.8, "count": 3}),
        _record("17_faq_and_glossary", PERTURBATIONS[0].name, {"comparisons": 10}),
    ]
    blank = [None] * len(PERTURBATIONS)
    assert figure_spread(records) == {
        "05_x": {
            "auc": [0.8, None, None, 0.9, None, None][: len(blank)],
            "count": [3, *blank[1:]],
        }
    }
    records[0]["error"] = "CellExecutionError"
    with pytest.raises(SystemExit, match="05_x"):
        robustness.write_spread(records, tmp_path / "spread.json")
    assert not (tmp_path / "spread.json").exists()


def test_the_shipped_spread_is_a_whole_sweep_of_the_snapshots_notebooks() -> None:
    spread = load_spread()
    assert spread["provenance"]["perturbations"] == [p.name for p in PERTURBATIONS]
    snapshot = load_snapshot()["results"]
    assert set(spread["spread"]) == set(snapshot), "run `tools/robustness.py --write-spread`"
    for notebook, figures in spread["spread"].items():
        assert notebook not in SNAPSHOT_EXCLUDED
        for name in TARGETS[notebook].keys() & figures.keys():
            assert None not in figures[name], f"{notebook}.{name}: a sweep run did not record it"
            assert len(figures[name]) == len(PERTURBATIONS)

"""Notebook 17's data: the glossary, the shipped snapshot of recorded figures, the FAQ links.

Each test can fail: a glossary row whose notebook is gone or never mentions the term, a
notebook heading that no glossary term covers, a snapshot missing a notebook or a
figure, a snapshot figure that no longer meets its target (a stale snapshot after a
target changed), an FAQ link to a section that does not exist.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import nbformat
import pandas as pd
import pytest
from notebook_tools import NOTEBOOK_DIR, notebook_paths

from helpers.checks.nb17 import QUIZ, grade_quiz
from helpers.course.glossary import COLUMNS, load_glossary, search_glossary, term_names
from helpers.course.results import (
    SNAPSHOT_EXCLUDED,
    SNAPSHOT_PATH,
    TIE_WIDTH,
    Quoted,
    course_results,
    quoted,
    record_results,
    results_origin,
    swept_values,
)
from helpers.course.targets import TARGETS, unmet_targets

FAQ_NOTEBOOK = "17_faq_and_glossary"
STEMS = [path.stem for path in notebook_paths()]

#: Headings that name a part of every notebook (or of notebook 17), not a technical idea.
STRUCTURAL_HEADINGS = {
    "parameters",
    "summary",
    "exercises",
    "questions to review",
    "frequently asked questions",
    "glossary",
    "self test quiz",
}
#: Headings in plain words that no technical term names; each one checked by hand.
PLAIN_HEADINGS = {
    "what this course is about",
    "first clinical numbers",
    "two operations with one name",
    "from the formula to loops",
    "how fast is each version?",
    "what the models read",
    "who wins?",
    "patients whose probability of disease is known",
    "side by side",
    "one patient at a time",
}


def _normalised(text: str) -> str:
    """Lower case, hyphens as spaces, no Markdown emphasis or code marks."""
    return re.sub(r"[`*_$]", "", text.lower()).replace("-", " ")


@cache
def _notebook_text(stem: str) -> str:
    notebook = nbformat.read(NOTEBOOK_DIR / f"{stem}.ipynb", as_version=4)
    return _normalised("\n".join(cell.source for cell in notebook.cells))


@cache
def _headings(stem: str) -> tuple[str, ...]:
    """The text of every ``##`` and ``###`` heading of a notebook."""
    notebook = nbformat.read(NOTEBOOK_DIR / f"{stem}.ipynb", as_version=4)
    return tuple(
        match.group(2).strip()
        for cell in notebook.cells
        if cell.cell_type == "markdown"
        for match in re.finditer(r"^(##|###) (.+)$", cell.source, flags=re.MULTILINE)
    )


def _mentions(text: str, name: str) -> bool:
    """Whether ``text`` (normalised) names ``name`` as a word, plurals and -ing forms too."""
    pattern = rf"(?<![a-z0-9]){re.escape(_normalised(name))}(s|es|ing|ed|d)?(?![a-z0-9])"
    return re.search(pattern, text) is not None


def _topic(heading: str) -> str:
    """A heading without its number or 'Exercise N:' prefix, normalised."""
    heading = re.sub(r"^(\d+\.|exercise \d+:)\s*", "", _normalised(heading))
    return heading.strip()


# --- the glossary ------------------------------------------------------------------------


def test_the_glossary_loads_and_is_large_enough() -> None:
    glossary = load_glossary()
    assert list(glossary.columns) == list(COLUMNS)
    assert len(glossary) >= 80


@pytest.mark.parametrize("row", load_glossary().to_dict("records"), ids=lambda r: r["term"])
def test_each_term_is_taught_in_its_notebook_and_not_in_an_earlier_heading(row: dict) -> None:
    assert row["notebook"] in STEMS, f"{row['notebook']} is not a notebook"
    names = term_names(row["term"])
    text = _notebook_text(row["notebook"])
    assert any(_mentions(text, name) for name in names[:2]), (
        f"{row['term']!r} is not mentioned in {row['notebook']}"
    )
    earlier = [s for s in STEMS if s < row["notebook"]]
    used = [
        (s, h)
        for s in earlier
        for h in _headings(s)
        if _topic(h) not in STRUCTURAL_HEADINGS and _mentions(_topic(h), names[0])
    ]
    assert not used, f"{names[0]!r} is in a heading of an earlier notebook: {used}"


def test_every_heading_names_a_glossary_term_or_is_listed() -> None:
    names = [name for term in load_glossary()["term"] for name in term_names(term)]
    uncovered = [
        (stem, heading)
        for stem in STEMS
        for heading in _headings(stem)
        if _topic(heading) not in STRUCTURAL_HEADINGS | PLAIN_HEADINGS
        and not any(_mentions(_topic(heading), name) for name in names)
    ]
    assert not uncovered, uncovered


def test_the_lists_of_plain_headings_are_all_still_used() -> None:
    topics = {_topic(heading) for stem in STEMS for heading in _headings(stem)}
    assert PLAIN_HEADINGS <= topics, PLAIN_HEADINGS - topics


def test_search_finds_english_and_chinese_in_any_case() -> None:
    assert "convolution" in set(search_glossary("CONVOLUTION")["term"])
    assert "convolution" in set(search_glossary("卷积")["term"])
    assert search_glossary("no such term at all").empty
    assert len(search_glossary("sensitivity", in_definitions=True)) > len(
        search_glossary("sensitivity")
    )


def _write(folder: Path, text: str, encoding: str = "utf-8") -> Path:
    path = folder / "glossary.csv"
    path.write_text(text, encoding=encoding)
    return path


GOOD = "term,chinese,definition,notebook\nconvolution,卷积,Sliding a kernel.,03_convolution\n"


@pytest.mark.parametrize(
    ("text", "encoding", "message"),
    [
        ("", "utf-8", "is empty"),
        ("term,chinese,notebook\nx,y,03_convolution\n", "utf-8", "lacks the column"),
        ("term,chinese,definition,notebook\n", "utf-8", "no terms"),
        (GOOD.replace("卷积", ""), "utf-8", "has empty chinese"),
        (GOOD + GOOD.splitlines()[1] + "\n", "utf-8", "more than once"),
        (GOOD.replace("03_convolution", "notebook three"), "utf-8", "not a notebook stem"),
        (GOOD.replace("convolution,", "convolution (kernel,"), "utf-8", "parentheses"),
        (GOOD, "utf-16", "not UTF-8"),
    ],
    ids=["empty", "column", "no-rows", "empty-cell", "duplicate", "stem", "alias", "encoding"],
)
def test_a_bad_glossary_file_is_refused_clearly(
    tmp_path: Path, text: str, encoding: str, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        load_glossary(_write(tmp_path, text, encoding))


def test_a_good_small_glossary_loads(tmp_path: Path) -> None:
    table = load_glossary(_write(tmp_path, GOOD))
    assert table.to_dict("records") == [
        {
            "term": "convolution",
            "chinese": "卷积",
            "definition": "Sliding a kernel.",
            "notebook": "03_convolution",
        }
    ]
    assert term_names("epsilon (privacy budget, budget)") == ("epsilon", "privacy budget", "budget")
    with pytest.raises(FileNotFoundError, match="path"):
        load_glossary(tmp_path / "missing.csv")
    with pytest.raises(TypeError, match="glossary"):
        search_glossary("x", glossary=table.to_dict())
    assert search_glossary("CONV", glossary=pd.DataFrame(table)).shape == (1, 4)


# --- the shipped snapshot ----------------------------------------------------------------


def test_the_snapshot_holds_every_earlier_notebook_and_nothing_else() -> None:
    snapshot = json.loads(SNAPSHOT_PATH.read_text())
    assert set(snapshot) == {"provenance", "results", "seconds"}
    assert set(snapshot["seconds"]) == set(STEMS), "every notebook's run time is measured"
    assert snapshot["provenance"]["commit"], "write it with tools/benchmark.py --snapshot"
    expected = {stem for stem in STEMS if stem not in SNAPSHOT_EXCLUDED}
    assert set(snapshot["results"]) == expected


@pytest.mark.parametrize("notebook", sorted(TARGETS.keys() - SNAPSHOT_EXCLUDED))
def test_every_snapshot_figure_is_recorded_and_meets_its_target(notebook: str) -> None:
    assert not unmet_targets(notebook, course_results(notebook)), (
        "stale snapshot: rerun `python tools/benchmark.py --snapshot`"
    )


def test_course_results_reads_the_snapshot_or_your_own_runs(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("COURSE_RESULTS_DIR", str(tmp_path))
    assert course_results("00_welcome")["keras_major"] == 3
    with pytest.raises(FileNotFoundError, match="Run notebooks/00_welcome.ipynb"):
        course_results("00_welcome", "mine")
    record_results("00_welcome", keras_major=4)
    assert course_results("00_welcome", source="mine") == {"keras_major": 4}
    with pytest.raises(ValueError, match="no notebook '99_nothing'"):
        course_results("99_nothing")
    with pytest.raises(ValueError, match="source"):
        course_results("00_welcome", "yours")


def test_auto_reads_your_run_where_you_have_one_and_the_snapshot_elsewhere(
    tmp_path, monkeypatch
) -> None:
    monkeypatch.setenv("COURSE_RESULTS_DIR", str(tmp_path))
    assert results_origin("00_welcome") == "shipped"
    assert course_results("00_welcome", "auto")["tensorflow_minor"] >= 18
    record_results("00_welcome", keras_major=4)
    assert results_origin("00_welcome") == "mine"
    assert course_results("00_welcome", "auto") == {"keras_major": 4}
    assert results_origin("01_forward_propagation", "auto") == "shipped"
    assert results_origin("01_forward_propagation", "mine") == "mine"
    with pytest.raises(ValueError, match="'auto', 'mine', 'shipped'"):
        results_origin("00_welcome", "both")


def test_a_quoted_figure_prints_its_range_and_computes_as_a_number() -> None:
    auc = Quoted(0.953, 0.931, 0.962, 6)
    assert f"{auc:.3f}" == "0.953 [0.931 to 0.962 in 6 runs]"
    assert f"{auc:.0%}" == "95% [93% to 96% in 6 runs]"
    assert f"{Quoted(0.9531, 0.9529, 0.9534, 6):.2f}" == "0.95"  # no range where it rounds away
    assert f"{Quoted(8, 7, 8, 6)}" == "8 [7 to 8 in 6 runs]"
    assert auc - 0.953 == pytest.approx(0) and type(auc + 1) is float
    runs = swept_values("05_imaging_diagnosis", "test_auc")
    figure = quoted("05_imaging_diagnosis", "test_auc", 0.5)
    assert (figure.low, figure.high, figure.runs) == (min(runs), max(runs), len(runs))
    assert quoted("05_imaging_diagnosis", "no_such_figure", 0.5) == 0.5
    assert quoted("05_imaging_diagnosis", "test_auc", True) is True


def test_the_readme_and_notebook_17_use_one_tie_width() -> None:
    notebook = nbformat.read(NOTEBOOK_DIR / f"{FAQ_NOTEBOOK}.ipynb", as_version=4)
    (parameters,) = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
    assert f"tie_width = {TIE_WIDTH}" in parameters.source


# --- the FAQ's links ---------------------------------------------------------------------


def _anchor(heading: str) -> str:
    """JupyterLab's id for a heading: its text (no Markdown marks), spaces as hyphens."""
    return re.sub(r"[`*]", "", heading).replace(" ", "-")


def test_every_faq_link_points_to_an_existing_section() -> None:
    source = (NOTEBOOK_DIR / f"{FAQ_NOTEBOOK}.ipynb").read_text()
    links = set(re.findall(r"(\d\d_[a-z0-9_]+)\.ipynb#([^\"'\s)\\]+)", source))
    assert len(links) >= 8
    for stem, anchor in links:
        assert stem in STEMS, f"{stem} does not exist"
        assert anchor in {_anchor(h) for h in _headings(stem)}, f"{stem}#{anchor}: no such heading"


def test_the_notebook_reads_your_own_runs_and_names_what_is_missing(
    tmp_path: Path, run_notebook
) -> None:
    for notebook, figures in json.loads(SNAPSHOT_PATH.read_text())["results"].items():
        if notebook != "16_multimodal_and_personalised_medicine":  # as if 16 was never run
            (tmp_path / f"{notebook}.json").write_text(json.dumps(figures))
    figures = run_notebook(FAQ_NOTEBOOK, results_source="mine")
    assert figures["results_source"] == "mine"
    assert figures["faq_figures_missing"] > 0  # counted, not invented
    assert figures["faq_questions"] >= 10
    executed = (tmp_path / f"{FAQ_NOTEBOOK}.ipynb").read_text()
    assert "Run notebooks/16_multimodal_and_personalised_medicine.ipynb" in executed


def test_by_default_the_answers_quote_your_own_run_with_the_sweeps_range(
    tmp_path: Path, run_notebook
) -> None:
    figures = json.loads(SNAPSHOT_PATH.read_text())["results"]["05_imaging_diagnosis"]
    (tmp_path / "05_imaging_diagnosis.json").write_text(json.dumps({**figures, "test_auc": 0.5}))
    recorded = run_notebook(FAQ_NOTEBOOK)
    assert recorded["results_source"] == "auto" and recorded["faq_figures_missing"] == 0
    executed = (tmp_path / f"{FAQ_NOTEBOOK}.ipynb").read_text()
    runs = swept_values("05_imaging_diagnosis", "test_auc")
    assert f"0.500 [{min(runs):.3f} to {max(runs):.3f} in {len(runs)} runs]" in executed
    assert "your own run of 05" in executed and "the shipped snapshot of 01, 04" in executed


# --- the quiz's grader -------------------------------------------------------------------


def _graded(capsys: pytest.CaptureFixture[str], answers: object) -> tuple[bool, list[str]]:
    passed = grade_quiz(answers)
    return passed, capsys.readouterr().out.splitlines()


def test_the_quiz_grader_says_passed_not_yet_and_failed(capsys) -> None:
    right = {number: letter for number, (letter, _) in QUIZ.items()}
    assert _graded(capsys, right) == (True, [f"[passed] question {n}." for n in QUIZ])
    passed, lines = _graded(capsys, {1: right[1].upper(), 2: None})
    assert not passed and lines[0] == "[passed] question 1." and lines[1].startswith("[not yet]")
    wrong = "a" if right[3] != "a" else "b"
    passed, lines = _graded(capsys, {**right, 3: wrong})
    assert not passed and lines[2].startswith("[failed] question 3")
    assert "Hint: see notebook 03" in lines[2]


@pytest.mark.parametrize(
    ("answers", "fragment"),
    [
        ([("a")], "must be a dictionary"),
        ({13: "a"}, "no question 13"),
        ({1: "e"}, "is not one of"),
        ({1: 2}, "is not one of"),
        ({1: ["a"]}, "is not one of"),
    ],
    ids=["list", "question-13", "letter-e", "number", "list-answer"],
)
def test_a_malformed_quiz_answer_fails_without_a_crash(capsys, answers, fragment) -> None:
    passed, lines = _graded(capsys, answers)
    assert not passed and any(fragment in line and "[failed]" in line for line in lines), lines


def test_the_benchmark_writes_the_snapshot_of_what_it_recorded(tmp_path: Path) -> None:
    from benchmark import write_snapshot

    results = tmp_path / "results"
    results.mkdir()
    (results / "00_welcome.json").write_text('{"keras_major": 3}')
    (results / f"{FAQ_NOTEBOOK}.json").write_text('{"faq_questions": 12}')
    seconds = {"00_welcome": 14.21, FAQ_NOTEBOOK: 9.0}
    path = write_snapshot(results, seconds, {"commit": "abc"}, tmp_path / "snapshot.json")
    assert json.loads(path.read_text()) == {
        "provenance": {"commit": "abc"},
        "results": {"00_welcome": {"keras_major": 3}},  # notebook 17 reads it, so is left out
        "seconds": {"00_welcome": 14.2, FAQ_NOTEBOOK: 9.0},  # every notebook's run time
    }
    with pytest.raises(SystemExit, match="01_forward_propagation"):
        write_snapshot(results, {"01_forward_propagation": 1.0}, {}, tmp_path / "other.json")
    assert not (tmp_path / "other.json").exists()


def test_the_wheel_ships_the_snapshot_and_the_glossary() -> None:
    import tomllib

    pyproject = tomllib.loads((NOTEBOOK_DIR.parent / "pyproject.toml").read_text())
    shipped = pyproject["tool"]["setuptools"]["package-data"]["helpers.course"]
    assert {SNAPSHOT_PATH.name, "glossary.csv"} <= set(shipped)

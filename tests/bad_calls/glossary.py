"""Bad calls of notebook 17's helpers: the glossary loader and search, and course_results.

A glossary path that is not a path, a missing file, a folder, a file in another encoding,
without a column or with an empty cell; search text that is empty or not text, a glossary
that is not a table; a term with an unclosed alias; a results source that does not exist,
a notebook that is not a bare name or not in the snapshot, a figure name that is not text
(your own results not yet recorded: tests/test_faq_and_glossary.py, which can set the
results folder safely).
"""

from __future__ import annotations

from pathlib import Path

from bad_calls.table import Arguments, BadCall

LOAD = "helpers.course.glossary.load_glossary"
SEARCH = "helpers.course.glossary.search_glossary"
NAMES = "helpers.course.glossary.term_names"
RESULTS = "helpers.course.results.course_results"
ORIGIN = "helpers.course.results.results_origin"
QUOTED = "helpers.course.results.quoted"
HEADER = "term,chinese,definition,notebook\n"


def _file(text: str, encoding: str = "utf-8"):
    def build(folder: Path) -> Arguments:
        path = folder / "glossary.csv"
        path.write_text(text, encoding=encoding)
        return (path,), {}

    return build


CALLS: list[BadCall] = [
    BadCall(LOAD, (3,), raises=TypeError, mentions="path", why="a number as path"),
    BadCall(LOAD, ("missing.csv",), raises=FileNotFoundError, mentions="path", why="no file"),
    BadCall(LOAD, build=lambda folder: ((folder,), {}), mentions="folder", why="a folder"),
    BadCall(LOAD, build=_file(HEADER + "x,卷积,y,03_convolution\n", "utf-16"), mentions="UTF-8"),
    BadCall(LOAD, build=_file("term,definition\nx,y\n"), mentions="lacks the column"),
    BadCall(LOAD, build=_file(HEADER + "x,,y,03_convolution\n"), mentions="empty chinese"),
    BadCall(LOAD, build=_file(HEADER + "x,y,z,03 convolution\n"), mentions="stem", why="stem"),
    BadCall(SEARCH, (None,), raises=TypeError, mentions="text", why="no text"),
    BadCall(SEARCH, ("  ",), mentions="text", why="blank text"),
    BadCall(SEARCH, ("cnn", [1, 2]), raises=TypeError, mentions="glossary", why="a list"),
    BadCall(SEARCH, ("cnn",), {"in_definitions": "yes"}, raises=TypeError, mentions="in_def"),
    BadCall(NAMES, ("kernel (filter",), mentions="term", why="unclosed alias"),
    BadCall(NAMES, (["kernel"],), raises=TypeError, mentions="term", why="a list"),
    BadCall(RESULTS, ("05_imaging_diagnosis", "yours"), mentions="source", why="no such source"),
    BadCall(RESULTS, ("05_imaging_diagnosis.json",), mentions="notebook", why="with extension"),
    BadCall(RESULTS, ("99_nothing",), mentions="99_nothing", why="not in the snapshot"),
    BadCall(ORIGIN, ("05_imaging_diagnosis", "both"), mentions="source", why="no such source"),
    BadCall(ORIGIN, (5,), raises=TypeError, mentions="notebook", why="a number"),
    BadCall(QUOTED, ("05/imaging", "test_auc", 0.9), mentions="notebook", why="a path"),
    BadCall(QUOTED, ("05_imaging_diagnosis", None, 0.9), raises=TypeError, mentions="name"),
]

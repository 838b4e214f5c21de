"""The course's English-Chinese glossary: load it (validated) and search it.

The data live in ``glossary.csv`` next to this module, one row per technical term:
``term`` (English; aliases in parentheses, e.g. ``area under the ROC curve (AUC)``),
``chinese`` (the standard mainland-Chinese term), ``definition`` (one line) and
``notebook`` (the stem of the notebook where the term is first taught).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd  # type: ignore[import-untyped]  # no stubs installed (as for scipy)

from helpers.course.validation import check_bool, check_existing_file, check_text, describe

GLOSSARY_PATH = Path(__file__).with_name("glossary.csv")
COLUMNS = ("term", "chinese", "definition", "notebook")
_NOTEBOOK_STEM = re.compile(r"^\d\d_[a-z0-9_]+$")


def term_names(term: str) -> tuple[str, ...]:
    """The names of a glossary term: ``"kernel (filter)"`` -> ``("kernel", "filter")``.

    Raises:
        TypeError: ``term`` is not a string.
        ValueError: ``term`` is empty or has an unclosed parenthesis.
    """
    term = check_text(term, "term").strip()
    match = re.fullmatch(r"([^()]+?)\s*(?:\(([^()]+)\))?", term)
    if match is None:
        raise ValueError(
            f"`term` {term!r} must be a name with optional aliases in one pair of "
            "parentheses, e.g. 'kernel (filter)' or 'epsilon (privacy budget, budget)'."
        )
    aliases = [a.strip() for a in (match.group(2) or "").split(",") if a.strip()]
    return (match.group(1).strip(), *aliases)


def _problems(table: pd.DataFrame) -> list[str]:
    """What is wrong with a glossary table's rows, one sentence each (empty: nothing)."""
    problems = []
    for row, record in enumerate(table.to_dict("records"), start=2):  # line 1: header
        empty = [column for column in COLUMNS if not str(record[column]).strip()]
        if empty:
            problems.append(f"line {row} ({record['term']!r}) has empty {', '.join(empty)}")
        elif not _NOTEBOOK_STEM.match(record["notebook"]):
            problems.append(
                f"line {row} ({record['term']!r}): notebook {record['notebook']!r} is not a "
                "notebook stem such as '05_imaging_diagnosis'"
            )
        else:
            try:
                term_names(record["term"])
            except ValueError as error:
                problems.append(f"line {row}: {error}")
    names = table["term"].str.strip().str.lower()
    for name in sorted(set(names[names.duplicated()])):
        problems.append(f"the term {name!r} appears more than once")
    return problems


def load_glossary(path: Any = None) -> pd.DataFrame:
    """The glossary as a DataFrame with the columns term, chinese, definition, notebook.

    ``path``: a CSV file in UTF-8 (None: the course's own ``glossary.csv``).

    Raises:
        TypeError: ``path`` is not a path.
        FileNotFoundError: no file at ``path``.
        ValueError: the file is not UTF-8 text, lacks a column, has an empty cell, a
            duplicate term, a malformed term or a notebook that is not a stem.
    """
    path = GLOSSARY_PATH if path is None else check_existing_file(path, "path")
    try:
        table = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ValueError(
            f"`path`: {path} is not UTF-8 text ({error}); save the glossary as UTF-8 CSV."
        ) from error
    except pd.errors.EmptyDataError as error:
        raise ValueError(f"`path`: {path} is empty; a glossary needs a header row.") from error
    missing = [column for column in COLUMNS if column not in table.columns]
    if missing:
        raise ValueError(
            f"`path`: {path} lacks the column(s) {missing}; its header must be "
            f"{','.join(COLUMNS)}, but it is {','.join(map(str, table.columns))}."
        )
    if table.empty:
        raise ValueError(f"`path`: {path} has a header but no terms.")
    table = table[list(COLUMNS)]
    problems = _problems(table)
    if problems:
        shown = "; ".join(problems[:5]) + ("; ..." if len(problems) > 5 else "")
        raise ValueError(f"`path`: {path} has {len(problems)} problem(s): {shown}. Fix them.")
    return table.reset_index(drop=True)


def search_glossary(
    text: Any, glossary: Any = None, *, in_definitions: bool = False
) -> pd.DataFrame:
    """The glossary rows whose English or Chinese term contains ``text`` (any case).

    ``glossary``: a table from ``load_glossary`` (None: the course's own);
    ``in_definitions``: search the definitions too.

    Raises:
        TypeError: ``text`` is not a string, ``glossary`` not a DataFrame, or
            ``in_definitions`` not a bool.
        ValueError: ``text`` is empty, or ``glossary`` lacks a column.
    """
    text = check_text(text, "text").strip().lower()
    in_definitions = check_bool(in_definitions, "in_definitions")
    if glossary is None:
        glossary = load_glossary()
    elif not isinstance(glossary, pd.DataFrame):
        raise TypeError(
            f"`glossary` must be a DataFrame from load_glossary(), but got {describe(glossary)}."
        )
    missing = [column for column in COLUMNS if column not in glossary.columns]
    if missing:
        raise ValueError(
            f"`glossary` lacks the column(s) {missing}; pass the table load_glossary() returns."
        )
    columns = ["term", "chinese", *(["definition"] if in_definitions else [])]
    found = pd.Series(False, index=glossary.index)
    for column in columns:
        found |= glossary[column].astype(str).str.lower().str.contains(text, regex=False)
    return glossary[found]

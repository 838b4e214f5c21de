"""Slides: roles and metadata from the notebooks, and a deck presented in a real Chromium.

The deck of notebook 01 is built from a fresh papermill run (about 20 s), served on
127.0.0.1 and driven with the keyboard: it must work with no network, fit every slide on the
960 x 700 canvas, render its math and hide exercise solutions and stderr.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest
from browser import browser, screenshot_path, serve  # noqa: F401  (a fixture, used by name)
from executed import executed_copies
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output
from notebook_tools import NOTEBOOK_DIR, notebook_paths
from slides import (
    SLIDE_LINES,
    build_deck,
    presentable,
    set_slide_metadata,
    slide_types,
    split_at_headings,
)

DECK_NOTEBOOK = "01_forward_propagation"


def test_split_at_headings_starts_a_cell_at_each_heading_outside_code() -> None:
    text = "Intro.\n\n## A\nBody\n```\n## not a heading\n```\n### B\nMore"
    notebook = new_notebook(cells=[new_markdown_cell(text), new_code_cell("## a comment")])
    assert split_at_headings(notebook)
    assert [cell.source for cell in notebook.cells] == [
        "Intro.",
        "## A\nBody\n```\n## not a heading\n```",
        "### B\nMore",
        "## a comment",
    ]
    assert len({cell.id for cell in notebook.cells}) == 4
    assert not split_at_headings(notebook)


def test_slide_types_follow_headings_skip_setup_and_solutions_and_break_long_sections() -> None:
    solution = new_code_cell("x = 1", metadata={"jupyter": {"source_hidden": True}})
    setup = new_code_cell('if "google.colab" in sys.modules:\n    pass')
    long_code = new_code_cell("\n".join(f"x{i} = {i}" for i in range(SLIDE_LINES)))
    cells = [
        new_markdown_cell("# 01 · Title"),
        setup,
        new_markdown_cell("## 1. Section"),
        new_code_cell("y = 2"),
        long_code,
        new_markdown_cell("### Exercise 1"),
        solution,
    ]
    roles = slide_types(new_notebook(cells=cells))
    assert roles == ["slide", "skip", "slide", "-", "subslide", "subslide", "skip"]


def test_presentable_drops_stderr_errors_and_the_badge() -> None:
    badge = "[![Open In Colab](https://colab.research.google.com/x.svg)](https://colab.x/y)"
    outputs = [
        new_output("stream", name="stdout", text="kept\n"),
        new_output("stream", name="stderr", text="cuInit failed\n"),
    ]
    notebook = new_notebook(
        cells=[new_markdown_cell(f"# 01 · Title\n\n{badge}"), new_code_cell("1", outputs=outputs)]
    )
    deck = presentable(notebook)
    assert deck.cells[0].source == "# 01 · Title"
    assert [output.get("name") for output in deck.cells[1].outputs] == ["stdout"]
    assert len(notebook.cells[1].outputs) == 2  # the original is left alone


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda path: path.stem[:2])
def test_stored_slide_metadata_is_current(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    assert not set_slide_metadata(copy.deepcopy(notebook)), (
        f"{path.name}: a heading does not start its cell or the slide roles are stale; "
        "run `make links` (tools/slides.py --write-metadata) and commit the notebook."
    )


@pytest.fixture(scope="module")
def deck_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Build notebook 01's deck from a fresh run and serve it on 127.0.0.1."""
    folder = tmp_path_factory.mktemp("slides")
    (executed,) = executed_copies([NOTEBOOK_DIR / f"{DECK_NOTEBOOK}.ipynb"], folder / "executed")
    deck = build_deck(executed, folder)
    with serve(folder) as base:
        yield base + deck.name


@pytest.fixture(scope="module")
def presented(browser, deck_url: str) -> Iterator[tuple[object, list[str], list[str]]]:  # noqa: F811
    """The deck open in Chromium, with the console errors and off-machine requests seen."""
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    errors: list[str] = []
    external: list[str] = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on(
        "request",
        lambda request: (
            request.url.startswith(("http://127.0.0.1", "data:")) or external.append(request.url)
        ),
    )
    page.goto(deck_url)
    page.wait_for_function("window.Reveal && Reveal.isReady()")
    page.wait_for_function("window.MathJax && MathJax.Hub && MathJax.Hub.queue.pending === 0")
    yield page, errors, external
    page.close()


def test_deck_loads_offline_with_no_console_errors(presented) -> None:
    page, errors, external = presented
    page.screenshot(path=screenshot_path("slides-title"))
    assert external == [], f"the deck loads resources from off the machine: {external}"
    assert errors == [], f"console errors: {errors}"


def test_arrow_keys_advance_the_deck(presented) -> None:
    page, _, _ = presented
    page.evaluate("Reveal.slide(0, 0)")
    page.keyboard.press("ArrowRight")
    assert page.evaluate("Reveal.getIndices().h") == 1
    page.keyboard.press("ArrowDown")
    assert page.evaluate("Reveal.getIndices()") == {"h": 1, "v": 1, "f": None}
    page.keyboard.press("ArrowLeft")
    assert page.evaluate("Reveal.getIndices().h") == 0


def test_every_slide_fits_the_canvas(presented) -> None:
    page, _, _ = presented
    page.evaluate("Reveal.slide(0, 0)")
    total = page.evaluate("Reveal.getTotalSlides()")
    assert total >= 25, f"only {total} slides: sections are not split into slides"
    too_tall = []
    for _ in range(total):
        page.wait_for_timeout(150)  # the figures of a slide shrink when it is shown
        height, room, start = page.evaluate(
            "[Reveal.getCurrentSlide().scrollHeight, Reveal.getCurrentSlide().clientHeight, "
            "Reveal.getCurrentSlide().innerText.slice(0, 50)]"
        )
        if height > room + 1:
            too_tall.append(f"{start!r}: {height} px > {room} px")
        page.evaluate("Reveal.next()")
    assert too_tall == [], f"slides taller than the canvas: {too_tall}"


def test_math_is_rendered(presented) -> None:
    page, _, _ = presented
    page.evaluate("Reveal.slide(3, 0)")
    page.wait_for_function("MathJax.Hub.queue.pending === 0")
    page.screenshot(path=screenshot_path("slides-math"))
    assert page.evaluate("document.querySelectorAll('.MathJax').length") >= 20
    raw = page.evaluate(
        "Array.from(document.querySelectorAll('.jp-RenderedMarkdown'))"
        ".filter(e => e.innerText.includes('$')).length"
    )
    assert raw == 0, f"{raw} markdown cells still show raw $...$"


def test_solutions_stderr_and_prompts_are_hidden(presented) -> None:
    page, _, _ = presented
    html = page.content()
    assert "@title Solution" not in html and "google.colab" not in html
    assert page.evaluate("document.querySelectorAll('details[open]').length") == 0
    stderr = "[data-mime-type='application/vnd.jupyter.stderr']"
    assert page.evaluate(f'document.querySelectorAll("{stderr}").length') == 0
    assert "Out[" not in page.evaluate("document.body.innerText")

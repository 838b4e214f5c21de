"""The course website (`make site`, tools/website.py), served on 127.0.0.1 and read in Chromium.

The site is built into a temporary folder with notebook 00 executed fresh (papermill, about
15 s) and every other notebook as stored (its check-cell outputs), so the test does not run
the whole course. Every page is loaded once; the tests below judge what the browser saw:
console errors, failed or external requests, broken links and images, rendered math, the
Colab badge and the download link, search, and a figure on notebook 00's page.
``COURSE_SITE_DIR=build/site`` runs the same checks on the site ``make site`` built.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import pytest
import website as course_site
from browser import browser, screenshot_path, serve  # noqa: F401  (the fixture, used by name)

ROOT = Path(__file__).resolve().parents[1]
SITE_SCRIPT = ROOT / "tools" / "website.py"

LOCAL_HOST = "127.0.0.1"
NOTEBOOK_PAGE = re.compile(r"^\d\d_\w+\.html$")
RAW_DOLLAR_MATH = re.compile(r"\$[^$\s][^$\n]{0,200}?\$")
SEARCH_TERM = "convolution"
TIMEOUT_MS = 120_000  # the machine may be busy; a page that never loads still fails
PAGE_STATE = """() => {
    const maths = [...document.querySelectorAll('.math.notranslate')];
    const main = (document.querySelector('main') || document.body).cloneNode(true);
    main.querySelectorAll('pre, code, script, style, .math.notranslate').forEach(e => e.remove());
    const download = document.querySelector('a.download-notebook');
    return {
        maths: maths.length,
        unrendered: maths
            .filter(e => !e.querySelector('.MathJax, .MathJax_Display, .MathJax_SVG'))
            .map(e => e.textContent.slice(0, 80)),
        math_errors: document.body.innerText.includes('Math Processing Error'),
        text: main.textContent,
        links: [...document.querySelectorAll('a[href]')].map(a => a.href),
        broken_images: [...document.images]
            .filter(i => !i.complete || i.naturalWidth === 0).map(i => i.src),
        badges: [...document.querySelectorAll('a[href^="https://colab.research.google.com/"] img')]
            .filter(i => i.naturalWidth > 0).length,
        download: download ? download.href : null,
        figures: document.querySelectorAll('.cell_output img').length,
    };
}"""
WAIT_FOR_MATHJAX = """() => new Promise(resolve => {
    const ready = () => window.MathJax && MathJax.Hub && MathJax.isReady;
    const poll = () => ready() ? MathJax.Hub.Queue(() => resolve(true)) : setTimeout(poll, 100);
    poll();
})"""


def visit(context: Any, url: str, screenshot: Path | None = None) -> dict[str, Any]:
    """Load ``url`` in a new tab and report what went wrong and what the page holds.

    Requests that leave 127.0.0.1 are refused and recorded under ``external``.
    """
    report: dict[str, Any] = {"console": [], "failed": [], "external": [], "status": []}
    page = context.new_page()
    page.on(
        "console",
        lambda message: message.type == "error" and report["console"].append(message.text),
    )
    page.on("pageerror", lambda error: report["console"].append(str(error)))
    page.on("requestfailed", lambda r: report["failed"].append(f"{r.url} ({r.failure})"))
    page.on(
        "response",
        lambda r: r.status >= 400 and report["status"].append(f"{r.url} ({r.status})"),
    )

    def guard(route: Any) -> None:
        parts = urlsplit(route.request.url)
        if parts.scheme in ("http", "https", "ws", "wss") and parts.hostname != LOCAL_HOST:
            report["external"].append(route.request.url)
            route.abort()
        else:
            route.continue_()

    page.route("**/*", guard)
    page.goto(url, wait_until="load")
    if page.locator(".math.notranslate").count():
        page.evaluate(WAIT_FOR_MATHJAX)
    page.wait_for_load_state("networkidle")
    report.update(page.evaluate(PAGE_STATE))
    if screenshot is not None:
        if report["figures"]:  # show the page's first figure, not only its title
            page.locator(".cell_output img").first.scroll_into_view_if_needed()
        page.screenshot(path=str(screenshot), full_page=False)
    page.close()
    return report


def new_context(chromium: Any) -> Any:
    """A browser context with a generous timeout (the machine may be busy)."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    return context


def missing_local_targets(links: list[str], base: str, folder: Path) -> list[str]:
    """The links under ``base`` whose file (or ``#fragment`` id in it) is not in ``folder``."""
    missing = []
    for link in links:
        if not link.startswith(base):
            continue  # another site (Colab, GitHub) or a javascript:/mailto: link
        parts = urlsplit(link)
        path = folder / unquote(parts.path.lstrip("/"))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file():
            missing.append(link)
        elif parts.fragment and path.suffix == ".html":
            html = path.read_text(encoding="utf-8")
            if f'id="{unquote(parts.fragment)}"' not in html:
                missing.append(link)
    return missing


# --- the build and its offline check, no browser needed ---------------------------------


def test_offline_check_refuses_loaded_external_resources(tmp_path: Path) -> None:
    page = """<html><head>
    <script src="https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-mml-chtml.js"></script>
    <link rel="stylesheet" href="//fonts.googleapis.com/css?family=Lato">
    <link rel="stylesheet" href="_static/theme.css"><script src="_static/local.js"></script>
    </head><body><img src="HTTPS://example.org/badge.svg"><img src="_images/figure.png">
    <a href="https://colab.research.google.com/github/x/y">Open in Colab</a></body></html>"""
    assert course_site.external_resources(page) == [
        "https://cdn.jsdelivr.net/npm/mathjax@3/es5/tex-mml-chtml.js",
        "//fonts.googleapis.com/css?family=Lato",
        "HTTPS://example.org/badge.svg",
    ]
    (tmp_path / "lesson.html").write_text(page, encoding="utf-8")
    with pytest.raises(RuntimeError, match=r"(?s)lesson\.html: https://cdn\.jsdelivr.*Vendor"):
        course_site.check_offline(tmp_path)
    (tmp_path / "lesson.html").write_text('<a href="https://github.com/">code</a>')
    course_site.check_offline(tmp_path)  # plain links are fine
    with pytest.raises(TypeError, match="`html` must be the text of a page"):
        course_site.external_resources(b"<html></html>")


def test_page_notebook_uses_a_local_badge_and_adds_a_download_link(tmp_path: Path) -> None:
    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.cells = [
        nbformat.v4.new_markdown_cell(
            f"# 00 · Title\n\n[![Open In Colab]({course_site.BADGE_URL})](u)"
        )
    ]
    path = tmp_path / "00_title.ipynb"
    nbformat.write(notebook, path)
    first = course_site.page_notebook(path, "00_title").cells[0].source
    assert course_site.BADGE_URL not in first and course_site.BADGE_FILE in first
    assert 'class="download-notebook" href="00_title.ipynb"' in first
    notebook.cells[0].source = "# 00 · Title without a badge"
    nbformat.write(notebook, path)
    with pytest.raises(ValueError, match="must hold the Colab badge"):
        course_site.page_notebook(path, "00_title")


# --- the browser checks can fail ----------------------------------------------------------


def test_browser_checks_catch_a_broken_page(browser: Any, tmp_path: Path) -> None:  # noqa: F811
    (tmp_path / "index.html").write_text(
        """<html><head><script src="https://cdn.example.org/lib.js"></script></head><body>
        <main><p>Raw math $y = f(Wx + b)$ left.</p><img src="missing.png">
        <a href="nowhere.html">broken</a><a href="index.html#no-such-id">bad anchor</a>
        <a href="https://example.org/">another site</a></main>
        <script>undefinedFunction();</script></body></html>""",
        encoding="utf-8",
    )
    context = new_context(browser)
    with serve(tmp_path) as base:
        report = visit(context, base + "index.html")
    context.close()
    assert report["external"] == ["https://cdn.example.org/lib.js"]
    assert any("undefinedFunction" in text for text in report["console"])
    assert any("missing.png" in url for url in report["status"])
    assert [Path(urlsplit(u).path).name for u in report["broken_images"]] == ["missing.png"]
    assert RAW_DOLLAR_MATH.search(report["text"])
    assert missing_local_targets(report["links"], base, tmp_path) == [
        base + "nowhere.html",
        base + "index.html#no-such-id",
    ]


# --- the course site ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def site(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:  # noqa: F811
    """The site of the whole course, 00 executed fresh and the rest as stored.

    ``COURSE_SITE_DIR=build/site`` checks a site already built (``make site``) instead.
    """
    built = os.environ.get("COURSE_SITE_DIR")
    if built:
        return Path(built).resolve()
    work = tmp_path_factory.mktemp("site")
    command = [sys.executable, str(SITE_SCRIPT), "--execute", "00_welcome"]
    command += ["--output", str(work / "site"), "--source", str(work / "source")]
    command += ["--executed-dir", str(work / "executed")]
    env = {**os.environ, "COURSE_RESULTS_DIR": str(work / "results")}
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-4000:]
    assert "WARNING:" not in done.stderr, done.stderr[-4000:]  # Sphinx warnings
    return work / "site"


@pytest.fixture(scope="module")
def site_visit(browser: Any, site: Path) -> Iterator[tuple[str, dict[str, dict]]]:  # noqa: F811
    """Every page of the site loaded once in Chromium: base URL and a report per page."""
    context = new_context(browser)
    pages = sorted(path.name for path in site.glob("*.html"))
    shots = {"index.html": "site_index", "00_welcome.html": "site_notebook_00"}
    with serve(site) as base:
        reports = {}
        for name in pages:
            shot = screenshot_path(shots[name]) if name in shots else None
            reports[name] = visit(context, base + name, shot)
        search = visit(context, base + f"search.html?q={SEARCH_TERM}")
        page = context.new_page()
        page.goto(base + f"search.html?q={SEARCH_TERM}")
        page.wait_for_selector("#search-results ul.search li")
        reports["search results"] = search | {
            "results": page.locator("#search-results ul.search li").all_inner_texts()
        }
        page.screenshot(path=str(screenshot_path("site_search")))
        page.close()
        downloads = {}
        for name, report in reports.items():
            if report.get("download"):
                response = context.request.get(report["download"])
                downloads[name] = (response.status, response.body())
        reports["downloads"] = {"files": downloads}
        yield base, reports
    context.close()


def _page_reports(site_visit: tuple[str, dict[str, dict]]) -> dict[str, dict]:
    return {k: v for k, v in site_visit[1].items() if k != "downloads"}


def test_site_has_every_notebook_the_data_card_and_search(site: Path) -> None:
    from notebook_tools import notebook_paths

    pages = {path.name for path in site.glob("*.html")}
    expected = {f"{path.stem}.html" for path in notebook_paths()}
    assert expected <= pages
    assert {"index.html", "data_card.html", "search.html", "searchindex.js"} <= {
        p.name for p in site.iterdir()
    }
    assert (site / "_static" / "mathjax" / "MathJax.js").is_file()
    index = (site / "index.html").read_text(encoding="utf-8")
    order = [index.find(f'href="{path.stem}.html"') for path in notebook_paths()]
    assert -1 not in order and order == sorted(order), "navigation must follow course order"


def test_every_page_loads_offline_without_errors(site_visit: tuple) -> None:
    problems = {
        name: {key: report[key] for key in ("console", "failed", "external", "status")}
        for name, report in _page_reports(site_visit).items()
        if any(report[key] for key in ("console", "failed", "external", "status"))
    }
    assert not problems, f"pages with errors or requests leaving {LOCAL_HOST}: {problems}"


def test_no_broken_links_or_images(site_visit: tuple, site: Path) -> None:
    base, reports = site_visit
    broken = {
        name: {
            "links": missing_local_targets(report["links"], base, site),
            "images": report["broken_images"],
        }
        for name, report in _page_reports(site_visit).items()
    }
    broken = {name: found for name, found in broken.items() if any(found.values())}
    assert not broken, f"broken links or images: {broken}"


def test_math_is_rendered(site_visit: tuple) -> None:
    reports = _page_reports(site_visit)
    with_math = [name for name, report in reports.items() if report["maths"]]
    assert "01_forward_propagation.html" in with_math
    problems = {
        name: {
            "unrendered": report["unrendered"],
            "errors": report["math_errors"],
            "raw": RAW_DOLLAR_MATH.findall(report["text"])[:5],
        }
        for name, report in reports.items()
    }
    problems = {name: found for name, found in problems.items() if any(found.values())}
    assert not problems, f"math not rendered: {problems}"


def test_notebook_pages_have_a_colab_badge_and_a_download_link(site_visit: tuple) -> None:
    reports = _page_reports(site_visit)
    downloads = site_visit[1]["downloads"]["files"]
    notebook_pages = [name for name in reports if NOTEBOOK_PAGE.match(name)]
    assert len(notebook_pages) >= 17
    for name in notebook_pages:
        assert reports[name]["badges"] == 1, f"{name}: no Colab badge"
        status, body = downloads.get(name, (None, b""))
        assert status == 200, f"{name}: download link {reports[name]['download']} gave {status}"
        notebook = json.loads(body)
        assert notebook["nbformat"] == 4 and notebook["cells"], name


def test_search_finds_a_term(site_visit: tuple) -> None:
    results = site_visit[1]["search results"]["results"]
    assert results, f"searching for {SEARCH_TERM!r} found nothing"
    assert any("Convolution" in result for result in results), results


def test_notebook_00_shows_its_figures(site_visit: tuple) -> None:
    assert _page_reports(site_visit)["00_welcome.html"]["figures"] >= 1
    assert screenshot_path("site_notebook_00").is_file()

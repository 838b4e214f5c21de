"""The course as a static website: Sphinx, myst-nb and the book theme, built and read offline.

    python tools/website.py                                  # the whole course, executed
    python tools/website.py --execute 00_welcome             # 00 executed, the rest as stored
    python tools/website.py --execute                        # every notebook as stored
    python tools/website.py --output /tmp/site --executed-dir /tmp/executed

The notebooks come from their executed copies in build/executed (``make bench`` writes them;
missing or stale ones are executed, see ``tools/executed.py``); a notebook left out of
``--execute`` is taken as stored in notebooks/ (its check-cell outputs only). The script
writes a Sphinx source folder (generated ``conf.py``, an index page with the course map, the
notebooks, the data card), runs ``sphinx-build`` and then refuses the result if any page still
loads a script, stylesheet or image from the network: MathJax 2 is copied from the PyPI
package jupyter-server-mathjax, the Colab badge is a local SVG, and links to Colab and GitHub
stay plain links.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import nbformat
from executed import EXECUTED_DIR, executed_copies
from notebook_tools import ROOT, notebook_paths
from vendored import MATHJAX_CONFIG_NAME, mathjax_config, mathjax_source

SITE_DIR = ROOT / "build" / "site"
SOURCE_DIR = ROOT / "build" / "site-source"
BADGE_URL = "https://colab.research.google.com/assets/colab-badge.svg"
BADGE_FILE = "colab-badge.svg"
DOWNLOAD_DIR = "downloads"  # notebooks as shipped, copied next to their pages
DOWNLOAD_CLASS = "download-notebook"
MATHJAX_DIR = "mathjax"  # under _static
MATHJAX_PATH = f"{MATHJAX_DIR}/MathJax.js?config={MATHJAX_CONFIG_NAME}"
COLAB_BADGE_SVG = """<svg xmlns="http://www.w3.org/2000/svg" width="117" height="20" \
role="img" aria-label="Open in Colab">
<rect width="117" height="20" rx="3" fill="#555"/>
<rect x="20" width="97" height="20" rx="3" fill="#f9ab00"/>
<circle cx="8" cy="10" r="4" fill="none" stroke="#f9ab00" stroke-width="2.5"/>
<circle cx="13" cy="10" r="4" fill="none" stroke="#e8710a" stroke-width="2.5"/>
<text x="68" y="14" fill="#fff" font-family="Verdana,DejaVu Sans,sans-serif" font-size="11" \
text-anchor="middle">Open in Colab</text>
</svg>
"""
# MathJax keeps a hidden native MathML copy of each formula for screen readers; MathJax's
# styles point its double-struck and script letters at TeX fonts this build does not ship.
SITE_CSS = """.MJX_Assistive_MathML [mathvariant] { font-family: inherit !important; }
"""
FAVICON_SVG = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16">
<rect width="16" height="16" rx="3" fill="#1f6f8b"/>
<path d="M7 3h2v4h4v2H9v4H7V9H3V7h4z" fill="#fff"/>
</svg>
"""
EXTERNAL = re.compile(r"^(https?:)?//", re.IGNORECASE)
# Tags whose attribute makes the browser fetch something while the page loads.
LOADED_ATTRIBUTES = {"script": "src", "link": "href", "img": "src", "iframe": "src"}


class _LoadedResources(HTMLParser):
    """Collects the URLs a page loads by itself (scripts, stylesheets, icons, images)."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        wanted = LOADED_ATTRIBUTES.get(tag)
        for name, value in attrs:
            if name == wanted and value:
                self.urls.append(value)


def external_resources(html: str) -> list[str]:
    """The http(s) URLs that ``html`` loads in ``<script src>``, ``<link href>``, ``<img src>``.

    Plain ``<a href>`` links to other sites are fine (nothing is fetched until clicked).
    """
    if not isinstance(html, str):
        raise TypeError(f"`html` must be the text of a page (str), but got {type(html).__name__}.")
    parser = _LoadedResources()
    parser.feed(html)
    return [url for url in parser.urls if EXTERNAL.match(url.strip())]


def check_offline(site_dir: Path) -> None:
    """Raise ``RuntimeError`` naming every page of ``site_dir`` that loads from the network."""
    problems = []
    for page in sorted(site_dir.rglob("*.html")):
        for url in external_resources(page.read_text(encoding="utf-8")):
            problems.append(f"  {page.relative_to(site_dir)}: {url}")
    if problems:
        raise RuntimeError(
            "The site must work offline, but these pages load scripts, stylesheets or images "
            "from the network:\n" + "\n".join(problems) + "\nVendor the file under _static "
            "(or turn the theme option that adds it off) and build again."
        )


def readme_introduction() -> str:
    """The README's text between its title and its first ``##`` section."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    body = text.split("\n", 1)[1]
    return body.split("\n## ", 1)[0].strip()


def lesson_table(built: list[str]) -> str:
    """A Markdown table of the curriculum, linking every lesson whose notebook is on the site."""
    from helpers.course.curriculum import CURRICULUM

    by_number = {int(name[:2]): name for name in built}
    rows = ["| # | lesson | part |", "|---|---|---|"]
    for lesson in CURRICULUM:
        if lesson.number in by_number:
            title = f"[{lesson.title}]({by_number[lesson.number]}.ipynb)"
        else:
            title = f"{lesson.title} (planned)"
        rows.append(f"| {lesson.number:02d} | {title} | {lesson.part} |")
    return "\n".join(rows)


def save_course_map(path: Path) -> None:
    """Draw the course map of notebook 00 into the PNG file ``path``."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    from helpers.course.curriculum import plot_course_map

    figure = plot_course_map()
    figure.savefig(path, dpi=110, bbox_inches="tight")
    plt.close(figure)


def index_page(built: list[str]) -> str:
    """The site's start page: introduction, course map, lessons and the hidden navigation."""
    from helpers.course.repository import repository_url

    toctree = "\n".join(built)
    return f"""# Deep Learning for Medical Diagnosis

{readme_introduction()}

Every page below is a notebook of the course, executed with its shipped settings: its
figures and the verdicts of its check cells are the ones the tests assert. Each page has an
**Open in Colab** badge and a link to download the notebook. The code is at
[{repository_url()}]({repository_url()}).

## The course map

![The course map: notebooks in order, by part of the course](course_map.png)

## Lessons

{lesson_table(built)}

The data sets, their sources and licences are described on the [data card](data_card.md).

```{{toctree}}
:hidden:
:maxdepth: 1
:caption: Lessons

{toctree}
```

```{{toctree}}
:hidden:
:caption: Reference

data_card
```
"""


def conf_py(title: str) -> str:
    """The generated Sphinx configuration."""
    from helpers.course.repository import repository_url

    settings = {
        "project": title,
        "author": "The course authors",
        "copyright": "the course authors; MIT licence",
        "extensions": ["myst_nb"],
        "exclude_patterns": ["_doctrees", DOWNLOAD_DIR, "**.ipynb_checkpoints"],
        "html_theme": "sphinx_book_theme",
        "html_title": title,
        "html_static_path": ["_static"],
        "html_extra_path": [DOWNLOAD_DIR],
        "html_favicon": "_static/favicon.svg",
        "html_css_files": ["course.css"],
        "html_last_updated_fmt": None,
        "html_theme_options": {
            "repository_url": repository_url(),
            "use_repository_button": True,
            "use_download_button": True,
            "use_fullscreen_button": False,
            "launch_buttons": {},
            "show_toc_level": 2,
            "navigation_with_keys": False,
        },
        "html_context": {"default_mode": "light"},
        "nb_execution_mode": "off",
        "nb_output_stderr": "remove",
        "nb_merge_streams": True,
        "nb_ipywidgets_js": {},
        "myst_enable_extensions": ["dollarmath", "amsmath"],
        "myst_heading_anchors": 3,
        "myst_update_mathjax": False,
        "mathjax_path": MATHJAX_PATH,
        "mathjax2_config": mathjax_config(dollars=False),
    }
    lines = ['"""Generated by tools/website.py; edit that script, not this file."""', ""]
    lines += [f"{name} = {value!r}" for name, value in settings.items()]
    return "\n".join(lines) + "\n"


def page_notebook(executed: Path, name: str) -> nbformat.NotebookNode:
    """The executed notebook as its page shows it: a local badge and a download link."""
    notebook = nbformat.read(executed, as_version=4)
    first = notebook.cells[0]
    if BADGE_URL not in first.source:
        raise ValueError(
            f"{name}: the first cell must hold the Colab badge ({BADGE_URL}); "
            "run `make links` and build again."
        )
    first.source = first.source.replace(BADGE_URL, BADGE_FILE) + (
        f' <a class="{DOWNLOAD_CLASS}" href="{name}.ipynb" download>'
        "Download the notebook (.ipynb)</a>"
    )
    return notebook


def write_source(paths: list[Path], executed: dict[str, Path], source_dir: Path) -> None:
    """Write the Sphinx source folder: configuration, pages, figures and vendored files."""
    if source_dir.exists():
        shutil.rmtree(source_dir)
    static = source_dir / "_static"
    downloads = source_dir / DOWNLOAD_DIR
    static.mkdir(parents=True)
    downloads.mkdir()
    shutil.copytree(mathjax_source(), static / MATHJAX_DIR)
    (static / "favicon.svg").write_text(FAVICON_SVG, encoding="utf-8")
    (static / "course.css").write_text(SITE_CSS, encoding="utf-8")
    (source_dir / BADGE_FILE).write_text(COLAB_BADGE_SVG, encoding="utf-8")
    built = [path.stem for path in paths]
    (source_dir / "conf.py").write_text(
        conf_py("Deep Learning for Medical Diagnosis"), encoding="utf-8"
    )
    (source_dir / "index.md").write_text(index_page(built), encoding="utf-8")
    save_course_map(source_dir / "course_map.png")
    shutil.copy(ROOT / "data" / "README.md", source_dir / "data_card.md")
    for path in paths:
        nbformat.write(page_notebook(executed[path.stem], path.stem), source_dir / path.name)
        shutil.copy(path, downloads / path.name)


def sphinx_build(source_dir: Path, site_dir: Path) -> None:
    """Run sphinx-build (warnings shown, on every core) from ``source_dir`` to ``site_dir``."""
    if site_dir.exists():
        shutil.rmtree(site_dir)
    command = [sys.executable, "-m", "sphinx", "-b", "html", "-j", "auto", "-q"]
    command += ["-d", str(source_dir / "_doctrees"), str(source_dir), str(site_dir)]
    subprocess.run(command, check=True)


def build_site(
    paths: list[Path],
    execute: list[Path] | None = None,
    site_dir: Path = SITE_DIR,
    source_dir: Path = SOURCE_DIR,
    executed_dir: Path = EXECUTED_DIR,
) -> Path:
    """Build the site of the notebooks ``paths`` into ``site_dir``; return its index page.

    Notebooks in ``execute`` (default: all) come from their executed copies in
    ``executed_dir`` (run when missing or stale); the others are taken as stored.
    """
    if not paths:
        raise ValueError("`paths` must name at least one notebook, but got none.")
    execute = paths if execute is None else execute
    unknown = [path.name for path in execute if path not in paths]
    if unknown:
        raise ValueError(f"`execute` names notebooks that are not built: {unknown}.")
    copies = dict(zip([p.stem for p in execute], executed_copies(execute, executed_dir)))
    sources = {path.stem: copies.get(path.stem, path) for path in paths}
    write_source(paths, sources, source_dir)
    sphinx_build(source_dir, site_dir)
    check_offline(site_dir)
    return site_dir / "index.html"


def _select(paths: list[Path], names: list[str]) -> list[Path]:
    """The notebooks of ``paths`` named by file name, stem or two-digit number."""
    chosen = []
    for name in names:
        stem = Path(name).stem
        found = [p for p in paths if stem in (p.stem, p.stem[:2])]
        if not found:
            raise SystemExit(
                f"--execute: no notebook called {name!r}; choose from {[p.stem for p in paths]}."
            )
        chosen += found
    return chosen


def main() -> None:
    """Build the site from the command line; print where it is and how long it took."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--execute",
        nargs="*",
        metavar="NOTEBOOK",
        help="notebooks shown executed (default: all); the others are shown as stored",
    )
    parser.add_argument("--output", type=Path, default=SITE_DIR, help="HTML folder")
    parser.add_argument("--source", type=Path, default=SOURCE_DIR, help="Sphinx source folder")
    parser.add_argument("--executed-dir", type=Path, default=EXECUTED_DIR)
    arguments = parser.parse_args()
    paths = notebook_paths()
    execute = None if arguments.execute is None else _select(paths, arguments.execute)
    started = time.perf_counter()
    index = build_site(
        paths,
        execute,
        arguments.output.resolve(),
        arguments.source.resolve(),
        arguments.executed_dir.resolve(),
    )
    pages = len(list(index.parent.glob("*.html")))
    summary = {"index": str(index), "pages": pages, "seconds": round(time.perf_counter() - started)}
    print(json.dumps(summary))
    print(f"open {index} or run: python -m http.server -d {index.parent}")


if __name__ == "__main__":
    main()

"""The JavaScript the site and the slides serve themselves: MathJax 2 and reveal.js.

Both come from PyPI packages in requirements.txt (jupyter-server-mathjax, sphinx-revealjs),
so a build needs no CDN and no network. One MathJax configuration serves both.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path
from typing import Any

# The MathJax 2 build in jupyter-server-mathjax ships one combined configuration and only
# the STIX web fonts; telling MathJax so keeps it from asking for fonts that are not there.
MATHJAX_CONFIG_NAME = "TeX-AMS-MML_HTMLorMML-full"


def mathjax_source() -> Path:
    """The folder holding MathJax.js (and its fonts) inside jupyter-server-mathjax."""
    return Path(str(files("jupyter_server_mathjax") / "static"))


def revealjs_source() -> Path:
    """The reveal.js distribution (dist/, plugin/) inside sphinx-revealjs."""
    return Path(str(files("sphinx_revealjs") / "_static" / "revealjs"))


def mathjax_config(dollars: bool) -> dict[str, Any]:
    """MathJax 2's configuration; ``dollars``: also typeset ``$...$`` (raw notebook markdown)."""
    inline, display = [["\\(", "\\)"]], [["\\[", "\\]"]]
    if dollars:
        inline, display = [["$", "$"], *inline], [["$$", "$$"], *display]
    return {
        "tex2jax": {
            "inlineMath": inline,
            "displayMath": display,
            "processEscapes": dollars,
            "processRefs": False,
            "processEnvironments": dollars,
        },
        # One output for every browser (MathJax would pick native MathML in some, which asks
        # for TeX fonts this build lacks); its font-loading probe must not fetch about:blank.
        "MMLorHTML": {"prefer": "HTML"},
        "HTML-CSS": {
            "styles": {
                "@font-face": {"font-family": "MathJax_Blank", "src": "local('MathJax_Blank')"}
            },
            "availableFonts": [],
            "preferredFont": None,
            "webFont": "STIX-Web",
            "imageFont": None,
            "linebreaks": {"automatic": True},
        },
        "messageStyle": "none",
        "showMathMenu": False,
    }

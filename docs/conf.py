"""Sphinx configuration: MyST Markdown pages, the furo theme, autodoc from the installed package.

Build with ``python -m sphinx -W --keep-going -b html docs OUTDIR``. The API reference is
generated from the docstrings of the *installed* package, so ``src`` is deliberately not put on
``sys.path`` here: the docs describe what ``pip install`` gives, not the checkout.
"""

from __future__ import annotations

from importlib.metadata import version as _dist_version
from typing import TYPE_CHECKING, Any

from sphinx.ext.napoleon.docstring import GoogleDocstring
from sphinx.util import logging

import fiverr_support_kb

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

# -- Project --------------------------------------------------------------------------------

project = "fiverr-support-kb"
author = "fiverr-support-kb contributors"
copyright = "2026, fiverr-support-kb contributors"
release = _dist_version("fiverr-support-kb")
version = ".".join(release.split(".")[:2])
language = "en"

# -- General --------------------------------------------------------------------------------

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",  # renders ```{doctest} blocks (Sybil runs them, not sphinx.ext.doctest)
    "sphinx.ext.napoleon",  # the docstrings are Google style
    "sphinx.ext.viewcode",
]
source_suffix = {".md": "markdown"}
root_doc = "index"
# No page may be called "search": that is Sphinx's own search page (hence faq-search.md).
exclude_patterns = ["_build", "conftest.py", "conf.py", "Thumbs.db", ".DS_Store"]

# Unresolvable references (``decimal.Decimal`` without intersphinx, which would need the
# network) are not errors; everything else Sphinx warns about is, via ``-W``.
nitpicky = False

# -- MyST -----------------------------------------------------------------------------------

myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

# -- autodoc / napoleon ---------------------------------------------------------------------

autodoc_typehints = "description"
autodoc_typehints_description_target = "documented_params"
autodoc_member_order = "bysource"
autodoc_default_options = {"members": True, "undoc-members": True}
# The docstrings are Google style, but napoleon reads an attribute's or property's one-line
# docstring as "type: description", which mangles our prose ("What the buyer pays: the price
# plus the fee."). So napoleon's own handler is switched off and _google_docstring (below)
# applies its Google parser to everything else.
napoleon_google_docstring = False
napoleon_numpy_docstring = False
napoleon_use_rtype = False

# -- HTML -----------------------------------------------------------------------------------

html_theme = "furo"
html_title = f"fiverr-support-kb {release}"
html_static_path: list[str] = []

# -- A check that the API reference is complete ---------------------------------------------

_logger = logging.getLogger(__name__)


def _check_api_complete(_app: Sphinx, env: BuildEnvironment) -> None:
    """Warn (an error under ``-W``) for each public name the API reference does not document."""
    documented = env.get_domain("py").objects  # type: ignore[attr-defined]
    for name in fiverr_support_kb.__all__:
        if f"fiverr_support_kb.{name}" not in documented:
            _logger.warning("fiverr_support_kb.%s is in __all__ but not documented in api.md", name)


def _google_docstring(  # noqa: PLR0913, PLR0917 - the signature of Sphinx's event
    app: Sphinx,
    what: Any,  # one of autodoc's object types: "function", "class", "attribute", ...
    name: str,
    obj: object,
    options: dict[str, Any],
    lines: list[str],
) -> None:
    """Parse a Google-style docstring with napoleon, except for attributes and properties."""
    if what not in {"attribute", "property", "data"}:
        lines[:] = GoogleDocstring(lines, app.config, app, what, name, obj, options).lines()


def setup(app: Sphinx) -> dict[str, bool]:
    """Register the Google docstring parser and the API-completeness check."""
    app.connect("autodoc-process-docstring", _google_docstring)
    app.connect("env-check-consistency", _check_api_complete)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

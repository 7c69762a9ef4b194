"""Regenerate ``src/fiverr_support_kb/data/search_index.json`` from the packaged knowledge base.

The file is the search index of ``data/knowledge_base.json`` (BM25F postings, IDF, the
indexed words for spelling correction) and the analysis of every word of its texts, so that
the first search of the packaged knowledge base reads a file instead of stemming thousands of
words. It records the SHA-256 of the knowledge-base file it was made from and the Snowball
release whose stemming algorithms made it. ``tests/test_search.py`` proves that the shipped
file is exactly what this script makes, and that it equals a fresh build.

Usage: ``python scripts/generate_search_index.py`` (from the repository root, with the
project installed), or ``--check`` to exit 1 when the shipped file is out of date.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import sys
from pathlib import Path
from typing import Any

from fiverr_support_kb import _loading as _data
from fiverr_support_kb.faq import _snowball
from fiverr_support_kb.knowledge_base import parse_kb

# The module, not the function the package exports under the same name. The generator is
# the search module's own tool: it uses the module's private layout and builder.
search = importlib.import_module("fiverr_support_kb.faq._engine")
INDEX_FILE: str = search._INDEX_FILE  # noqa: SLF001
TARGET = Path(__file__).resolve().parents[1] / "src" / "fiverr_support_kb" / "data" / INDEX_FILE


def render() -> str:
    """Return the text of the index file for the packaged knowledge base."""
    raw, source = _data.read_packaged(_data.KB_FILE)
    kb = parse_kb(raw, source)
    body = search._index_file(kb.faq, kb.company.name)  # noqa: SLF001
    data: dict[str, Any] = {
        "format": search._INDEX_FORMAT,  # noqa: SLF001
        "source": _data.KB_FILE,
        "source_sha256": hashlib.sha256(raw).hexdigest(),
        "stemmer": f"Snowball {_snowball.SNOWBALL_VERSION} (fiverr_support_kb.faq._snowball)",
        **body,
    }
    return _dump(data, 0) + "\n"


def _dump(value: Any, depth: int) -> str:
    """Return *value* as JSON: objects one item a line down to the tables, the rest compact.

    Each term, indexed word and analysed word is then a line of its own, so a change of the
    knowledge base shows as a readable diff.
    """
    if isinstance(value, dict) and depth < 4:  # the file, a section, a language, a table
        pad = "\n" + " " * (depth + 1)
        items = [
            f"{json.dumps(key, ensure_ascii=False)}: {_dump(item, depth + 1)}"
            for key, item in value.items()
        ]
        return "{" + pad + ("," + pad).join(items) + "\n" + " " * depth + "}"
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def main() -> int:
    """Write the index file, or with ``--check`` report whether it is up to date."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is stale")
    args = parser.parse_args()
    text = render()
    if args.check:
        current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
        if current != text:
            print(f"{TARGET.name} is out of date: run scripts/generate_search_index.py")
            return 1
        print(f"{TARGET.name} is up to date")
        return 0
    TARGET.write_text(text, encoding="utf-8")
    print(f"wrote {TARGET.name} ({len(text.encode())} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Run the ``fiverr-kb`` command line as ``python -m fiverr_support_kb``."""

from __future__ import annotations

from fiverr_support_kb.cli import main

if __name__ == "__main__":
    raise SystemExit(main())

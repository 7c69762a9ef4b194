"""Reading, parsing and validating data files: JSON, then cattrs, then the semantic checks.

This module is light to import: ``json``, ``cattrs`` and ``importlib.resources`` are imported
by the functions that need them, so that :func:`~fiverr_support_kb.knowledge_base.default_kb`
(which reads the generated snapshot of the packaged data, see ``_snapshot.py``) does not pay for
them on a cold start.
"""

from __future__ import annotations

import os
from typing import Any, Final, TypeVar

from fiverr_support_kb.errors import KnowledgeBaseError

__all__ = [
    "KB_FILE",
    "MAX_FILE_BYTES",
    "parse_json",
    "read_data_file",
    "read_packaged",
    "structure",
]

_T = TypeVar("_T")

#: Data files larger than this are rejected before parsing (the packaged one is ~40 kB).
MAX_FILE_BYTES: Final = 8 * 1024 * 1024
#: The packaged knowledge-base file, under ``fiverr_support_kb/data/``.
KB_FILE: Final = "knowledge_base.json"
_PACKAGE: Final = "fiverr_support_kb"


# --- reading and parsing -----------------------------------------------------------------


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed in data files")


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"duplicate key {key!r} in a JSON object")
        result[key] = value
    return result


def parse_json(raw: bytes, source: str) -> Any:
    """Parse *raw* as strict UTF-8 JSON (no NaN, no duplicate keys) or raise."""
    import json  # noqa: PLC0415 - only when a data file is parsed

    if len(raw) > MAX_FILE_BYTES:
        raise KnowledgeBaseError(source, [f"file is larger than {MAX_FILE_BYTES} bytes"])
    try:
        text = raw.decode("utf-8")
        return json.loads(text, object_pairs_hook=_unique_keys, parse_constant=_reject_constant)
    except UnicodeDecodeError as exc:
        raise KnowledgeBaseError(
            source, [f"not UTF-8 text: {exc.reason} at byte {exc.start}"]
        ) from None
    except json.JSONDecodeError as exc:
        raise KnowledgeBaseError(
            source, [f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"]
        ) from None
    except (ValueError, RecursionError) as exc:
        raise KnowledgeBaseError(source, [f"not valid JSON: {exc}"]) from None


def read_data_file(path: str | os.PathLike[str]) -> tuple[bytes, str]:
    """Read a data file given by the caller, returning its bytes and its display name."""
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a str or os.PathLike, not {type(path).__name__}")
    # A plain str: a str subclass's own __repr__ (in OSError's message) is never called.
    source = str.__str__(os.fsdecode(path))
    try:
        with open(source, "rb") as handle:  # noqa: PTH123 - pathlib is not needed here
            raw = handle.read(MAX_FILE_BYTES + 1)
    except (OSError, ValueError) as exc:
        raise KnowledgeBaseError(source, [f"cannot read the file: {exc}"]) from None
    return raw, source


def read_packaged(name: str) -> tuple[bytes, str]:
    """Read a data file shipped in the package, returning its bytes and its display name."""
    from importlib.resources import files  # noqa: PLC0415 - only when a data file is read

    return (files(_PACKAGE) / "data" / name).read_bytes(), f"{_PACKAGE}/data/{name}"


def structure(data: Any, cls: type[_T], source: str) -> _T:
    """Structure *data* into *cls* with the strict converter, or raise KnowledgeBaseError."""
    import cattrs  # noqa: PLC0415 - only when a data file is structured

    from fiverr_support_kb._converter import CONVERTER, describe_error  # noqa: PLC0415

    if not isinstance(data, dict):
        raise KnowledgeBaseError(source, [f"expected a JSON object, got {type(data).__name__} @ $"])
    try:
        return CONVERTER.structure(data, cls)
    except cattrs.BaseValidationError as exc:
        raise KnowledgeBaseError(
            source, cattrs.transform_error(exc, path="$", format_exception=describe_error)
        ) from None
    except (TypeError, ValueError, AttributeError, KeyError, RecursionError) as exc:
        raise KnowledgeBaseError(source, [f"{exc} @ $"]) from None

"""Reading, parsing and validating data files; the packaged default knowledge base.

This module is light to import: ``json``, ``cattrs`` and ``importlib.resources`` are imported
by the functions that need them, so that ``default_kb()`` (which reads the generated snapshot
of the packaged data, see ``_snapshot.py``) does not pay for them on a cold start.
"""

from __future__ import annotations

import os
import threading
from typing import TYPE_CHECKING, Any, Final, TypeVar

from fiverr_support_kb.errors import KnowledgeBaseError

if TYPE_CHECKING:
    from fiverr_support_kb.models import KnowledgeBase

__all__ = [
    "KB_FILE",
    "MAX_FILE_BYTES",
    "default_kb",
    "load_kb",
    "parse_json",
    "parse_kb",
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


# --- entry points --------------------------------------------------------------------------


def parse_kb(raw: bytes, source: str) -> KnowledgeBase:
    """Parse, structure and validate a knowledge-base file's bytes, or raise."""
    from fiverr_support_kb._validate import kb_problems  # noqa: PLC0415
    from fiverr_support_kb.models import KnowledgeBase  # noqa: PLC0415

    kb = structure(parse_json(raw, source), KnowledgeBase, source)
    problems = kb_problems(kb)
    if problems:
        raise KnowledgeBaseError(source, problems)
    return kb


def load_kb(path: str | os.PathLike[str]) -> KnowledgeBase:
    """Load and validate a knowledge-base JSON file, such as an updated data set.

    The file has the shape of the packaged ``data/knowledge_base.json`` (its JSON Schema,
    ``data/knowledge_base.schema.json``, ships beside it). It is validated exactly like the
    packaged data: unknown keys, wrong types, a missing language, duplicate FAQ ids or
    usernames, a phone number not in E.164 form, a malformed e-mail address or a URL that
    is not ``https`` are all rejected.

    Raises:
        TypeError: *path* is not a ``str`` or path-like object.
        KnowledgeBaseError: the file cannot be read, is not JSON, or is invalid; the message
            names the file and the path of every problem (``... @ $.faq[3].answer.hu``).
    """
    return parse_kb(*read_data_file(path))


def _load_default() -> KnowledgeBase:
    # The generated snapshot of data/knowledge_base.json: the same objects the strict loader
    # builds from the JSON file (tests/test_snapshot.py proves it), at a fraction of the cost.
    from fiverr_support_kb._snapshot import KNOWLEDGE_BASE  # noqa: PLC0415

    return KNOWLEDGE_BASE


_lock = threading.Lock()
_default: KnowledgeBase | None = None


def default_kb() -> KnowledgeBase:
    """Return the packaged knowledge base, loaded once, on first use.

    Safe to call from many threads at once: the data is loaded exactly once and every
    caller gets the same immutable object.
    """
    global _default  # noqa: PLW0603 - the one cached, immutable, lock-guarded value
    kb = _default
    if kb is None:
        with _lock:
            if _default is None:
                _default = _load_default()
            kb = _default
    return kb

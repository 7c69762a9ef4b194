"""Reading, parsing and validating data files: JSON, then cattrs, then the semantic checks.

This module is light to import: ``json``, ``cattrs`` and ``importlib.resources`` are imported
by the functions that need them, so that :func:`~fiverr_support_kb.knowledge_base.default_kb`
(which reads the generated snapshot of the packaged data, see ``_snapshot.py``) does not pay for
them on a cold start.
"""

from __future__ import annotations

import os
import stat
from typing import Any, Final, TypeVar

from fiverr_support_kb.errors import ArgumentTypeError, KnowledgeBaseError, describe_type

__all__ = [
    "KB_FILE",
    "MAX_FILE_BYTES",
    "MAX_TEXT_CHARS",
    "parse_json",
    "read_data_file",
    "read_packaged",
    "structure",
]

_T = TypeVar("_T")

#: Data files larger than this are rejected before parsing (the packaged one is ~40 kB).
MAX_FILE_BYTES: Final = 8 * 1024 * 1024
#: The most characters one text of a knowledge-base file may have (the longest packaged text,
#: an answer, has under 2,000); the FAQ as a whole has limits of its own
#: (:func:`fiverr_support_kb.faq.size_problems`).
MAX_TEXT_CHARS: Final = 20_000
#: The packaged knowledge-base file, under ``fiverr_support_kb/data/``.
KB_FILE: Final = "knowledge_base.json"
_PACKAGE: Final = "fiverr_support_kb"
#: Read-only, never waiting to open (a FIFO), not inherited by child processes.
_OPEN_FLAGS: Final = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
_NOT_REGULAR: Final = "it is not a regular file (a folder, FIFO, device or socket is not read)"


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
    """Read a data file given by the caller, returning its bytes and its display name.

    Only a regular file is read: a FIFO, a device, a socket or a folder is refused without
    waiting for it. The file is opened without blocking (``O_NONBLOCK``: opening a FIFO
    otherwise waits for a writer) and checked with ``fstat`` on the open descriptor, so it
    cannot be swapped for something else between the check and the read.
    """
    if not isinstance(path, (str, os.PathLike)):
        raise ArgumentTypeError(
            f"path must be a file name (a str or os.PathLike), not {describe_type(path)}"
        )
    # A plain str: a str subclass's own __repr__ (in OSError's message) is never called.
    source = str.__str__(os.fsdecode(path))
    try:
        descriptor = os.open(source, _OPEN_FLAGS)
    except (OSError, ValueError) as exc:
        raise KnowledgeBaseError(source, [f"cannot read the file: {exc}"]) from None
    chunks: list[bytes] = []
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            raise KnowledgeBaseError(source, [f"cannot read the file: {_NOT_REGULAR}"])
        left = MAX_FILE_BYTES + 1
        while left and (chunk := os.read(descriptor, left)):
            chunks.append(chunk)
            left -= len(chunk)
    except OSError as exc:
        raise KnowledgeBaseError(source, [f"cannot read the file: {exc}"]) from None
    finally:
        os.close(descriptor)
    return b"".join(chunks), source


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

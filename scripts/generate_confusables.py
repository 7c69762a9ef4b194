"""Regenerate ``src/fiverr_support_kb/accounts/_confusables_data.py`` from ICU's Unicode data.

The username checks need, for every non-ASCII character that can pass for ASCII, the ASCII
text it looks like, plus a few Unicode properties. This script takes them from ICU (through
PyICU's prebuilt wheels), which carries Unicode's security data (UTS #39 ``confusables.txt``)
and character database. It is a development tool only: the library imports the generated
module and never needs ICU.

Usage (in a separate virtual environment, ``pip install pyicu-wheels``, import name ``icu``)::

    python scripts/generate_confusables.py           # write the module
    python scripts/generate_confusables.py --check   # exit 1 if the shipped module is stale

What is generated, for each code point above U+007F (surrogates and unassigned ones skipped):

``ignorable``
    ``Default_Ignorable_Code_Point``: zero-width, format, bidirectional-control, variation
    selector and tag characters, which UTS #39 drops before mapping.
``mark``
    Combining marks (general category ``Mn``, ``Mc``, ``Me``) that are not ignorable.
``prototype``
    The ASCII text the character looks like: its UTS #39 skeleton (NFD, drop ignorables, map
    each character to its prototype, NFD again) when that is ASCII; otherwise the skeleton with
    its combining marks removed; otherwise the skeleton of its compatibility decomposition
    (NFKD) with marks removed; otherwise either of these with the prototypes of the Latin small
    capitals read as the letters (UTS #39 is case-sensitive, usernames are not: Cyrillic т maps
    to ᴛ, which is a T). Characters for which none of these is ASCII are left out.
``confusable``, ``compatibility``, ``diacritic``
    Why a character has a prototype: the prototype comes from the confusables mapping (another
    letter that looks alike), from a compatibility decomposition (full-width, mathematical,
    ligature, circled ... forms), and/or from removing combining marks (accents).
``scripts``
    The Unicode ``Script`` property, for the scripts other than Common and Inherited.

:func:`build_tables` returns these tables as JSON-like data, with ranges written like the
Unicode data files (``"0300..036F"`` or a single ``"00AD"``); :func:`checksum` is the SHA-256
of their canonical JSON form (sorted keys, no whitespace, ASCII). :func:`render` writes them
as a Python module whose tables are text, one entry a line, so that importing it costs the
library a few string constants, even where no bytecode cache is written (a dict literal of
3,400 entries takes the compiler some 30 ms), and an update reads as a line diff. The module
records the ICU and Unicode versions, the licence and the checksum; :func:`read_module` parses
it back into the tables, which ``tests/test_accounts.py`` uses to prove that the shipped
module has the checksum it records, passes :func:`validate`, and is exactly what
:func:`render` makes of its tables.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from types import ModuleType

OUTPUT: Final = (
    Path(__file__).resolve().parent.parent
    / "src"
    / "fiverr_support_kb"
    / "accounts"
    / "_confusables_data.py"
)
#: The version of the generated module's layout, which the library's reader expects.
FORMAT: Final = 2
LICENSE: Final = "Unicode-3.0"
LICENSE_FILE: Final = "data/LICENSE-UNICODE.txt"
SOURCE: Final = (
    "ICU SpoofChecker skeletons (Unicode Technical Standard #39 confusables) and the Unicode "
    "Character Database, as built into ICU"
)
LAST_CODE_POINT: Final = 0x10FFFF
SURROGATES: Final = range(0xD800, 0xE000)
#: Scripts a character may share with any other (UAX #24): they never make a name mixed-script.
SHARED_SCRIPTS: Final = frozenset({"Common", "Inherited", "Unknown"})
#: The flag letters of a prototype line, and the table of code points each stands for.
FLAGS: Final = (("c", "confusable"), ("k", "compatibility"), ("m", "diacritic"))

_RANGE: Final = re.compile(r"([0-9A-F]{4,6})(?:\.\.([0-9A-F]{4,6}))?")
_CODE_POINT: Final = re.compile(r"[0-9A-F]{4,6}")
_SCRIPT_NAME: Final = re.compile(r"[A-Za-z][A-Za-z_]*")


# --- computing the tables from ICU -----------------------------------------------------------


class _Icu:
    """The ICU services the tables come from (imported here: only generating needs ICU)."""

    def __init__(self) -> None:
        import icu  # noqa: PLC0415 - a development-only dependency, not needed to check or test

        self.icu = icu
        self.version = str(icu.ICU_VERSION)
        self.unicode_version = str(icu.UNICODE_VERSION)
        self.marks = frozenset(
            {
                icu.UCharCategory.NON_SPACING_MARK,
                icu.UCharCategory.COMBINING_SPACING_MARK,
                icu.UCharCategory.ENCLOSING_MARK,
            }
        )
        self.spoof = icu.SpoofChecker()
        self.nfd = icu.Normalizer2.getNFDInstance()
        self.nfkd = icu.Normalizer2.getNFKDInstance()

    def is_ignorable(self, cp: int) -> bool:
        icu = self.icu
        return bool(icu.Char.hasBinaryProperty(cp, icu.UProperty.DEFAULT_IGNORABLE_CODE_POINT))

    def is_mark(self, cp: int) -> bool:
        return self.icu.Char.charType(cp) in self.marks

    def assigned(self, cp: int) -> bool:
        icu = self.icu
        return cp not in SURROGATES and icu.Char.charType(cp) != icu.UCharCategory.UNASSIGNED

    def script(self, cp: int) -> str:
        return str(self.icu.Script.getScript(cp).getName())

    def strip(self, text: str) -> str:
        """Return *text* in NFD without its combining marks and ignorable characters."""
        return "".join(
            ch
            for ch in self.nfd.normalize(text)
            if not (self.is_mark(ord(ch)) or self.is_ignorable(ord(ch)))
        )

    def skeleton(self, text: str) -> str:
        return str(self.spoof.getSkeleton(0, text))

    def small_capitals(self) -> dict[str, str]:
        """Map the prototype of each Latin small capital letter to the ASCII letter.

        UTS #39 prototypes are case-sensitive: Cyrillic т and Greek τ map to ᴛ (LATIN LETTER
        SMALL CAPITAL T), к and κ to ĸ (the prototype of ᴋ), м to ʍ (the prototype of ᴍ).
        Usernames ignore case, so a small capital is the letter itself.
        """
        prefix = "LATIN LETTER SMALL CAPITAL "
        found: dict[str, str] = {}
        for cp in range(LAST_CODE_POINT + 1):
            name = str(self.icu.Char.charName(cp)) if self.assigned(cp) else ""
            letter = name.removeprefix(prefix)
            if name.startswith(prefix) and len(letter) == 1 and "A" <= letter <= "Z":
                prototype = self.skeleton(chr(cp))
                if len(prototype) == 1 and not _ascii(prototype):
                    found[prototype] = letter.lower()
        return found

    def prototype(self, ch: str, small_capitals: dict[str, str]) -> tuple[str, str] | None:
        """Return the ASCII prototype of *ch* and its flags, or ``None`` if it has none."""
        decomposed = self.nfkd.normalize(ch)
        for candidate in (
            self.skeleton(ch),
            self.strip(self.skeleton(ch)),
            self.strip(self.skeleton(decomposed)),
            "".join(small_capitals.get(c, c) for c in self.strip(self.skeleton(ch))),
            "".join(small_capitals.get(c, c) for c in self.strip(self.skeleton(decomposed))),
        ):
            if _ascii(candidate):
                break
        else:
            return None
        base = self.strip(decomposed)
        compatibility = base != self.strip(ch)
        diacritic = any(self.is_mark(ord(c)) for c in decomposed)
        confusable = candidate != base or not (compatibility or diacritic)
        flags = "c" * confusable + "k" * compatibility + "m" * diacritic
        return candidate, flags


def _ascii(text: str) -> bool:
    return bool(text) and all(" " <= ch <= "~" for ch in text)


def _ranges(code_points: list[int]) -> list[str]:
    """Compress sorted *code_points* into ``"XXXX..YYYY"`` / ``"XXXX"`` strings."""
    result: list[str] = []
    start = previous = -2
    for cp in [*code_points, -1]:
        if cp == previous + 1:
            previous = cp
            continue
        if start >= 0:
            result.append(f"{start:04X}" if start == previous else f"{start:04X}..{previous:04X}")
        start = previous = cp
    return result


def build_tables(source: _Icu) -> dict[str, Any]:
    """Compute every table from ICU."""
    ignorable: list[int] = []
    mark: list[int] = []
    prototype: dict[str, str] = {}
    flagged: dict[str, list[int]] = {flag: [] for flag, _ in FLAGS}
    scripts: dict[str, list[int]] = {}
    small_capitals = source.small_capitals()
    for cp in range(LAST_CODE_POINT + 1):
        if not source.assigned(cp):
            continue
        script = source.script(cp)
        if script not in SHARED_SCRIPTS:
            scripts.setdefault(script, []).append(cp)
        if cp < 0x80:
            continue
        if source.is_ignorable(cp):
            ignorable.append(cp)
        elif source.is_mark(cp):
            mark.append(cp)
        elif (found := source.prototype(chr(cp), small_capitals)) is not None:
            text, flags = found
            prototype[f"{cp:04X}"] = text
            for flag in flags:
                flagged[flag].append(cp)
    # Unassigned default-ignorable code points (reserved in the tag and variation selector
    # blocks, U+2065 ...) are ignorable too, so add them as UCD's DerivedCoreProperties does.
    ignorable = sorted(
        {*ignorable}.union(
            cp
            for cp in range(0x80, LAST_CODE_POINT + 1)
            if cp not in SURROGATES and not source.assigned(cp) and source.is_ignorable(cp)
        )
    )
    return {
        "ignorable": _ranges(ignorable),
        "mark": _ranges(mark),
        "prototype": prototype,
        **{name: _ranges(flagged[flag]) for flag, name in FLAGS},
        "scripts": {name: _ranges(points) for name, points in sorted(scripts.items())},
    }


def checksum(tables: dict[str, Any]) -> str:
    """Return the SHA-256 of the canonical JSON form of *tables*."""
    canonical = json.dumps(tables, sort_keys=True, separators=(",", ":"), ensure_ascii=True)
    return hashlib.sha256(canonical.encode("ascii")).hexdigest()


# --- checking the tables ---------------------------------------------------------------------


class _Checker:
    """Collects every problem of a set of tables, each with its JSON path."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def ranges(self, values: object, path: str, *, minimum: int) -> list[tuple[int, int]]:
        """Parse a list of sorted, disjoint ranges, reporting the ones that are not."""
        if not isinstance(values, list):
            self.problems.append(f"expected a list of ranges @ {path}")
            return []
        result: list[tuple[int, int]] = []
        for index, value in enumerate(values):
            where = f"@ {path}[{index}]"
            match = _RANGE.fullmatch(value) if isinstance(value, str) else None
            if match is None:
                self.problems.append(
                    f"expected a code point or range such as '00AD' or '0300..036F', "
                    f"got {value!r} {where}"
                )
                continue
            first, last = int(match[1], 16), int(match[2] or match[1], 16)
            if not minimum <= first <= last <= LAST_CODE_POINT:
                self.problems.append(
                    f"range {value!r} is empty or outside U+{minimum:04X}..U+10FFFF {where}"
                )
            elif result and first <= result[-1][1] + 1:
                self.problems.append(
                    f"range {value!r} overlaps, touches or precedes the one before {where}"
                )
            else:
                result.append((first, last))
        return result

    def flags(self, tables: dict[str, Any]) -> dict[int, str]:
        """Return the flags of each flagged code point, checking the flag tables."""
        flagged: dict[int, str] = {}
        for flag, name in FLAGS:
            for first, last in self.ranges(tables.get(name), f"$.tables.{name}", minimum=0x80):
                for cp in range(first, last + 1):
                    flagged[cp] = flagged.get(cp, "") + flag
        return flagged

    def prototypes(self, tables: dict[str, Any], dropped: set[int]) -> None:
        """Check the prototypes, and that each has a flag and each flag a prototype."""
        prototype = tables.get("prototype")
        if not isinstance(prototype, dict):
            self.problems.append("expected an object of code point: text @ $.tables.prototype")
            return
        flagged = self.flags(tables)
        for code, text in prototype.items():
            path = f"$.tables.prototype[{code!r}]"
            cp = int(code, 16) if _CODE_POINT.fullmatch(code) else -1
            if not 0x80 <= cp <= LAST_CODE_POINT or f"{cp:04X}" != code:
                self.problems.append(f"expected a non-ASCII code point such as '0430' @ {path}")
            elif not isinstance(text, str) or not _ascii(text):
                self.problems.append(f"expected printable ASCII text, got {text!r} @ {path}")
            elif cp in dropped:
                self.problems.append(f"U+{cp:04X} is also ignorable or a mark @ {path}")
            elif not flagged.pop(cp, ""):
                self.problems.append(f"U+{cp:04X} has a prototype but no flag @ {path}")
        if flagged:
            self.problems.append(
                f"U+{min(flagged):04X} is flagged but has no prototype @ $.tables.prototype"
            )

    def scripts(self, scripts: object) -> None:
        """Check the script ranges: valid names, and no code point in two scripts."""
        if not isinstance(scripts, dict):
            self.problems.append("expected an object of script: ranges @ $.tables.scripts")
            return
        spans: list[tuple[int, int, str]] = []
        for name, values in scripts.items():
            path = f"$.tables.scripts[{name!r}]"
            if not _SCRIPT_NAME.fullmatch(name):
                self.problems.append(f"expected a script name such as 'Old_Italic' @ {path}")
            spans += [(*span, name) for span in self.ranges(values, path, minimum=0)]
        for (_, last, name), (first, _, other) in pairwise(sorted(spans)):
            if first <= last:
                self.problems.append(f"scripts {name} and {other} overlap at U+{first:04X}")


def validate(tables: dict[str, Any]) -> list[str]:
    """Return the problems of *tables* (empty when they are sound), each with its JSON path.

    The ranges of each table are sorted and disjoint code points above U+007F (any code point
    for scripts); every prototype is printable ASCII text for a code point that is neither
    ignorable nor a mark, and has at least one flag; every flagged code point has a prototype;
    no code point is in two scripts.
    """
    check = _Checker()
    expected = {"ignorable", "mark", "prototype", *(name for _, name in FLAGS), "scripts"}
    if set(tables) != expected:
        check.problems.append(f"expected the tables {sorted(expected)}, got {sorted(tables)} @ $")
    dropped: set[int] = set()
    for name in ("ignorable", "mark"):
        for first, last in check.ranges(tables.get(name), f"$.tables.{name}", minimum=0x80):
            dropped.update(range(first, last + 1))
    check.prototypes(tables, dropped)
    check.scripts(tables.get("scripts"))
    return check.problems


# --- the generated module --------------------------------------------------------------------

_HEADER: Final = '''\
"""Unicode data for the username checks: lookalike prototypes, invisible characters, scripts.

GENERATED by scripts/generate_confusables.py: do not edit by hand; run the script instead.
tests/test_accounts.py checks that this module has the SHA-256 it records and is exactly what
the script makes of its tables.

Derived from Unicode data files: the confusables mapping of Unicode Technical Standard #39
(Unicode Security Mechanisms) and properties of the Unicode Character Database, as built into
ICU {icu_version} (Unicode {unicode_version}).
Copyright © 1991-2025 Unicode, Inc. Distributed under the Unicode License v3 (SPDX identifier
Unicode-3.0), whose text ships in this package as data/LICENSE-UNICODE.txt.

Each table is text, one entry a line, code points in hexadecimal as in the Unicode data files
("00AD", "0300..036F"):

IGNORABLE
    Default_Ignorable_Code_Point ranges: dropped before mapping.
MARK
    Combining mark ranges (Mn, Mc, Me) that are not ignorable.
PROTOTYPE
    "code flags prototype": the ASCII text the character looks like, and why, as letters:
    c (the confusables mapping), k (a compatibility decomposition), m (diacritics removed).
    In the prototype, a space, a backslash and a double quote are escaped.
SCRIPTS
    "range script": the Unicode Script property, other than Common and Inherited, in code
    point order.
"""

FORMAT = {format}
GENERATOR = "scripts/generate_confusables.py"
SOURCE = (
    {source}
)
ICU_VERSION = "{icu_version}"
UNICODE_VERSION = "{unicode_version}"
LICENSE = "{license}"
LICENSE_FILE = "{license_file}"
#: SHA-256 of the canonical JSON form of the tables (scripts/generate_confusables.py).
SHA256 = "{sha256}"

'''


def _escape(text: str) -> str:
    """Escape a prototype for a triple-quoted string: backslash, double quote and space."""
    return text.replace("\\", "\\\\").replace('"', '\\"').replace(" ", "\\x20")


def _table(name: str, lines: list[str]) -> str:
    return f'{name} = """\\\n' + "".join(f"{line}\n" for line in lines) + '"""\n'


def _source_literal() -> str:
    words = SOURCE.split(" ")
    lines: list[str] = []
    for word in words:
        if lines and len(lines[-1]) + len(word) + 1 <= 80:
            lines[-1] += " " + word
        else:
            lines.append(word)
    parts = [f'"{line} "' for line in lines[:-1]] + [f'"{lines[-1]}"']
    return "\n    ".join(parts)


def render(tables: dict[str, Any], *, icu_version: str, unicode_version: str) -> str:
    """Return the text of the generated module for *tables*."""
    flags: dict[str, str] = {}
    for flag, name in FLAGS:
        for value in tables[name]:
            first, _, last = value.partition("..")
            for cp in range(int(first, 16), int(last or first, 16) + 1):
                flags[f"{cp:04X}"] = flags.get(f"{cp:04X}", "") + flag
    prototypes = sorted(tables["prototype"].items(), key=lambda item: int(item[0], 16))
    scripts = sorted(
        ((value, name) for name, values in tables["scripts"].items() for value in values),
        key=lambda item: int(item[0].partition("..")[0], 16),
    )
    header = _HEADER.format(
        icu_version=icu_version,
        unicode_version=unicode_version,
        format=FORMAT,
        source=_source_literal(),
        license=LICENSE,
        license_file=LICENSE_FILE,
        sha256=checksum(tables),
    )
    return "\n".join(
        [
            header.rstrip("\n") + "\n",
            _table("IGNORABLE", tables["ignorable"]),
            _table("MARK", tables["mark"]),
            _table(
                "PROTOTYPE",
                [f"{code} {flags[code]} {_escape(text)}" for code, text in prototypes],
            ),
            _table("SCRIPTS", [f"{value} {name}" for value, name in scripts]),
        ]
    )


def read_module(module: ModuleType) -> dict[str, Any]:
    """Parse the tables of a generated module back into the form :func:`build_tables` returns.

    Written apart from the library's own reader on purpose: the tests compare the two.
    """
    prototype: dict[str, str] = {}
    flagged: dict[str, list[int]] = {flag: [] for flag, _ in FLAGS}
    for line in module.PROTOTYPE.splitlines():
        code, flags, text = line.split(" ", 2)
        prototype[code] = text
        for flag in flags:
            flagged[flag].append(int(code, 16))
    scripts: dict[str, list[str]] = {}
    for line in module.SCRIPTS.splitlines():
        value, name = line.split(" ")
        scripts.setdefault(name, []).append(value)
    return {
        "ignorable": module.IGNORABLE.splitlines(),
        "mark": module.MARK.splitlines(),
        "prototype": prototype,
        **{name: _ranges(sorted(flagged[flag])) for flag, name in FLAGS},
        "scripts": dict(sorted(scripts.items())),
    }


def main(argv: list[str] | None = None) -> int:
    """Write the module, or with ``--check`` compare it with a fresh generation."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="do not write; exit 1 if the shipped module differs"
    )
    args = parser.parse_args(argv)
    source = _Icu()
    tables = build_tables(source)
    problems = validate(tables)
    if problems:
        print("the tables ICU gave are not sound:", *problems, sep="\n  ", file=sys.stderr)
        return 1
    text = render(tables, icu_version=source.version, unicode_version=source.unicode_version)
    versions = f"ICU {source.version}, Unicode {source.unicode_version}"
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        if current != text:
            print(f"{OUTPUT.name} is stale: run scripts/generate_confusables.py", file=sys.stderr)
            return 1
        print(f"{OUTPUT.name} is up to date ({versions})")
        return 0
    OUTPUT.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {OUTPUT.name}: {versions}, SHA-256 {checksum(tables)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

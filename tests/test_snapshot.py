"""The generated snapshot is exactly the packaged JSON data, loaded by the strict loader."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import TYPE_CHECKING

from fiverr_support_kb import _loading as _data
from fiverr_support_kb import _snapshot, _snapshot_fees, default_kb, fee_schedules
from fiverr_support_kb import schedules as schedules_module
from fiverr_support_kb._validate import kb_problems
from fiverr_support_kb.knowledge_base import parse_kb
from helpers import load_script

if TYPE_CHECKING:
    from types import ModuleType

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "generate_snapshot.py"


def generator() -> ModuleType:
    """Load scripts/generate_snapshot.py."""
    return load_script("generate_snapshot")


def test_snapshot_equals_the_strictly_loaded_json() -> None:
    """The snapshot builds the same knowledge base cattrs builds from the JSON file."""
    loaded = parse_kb(*_data.read_packaged(_data.KB_FILE))
    assert (loaded.provenance, loaded.company, loaded.channels) == (
        _snapshot.PROVENANCE,
        _snapshot.COMPANY,
        _snapshot.CHANNELS,
    )
    assert (loaded.faq, loaded.official_accounts) == (_snapshot.FAQ, _snapshot.OFFICIAL_ACCOUNTS)
    assert default_kb() == loaded


def test_snapshot_was_made_from_the_shipped_json() -> None:
    """The checksum recorded in the snapshot is the shipped JSON file's."""
    raw, _ = _data.read_packaged(_data.KB_FILE)
    assert hashlib.sha256(raw).hexdigest() == _snapshot.SOURCE_SHA256


def test_snapshots_are_what_the_script_makes() -> None:
    """Regenerating the snapshots from the shipped JSON gives the shipped modules, byte for byte."""
    rendered = generator().render()
    assert sorted(rendered) == ["_snapshot.py", "_snapshot_fees.py"]
    for module in (_snapshot, _snapshot_fees):
        path = Path(module.__file__ or "")
        assert rendered[path.name] == path.read_text(encoding="utf-8")


def test_fee_snapshot_equals_the_strictly_loaded_json() -> None:
    """The fee snapshot builds the schedules the strict loader builds from the JSON file."""
    raw, source = _data.read_packaged(schedules_module.FEES_FILE)
    loaded = schedules_module.parse_schedules(raw, source)
    assert dict(fee_schedules()) == dict(loaded)
    assert tuple(s.name for s in loaded.values()) == tuple(
        data["name"] for data in _snapshot_fees.FEE_SCHEDULES
    )
    assert hashlib.sha256(raw).hexdigest() == _snapshot_fees.SOURCE_SHA256


def test_snapshot_passes_validation() -> None:
    """The snapshot's data has no semantic problem."""
    assert (
        kb_problems(
            company=_snapshot.COMPANY,
            channels=_snapshot.CHANNELS,
            faq=_snapshot.FAQ,
            official_accounts=_snapshot.OFFICIAL_ACCOUNTS,
        )
        == []
    )

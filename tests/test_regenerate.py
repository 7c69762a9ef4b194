"""scripts/regenerate.py: one command that checks (or writes) every generated file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Final

from fiverr_support_kb.accounts import _confusables_data
from helpers import load_script

ROOT: Final = Path(__file__).resolve().parents[1]
SCRIPT: Final = ROOT / "scripts" / "regenerate.py"


regenerate = load_script("regenerate")


def test_check_passes_on_the_shipped_files() -> None:
    """``regenerate.py --check`` exits 0: every shipped generated file is what its script makes."""
    process = subprocess.run(
        [sys.executable, str(SCRIPT), "--check"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    assert process.returncode == 0, process.stdout + process.stderr
    assert "every generated file is up to date" in process.stdout
    assert "_confusables_data.py" in process.stdout


def test_shipped_confusables_have_their_recorded_checksum() -> None:
    """The check made without PyICU (the recorded SHA-256 of the shipped tables) passes."""
    assert regenerate.verify_confusables_checksum()


def test_pinned_pyicu_is_the_one_the_confusables_were_made_with() -> None:
    """The pinned pyicu-wheels release is 2.15.2, which bundles the ICU the module records."""
    assert regenerate.pinned_pyicu() == "2.15.2"
    assert (_confusables_data.ICU_VERSION, _confusables_data.UNICODE_VERSION) == ("77.1", "16.0")

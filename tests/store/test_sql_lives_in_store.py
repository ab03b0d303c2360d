"""All SQL of the app lives in ``store/``: a ratchet. No module outside it may start holding
SQL; the ones that still do are listed with the reason, and the list only shrinks."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SQL = re.compile(r"exec_driver_sql|\b(?:SELECT\s+\S+.*\bFROM|INSERT INTO|UPDATE \w+ SET|"
                 r"DELETE FROM|CREATE TABLE)\b")

#: Still holding SQL, to move behind store repositories: none left (issue 12). Keep it empty.
NOT_YET_MOVED: set[str] = set()
#: On purpose: reads its resume point with plain sqlite3 before the store (SQLAlchemy) is
#: imported, so the scanning child can fork early (start-up time).
ALLOWED = {"stacklens_desktop/scan_ahead/start.py"}


def _holders() -> set[str]:
    found = set()
    for package in ("stacklens_desktop", "pos_simulator"):
        for path in (ROOT / package).rglob("*.py"):
            rel = path.relative_to(ROOT).as_posix()
            if rel.startswith("stacklens_desktop/store/"):
                continue
            if SQL.search(path.read_text(encoding="utf-8")):
                found.add(rel)
    return found


def test_no_new_module_outside_store_holds_sql() -> None:
    extra = _holders() - NOT_YET_MOVED - ALLOWED
    assert not extra, f"SQL outside store/ (put it behind a store repository): {sorted(extra)}"


def test_the_list_of_modules_still_to_move_only_shrinks() -> None:
    moved = NOT_YET_MOVED - _holders()
    assert not moved, f"these hold no SQL any more: drop them from NOT_YET_MOVED: {moved}"

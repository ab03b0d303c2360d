"""Deciding to fork, and guessing where the importer will start, without the store."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

from stacklens_desktop.core.formats import detect_format
from stacklens_desktop.core.reading import UnreadableFileError, read_text_sample
from stacklens_desktop.core.scrub.rules import (
    DEFAULT_RULES,
    SETTING_KEY,
    ScrubRules,
    rules_from_json,
)
from stacklens_desktop.scan_ahead.process import ScanAhead, can_fork


def start_scan_ahead(path: Path, database: Path) -> ScanAhead | None:
    """A child preparing ``path`` from where the store says the last import stopped; None
    when this process may not fork or the file cannot be opened (the importer then says why).
    Call it before importing the store's libraries: that is the time it wins."""
    if not can_fork():
        return None
    try:
        path = path.expanduser().resolve()
        info = os.stat(path)
        fmt = detect_format(read_text_sample(path))
        start, lines = peek_resume_point(database, str(path), info.st_ino, info.st_size)
        return ScanAhead(path, start, lines + 1, fmt, peek_scrub_rules(database))
    except (OSError, UnreadableFileError):
        return None


def peek_resume_point(database: Path, key: str, inode: int, size: int) -> tuple[int, int]:
    """(offset, lines) the importer will resume from, read with plain ``sqlite3`` before the
    store's libraries are imported. A guess: the importer checks it (``ScanAhead.matches``)."""
    try:
        conn = sqlite3.connect(f"file:{quote(str(database))}?mode=ro", uri=True, timeout=1)
    except sqlite3.Error:
        return 0, 0
    try:
        row = conn.execute("SELECT offset, lines, inode FROM source WHERE path = ?",
                           (key,)).fetchone()
    except sqlite3.Error:
        return 0, 0
    finally:
        conn.close()
    if row is None or row[2] not in (None, inode) or row[0] > size:
        return 0, 0
    return int(row[0]), int(row[1])


def peek_scrub_rules(database: Path) -> ScrubRules:
    """The profile's scrubbing rules, read with plain ``sqlite3`` (as the resume point): the
    child scrubs every record with them. A guess the importer checks (``ScanAhead.matches``)."""
    try:
        conn = sqlite3.connect(f"file:{quote(str(database))}?mode=ro", uri=True, timeout=1)
    except sqlite3.Error:
        return DEFAULT_RULES
    try:
        row = conn.execute("SELECT value FROM setting WHERE key = ?",
                           (SETTING_KEY,)).fetchone()
        data = json.loads(row[0]) if row and row[0] else {}
    except (sqlite3.Error, ValueError):
        return DEFAULT_RULES
    finally:
        conn.close()
    return rules_from_json(data) if isinstance(data, dict) else DEFAULT_RULES

"""Data safety of the store: locked is not damaged, damage is salvaged, files are private."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from stacklens_desktop.paths import data_dir, database_path
from stacklens_desktop.store import StoreError, engine, open_store
from stacklens_desktop.store.engine import StoreBusyError

HOLD_LOCK = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("PRAGMA locking_mode=EXCLUSIVE")
conn.execute("BEGIN EXCLUSIVE")
conn.execute("INSERT INTO setting (key, value) VALUES ('held', 'yes')")
print("locked", flush=True)
sys.stdin.read()
conn.execute("ROLLBACK")
"""


def _fresh_profile(base: Path, events: int = 0) -> Path:
    """A profile created by this process, then forgotten so the next open checks it again."""
    store = open_store(base)
    store.close()
    path = database_path(base)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("INSERT INTO setting (key, value) VALUES ('kept', 'yes')")
        conn.execute("INSERT INTO pattern (fingerprint, template, error_type, severity, "
                     "confidence, count, status, parameters_sample, resolution_steps, "
                     "updated_at) VALUES ('fp', 'Product <*> has no price', "
                     "'data_validation', 'high', 0.9, ?, 'new', '[]', '[]', 'now')",
                     (events,))
        conn.executemany(
            "INSERT INTO event (pattern_id, time, level, message, parameters, fields, raw, "
            "offset, line_no) VALUES (1, 't', 'ERROR', ?, '[]', '{}', ?, ?, ?)",
            ((f"Product {n} has no price", "x" * 200, n * 100, n) for n in range(events)))
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    engine._opened.clear()
    return path


def test_a_locked_database_is_waited_for_and_never_moved(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    path = _fresh_profile(tmp_path)
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(path)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
        monkeypatch.setattr(engine, "OPEN_WAIT_S", 1.0)
        monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 200)
        with pytest.raises(StoreBusyError, match="locked by another process"):
            open_store(tmp_path)
        assert sorted(p.name for p in tmp_path.iterdir() if "damaged" in p.name) == []
    finally:
        holder.communicate("", timeout=30)
    store = open_store(tmp_path)  # once the other process is done, everything is there
    with store.engine.connect() as conn:
        keys = {k for (k,) in conn.exec_driver_sql("SELECT key FROM setting")}
    store.close()
    assert keys == {"kept"}


def _damage_pages(path: Path, start_fraction: float, pages: int) -> None:
    size = path.stat().st_size
    page = 4096
    first = int(size * start_fraction) // page * page
    with path.open("r+b") as out:
        out.seek(first)
        out.write(bytes((n * 37) % 251 for n in range(page * pages)))


def test_a_damaged_database_is_salvaged_with_counts(tmp_path: Path) -> None:
    path = _fresh_profile(tmp_path, events=20_000)
    _damage_pages(path, 0.5, 4)
    store = open_store(tmp_path)
    report = store.salvage
    assert report is not None and report.damaged_path.exists()
    assert report.damaged_path.name.startswith("stacklens.db.damaged-")
    assert report.rows["setting"] == 1 and report.rows["pattern"] == 1
    assert 18_000 < report.rows["event"] < 20_000  # most rows back, the damaged pages lost
    with store.engine.connect() as conn:
        (events,) = conn.exec_driver_sql("SELECT COUNT(*) FROM event").one()
        (check,) = conn.exec_driver_sql("PRAGMA integrity_check").one()
    store.close()
    assert events == report.rows["event"] and check == "ok"
    assert f"recovered {events:,} events, 1 patterns" in report.summary()


def test_each_damaged_file_is_kept_under_its_own_name(tmp_path: Path) -> None:
    for _ in range(2):
        engine._opened.clear()
        database_path(tmp_path).write_bytes(b"not a database at all " * 300)
        open_store(tmp_path).close()
    assert len(list(tmp_path.glob("stacklens.db.damaged-*"))) == 2


def test_the_store_opens_once_per_process(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[Path] = []
    real = engine._quick_check
    monkeypatch.setattr(engine, "_quick_check", lambda p: calls.append(p) or real(p))
    _fresh_profile(tmp_path)
    for _ in range(3):
        open_store(tmp_path).close()
    assert len(calls) == 1


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.skipif(os.name != "posix", reason="POSIX file modes")
def test_profile_files_are_private(tmp_path: Path) -> None:
    from stacklens_desktop.logs import setup_logging

    base = data_dir(tmp_path / "profile")
    setup_logging(base)
    store = open_store(base)
    store.write(lambda conn: conn.exec_driver_sql(  # a write creates the WAL
        "INSERT INTO setting (key, value) VALUES ('a', 'b')"))
    backup = store.backup(tmp_path / "copy.db")
    wal = database_path(base).with_name("stacklens.db-wal")
    assert wal.exists()
    modes = {p.name: _mode(p) for p in (base, base / "logs", database_path(base), wal,
                                         base / "logs" / "stacklens.log", backup)}
    store.close()
    assert modes == {"profile": 0o700, "logs": 0o700, "stacklens.db": 0o600,
                     "stacklens.db-wal": 0o600, "stacklens.log": 0o600, "copy.db": 0o600}


def test_backup_refuses_the_live_file_and_the_profile(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    try:
        for target in (database_path(tmp_path), tmp_path, tmp_path / "sub" / "x.db"):
            with pytest.raises(StoreError, match="inside the profile"):
                store.backup(target)
    finally:
        store.close()
    assert not (tmp_path / "sub").exists()

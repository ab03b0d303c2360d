"""The live pipeline through the real Qt workers: real files, real inotify, real SQLite."""

from __future__ import annotations

import gc
import json
import os
import sqlite3
import threading
import time
from pathlib import Path

import pytest

from stacklens_desktop.store import open_store
from stacklens_desktop.workers.live_monitor import LiveMonitor
from tests.qt_wait import wait_worker_signal
from tests.test_live_assembly import INFO as JAVA_INFO
from tests.test_live_assembly import TRACE, java_error

ERR = '2026-11-25T10:00:{s:02d}.000Z [ERROR] Product has no price: {{"orderId":"ORD-{n}",' \
      '"productId":999,"productName":"Premium Item","code":"MISSING_PRICE"}}\n'
INFO = '2026-11-25T10:00:{s:02d}.000Z [INFO] Order placed: {{"orderId":"ORD-{n}"}}\n'


def err(n: int) -> str:
    return ERR.format(s=n % 60, n=n)


def info(n: int) -> str:
    return INFO.format(s=n % 60, n=n)


def stored_offsets(data_dir: Path) -> list[tuple[str, int]]:
    store = open_store(data_dir)
    try:
        with store.engine.connect() as conn:
            return [(p, o) for p, o in conn.exec_driver_sql(
                "SELECT s.path, e.offset FROM event e JOIN source s ON s.id = e.source_id "
                "ORDER BY e.id")]
    finally:
        store.close()


def stored_orders(data_dir: Path) -> list[str]:
    """The order id of every stored event (unique per written line in these tests)."""
    store = open_store(data_dir)
    try:
        with store.engine.connect() as conn:
            return [json.loads(f)["orderId"] for (f,) in conn.exec_driver_sql(
                "SELECT fields FROM event ORDER BY id")]
    finally:
        store.close()


@pytest.fixture
def monitor(qtbot, tmp_path: Path):
    mon = LiveMonitor(tmp_path / "profile", poll_interval=0.2)
    (tmp_path / "profile").mkdir()
    mon.start()
    yield mon
    mon.stop()


def _append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as out:
        out.write(text)
        out.flush()


def _wait_events(qtbot, data_dir: Path, count: int, timeout: int = 20_000) -> None:
    qtbot.waitUntil(lambda: len(stored_offsets(data_dir)) >= count, timeout=timeout)


def test_appended_error_becomes_a_stored_event_with_signal(qtbot, monitor, tmp_path) -> None:
    log = tmp_path / "pos.log"
    log.write_text(info(0))
    monitor.add(str(log))
    with wait_worker_signal(qtbot, monitor.analysis.source_state_changed, 10_000):
        pass
    with wait_worker_signal(qtbot, monitor.analysis.events_stored, 10_000) as args:
        _append(log, info(1) + err(2))
    events = args[0]
    assert len(events) == 1
    assert events[0].level == "ERROR"
    assert events[0].message == "Product has no price"
    assert events[0].severity in ("high", "critical")
    assert events[0].error_type == "data_validation"
    assert stored_offsets(tmp_path / "profile") == [(str(log), len(info(0)) + len(info(1)))]


def test_rotation_by_rename_loses_and_repeats_nothing(qtbot, monitor, tmp_path) -> None:
    log = tmp_path / "pos.log"
    log.write_text("")
    monitor.add(str(log))
    with wait_worker_signal(qtbot, monitor.analysis.source_state_changed, 10_000):
        pass
    _append(log, "".join(err(i) for i in range(50)))
    _wait_events(qtbot, tmp_path / "profile", 50)
    _append(log, "".join(err(i) for i in range(50, 60)))  # maybe not read before the rename
    os.rename(log, tmp_path / "pos.log.1")
    _append(log, "".join(err(i) for i in range(60, 100)))  # the new file
    _wait_events(qtbot, tmp_path / "profile", 100)
    orders = stored_orders(tmp_path / "profile")
    assert sorted(orders) == sorted(f"ORD-{i}" for i in range(100))


def test_copy_truncate_restarts_at_zero(qtbot, monitor, tmp_path) -> None:
    log = tmp_path / "pos.log"
    log.write_text("")
    monitor.add(str(log))
    with wait_worker_signal(qtbot, monitor.analysis.source_state_changed, 10_000):
        pass
    _append(log, "".join(err(i) for i in range(20)))
    _wait_events(qtbot, tmp_path / "profile", 20)
    with log.open("r+") as f:
        f.truncate(0)
    _append(log, "".join(err(i) for i in range(20, 25)))
    _wait_events(qtbot, tmp_path / "profile", 25)
    assert sorted(stored_orders(tmp_path / "profile")) == sorted(f"ORD-{i}" for i in range(25))


def test_burst_of_100k_lines_is_coalesced(qtbot, monitor, tmp_path) -> None:
    log = tmp_path / "burst.log"
    log.write_text("")
    received: list[int] = []
    monitor.analysis.events_stored.connect(lambda events: received.append(len(events)))
    monitor.add(str(log))
    with wait_worker_signal(qtbot, monitor.analysis.source_state_changed, 10_000):
        pass
    lines = [err(i) if i % 20 == 0 else info(i) for i in range(100_000)]
    _append(log, "".join(lines))
    qtbot.waitUntil(lambda: sum(received) >= 5000, timeout=60_000)
    assert sum(received) == 5000
    assert len(received) < 200  # coalesced batches, not one signal per line
    assert len(stored_offsets(tmp_path / "profile")) == 5000
    # the model and libraries were frozen out of the cyclic GC when the worker started
    # (full collections over them stalled the GUI thread 100+ ms, see bench_live)
    assert gc.get_freeze_count() > 0


def test_restart_resumes_from_committed_offset(qtbot, tmp_path) -> None:
    data_dir = tmp_path / "profile"
    data_dir.mkdir()
    log = tmp_path / "pos.log"
    log.write_text("")
    first = LiveMonitor(data_dir, poll_interval=0.2)
    first.start()
    first.add(str(log))
    with wait_worker_signal(qtbot, first.analysis.source_state_changed, 10_000):
        pass
    _append(log, "".join(err(i) for i in range(10)))
    _wait_events(qtbot, data_dir, 10)
    first.stop()
    _append(log, "".join(err(i) for i in range(10, 15)))  # written while we were down
    second = LiveMonitor(data_dir, poll_interval=0.2)
    second.start()
    second.add(str(log))
    try:
        _wait_events(qtbot, data_dir, 15)
    finally:
        second.stop()
    offsets = stored_offsets(data_dir)
    assert len(offsets) == 15 and len(set(offsets)) == 15


def test_partial_line_waits_for_its_newline(qtbot, monitor, tmp_path) -> None:
    log = tmp_path / "pos.log"
    log.write_text("")
    monitor.add(str(log))
    with wait_worker_signal(qtbot, monitor.analysis.source_state_changed, 10_000):
        pass
    line = err(7)
    with wait_worker_signal(qtbot, monitor.analysis.events_stored, 10_000) as args:
        _append(log, line[:40])  # the writer is mid-line
        _append(log, line[40:] + err(8))
    stored = args[0]
    assert stored[0].offset == 0
    assert stored[0].message == "Product has no price"
    _wait_events(qtbot, tmp_path / "profile", 2)
    assert sorted(stored_orders(tmp_path / "profile")) == ["ORD-7", "ORD-8"]


def test_deleted_then_recreated_file_is_read_from_its_first_byte(qtbot, monitor,
                                                                  tmp_path) -> None:
    log = tmp_path / "pos.log"
    log.write_text("")
    states: list[tuple[str, str, str]] = []
    monitor.analysis.source_state_changed.connect(lambda *a: states.append(a))
    monitor.add(str(log))
    qtbot.waitUntil(lambda: any(s[1] == "watching" for s in states), timeout=10_000)
    _append(log, "".join(err(i) for i in range(5)))
    _wait_events(qtbot, tmp_path / "profile", 5)
    log.unlink()
    qtbot.waitUntil(lambda: states[-1][1] == "waiting", timeout=10_000)
    _append(log, "".join(err(i) for i in range(5, 8)))
    _wait_events(qtbot, tmp_path / "profile", 8)
    assert sorted(stored_orders(tmp_path / "profile")) == sorted(f"ORD-{i}" for i in range(8))
    assert states[-1][1] == "watching"


def test_glob_picks_up_files_that_appear_later(qtbot, monitor, tmp_path) -> None:
    (tmp_path / "till-1.log").write_text(err(1))  # existing: starts at its end
    monitor.add(str(tmp_path / "till-*.log"))
    with wait_worker_signal(qtbot, monitor.analysis.source_state_changed, 10_000):
        pass
    (tmp_path / "till-2.log").write_text(err(2) + err(3))  # new: read from byte 0
    _wait_events(qtbot, tmp_path / "profile", 2)
    paths = {p for p, _ in stored_offsets(tmp_path / "profile")}
    assert paths == {str(tmp_path / "till-2.log")}
    assert sorted(stored_orders(tmp_path / "profile")) == ["ORD-2", "ORD-3"]


def test_unreadable_path_is_an_error_state_with_reason_then_recovers(qtbot, monitor,
                                                                     tmp_path) -> None:
    target = tmp_path / "pos.log"
    target.mkdir()  # a directory where the log should be: cannot be read as a log
    states: list[tuple[str, str, str]] = []
    monitor.analysis.source_state_changed.connect(lambda *a: states.append(a))
    monitor.add(str(target))
    qtbot.waitUntil(lambda: any(s[1] == "error" for s in states), timeout=10_000)
    error = next(s for s in states if s[1] == "error")
    assert error[2]  # a readable reason
    target.rmdir()
    target.write_text(info(0))
    qtbot.waitUntil(lambda: states[-1][1] == "watching", timeout=10_000)
    _append(target, err(1))
    _wait_events(qtbot, tmp_path / "profile", 1)
    assert stored_orders(tmp_path / "profile") == ["ORD-1"]


def _rows(data_dir: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(data_dir / "stacklens.db", timeout=10)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_java_traces_written_line_by_line_with_pauses(qtbot, monitor, tmp_path) -> None:
    """printStackTrace-style writes, 40-120 ms apart: one event and one fingerprint each."""
    data_dir = tmp_path / "profile"
    log = tmp_path / "app.log"
    log.write_text("")
    monitor.add(str(log))
    with wait_worker_signal(qtbot, monitor.analysis.source_state_changed, 10_000):
        pass
    pauses = [0.04, 0.12, 0.08]

    def writer() -> None:
        with log.open("a") as out:
            for n in range(5):
                for index, line in enumerate(java_error(n) + [JAVA_INFO.format(s=n, n=n)]):
                    out.write(line)
                    out.flush()
                    time.sleep(pauses[index % len(pauses)])

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        total = 5 * (len(TRACE) + 2)
        qtbot.waitUntil(lambda: _rows(data_dir, "SELECT lines FROM source") == [(total,)],
                        timeout=30_000)
    finally:
        thread.join()
    stored = _rows(data_dir, "SELECT p.fingerprint, e.raw FROM event e JOIN pattern p "
                                  "ON p.id = e.pattern_id ORDER BY e.id")
    assert len(stored) == 5
    assert len({fingerprint for fingerprint, _ in stored}) == 1
    assert all(raw.count("\n") == len(TRACE) for _, raw in stored)


def test_a_damaged_watch_json_falls_back_to_the_default_wait(qtbot, tmp_path, caplog) -> None:
    data_dir = tmp_path / "profile"
    data_dir.mkdir()
    (data_dir / "watch.json").write_text("{not json")
    mon = LiveMonitor(data_dir, poll_interval=0.2)
    try:
        assert "record waits" in caplog.text and "watch.json" in caplog.text
        log = tmp_path / "app.log"
        log.write_text("")
        with wait_worker_signal(qtbot, mon.analysis.source_state_changed, 10_000):
            mon.start()
            mon.add(str(log))
        _append(log, err(1) + info(2))
        _wait_events(qtbot, data_dir, 1)
    finally:
        mon.stop()


def test_a_change_held_by_the_stats_interval_is_sent_when_it_ends(qtbot, monitor,
                                                                   tmp_path: Path) -> None:
    """Statistics go out at most every 0.5 s; the last change inside the interval is sent
    when it ends (the status bar once kept "0 events" next to a new row until the next
    batch)."""
    log = tmp_path / "pos.log"
    log.write_text("")
    with wait_worker_signal(qtbot, monitor.analysis.stats_changed, 10_000):
        monitor.add(str(log))  # the source's "watching" state: statistics at once
    _append(log, err(1))  # read and stored well inside the interval
    with wait_worker_signal(qtbot, monitor.analysis.stats_changed, 5_000,
                            lambda stats: stats["events"] == 1):
        pass

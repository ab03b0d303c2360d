"""Import file… in a worker thread, and the timeline the statistics tab draws."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection

from stacklens_desktop.store import open_store
from stacklens_desktop.ui import reads
from tests.ui.conftest import db_error, err, info, wait_for_row


def test_import_runs_off_the_gui_thread_and_rows_appear(qtbot, window, tmp_path) -> None:
    log = tmp_path / "history.log"
    log.write_text("".join(info(n) + err(n) + db_error(n) for n in range(200)))
    finished: list[object] = []
    window.imports.finished.connect(finished.append)
    assert window.imports.start(log, show_progress=False)
    assert not window.imports.start(log, show_progress=False)  # one at a time
    qtbot.waitUntil(lambda: bool(finished), timeout=20_000)
    summary = finished[0]
    assert (summary.lines, summary.errors) == (600, 400)
    row = wait_for_row(qtbot, window, "Product has no price")
    assert row.count == 200
    wait_for_row(qtbot, window, "Database lock")
    qtbot.waitUntil(lambda: window.counters.events.text() == "events: 400", timeout=10_000)
    qtbot.waitUntil(lambda: not window.imports.busy(), timeout=10_000)


def test_unreadable_import_is_reported_not_raised(qtbot, window, tmp_path) -> None:
    messages: list[str] = []
    window.imports.message.connect(messages.append)
    window.imports.start(tmp_path / "missing.log", show_progress=False)
    qtbot.waitUntil(lambda: bool(messages), timeout=10_000)
    assert "missing.log" in messages[0]


def test_timeline_buckets_and_zero_fill(tmp_path: Path) -> None:
    store = open_store(tmp_path / "profile")
    try:
        def seed(conn: Connection) -> None:
            conn.exec_driver_sql(
                "INSERT INTO pattern (id, fingerprint, template, error_type, severity, "
                "confidence, count, status, resolution_steps, parameters_sample) "
                "VALUES (1, 'f', 't', 'other', 'low', 0.5, 4, 'new', '[]', '[]')")
            for n, when in enumerate(("10:00:01", "10:00:05", "10:00:31", "10:00:32")):
                conn.exec_driver_sql(
                    "INSERT INTO event (pattern_id, time, message, parameters, fields, raw, "
                    "offset, line_no) VALUES (1, ?, 'm', '[]', '{}', 'r', ?, ?)",
                    (f"2026-11-25T{when}.000Z", n, n))

        store.write(seed)
        fine = reads.event_timeline(store.engine)
        assert fine.bucket_s == 10
        assert fine.points == [("2026-11-25T10:00:00", 2), ("2026-11-25T10:00:10", 0),
                               ("2026-11-25T10:00:20", 0), ("2026-11-25T10:00:30", 2)]
        store.write(lambda conn: conn.exec_driver_sql(
            "INSERT INTO event (pattern_id, time, message, parameters, fields, raw, "
            "offset, line_no) VALUES (1, '2026-11-25T10:40:00.000Z', 'm', '[]', '{}', "
            "'r', 9, 9)"))
        coarse = reads.event_timeline(store.engine)
        assert coarse.bucket_s == 60
        assert coarse.points[0] == ("2026-11-25T10:00:00", 4)
        assert coarse.points[-1] == ("2026-11-25T10:40:00", 1)
        assert len(coarse.points) == 41
        recent = reads.event_timeline(store.engine, minutes=10)  # 10:31 on: one event
        assert (recent.bucket_s, recent.points) == (10, [("2026-11-25T10:40:00", 1)])
    finally:
        store.close()

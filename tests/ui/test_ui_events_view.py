"""The per-event view: newest events first, paged, live additions on top, the same filters
as the pattern table, and the detail pane following the selected event's pattern."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Connection

from stacklens_desktop.store import Store, open_store
from stacklens_desktop.ui import event_model as em
from stacklens_desktop.ui import reads
from stacklens_desktop.ui.app import build_window
from stacklens_desktop.ui.event_model import EventTableModel
from stacklens_desktop.ui.main_window import MainWindow
from tests.ui.conftest import append, db_error, err


def _stored_events(store: Store, n: int) -> None:
    """One pattern with ``n`` events, "message 0" the oldest."""
    def _change(conn: Connection) -> None:
        conn.exec_driver_sql(
            "INSERT INTO pattern (id, fingerprint, template, error_type, severity, "
            "confidence, count, status, resolution_steps, parameters_sample) "
            f"VALUES (1, 'f', 't', 'database', 'high', 0.5, {n}, 'new', '[]', '[]')")
        conn.exec_driver_sql(
            "INSERT INTO event (pattern_id, time, message, parameters, fields, raw, "
            "offset, line_no) VALUES (1, '2026-11-25T10:00:00.000Z', ?, '[]', '{}', "
            "'r', ?, ?)", [(f"message {k}", k, k) for k in range(n)])

    store.write(_change)


def test_event_model_pages_and_prepends_with_qt_checks(qtmodeltester, profile: Path,
                                                       qapp) -> None:
    store = open_store(profile)
    try:
        _stored_events(store, em.PAGE_SIZE + 30)
        model = EventTableModel()
        model.page_wanted.connect(lambda below, limit: model.add_page(
            reads.event_page(store.engine, below, limit),
            len(reads.event_page(store.engine, below, limit)) < limit))
        model.newer_wanted.connect(lambda above, limit: model.add_newer(
            reads.events_after(store.engine, above, limit)))
        model.fetchMore()
        assert model.rowCount() == em.PAGE_SIZE
        assert model.row_at(0).message == f"message {em.PAGE_SIZE + 29}"  # newest first
        model.fetchMore()
        assert model.rowCount() == em.PAGE_SIZE + 30 and not model.canFetchMore()
        qtmodeltester.check(model, force_py=True)  # stays attached for the insert below
        def _change_2(conn: Connection) -> None:
            conn.exec_driver_sql(
                "INSERT INTO event (pattern_id, time, message, parameters, fields, raw, "
                "offset, line_no) VALUES (1, '2026-11-25T10:00:01.000Z', 'late', '[]', '{}', "
                "'r', 0, 0)")

        store.write(_change_2)
        model.ask_newer()
        assert model.row_at(0).message == "late" and model.rowCount() == em.PAGE_SIZE + 31
    finally:
        store.close()




def test_the_hidden_events_view_reads_nothing_until_it_is_shown(qtbot, profile: Path) -> None:
    """Issue 13: the per-event view, hidden behind the pattern table, read 500 events at
    every start, during the first paint of the table."""
    store = open_store(profile)
    try:
        _stored_events(store, 40)
    finally:
        store.close()
    window = build_window(profile, poll_interval=0.2)
    qtbot.addWidget(window)
    window.show()
    try:
        _shown_on_demand(qtbot, window)
    finally:
        window.shutdown()


def _shown_on_demand(qtbot, window: MainWindow) -> None:  # noqa: ANN001
    tab = window.patterns
    qtbot.waitUntil(lambda: tab.model.fully_loaded and tab.model.rowCount() == 1,
                    timeout=10_000)
    qtbot.waitUntil(lambda: window.counters.events.text() == "events: 40", timeout=10_000)
    assert tab.events_model.rowCount() == 0 and not tab.events_model.canFetchMore()
    tab.events_toggle.click()
    qtbot.waitUntil(lambda: tab.events_model.rowCount() == 40, timeout=10_000)
    assert tab.count.text() == "40 of 40+ newest events"


def test_events_view_follows_live_lines_and_filters(qtbot, window, tmp_path,
                                                    qtmodeltester) -> None:
    log = tmp_path / "pos.log"
    log.write_text("")
    assert window.add_source(str(log))
    qtbot.waitUntil(lambda: window.sources.state_of(str(log)) == "watching", timeout=10_000)
    append(log, err(1) + db_error(2))
    qtbot.waitUntil(lambda: window.counters.events.text() == "events: 2", timeout=10_000)
    tab = window.patterns
    tab.events_toggle.click()
    assert tab.tables.currentWidget() is tab.events_view
    model = tab.events_model
    qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=10_000)
    qtmodeltester.check(tab.event_proxy, force_py=True)  # attached: checks the live insert
    append(log, err(3))
    qtbot.waitUntil(lambda: model.rowCount() == 3, timeout=10_000)
    assert model.row_at(0).time == "2026-11-25T10:00:03.000Z"  # the newest on top
    lock = next(model.row_at(r) for r in range(3) if "lock" in model.row_at(r).message)
    qtbot.waitUntil(lambda: tab.choose(tab.type_filter, lock.error_type), timeout=10_000)
    assert tab.event_proxy.rowCount() == 1
    assert tab.count.text().startswith("1 of 3")
    tab.events_view.setCurrentIndex(tab.event_proxy.index(0, 0))
    pane = tab.detail
    qtbot.waitUntil(lambda: pane.detail is not None and pane.detail.row.id == lock.pattern_id,
                    timeout=10_000)
    tab.events_toggle.click()
    assert tab.tables.currentWidget() is tab.view

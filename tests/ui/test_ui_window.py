"""The main window on a temporary profile: a watched file's errors become pattern rows."""

from __future__ import annotations

from pathlib import Path

from stacklens_desktop.core.classify.labels import ERROR_TYPES, SEVERITIES
from stacklens_desktop.store import open_store
from stacklens_desktop.ui import pattern_model as pm
from stacklens_desktop.ui.app import build_window
from tests.ui.conftest import append, db_error, err, info, stacklens_threads, wait_for_row


def _watch(qtbot, window, log: Path) -> None:
    """Watch ``log`` and wait until the panel shows it followed (cross-thread signals are
    awaited through what the GUI thread shows, never with a blocker in the worker thread)."""
    assert window.add_source(str(log))
    qtbot.waitUntil(lambda: window.sources.state_of(str(log)) == "watching", timeout=10_000)


def test_appended_errors_show_a_pattern_row_with_labels(qtbot, window, tmp_path) -> None:
    log = tmp_path / "pos.log"
    log.write_text(info(0))
    _watch(qtbot, window, log)
    append(log, info(1) + "".join(err(n) for n in range(2, 7)))
    row = wait_for_row(qtbot, window, "Product has no price")
    assert row.severity in SEVERITIES
    assert row.error_type == "data_validation"
    assert 0.0 < row.confidence <= 1.0
    qtbot.waitUntil(lambda: window.patterns.model.row_at(
        window.patterns.model.row_of(row.id)).count == 5, timeout=10_000)
    proxy = window.patterns.proxy
    shown = proxy.index(0, pm.COL_SEVERITY)
    assert proxy.data(shown) == row.severity.upper()
    assert proxy.data(proxy.index(0, pm.COL_TYPE)) == "data_validation"
    qtbot.waitUntil(lambda: window.counters.events.text() == "events: 5", timeout=10_000)


def test_more_occurrences_update_the_row_in_place(qtbot, window, tmp_path) -> None:
    log = tmp_path / "pos.log"
    log.write_text("")
    _watch(qtbot, window, log)
    append(log, err(1))
    row = wait_for_row(qtbot, window, "Product has no price")
    model = window.patterns.model
    inserted: list[int] = []
    changed: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _p, first, last: inserted.append(last - first + 1))
    model.dataChanged.connect(lambda a, b, _roles=(): changed.append((a.row(), b.row())))
    append(log, "".join(err(n) for n in range(2, 12)))
    qtbot.waitUntil(lambda: model.row_at(model.row_of(row.id)).count == 11, timeout=10_000)
    assert inserted == []  # the same pattern: no new row, and no reset
    assert changed and all(a == b == model.row_of(row.id) for a, b in changed)
    assert model.rowCount() == 1


def test_filters_by_text_and_severity(qtbot, window, tmp_path) -> None:
    log = tmp_path / "pos.log"
    log.write_text("")
    _watch(qtbot, window, log)
    append(log, "".join(err(n) + db_error(n) for n in range(3)))
    price = wait_for_row(qtbot, window, "Product has no price")
    lock = wait_for_row(qtbot, window, "Database lock")
    tab = window.patterns
    assert {r.id for r in tab.visible_rows()} == {price.id, lock.id}
    tab.search.setText("no PRICE")
    assert [r.id for r in tab.visible_rows()] == [price.id]
    assert tab.count.text().startswith("1 of 2")
    tab.search.setText("")
    tab.severity_boxes[price.severity].setChecked(False)
    assert price.id not in {r.id for r in tab.visible_rows()}
    assert all(r.severity != price.severity for r in tab.visible_rows())
    tab.severity_boxes[price.severity].setChecked(True)
    assert len(tab.visible_rows()) == 2


def test_detail_pane_explains_the_selected_pattern(qtbot, window, tmp_path) -> None:
    log = tmp_path / "pos.log"
    log.write_text("")
    _watch(qtbot, window, log)
    append(log, "".join(err(n) for n in range(3)))
    # the last line is a record that stays open for its wait (a trace may follow it)
    qtbot.waitUntil(lambda: wait_for_row(qtbot, window, "Product has no price").count == 3,
                    timeout=10_000)
    row = wait_for_row(qtbot, window, "Product has no price")
    assert window.patterns.select_pattern(row.id)
    pane = window.patterns.detail
    qtbot.waitUntil(lambda: pane.detail is not None and pane.detail.row.id == row.id,
                    timeout=10_000)
    assert pane.detail.root_cause
    assert "999" in pane.root_cause.text() or "Premium Item" in pane.root_cause.text()
    assert "<ol" in pane.steps.text() and pane.steps.text().count("<li>") >= 2
    assert "Product has no price" in pane.events.toPlainText()
    assert pane.events.toPlainText().count("\n") == 2  # the three raw lines, newest first
    assert "ORD-2" in pane.events.toPlainText().splitlines()[0]
    assert pane.parameters.rowCount() >= 1
    assert pane.correct_button.isEnabled()


def test_correction_updates_the_row_and_is_stored(qtbot, window, tmp_path, profile) -> None:
    log = tmp_path / "pos.log"
    log.write_text("")
    _watch(qtbot, window, log)
    append(log, err(1))
    row = wait_for_row(qtbot, window, "Product has no price")
    severity = next(s for s in SEVERITIES if s != row.severity)
    error_type = next(t for t in ERROR_TYPES if t != row.error_type)
    model = window.patterns.model
    window.correct_pattern(row.id, row.fingerprint, severity, error_type)
    qtbot.waitUntil(lambda: model.row_at(model.row_of(row.id)).severity == severity,
                    timeout=10_000)
    updated = model.row_at(model.row_of(row.id))
    assert (updated.error_type, updated.confidence) == (error_type, 1.0)
    store = open_store(profile)
    try:
        with store.engine.connect() as conn:
            stored = conn.exec_driver_sql(
                "SELECT severity, error_type FROM feedback WHERE pattern_id = ?",
                (row.id,)).all()
    finally:
        store.close()
    assert stored == [(severity, error_type)]
    append(log, err(2))  # a later occurrence keeps the user's labels
    qtbot.waitUntil(lambda: model.row_at(model.row_of(row.id)).count == 2, timeout=10_000)
    assert model.row_at(model.row_of(row.id)).severity == severity


def test_sources_are_remembered_and_removed(qtbot, profile, tmp_path) -> None:
    log = tmp_path / "pos.log"
    log.write_text(err(0))
    first = build_window(profile, poll_interval=0.2)
    qtbot.addWidget(first)
    _watch(qtbot, first, log)
    glob = str(tmp_path / "*.txt")
    assert first.add_source(glob)
    first.shutdown()
    second = build_window(profile, poll_interval=0.2)
    qtbot.addWidget(second)
    try:
        qtbot.waitUntil(lambda: second.sources.paths() == [str(log), glob], timeout=10_000)
        qtbot.waitUntil(lambda: second.sources.state_of(str(log)) == "watching",
                        timeout=10_000)
        second.remove_source(str(log))
        assert second.sources.paths() == [glob]
    finally:
        second.shutdown()


def test_close_stops_every_thread(qtbot, profile, tmp_path) -> None:
    log = tmp_path / "pos.log"
    log.write_text("")
    win = build_window(profile, poll_interval=0.2)
    qtbot.addWidget(win)
    win.show()
    _watch(qtbot, win, log)
    append(log, err(1))
    wait_for_row(qtbot, win, "Product has no price")
    expected = {n[:15] for n in ("stacklens-watcher", "stacklens-analysis",
                                 "stacklens-ui-store")}  # Linux keeps 15 characters
    assert expected <= set(stacklens_threads())
    win.close()
    assert not win.session.running
    assert not win.session.store.is_running()
    qtbot.waitUntil(lambda: stacklens_threads() == [], timeout=5_000)


def test_the_window_opens_within_the_screen(window) -> None:
    free = window.screen().availableGeometry().size()
    assert window.width() <= free.width() and window.height() <= free.height()
    assert window.width() >= min(1440, int(free.width() * 0.9)) - 1

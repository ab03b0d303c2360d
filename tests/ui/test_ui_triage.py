"""Triage from the window on a real profile: the actions change the row, persist across a
restart, are refused or enabled as they apply; the filters and the Count sort."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt

from stacklens_desktop.store import open_store
from stacklens_desktop.ui import pattern_model as pm
from stacklens_desktop.ui.app import build_window
from tests.ui.conftest import db_error, err, wait_for_row


def _import(qtbot, window, log) -> None:
    finished: list[object] = []
    window.imports.finished.connect(finished.append)
    assert window.imports.start(log, show_progress=False)
    qtbot.waitUntil(lambda: bool(finished), timeout=20_000)
    qtbot.waitUntil(lambda: not window.imports.busy(), timeout=10_000)


def _row(window, pattern_id: int):
    model = window.patterns.model
    return model.row_at(model.row_of(pattern_id))


def _stored_status(profile, pattern_id: int) -> tuple[str, str | None]:
    store = open_store(profile)
    try:
        with store.engine.connect() as conn:
            return tuple(conn.exec_driver_sql(
                "SELECT status, muted_until FROM pattern WHERE id = ?", (pattern_id,)).one())
    finally:
        store.close()


def test_keyboard_and_buttons_triage_the_selected_row(qtbot, window, tmp_path,
                                                      profile) -> None:
    log = tmp_path / "history.log"
    log.write_text("".join(err(n) for n in range(3)) + db_error(1))
    _import(qtbot, window, log)
    price = wait_for_row(qtbot, window, "Product has no price")
    tab = window.patterns
    assert tab.select_pattern(price.id)
    actions = tab.triage.actions
    assert actions["acknowledge"].isEnabled() and not actions["reopen"].isEnabled()
    assert not actions["ticket"].isEnabled()  # no Jira site configured
    tab.view.setFocus()
    qtbot.keyClick(tab.view, Qt.Key.Key_A)  # A: acknowledge
    qtbot.waitUntil(lambda: _row(window, price.id).status == "acknowledged", timeout=10_000)
    assert not actions["acknowledge"].isEnabled() and actions["reopen"].isEnabled()
    index = tab.proxy.mapFromSource(tab.model.index(tab.model.row_of(price.id), pm.COL_STATUS))
    assert tab.proxy.data(index) == "Acknowledged"
    tab.detail.buttons["mute"].menu().actions()[0].trigger()  # Mute for 1 hour
    qtbot.waitUntil(lambda: _row(window, price.id).status == "muted", timeout=10_000)
    assert tab.proxy.data(index).startswith("Muted until ")
    assert "muted until" in window.statusBar().currentMessage()
    assert _stored_status(profile, price.id)[0] == "muted"
    tab.detail.buttons["resolve"].click()
    qtbot.waitUntil(lambda: _row(window, price.id).status == "resolved", timeout=10_000)


def test_resolved_pattern_recurring_shows_as_regression_after_restart(qtbot, profile,
                                                                       tmp_path) -> None:
    first = build_window(profile, poll_interval=0.2)
    qtbot.addWidget(first)
    log = tmp_path / "a.log"
    log.write_text(err(1))
    _import(qtbot, first, log)
    row = wait_for_row(qtbot, first, "Product has no price")
    first.triage(row.id, "resolve")
    qtbot.waitUntil(lambda: _row(first, row.id).status == "resolved", timeout=10_000)
    more = tmp_path / "b.log"
    more.write_text(err(2))
    _import(qtbot, first, more)
    qtbot.waitUntil(lambda: _row(first, row.id).status == "regression", timeout=10_000)
    first.shutdown()
    second = build_window(profile, poll_interval=0.2)
    qtbot.addWidget(second)
    try:
        again = wait_for_row(qtbot, second, "Product has no price")
        assert again.status == "regression"
        assert second.patterns.select_pattern(again.id)
        pane = second.patterns.detail
        qtbot.waitUntil(lambda: pane.detail is not None, timeout=10_000)
        assert "REGRESSION" in pane.header.text()
        assert "2 occurrences" in pane.header.text()
    finally:
        second.shutdown()


def test_filters_by_type_status_and_source(qtbot, window, tmp_path) -> None:
    one, two = tmp_path / "one.log", tmp_path / "two.log"
    one.write_text(err(1) + err(2))
    two.write_text(db_error(1))
    _import(qtbot, window, one)
    _import(qtbot, window, two)
    price = wait_for_row(qtbot, window, "Product has no price")
    lock = wait_for_row(qtbot, window, "Database lock")
    tab = window.patterns
    # the type filter offers the types the store holds
    qtbot.waitUntil(lambda: tab.choose(tab.type_filter, lock.error_type), timeout=10_000)
    assert tab.type_filter.count() == 3  # all, and the two types present
    assert [r.id for r in tab.visible_rows()] == [lock.id]
    assert tab.choose(tab.type_filter, None)
    qtbot.waitUntil(lambda: tab.source_filter.count() == 3, timeout=10_000)
    assert tab.choose(tab.source_filter, str(one))
    assert [r.id for r in tab.visible_rows()] == [price.id]
    assert tab.choose(tab.source_filter, None)
    window.triage(lock.id, "mute", None)
    qtbot.waitUntil(lambda: _row(window, lock.id).status == "muted", timeout=10_000)
    assert tab.proxy.data(tab.proxy.index(
        tab.proxy.mapFromSource(tab.model.index(tab.model.row_of(lock.id), 0)).row(),
        pm.COL_STATUS)) == "Muted"
    tab.status_filter.setCurrentIndex(tab.status_filter.findText("Needs attention"))
    assert [r.id for r in tab.visible_rows()] == [price.id]
    tab.status_filter.setCurrentIndex(tab.status_filter.findText("Muted"))
    assert [r.id for r in tab.visible_rows()] == [lock.id]
    assert tab.count.text().startswith("1 of 2")


def test_first_click_on_count_sorts_most_first(qtbot, window, tmp_path) -> None:
    log = tmp_path / "history.log"
    log.write_text("".join(err(n) for n in range(5)) + db_error(1))
    _import(qtbot, window, log)
    wait_for_row(qtbot, window, "Database lock")
    view = window.patterns.view
    header = view.horizontalHeader()
    x = header.sectionViewportPosition(pm.COL_COUNT) + header.sectionSize(pm.COL_COUNT) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert header.sortIndicatorSection() == pm.COL_COUNT
    counts = [r.count for r in window.patterns.visible_rows()]
    assert counts == sorted(counts, reverse=True) and counts[0] == 5


def test_context_menu_offers_the_triage_actions(qtbot, window, tmp_path) -> None:
    log = tmp_path / "history.log"
    log.write_text(err(1))
    _import(qtbot, window, log)
    row = wait_for_row(qtbot, window, "Product has no price")
    assert window.patterns.select_pattern(row.id)
    menu = __import__("PySide6.QtWidgets", fromlist=["QMenu"]).QMenu()
    window.patterns.triage.fill_menu(menu)
    texts = [a.text().replace("&", "") for a in menu.actions()]
    assert texts[:4] == ["Acknowledge", "Mute", "Resolve", "Mark new"]
    assert "Create/update ticket now" in texts

"""The pattern table model over a real store: paging, live updates, merges, Qt's checks."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import Connection

from stacklens_desktop.core.batch import Batch, PatternDelta, SourcePosition
from stacklens_desktop.store import Store, open_store
from stacklens_desktop.ui import pattern_model as pm
from stacklens_desktop.ui import reads
from stacklens_desktop.ui.pattern_proxy import PatternFilterProxy, matches, sort_key


def _write(store: Store, n: int, start: int = 0, severity: str = "high", count: int = 1,
           template: str = "Failure number {i}") -> None:
    patterns = {
        f"fp{i:04d}": PatternDelta(
            fingerprint=f"fp{i:04d}", template=template.format(i=i), count=count,
            first_seen="2026-11-25T10:00:00.000Z", last_seen=f"2026-11-25T10:{i % 60:02d}:00Z",
            severity=severity, error_type="database", confidence=0.8)
        for i in range(start, start + n)}
    store.writer.write(Batch(position=SourcePosition("/var/log/x.log", 0, 0),
                             patterns=patterns))


@pytest.fixture(autouse=True)
def _gui(qapp) -> None:
    """The severity icons are pixmaps: a QApplication must exist."""


@pytest.fixture
def store(tmp_path: Path):
    opened = open_store(tmp_path / "profile")
    yield opened
    opened.close()


def _feed_pages(model: pm.PatternTableModel, store: Store) -> None:
    """What the store worker does for each page request, synchronously."""
    model.page_wanted.connect(
        lambda below, limit: model.add_page(
            reads.pattern_page(store.engine, below, limit),
            len(reads.pattern_page(store.engine, below, limit)) < limit))
    model.refresh_wanted.connect(
        lambda ids, low, known: model.apply_refresh(
            reads.refresh_patterns(store.engine, ids, low, known)))


def test_model_passes_qt_checks_while_paged_and_updated(qtmodeltester, store) -> None:
    _write(store, pm.PAGE_SIZE + 20)
    model = pm.PatternTableModel()
    _feed_pages(model, store)
    assert model.rowCount() == 0 and model.canFetchMore()
    model.fetchMore()
    assert model.rowCount() == pm.PAGE_SIZE
    assert model.row_at(0).fingerprint == f"fp{pm.PAGE_SIZE + 19:04d}"  # newest first
    model.fetchMore()
    assert model.rowCount() == pm.PAGE_SIZE + 20 and not model.canFetchMore()
    qtmodeltester.check(model, force_py=True)  # stays attached: checks every later signal
    _write(store, 3, start=pm.PAGE_SIZE + 20)  # three new patterns
    _write(store, 1, start=5, count=4)  # one more occurrence of a known one
    ids = [r.id for r in reads.pattern_page(store.engine, None, 3)]
    assert model.row_of(6) is not None
    model.patterns_changed([*ids, 6])
    assert model.rowCount() == pm.PAGE_SIZE + 23
    assert model.row_at(model.row_of(6)).count == 5
    qtmodeltester.check(model, force_py=True)


def test_rows_merged_away_in_the_store_are_removed(qtmodeltester, store) -> None:
    _write(store, 5)
    model = pm.PatternTableModel()
    _feed_pages(model, store)
    model.fetchMore()
    assert model.rowCount() == 5
    def merge(conn: Connection) -> None:  # what the writer does when the miner merges two
        conn.exec_driver_sql("DELETE FROM pattern WHERE id = 2")
        conn.exec_driver_sql("UPDATE pattern SET count = 9 WHERE id = 3")

    store.write(merge)
    removed: list[int] = []
    model.rowsRemoved.connect(lambda _p, first, _last: removed.append(first))
    model.patterns_changed([3])
    assert len(removed) == 1
    assert model.row_of(2) is None and model.row_at(model.row_of(3)).count == 9
    assert model.rowCount() == 4
    qtmodeltester.check(model, force_py=True)


def test_proxy_sorts_by_severity_then_count_and_filters(qtmodeltester, store) -> None:
    _write(store, 2, severity="low", count=50, template="Slow disk {i}")
    _write(store, 2, start=2, severity="critical", count=1, template="Till down {i}")
    _write(store, 1, start=4, severity="critical", count=7, template="Till down {i}")
    model = pm.PatternTableModel()
    _feed_pages(model, store)
    model.fetchMore()
    proxy = PatternFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(pm.COL_SEVERITY)
    order = [proxy.data(proxy.index(r, 0), pm.ROW_ROLE).template
             for r in range(proxy.rowCount())]
    assert order == ["Till down 4", "Till down 3", "Till down 2", "Slow disk 1", "Slow disk 0"]
    proxy.set_severities(["low"])
    assert proxy.rowCount() == 2
    proxy.set_severities(None)
    proxy.set_text("DOWN 3")
    assert proxy.rowCount() == 1
    qtmodeltester.check(proxy, force_py=True)
    proxy.set_text("")
    def _change_1(conn: Connection) -> None:  # what the triage actions store
        conn.exec_driver_sql("UPDATE pattern SET status = 'muted' WHERE template LIKE 'Slow%'")

    store.write(_change_1)
    model.apply_refresh(reads.refresh_patterns(store.engine, [r.id for r in
                                               (model.row_at(i) for i in range(5))], 0, 5))
    proxy.set_filter(statuses=frozenset({"muted"}), types=frozenset({"database"}))
    assert proxy.rowCount() == 2
    status = proxy.data(proxy.index(0, pm.COL_STATUS))
    assert status == "Muted"
    proxy.set_filter(source="/elsewhere.log")  # the tester attached above checks these too
    assert proxy.rowCount() == 0


def test_sort_key_and_match_are_plain_functions() -> None:
    row = reads.PatternRow(1, "abc123", "high", "auth", 0.9, 3, None, "Login failed", "new",
                           "OPS-7")
    assert matches(row, "ops-7") and matches(row, "login") and not matches(row, "price")
    assert sort_key(row, pm.COL_SEVERITY)[0] == 1
    assert sort_key(row, pm.COL_COUNT) == (3, -1)


def test_patterns_changed_while_the_first_page_is_read_are_asked_for_again(qtbot) -> None:
    """The first page may have been read before a new pattern was stored: a change heard
    while it was on its way is asked for again once it has come (not lost until the next)."""
    model = pm.PatternTableModel()
    wanted: list[tuple] = []
    model.refresh_wanted.connect(lambda *args: wanted.append(args))
    model.fetchMore()  # the first page is on its way
    model.patterns_changed([5])
    assert wanted == []
    model.add_page([], exhausted=True)  # read before pattern 5 was stored
    assert wanted == [([5], 0, 0)]


@pytest.mark.parametrize(("column", "descending"), [(pm.COL_SEVERITY, False),
                                                  (pm.COL_COUNT, True)])
def test_sorted_pages_are_inserted_in_place_without_a_layout_change(
        qtmodeltester, store, column: int, descending: bool) -> None:
    """A page merges into the sorted rows by inserts alone: the proxy filters only the new
    rows and the view keeps its layout (a re-sort per page stalled the window 137 ms at
    10,000 patterns). The order is the same as a full sort's."""
    severities = ("low", "critical", "medium", "high")
    for i in range(12):  # counts and severities interleaved across pages
        _write(store, 100, start=100 * i, severity=severities[i % 4], count=1 + (i * 7) % 5)
    model = pm.PatternTableModel()
    model.page_size = 250
    _feed_pages(model, store)
    proxy = PatternFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_severities(["critical", "high"])
    qtmodeltester.check(proxy, force_py=True)
    model.sort(column, Qt.SortOrder.DescendingOrder if descending
               else Qt.SortOrder.AscendingOrder)
    layouts: list[int] = []
    model.layoutChanged.connect(lambda *_: layouts.append(1))
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 1200 and layouts == []
    rows = [model.row_at(r) for r in range(model.rowCount())]
    assert rows == sorted(rows, key=lambda r: sort_key(r, column), reverse=descending)
    assert all(model.row_of(r.id) == i for i, r in enumerate(rows))
    shown = [proxy.data(proxy.index(r, 0), pm.ROW_ROLE) for r in range(proxy.rowCount())]
    assert shown == [r for r in rows if r.severity in ("critical", "high")]


def test_a_row_whose_sort_key_changes_moves_alone_unless_selected(qtmodeltester,
                                                                   store) -> None:
    """A live update that moves a row takes it out and puts it back at its place (the
    proxy and view handle two rows, not a re-sort of all); the selected row is moved by a
    re-sort instead, which carries its selection with it."""
    _write(store, 30, count=1)
    model = pm.PatternTableModel()
    _feed_pages(model, store)
    model.sort(pm.COL_COUNT, Qt.SortOrder.DescendingOrder)
    model.fetchMore()
    proxy = PatternFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy, force_py=True)
    layouts: list[int] = []
    model.layoutChanged.connect(lambda *_: layouts.append(1))
    last = model.row_at(29)
    _write(store, 1, start=int(last.fingerprint[2:]), count=5)  # 4 more occurrences
    model.patterns_changed([last.id])
    assert model.row_at(0).id == last.id and model.row_at(0).count == 6
    assert layouts == []
    rows = [model.row_at(r) for r in range(30)]
    assert rows == sorted(rows, key=lambda r: sort_key(r, pm.COL_COUNT), reverse=True)
    assert all(model.row_of(r.id) == i for i, r in enumerate(rows))
    model.selected_id = model.row_at(29).id
    _write(store, 1, start=int(model.row_at(29).fingerprint[2:]), count=9)
    model.patterns_changed([model.selected_id])
    assert model.row_at(0).id == model.selected_id and layouts == [1]


def test_eager_loading_asks_for_the_next_page_after_the_posted_events(qtbot) -> None:
    """Issue 13: a page posts the view's repaints; the next page is asked for from a zero
    timer, which fires after them, so the store worker reads it while the GUI thread is
    idle. A posted call (``QTimer.singleShot(0)``) ran between the two repaints of the
    page and the second one waited for the GIL: more than 50 ms per page."""
    from PySide6.QtCore import QCoreApplication

    model = pm.PatternTableModel()
    asked: list[object] = []
    model.page_wanted.connect(lambda cursor, _limit: asked.append(cursor))
    model.set_eager(True)
    assert asked == [None]  # the first page at once
    rows = [reads.PatternRow(id=i, fingerprint=f"fp{i}", severity="high",
                             error_type="database", confidence=0.8, count=1,
                             last_seen=None, template=f"Failure {i}", status="new")
            for i in range(600, 100, -1)]
    model.add_page(rows, exhausted=False)
    QCoreApplication.sendPostedEvents()  # posted events only: no timer fires here
    assert asked == [None]
    qtbot.waitUntil(lambda: asked == [None, 101], timeout=2_000)


def test_an_index_of_the_model_is_checked_without_row_and_column_counts() -> None:
    model = pm.PatternTableModel()
    model.add_page([reads.PatternRow(id=1, fingerprint="fp1", severity="high",
                                     error_type="database", confidence=0.8, count=1,
                                     last_seen=None, template="Failure", status="new")],
                   exhausted=True)
    assert model.index(0, pm.COL_COUNT).isValid()
    assert model.data(model.index(0, pm.COL_COUNT)) == "1"
    for row, column in ((1, 0), (-1, 0), (0, len(pm.COLUMNS)), (0, -1)):
        assert not model.index(row, column).isValid()
    assert not model.index(0, 0, model.index(0, 0)).isValid()  # a flat table

"""The Jira panel's item models on their own: qtmodeltester through reads that add rows on
top, drop the oldest, and change nothing; the log filter."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import QPersistentModelIndex, Qt

from stacklens_desktop.jira.panel_rows import FiledTicket, LogEntry, OutboxItem
from stacklens_desktop.jira.stamps import iso
from stacklens_desktop.ui.automation_log_model import AutomationLogFilter, AutomationLogModel
from stacklens_desktop.ui.outbox_model import NEXT, STATE, OutboxModel
from stacklens_desktop.ui.ticket_model import SINCE_FILING, TicketModel


def entry(n: int, decision: str = "none", code: str = "muted") -> LogEntry:
    return LogEntry(n, n % 3 + 1, f"2026-12-06T10:00:{n:02d}.000Z", decision,
                    f"reason {n}", code, f"Pattern {n % 3 + 1}")


def test_new_log_rows_are_inserted_on_top_keeping_the_others(qtmodeltester) -> None:
    model = AutomationLogModel()
    model.set_entries([entry(n) for n in (5, 4, 3)])
    qtmodeltester.check(model)
    kept = QPersistentModelIndex(model.index(1, 0))  # entry 4
    inserted: list[tuple[int, int]] = []
    model.rowsInserted.connect(lambda _p, first, last: inserted.append((first, last)))
    resets: list[bool] = []
    model.modelReset.connect(lambda: resets.append(True))
    model.set_entries([entry(n) for n in (7, 6, 5, 4)])  # two new, the oldest fell off
    assert inserted == [(0, 1)] and resets == []
    assert kept.isValid() and kept.row() == 3
    assert [model.index(r, 3).data() for r in range(4)] == [f"reason {n}" for n in (7, 6, 5, 4)]
    model.set_entries([entry(n) for n in (7, 6, 5, 4)])  # unchanged: nothing moves
    assert resets == [] and inserted == [(0, 1)]
    model.set_entries([entry(8), entry(6)])  # 7 is gone: not a continuation, a reset
    assert resets == [True] and model.rowCount() == 2
    qtmodeltester.check(model)


def test_the_log_filter_by_outcome_and_text(qtmodeltester) -> None:
    model = AutomationLogModel()
    model.set_entries([entry(3, "filed", "filed"), entry(2, "none", "severity_not_filed"),
                       entry(1, "none", "muted")])
    view = AutomationLogFilter()
    view.setSourceModel(model)
    qtmodeltester.check(view)
    view.set_group("skipped")
    assert [view.index(r, 1).data() for r in range(view.rowCount())] == \
        ["skipped: low severity", "skipped: muted"]
    view.set_text("reason 1")
    assert [view.index(r, 1).data() for r in range(view.rowCount())] == ["skipped: muted"]
    view.set_group("")
    view.set_text("PATTERN 1")  # the template, any case
    assert view.rowCount() == 1


def test_tickets_and_outbox_models(qtmodeltester) -> None:
    tickets = TicketModel()
    tickets.set_priorities({"high": "High"})
    tickets.set_tickets([FiledTicket(1, "DEMO-1", "http://127.0.0.1:1/browse/DEMO-1", None,
                                     None, "high", "data_validation", "Product  <*> has no price",
                                     7, 3, "2026-12-06T10:00:00.000Z", None, 2)])
    qtmodeltester.check(tickets)
    assert [tickets.index(0, c).data() for c in range(8)] == [
        "DEMO-1", "[HIGH] data_validation: Product <*> has no price", "filed", "High", "5",
        "4", "2026-12-06 10:00", "never"]
    assert tickets.index(0, SINCE_FILING).data(Qt.ItemDataRole.ToolTipRole) == (
        "The pattern had 2 occurrences when DEMO-1 was filed and has 7 now")
    soon = iso(datetime.now(UTC) + timedelta(minutes=5))
    outbox = OutboxModel()
    outbox.set_items([OutboxItem(1, 1, "create", "pending", 2, soon, "Jira unreachable",
                                 None, "Product <*> has no price"),
                      OutboxItem(2, 1, "comment", "failed", 10, None, "HTTP 400", "DEMO-1",
                                 "Product <*> has no price")])
    qtmodeltester.check(outbox)
    assert [outbox.index(0, c).data() for c in (0, STATE)] == ["File ticket", "waiting"]
    assert [outbox.index(1, c).data() for c in (0, STATE, NEXT)] == [
        "Update ticket DEMO-1", "failed", "when you retry"]

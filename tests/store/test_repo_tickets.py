"""The ticket repository (``store/tickets``), the status Jira gives a pattern
(``store/jira_status``) and the outbox additions, on a real SQLite file: writes through
``Store.write``, reads on the query-only engine."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from stacklens_desktop.jira.models import IssueState
from stacklens_desktop.store import jira_status, outbox, tickets
from stacklens_desktop.store.tickets import Coverage
from tests.store.repo_seed import NOW, add_pattern, insert, one, profile

OPEN = IssueState(id="10001", key="POS-1", status="To Do", category="new")
DONE = IssueState(id="10001", key="POS-1", status="Done", category="done")


def _load(store, pattern_id: int) -> tickets.TicketRow | None:  # noqa: ANN001
    with store.engine.connect() as conn:
        return tickets.load(conn, pattern_id)


def test_a_filed_ticket_reads_back_with_what_it_told(tmp_path: Path) -> None:
    with profile(tmp_path) as store:
        pid = add_pattern(store, "fp-a", count=7)
        assert _load(store, pid) is None
        coverage = Coverage(7, 42, {"productId": ["999"]})
        store.write(lambda c: tickets.record_filed(c, pid, OPEN, "http://j/POS-1", coverage, NOW))
        row = _load(store, pid)
        assert row is not None
        assert (row.issue_id, row.issue_key, row.url, row.status, row.status_category) == (
            "10001", "POS-1", "http://j/POS-1", "To Do", "new")
        assert (row.count_reported, row.last_event_id, row.reported_values) == (
            7, 42, {"productId": ["999"]})
        assert row.created_at == NOW and row.synced_at == NOW and row.last_comment_at is None
        assert row.last_update_at == NOW and row.count_at_done is None

        later = NOW + timedelta(minutes=20)
        store.write(lambda c: tickets.record_comment(c, pid, Coverage(9, 50, {}), later))
        row = _load(store, pid)
        assert row is not None and (row.count_reported, row.last_event_id) == (9, 50)
        assert row.last_comment_at == later and row.last_update_at == later


def test_a_regression_ticket_replaces_the_old_one_and_reopens_the_pattern(
        tmp_path: Path) -> None:
    with profile(tmp_path) as store:
        pid = add_pattern(store, "fp-a", count=3, status="resolved")
        store.write(lambda c: tickets.record_filed(c, pid, DONE, "u1", Coverage(3, 1, {}), NOW))
        store.write(lambda c: tickets.record_comment(c, pid, Coverage(3, 1, {}), NOW))
        new = IssueState(id="10002", key="POS-2", status="To Do", category="new")
        store.write(lambda c: tickets.record_filed(c, pid, new, "u2", Coverage(5, 9, {}), NOW,
                                                   previous_key="POS-1"))
        row = _load(store, pid)
        assert row is not None and row.issue_key == "POS-2" and row.previous_keys == ["POS-1"]
        assert row.last_comment_at is None  # the new ticket has no comment yet
        assert one(store, "SELECT status FROM pattern WHERE id = ?", pid) == ("new",)
        assert one(store, "SELECT COUNT(*) FROM ticket") == (1,)
        assert one(store, "SELECT count_at_filing FROM ticket") == (5,)  # its own, not POS-1's


def test_the_count_at_filing_is_kept_through_updates(tmp_path: Path) -> None:
    with profile(tmp_path) as store:
        pid = add_pattern(store, "fp-a", count=7)
        store.write(lambda c: tickets.record_filed(c, pid, OPEN, "u", Coverage(7, 1, {}), NOW))
        assert one(store, "SELECT count_at_filing FROM ticket") == (7,)
        store.write(lambda c: tickets.record_comment(c, pid, Coverage(12, 5, {}), NOW))
        store.write(lambda c: tickets.record_status(c, pid, "Done", "done", NOW))
        assert one(store, "SELECT count_at_filing, count_at_last_comment FROM ticket") == (7, 12)


def test_done_stores_the_count_as_baseline_and_leaving_done_clears_it(tmp_path: Path) -> None:
    with profile(tmp_path) as store:
        pid = add_pattern(store, "fp-a", count=4)
        store.write(lambda c: tickets.record_filed(c, pid, OPEN, "u", Coverage(4, 1, {}), NOW))
        store.write(lambda c: tickets.record_status(c, pid, "Done", "done", NOW))
        assert one(store, "SELECT count_at_done, status FROM ticket") == (4, "Done")
        store.write(lambda c: c.exec_driver_sql("UPDATE pattern SET count = 6"))
        store.write(lambda c: tickets.record_status(c, pid, "Closed", "done", NOW))
        assert one(store, "SELECT count_at_done, status FROM ticket") == (4, "Closed")
        store.write(lambda c: tickets.record_status(c, pid, "Reopened", "new", NOW))
        assert one(store, "SELECT count_at_done, status_category FROM ticket") == (None, "new")


def test_keyed_ids_renames_and_the_windows_list(tmp_path: Path) -> None:
    with profile(tmp_path) as store:
        a = add_pattern(store, "fp-a", severity="high")
        b = add_pattern(store, "fp-b", severity="low")
        c = add_pattern(store, "fp-c")
        insert(store, "ticket", pattern_id=a, issue_id="1", issue_key="POS-1", status="Done",
               status_category="done", created_at="2026-12-06T10:00:00.000Z",
               updated_at="2026-12-06T12:00:00.000Z", url="u1")
        insert(store, "ticket", pattern_id=b, issue_id="2", issue_key="POS-2",
               created_at="2026-12-06T11:00:00.000Z")
        insert(store, "ticket", pattern_id=c)  # no key yet: neither synced nor listed
        with store.engine.connect() as conn:
            assert tickets.keyed(conn) == [(a, "POS-1", "Done", "done"), (b, "POS-2", None, None)]
            assert tickets.issue_id(conn, a) == "1" and tickets.issue_id(conn, c) is None
            assert tickets.recent_issue_ids(conn) == ["2", "1"]  # newest created first
        store.write(lambda conn: tickets.rename(conn, a, "OPS-7"))
        filed = tickets.filed(store.engine)
        assert [(r[0], r[1], r[4], r[6]) for r in filed] == [
            (a, "OPS-7", "high", "2026-12-06T12:00:00.000Z"),  # changed most recently
            (b, "POS-2", "low", "2026-12-06T11:00:00.000Z")]


def test_jira_moves_the_patterns_status(tmp_path: Path) -> None:
    with profile(tmp_path) as store:
        new = add_pattern(store, "fp-new")
        muted = add_pattern(store, "fp-muted", status="muted")
        acked = add_pattern(store, "fp-acked", status="acknowledged")
        assert store.write(lambda c: jira_status.resolve_on_done(c, new)) is True
        assert store.write(lambda c: jira_status.resolve_on_done(c, muted)) is False
        assert one(store, "SELECT status FROM pattern WHERE id = ?", muted) == ("muted",)
        store.write(lambda c: jira_status.reopen_resolved(c, new))
        store.write(lambda c: jira_status.reopen_resolved(c, acked))  # only a resolved one
        assert one(store, "SELECT status FROM pattern WHERE id = ?", new) == ("new",)
        assert one(store, "SELECT status FROM pattern WHERE id = ?", acked) == ("acknowledged",)


def test_outbox_rows_kept_in_flight_marked_and_the_newest_error(tmp_path: Path) -> None:
    with profile(tmp_path) as store:
        pid = add_pattern(store, "fp-a")
        row = store.write(lambda c: outbox.enqueue(c, pid, "reopen", {"reason": "r"}, NOW, NOW))
        store.write(lambda c: outbox.convert(c, row, "new_linked", {"k": 1}, NOW, NOW))
        store.write(lambda c: outbox.keep_in_flight(c, row))
        store.write(lambda c: outbox.replace_payload(c, row, {"k": 1, "commented": True}))
        assert one(store, "SELECT operation, state, payload FROM outbox WHERE id = ?", row) == (
            "new_linked", "in_flight", '{"k": 1, "commented": true}')

        assert outbox.last_error(store.engine) == ""
        insert(store, "outbox", pattern_id=pid, operation="create", state="failed",
               last_error="HTTP 400", updated_at="2026-12-06T10:00:00.000Z")
        insert(store, "outbox", pattern_id=pid, operation="comment", state="pending",
               last_error="HTTP 503", updated_at="2026-12-06T11:00:00.000Z")
        insert(store, "outbox", pattern_id=pid, operation="comment", state="done",
               last_error="commented on POS-1", updated_at="2026-12-06T12:00:00.000Z")
        assert outbox.last_error(store.engine) == "HTTP 503"  # the newest row not done

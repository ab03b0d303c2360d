"""What the automation decides on (``store/automation_reads``) and what a ticket's text is
written from (``store/ticket_text_reads``, ``store/event_reads``), on a real SQLite file."""

from __future__ import annotations

from pathlib import Path

from stacklens_desktop.store import automation_reads, event_reads, ticket_text_reads
from stacklens_desktop.store.automation_reads import PatternFacts, TicketFacts
from tests.store.repo_seed import add_event, add_pattern, insert, profile


def test_a_pattern_is_unfiled_without_a_ticket_key_and_without_open_operations(
        tmp_path: Path) -> None:
    with profile(tmp_path) as store:
        bare = add_pattern(store, "fp-bare", severity="high", confidence=0.9, count=3,
                           escalation="critical", escalation_reason="burst")
        keyed = add_pattern(store, "fp-keyed")
        waiting = add_pattern(store, "fp-waiting")
        done = add_pattern(store, "fp-done")
        insert(store, "ticket", pattern_id=keyed, issue_key="POS-1")
        insert(store, "outbox", pattern_id=waiting, operation="create", state="failed")
        insert(store, "outbox", pattern_id=done, operation="create", state="done")
        with store.engine.connect() as conn:
            facts = {f.id: f for f in automation_reads.pattern_facts(
                conn, [bare, keyed, waiting, done, 999])}
        assert facts[bare] == PatternFacts(bare, "high", 0.9, "new", 3, "critical", "burst",
                                           True)
        assert {pid: bool(f.unfiled) for pid, f in facts.items()} == {
            bare: True, keyed: False, waiting: False, done: True}


def test_facts_are_read_for_more_ids_than_one_sql_list_takes(tmp_path: Path) -> None:
    with profile(tmp_path) as store:
        ids = [add_pattern(store, f"fp-{n}") for n in range(3)]
        insert(store, "ticket", pattern_id=ids[2], issue_key="POS-9", status_category="done",
               count_at_last_comment=4, count_at_done=5, created_at="2026-12-06T10:00:00.000Z",
               synced_at="2026-12-06T11:00:00.000Z")
        asked = list(range(1000, 1700)) + ids  # 703 ids: two chunks of at most 500
        with store.engine.connect() as conn:
            assert sorted(f.id for f in automation_reads.pattern_facts(conn, asked)) == ids
            assert automation_reads.ticket_facts(conn, asked) == [TicketFacts(
                ids[2], "POS-9", "done", 4, 5, "2026-12-06T10:00:00.000Z",
                "2026-12-06T11:00:00.000Z")]
        insert(store, "ticket", pattern_id=ids[1], created_at="2026-12-06T10:00:00.000Z",
               last_comment_at="2026-12-06T12:00:00.000Z")
        with store.engine.connect() as conn:
            (commented,) = automation_reads.ticket_facts(conn, [ids[1]])
        assert commented.last_update_at == "2026-12-06T12:00:00.000Z"  # the last comment wins


def test_a_patterns_newest_events(tmp_path: Path) -> None:
    with profile(tmp_path) as store:
        source = insert(store, "source", path="/var/log/pos.log")
        pid = add_pattern(store, "fp-a")
        other = add_pattern(store, "fp-b")
        for minute in range(4):
            add_event(store, pid, f"2026-12-06T10:0{minute}:00.000Z", source_id=source,
                      level="ERROR", line_no=minute + 1)
        add_event(store, other, "2026-12-06T11:00:00.000Z")
        add_event(store, pid, None, raw="no time")
        with store.engine.connect() as conn:
            assert event_reads.newest_times(conn, pid, 3) == [
                None, "2026-12-06T10:03:00.000Z", "2026-12-06T10:02:00.000Z"]
            samples = event_reads.newest_samples(conn, pid, 2)
        assert samples == [(None, None, "no time", 0, None),
                           ("2026-12-06T10:03:00.000Z", "ERROR",
                            "2026-12-06T10:03:00.000Z ERROR Failure", 4, "/var/log/pos.log")]


def test_what_a_ticket_text_is_written_from(tmp_path: Path) -> None:
    with profile(tmp_path) as store:
        source = insert(store, "source", path="/var/log/pos.log")
        pid = add_pattern(store, "fp-price", template="Product <*> has no price",
                          severity="high", error_type="data_validation", confidence=0.8,
                          count=12, first_seen="2026-12-06T10:00:00.000Z",
                          last_seen="2026-12-06T10:09:00.000Z", source_id=source, host="till-3",
                          root_cause="no price", resolution_steps='["add a price"]',
                          parameters_sample='[["999"]]', sample_text="Product 999 has no price",
                          escalation="critical")
        with store.engine.connect() as conn:
            assert ticket_text_reads.max_event_id(conn, pid) == 0  # no events yet
        ids = [add_event(store, pid, f"2026-12-06T10:0{n}:00.000Z", message=f"m{n}",
                         parameters=f'["{n}"]', fields=f'{{"n": {n}}}') for n in range(6)]
        with store.engine.connect() as conn:
            row = ticket_text_reads.report_pattern(conn, pid)
            first = ticket_text_reads.first_events(conn, pid, 2)
            newest = ticket_text_reads.newest_events_after(conn, pid, ids[3], 10)
            assert ticket_text_reads.totals(conn, pid) == (
                "fp-price", 12, "2026-12-06T10:09:00.000Z")
            assert ticket_text_reads.fingerprint(conn, pid) == "fp-price"
            assert ticket_text_reads.max_event_id(conn, pid) == ids[-1]
        assert (row.fingerprint, row.template, row.severity, row.occurrences, row.source_path,
                row.host, row.resolution_steps, row.escalation) == (
            "fp-price", "Product <*> has no price", "high", 12, "/var/log/pos.log", "till-3",
            '["add a price"]', "critical")
        assert [(e.id, e.message, e.parameters, e.fields) for e in first] == [
            (ids[0], "m0", '["0"]', '{"n": 0}'), (ids[1], "m1", '["1"]', '{"n": 1}')]
        assert [e.id for e in newest] == [ids[5], ids[4]]  # after ids[3], newest first

"""The window's read repositories on a real SQLite file: pattern rows and detail, event
pages, the timeline's buckets, the statistics, sources and runs (the saved source list
is a typed setting)."""

from __future__ import annotations

from pathlib import Path

from stacklens_desktop.store import (
    event_reads,
    feedback,
    pattern_reads,
    runs,
    timeline_reads,
)
from stacklens_desktop.store.pattern_stats import pattern_stats
from stacklens_desktop.store.source_activity import source_activity
from tests.store.repo_seed import add_event, add_pattern, insert, profile


def test_pattern_pages_refreshes_and_detail(tmp_path: Path) -> None:
    with profile(tmp_path) as store:
        source = insert(store, "source", path="/var/log/pos.log")
        ids = [add_pattern(store, f"fp-{n}", count=n, source_id=source) for n in range(5)]
        insert(store, "ticket", pattern_id=ids[1], issue_key="POS-1", url="u", status="Done")
        first = pattern_reads.page(store.engine, None, 2)
        assert [r[0] for r in first] == [ids[4], ids[3]]
        rest = pattern_reads.page(store.engine, ids[3], 10)
        assert [r[0] for r in rest] == [ids[2], ids[1], ids[0]]
        assert tuple(rest[1])[9:] == ("POS-1", "u", "Done", None, "/var/log/pos.log", None)

        rows, complete = pattern_reads.refresh(store.engine, [ids[1]], ids[0], 5)
        assert [r[0] for r in rows] == [ids[1]] and not complete
        rows, complete = pattern_reads.refresh(store.engine, [ids[1]], ids[0], 4)
        assert [r[0] for r in rows] == ids and complete  # the caller's count was wrong

        assert pattern_reads.detail(store.engine, 999, 5, 10) is None
        store.write(lambda c: c.exec_driver_sql(
            "UPDATE pattern SET root_cause = 'why', host = 'till-3' WHERE id = ?", (ids[2],)))
        insert(store, "feedback", pattern_id=ids[2], fingerprint="fp-2", record_text="x",
               created_at="2026-12-06T10:00:00.000Z")
        for minute in range(3):
            add_event(store, ids[2], f"2026-12-06T10:0{minute}:00.000Z", source_id=source)
        found = pattern_reads.detail(store.engine, ids[2], 2, 10)
        assert found is not None
        assert (found.row[0], found.root_cause, found.host, found.corrections) == (
            ids[2], "why", "till-3", 1)
        assert [s[0] for s in found.samples] == ["2026-12-06T10:02:00.000Z",
                                                 "2026-12-06T10:01:00.000Z"]
        assert len(found.times) == 3


def test_event_pages_and_events_after(tmp_path: Path) -> None:
    with profile(tmp_path) as store:
        pid = add_pattern(store, "fp-a", severity="high", error_type="auth")
        ids = [add_event(store, pid, f"2026-12-06T10:0{n}:00.000Z", level="ERROR")
               for n in range(5)]
        page = event_reads.page(store.engine, None, 2)
        assert [tuple(r) for r in page] == [
            (ids[4], "2026-12-06T10:04:00.000Z", "ERROR", "Failure", pid, "high", "auth",
             "new", None),
            (ids[3], "2026-12-06T10:03:00.000Z", "ERROR", "Failure", pid, "high", "auth",
             "new", None)]
        assert [r[0] for r in event_reads.page(store.engine, ids[3], 10)] == ids[2::-1]
        assert [r[0] for r in event_reads.after(store.engine, ids[1], 2)] == [ids[4], ids[3]]


def test_timeline_buckets_fine_coarse_and_empty(tmp_path: Path) -> None:
    with profile(tmp_path) as store:
        assert timeline_reads.bucket_counts(store.engine, 60) == (60, [])
        high = add_pattern(store, "fp-high", severity="high")
        low = add_pattern(store, "fp-low", severity="low")
        for stamp in ("10:00:01", "10:00:05", "10:00:12"):
            add_event(store, high, f"2026-12-06T{stamp}.000Z")
        add_event(store, low, "2026-12-06T10:00:03.000Z")
        fine = timeline_reads.bucket_counts(store.engine, 60)  # under 15 min of data
        assert fine == (10, [("2026-12-06T10:00:0", "high", 2), ("2026-12-06T10:00:0", "low", 1),
                             ("2026-12-06T10:00:1", "high", 1)])
        add_event(store, low, "2026-12-06T09:00:00.000Z")  # an hour of data: per minute
        coarse = timeline_reads.bucket_counts(store.engine, 60)
        assert coarse.bucket_s == 60
        assert coarse.rows == [("2026-12-06T10:00", "high", 3), ("2026-12-06T10:00", "low", 1)]


def test_statistics_sources_runs_and_corrections(tmp_path: Path) -> None:
    with profile(tmp_path) as store:
        source = insert(store, "source", path="/var/log/pos.log", lines=40,
                        updated_at="2026-12-06T10:00:00.000Z")
        insert(store, "source", path="/var/log/idle.log")
        a = add_pattern(store, "fp-a", error_type="auth", severity="high", count=5)
        b = add_pattern(store, "fp-b", error_type="auth", severity="low", count=1)
        c = add_pattern(store, "fp-c", error_type="network", severity="high", count=2)
        add_event(store, a, source_id=source)
        add_event(store, a, source_id=source)
        stats = pattern_stats(store.engine, top=2)
        assert stats.by_type == [("auth", 2, 6), ("network", 1, 2)]
        assert stats.top == [(a, "high", "Failure fp-a <*>", 5, "new"),
                             (c, "high", "Failure fp-c <*>", 2, "new")]
        assert stats.occurrences == {"high": 7, "low": 1} and b

        assert source_activity(store.engine) == {
            "/var/log/pos.log": (40, 2, "2026-12-06T10:00:00.000Z"),
            "/var/log/idle.log": (0, 0, None)}

        first = runs.start_run(store.engine, source, "import")
        runs.finish_run(store.engine, first, source_id=source, lines=40, records=2, errors=2,
                        new_patterns=1)
        second = runs.start_run(store.engine, None, "watch")
        newest = runs.newest_runs(store.engine)
        assert [(r[0], r[1], r[2], r[5], r[6], r[7], r[8]) for r in newest] == [
            (second, "watch", None, 0, 0, 0, "running"),
            (first, "import", "/var/log/pos.log", 40, 2, 1, "done")]
        assert len(runs.newest_runs(store.engine, limit=1)) == 1

        insert(store, "feedback", pattern_id=a, fingerprint="fp-a", severity="critical",
               record_text="login failed", created_at="2026-12-06T10:00:00.000Z")
        insert(store, "feedback", pattern_id=b, fingerprint="fp-b", error_type="network",
               record_text="timeout", created_at="2026-12-06T10:01:00.000Z")
        assert feedback.corrections(store.engine) == [
            ("fp-a", "login failed", "critical", None), ("fp-b", "timeout", None, "network")]

"""An announcement too long for PostgreSQL's NOTIFY (8,000 bytes) must not fail the
transaction that makes it: a shipment of many patterns, or a pass that folds many, would
otherwise be refused for good. The ids are left out; listeners read every row again."""

from __future__ import annotations

from stacklens_desktop.core.batch import EventRow, PatternDelta
from stacklens_desktop.store.team.ingest import Outcome, apply_shipment
from stacklens_desktop.store.team.notify import Listener
from stacklens_desktop.team.shipment import Shipment
from tests.team.conftest import TeamDb

WHEN = "2026-12-06T10:00:00.000Z"


def _many_patterns(host: str, n: int) -> Shipment:
    events = [EventRow(f"fp-{i:05d}", WHEN, "ERROR", f"fault {i}", [], {}, f"fault {i}", i,
                       i + 1) for i in range(n)]
    deltas = [PatternDelta(f"fp-{i:05d}", f"fault number {i} in module {i}", 1, WHEN, WHEN,
                           level="ERROR", severity="high") for i in range(n)]
    return Shipment(host, "/var/log/pos.log", 0, n, n, inode=3, events=events,
                    patterns=deltas)


def test_a_shipment_of_many_patterns_is_announced_without_its_ids(team_db: TeamDb) -> None:
    listener = Listener(team_db.cluster.admin_dsn(team_db.name))
    try:
        with team_db.admin.begin() as conn:
            applied = apply_shipment(conn, _many_patterns("till-1", 1_500))
        assert applied.outcome is Outcome.APPLIED and len(applied.pattern_ids) == 1_500
        [message] = listener.wait(timeout=5.0)
    finally:
        listener.close()
    assert message["kind"] == "events" and message["truncated"] is True
    assert message["patterns"] == [] and message["host"] == "till-1"

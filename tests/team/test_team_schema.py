"""The team schema on a real PostgreSQL: shared tables, partitions, retention, shipments."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import inspect

from stacklens_desktop.core.batch import EventRow, PatternDelta
from stacklens_desktop.store.models import Pattern
from stacklens_desktop.store.schema_version import SCHEMA_VERSION
from stacklens_desktop.store.team import fleet, partitions, schema
from stacklens_desktop.store.team.ingest import Outcome, apply_shipment
from stacklens_desktop.team.shipment import Shipment
from tests.team.conftest import TeamDb


def shipment(host: str, start: int, end: int, n: int, fingerprint: str = "fp1") -> Shipment:
    events = [EventRow(fingerprint, "2026-12-06T10:00:00.000Z", "ERROR", f"boom {i}",
                       [str(i)], {"i": i}, f"raw\x00 {i}", start + i, i + 1) for i in range(n)]
    delta = PatternDelta(fingerprint, "boom <*>", n, "2026-12-06T10:00:00.000Z",
                         "2026-12-06T10:00:00.000Z", level="ERROR", severity="high")
    return Shipment(host, "/var/log/pos.log", start, end, n, inode=7, events=events,
                    patterns=[delta] if n else [])


def test_shared_tables_have_the_sqlite_columns(team_db: TeamDb) -> None:
    columns = {c["name"] for c in inspect(team_db.admin).get_columns("pattern")}
    assert columns == set(Pattern.model_fields)
    with team_db.admin.connect() as conn:
        assert schema.schema_version(conn) == SCHEMA_VERSION


def test_install_twice_changes_nothing(team_db: TeamDb) -> None:
    with team_db.admin.begin() as conn:
        schema.install(conn)
        assert schema.schema_version(conn) == SCHEMA_VERSION


def test_shipment_applies_once_and_counts_per_host(team_db: TeamDb) -> None:
    with team_db.admin.begin() as conn:
        first = apply_shipment(conn, shipment("till-1", 0, 100, 3))
        again = apply_shipment(conn, shipment("till-1", 0, 100, 3))
        other = apply_shipment(conn, shipment("till-2", 0, 100, 2))
        gap = apply_shipment(conn, shipment("till-1", 300, 400, 1))
        events = conn.exec_driver_sql("SELECT count(*) FROM event").scalar()
        listed = fleet.patterns(conn)
        assert len(fleet.roll_up_counts(conn)) == 1
        count = conn.exec_driver_sql("SELECT count FROM pattern").scalar()
        per_host = dict(conn.exec_driver_sql(
            "SELECT host, count FROM pattern_host ORDER BY host").all())
        raw = conn.exec_driver_sql("SELECT raw FROM event ORDER BY id LIMIT 1").scalar()
    assert (first.outcome, again.outcome, other.outcome) == (
        Outcome.APPLIED, Outcome.DUPLICATE, Outcome.APPLIED)
    assert gap.outcome is Outcome.CONFLICT and gap.server_offset == 100
    assert events == 5 and count == 5
    assert [(p.count, p.hosts) for p in listed] == [(5, 2)]
    assert per_host == {"till-1": 3, "till-2": 2}
    assert raw == "raw 0"  # the NUL a power cut leaves is dropped, not refused


def test_resolved_pattern_that_recurs_is_a_regression(team_db: TeamDb) -> None:
    with team_db.admin.begin() as conn:
        apply_shipment(conn, shipment("till-1", 0, 100, 1))
        conn.exec_driver_sql("UPDATE pattern SET status = 'resolved'")
        apply_shipment(conn, shipment("till-1", 100, 200, 1))
        assert conn.exec_driver_sql("SELECT status FROM pattern").scalar() == "regression"


def test_retention_drops_whole_old_partitions(team_db: TeamDb) -> None:
    today = partitions.today()
    with team_db.admin.begin() as conn:
        partitions.ensure_partitions(conn, today - timedelta(days=40), 5)
        partitions.set_retention_days(conn, 30)
        conn.exec_driver_sql(
            "INSERT INTO source (host, path) VALUES ('h', '/p')")
        apply_shipment(conn, shipment("h", 0, 10, 1))
        old = today - timedelta(days=39)
        conn.exec_driver_sql(
            "INSERT INTO event (received_at, host, pattern_id, source_id, message, raw, "
            "\"offset\", line_no) SELECT %s, host, pattern_id, source_id, message, raw, 0, 0 "
            "FROM event", (f"{old.isoformat()} 12:00:00+00",))
        assert conn.exec_driver_sql("SELECT count(*) FROM event").scalar() == 2
        dropped = partitions.apply_retention(conn)
        days = partitions.partition_days(conn)
        left = conn.exec_driver_sql("SELECT count(*) FROM event").scalar()
    assert dropped == 5
    assert min(days) >= today - timedelta(days=30)
    assert today in days and left == 1


def test_columns_added_to_the_models_reach_an_older_team_store(team_db: TeamDb) -> None:
    with team_db.admin.begin() as conn:
        conn.exec_driver_sql("ALTER TABLE pattern DROP COLUMN behaviour")
        conn.exec_driver_sql("ALTER TABLE ticket DROP COLUMN reported_values")
        conn.exec_driver_sql("ALTER TABLE ticket DROP COLUMN count_at_filing")  # schema 4
    with team_db.admin.begin() as conn:
        schema.install(conn)
    inspector = inspect(team_db.admin)
    assert "behaviour" in {c["name"] for c in inspector.get_columns("pattern")}
    ticket = {c["name"]: c for c in inspector.get_columns("ticket")}
    assert "'{}'" in str(ticket["reported_values"]["default"])
    assert ticket["count_at_filing"]["nullable"]  # old rows: the panel reads their last update

"""Daily event partitions: made ahead of time, dropped past the retention period."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import Connection

RETENTION_KEY = "team.retention_days"
DEFAULT_RETENTION_DAYS = 30
#: Partitions an agent makes sure exist (today and the next days) when it connects.
DAYS_AHEAD = 3


def today() -> date:
    return datetime.now(UTC).date()


def ensure_partitions(conn: Connection, first_day: date | None = None,
                      days: int = DAYS_AHEAD) -> int:
    """Create the missing daily partitions from ``first_day``; returns how many were made."""
    return int(conn.exec_driver_sql(
        "SELECT stacklens_ensure_partitions(%s, %s)", (first_day or today(), days)).scalar_one())


def set_retention_days(conn: Connection, days: int) -> None:
    if days < 1:
        raise ValueError("the retention is at least one day")
    conn.exec_driver_sql(
        "INSERT INTO setting (key, value) VALUES (%s, %s) "
        "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value", (RETENTION_KEY, str(days)))


def retention_days(conn: Connection) -> int:
    value = conn.exec_driver_sql(
        "SELECT value FROM setting WHERE key = %s", (RETENTION_KEY,)).scalar()
    return int(value) if value is not None else DEFAULT_RETENTION_DAYS


def apply_retention(conn: Connection, on: date | None = None) -> int:
    """Drop the partitions wholly older than the retention period (the owner only);
    returns how many were dropped."""
    cutoff = (on or today()) - timedelta(days=retention_days(conn))
    return int(conn.exec_driver_sql(
        "SELECT stacklens_drop_partitions_before(%s)", (cutoff,)).scalar_one())


def partition_days(conn: Connection) -> list[date]:
    rows = conn.exec_driver_sql(
        "SELECT substr(c.relname, 8) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
        "WHERE i.inhparent = 'event'::regclass ORDER BY 1").scalars()
    return [datetime.strptime(name, "%Y%m%d").date() for name in rows]

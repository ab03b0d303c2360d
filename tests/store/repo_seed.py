"""Rows for the store repositories' tests, written through ``Store.write`` into a real
SQLite file (the repositories read them back on the store's query-only engine)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection

from stacklens_desktop.store import Store, open_store

NOW = datetime(2026, 12, 6, 21, 0, tzinfo=UTC)
#: The models' defaults are Python-side only: a plain INSERT gives the NOT NULL columns.
DEFAULTS: dict[str, dict[str, Any]] = {
    "pattern": {"error_type": "other", "severity": "low", "confidence": 0.0, "count": 0,
                "status": "new", "resolution_steps": "[]", "parameters_sample": "[]"},
    "event": {"message": "Failure", "parameters": "[]", "fields": "{}", "offset": 0,
              "line_no": 0},
    "ticket": {"count_at_last_comment": 0, "last_event_id": 0, "reported_values": "{}",
               "previous_keys": "[]"},
    "outbox": {"payload": "{}", "state": "pending", "attempts": 0},
    "source": {"offset": 0, "lines": 0, "state": "idle"},
}


@contextmanager
def profile(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "profile")
    try:
        yield opened
    finally:
        opened.close()


def insert(store: Store, table: str, **values: Any) -> int:
    """One row; returns its id."""
    values = {**DEFAULTS.get(table, {}), **values}
    names = ", ".join(values)
    marks = ", ".join("?" * len(values))

    def add(conn: Connection) -> int:
        return int(conn.exec_driver_sql(
            f"INSERT INTO {table} ({names}) VALUES ({marks})", tuple(values.values())).lastrowid)

    return store.write(add)


def add_pattern(store: Store, fingerprint: str, **values: Any) -> int:
    return insert(store, "pattern", fingerprint=fingerprint,
                  template=values.pop("template", f"Failure {fingerprint} <*>"), **values)


def add_event(store: Store, pattern_id: int, time: str | None = None, **values: Any) -> int:
    values.setdefault("raw", f"{time} ERROR Failure")
    return insert(store, "event", pattern_id=pattern_id, time=time, **values)


def one(store: Store, sql: str, *params: Any) -> tuple[Any, ...]:
    """One row read back on the query-only engine."""
    with store.engine.connect() as conn:
        return tuple(conn.exec_driver_sql(sql, params).one())

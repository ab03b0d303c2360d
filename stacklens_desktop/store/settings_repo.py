"""The ``setting`` table: one JSON document per settings section, under the section's key.

Only text goes in and out here; the schema, validation and migration of what the text holds
live in :mod:`stacklens_desktop.settings`. Never a secret (tokens live in the OS keyring).
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, Engine

from stacklens_desktop.store.executor import write


def read_values(engine: Engine, keys: Iterable[str]) -> dict[str, str]:
    """The stored text of each of ``keys`` that has a row (one query)."""
    wanted = list(keys)
    if not wanted:
        return {}
    marks = ", ".join("?" for _ in wanted)
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(
            f"SELECT key, value FROM setting WHERE key IN ({marks})", tuple(wanted)).all()
    return {str(key): str(value) for key, value in rows if value is not None}


def put_value(conn: Connection, key: str, value: str) -> None:
    """Inside a write transaction: set ``key`` to ``value``."""
    conn.exec_driver_sql(
        "INSERT INTO setting (key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))


def get_value(conn: Connection, key: str) -> str | None:
    """Inside a transaction: the stored text of ``key``."""
    raw = conn.exec_driver_sql("SELECT value FROM setting WHERE key = ?", (key,)).scalar()
    return None if raw is None else str(raw)


def save_value(engine: Engine, key: str, value: str) -> None:
    """Set ``key`` through the database's one writer."""
    write(engine, lambda conn: put_value(conn, key, value))

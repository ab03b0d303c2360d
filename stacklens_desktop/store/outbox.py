"""The outbox table: pending Jira operations, their state machine and their retry timing.

States: ``pending`` (waits for ``next_attempt_at``) → ``in_flight`` (claimed by the drainer)
→ ``done``; or ``failed`` (a readable ``last_error``; only :func:`retry_failed` brings it
back). A row left ``in_flight`` by a crash is made ``pending`` again at start-up
(:func:`recover_in_flight`): creates are safe to resume because every create searches by the
dedupe label first.

Plain SQL on a :class:`sqlalchemy.Connection` so that callers choose the transaction.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine

from stacklens_desktop.jira.stamps import iso
from stacklens_desktop.store.executor import write

OPEN_STATES = ("pending", "in_flight", "failed")
RETRY_BASE = timedelta(seconds=30)
RETRY_CAP = timedelta(minutes=30)
MAX_ATTEMPTS = 10
_COLUMNS = "id, pattern_id, operation, payload, state, attempts, next_attempt_at, last_error"


@dataclass(frozen=True)
class OutboxRow:
    id: int
    pattern_id: int
    operation: str
    payload: dict[str, Any]
    state: str
    attempts: int
    next_attempt_at: str | None
    last_error: str | None

    @classmethod
    def from_row(cls, row: Sequence[Any]) -> OutboxRow:
        return cls(
            int(row[0]),
            int(row[1]),
            str(row[2]),
            json.loads(row[3] or "{}"),
            str(row[4]),
            int(row[5]),
            row[6],
            row[7],
        )


def retry_delay(attempts: int, at_least: float | None = None) -> timedelta:
    """Exponential backoff per row: 30 s, 1 min, 2 min ... capped at 30 min."""
    delay = min(RETRY_CAP, RETRY_BASE * (2 ** max(0, attempts - 1)))
    if at_least is not None:
        delay = max(delay, timedelta(seconds=at_least))
    return delay


def open_operations(conn: Connection, pattern_ids: Sequence[int]) -> dict[int, dict[str, int]]:
    """pattern id -> {operation: outbox id} for rows not done yet."""
    out: dict[int, dict[str, int]] = {}
    for chunk in chunks(pattern_ids):
        marks = ",".join("?" * len(chunk))
        rows = conn.exec_driver_sql(
            f"SELECT pattern_id, operation, id FROM outbox WHERE pattern_id IN ({marks}) "
            f"AND state IN ('pending', 'in_flight', 'failed')",
            tuple(chunk),
        )
        for pattern_id, operation, row_id in rows:
            out.setdefault(int(pattern_id), {})[str(operation)] = int(row_id)
    return out


def enqueue(
    conn: Connection,
    pattern_id: int,
    operation: str,
    payload: dict[str, Any],
    due: datetime,
    now: datetime,
) -> int:
    cursor = conn.exec_driver_sql(
        "INSERT INTO outbox (pattern_id, operation, payload, state, attempts, next_attempt_at, "
        "created_at, updated_at) VALUES (?, ?, ?, 'pending', 0, ?, ?, ?) RETURNING id",
        (pattern_id, operation, json.dumps(payload), iso(due), iso(now), iso(now)),
    )
    return int(cursor.scalar_one())


def convert(
    conn: Connection,
    row_id: int,
    operation: str,
    payload: dict[str, Any],
    due: datetime,
    now: datetime,
) -> None:
    """Turn a waiting row into another operation (a pending comment becomes a reopen)."""
    conn.exec_driver_sql(
        "UPDATE outbox SET operation = ?, payload = ?, state = 'pending', next_attempt_at = ?, "
        "updated_at = ? WHERE id = ?",
        (operation, json.dumps(payload), iso(due), iso(now), row_id),
    )


def keep_in_flight(conn: Connection, row_id: int) -> None:
    """A row converted while it runs (a reopen that became a new linked ticket) stays in
    flight: the caller goes on with it at once."""
    conn.exec_driver_sql("UPDATE outbox SET state = 'in_flight' WHERE id = ?", (row_id,))


def replace_payload(conn: Connection, row_id: int, payload: dict[str, Any]) -> None:
    """Note progress on the row itself (a regression's comment is sent: a retry of the
    transition must not comment again)."""
    conn.exec_driver_sql(
        "UPDATE outbox SET payload = ? WHERE id = ?", (json.dumps(payload), row_id))


def due_rows(conn: Connection, now: datetime, limit: int) -> list[OutboxRow]:
    rows = conn.exec_driver_sql(
        f"SELECT {_COLUMNS} FROM outbox WHERE state = 'pending' AND "
        "(next_attempt_at IS NULL OR next_attempt_at <= ?) ORDER BY next_attempt_at, id LIMIT ?",
        (iso(now), limit),
    )
    return [OutboxRow.from_row(r) for r in rows]


def claim(conn: Connection, row_id: int, now: datetime) -> bool:
    """Mark a row in flight (committed before the HTTP call). False if someone else took it."""
    cursor = conn.exec_driver_sql(
        "UPDATE outbox SET state = 'in_flight', attempts = attempts + 1, updated_at = ? "
        "WHERE id = ? AND state = 'pending'",
        (iso(now), row_id),
    )
    return cursor.rowcount == 1


def finish(conn: Connection, row_id: int, now: datetime, note: str | None = None) -> None:
    conn.exec_driver_sql(
        "UPDATE outbox SET state = 'done', last_error = ?, updated_at = ? WHERE id = ?",
        (note, iso(now), row_id),
    )


def postpone(
    conn: Connection, row_id: int, now: datetime, due: datetime, error: str | None
) -> None:
    """Back to pending until ``due`` (transient failure, or a throttled comment)."""
    conn.exec_driver_sql(
        "UPDATE outbox SET state = 'pending', next_attempt_at = ?, last_error = ?, "
        "updated_at = ? WHERE id = ?",
        (iso(due), error, iso(now), row_id),
    )


def fail(conn: Connection, row_id: int, now: datetime, error: str) -> None:
    conn.exec_driver_sql(
        "UPDATE outbox SET state = 'failed', last_error = ?, updated_at = ? WHERE id = ?",
        (error, iso(now), row_id),
    )


def recover_in_flight(engine: Engine, now: datetime) -> int:
    """Rows a previous process left in flight: pending again (dedupe makes this safe)."""
    def reset(conn: Connection) -> int:
        cursor = conn.exec_driver_sql(
            "UPDATE outbox SET state = 'pending', next_attempt_at = ?, "
            "last_error = 'interrupted (the app stopped during the call); resuming', "
            "updated_at = ? WHERE state = 'in_flight'",
            (iso(now), iso(now)),
        )
        return int(cursor.rowcount)

    return write(engine, reset)


def retry_failed(engine: Engine, now: datetime, ids: Iterable[int] | None = None) -> int:
    """The user's "retry": failed rows (all, or the given ids) become due now; with no ids,
    so do rows waiting out a back-off after an error (Jira was down: "2 waiting, 0 failed")."""
    sql = (
        "UPDATE outbox SET state = 'pending', attempts = 0, next_attempt_at = ?, "
        "updated_at = ? WHERE state = 'failed'"
    )
    params: tuple[Any, ...] = (iso(now), iso(now))
    chosen = list(ids) if ids is not None else None
    if chosen is not None:
        if not chosen:
            return 0
        sql += f" AND id IN ({','.join('?' * len(chosen))})"
        params += tuple(chosen)

    def retry(conn: Connection) -> int:
        if chosen is None:
            conn.exec_driver_sql(
                "UPDATE outbox SET next_attempt_at = ?, updated_at = ? WHERE state = 'pending' "
                "AND last_error IS NOT NULL AND next_attempt_at > ?", (iso(now), iso(now),
                                                                      iso(now)))
        return int(conn.exec_driver_sql(sql, params).rowcount)

    return write(engine, retry)


def counts(engine: Engine) -> tuple[int, int]:
    """(waiting, failed): waiting is pending + in flight."""
    with engine.connect() as conn:
        rows: dict[str, int] = dict(
            conn.exec_driver_sql(
                "SELECT state, COUNT(*) FROM outbox WHERE state IN "
                "('pending', 'in_flight', 'failed') GROUP BY state"
            ).all()
        )
    return int(rows.get("pending", 0)) + int(rows.get("in_flight", 0)), int(rows.get("failed", 0))


def next_due(engine: Engine) -> str | None:
    with engine.connect() as conn:
        return conn.exec_driver_sql(
            "SELECT MIN(next_attempt_at) FROM outbox WHERE state = 'pending'"
        ).scalar()


def last_error(engine: Engine) -> str:
    """The newest error an outbox row not done recorded (empty when none)."""
    with engine.connect() as conn:
        value = conn.exec_driver_sql(
            "SELECT last_error FROM outbox WHERE last_error IS NOT NULL AND state != 'done' "
            "ORDER BY updated_at DESC, id DESC LIMIT 1").scalar()
    return value or ""


def chunks(items: Sequence[int], size: int = 500) -> Iterable[Sequence[int]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]

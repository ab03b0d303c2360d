"""The user's "Retry" on chosen outbox rows: failed ones and ones waiting out a back-off
alike become due now (a failed row starts its attempts again)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Connection, Engine

from stacklens_desktop.jira.stamps import iso
from stacklens_desktop.store.executor import write
from stacklens_desktop.store.outbox import chunks

_RETRY = ("UPDATE outbox SET state = 'pending', next_attempt_at = ?, updated_at = ?, "
          "attempts = CASE WHEN state = 'failed' THEN 0 ELSE attempts END "
          "WHERE state IN ('pending', 'failed')")


def retry_now(engine: Engine, now: datetime, ids: Sequence[int] = ()) -> int:
    """Make the given open rows (none given: every open row) due now; returns how many were
    changed (rows done or in flight meanwhile are left alone)."""
    chosen = [int(i) for i in ids]

    def retry(conn: Connection) -> int:
        if not chosen:
            return int(conn.exec_driver_sql(_RETRY, (iso(now), iso(now))).rowcount)
        changed = 0
        for chunk in chunks(chosen):
            marks = ",".join("?" * len(chunk))
            changed += int(conn.exec_driver_sql(
                f"{_RETRY} AND id IN ({marks})", (iso(now), iso(now), *chunk)).rowcount)
        return changed

    return write(engine, retry)

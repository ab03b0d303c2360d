"""Shared triage on the team store: a status change, who made it and when, announced to
every desktop. Only the desktop role may run it (the server refuses an agent)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Connection, Engine

from stacklens_desktop.store import outbox_retry, triage
from stacklens_desktop.store.feedback import add_correction
from stacklens_desktop.store.team.ingest import notify
from stacklens_desktop.store.triage import STATUSES, TicketRequest, UnknownPatternError


def set_status(conn: Connection, pattern_id: int, status: str,
               muted_until: str | None = None) -> None:
    if status not in STATUSES:
        raise ValueError(f"unknown triage status {status!r}")
    cursor = conn.exec_driver_sql(
        "UPDATE pattern SET status = %s, muted_until = %s, "
        "status_changed_at = to_char(now() AT TIME ZONE 'UTC', "
        "'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') WHERE id = %s",
        (status, muted_until, pattern_id))
    if cursor.rowcount != 1:
        raise UnknownPatternError(f"pattern {pattern_id} no longer exists")
    by = conn.exec_driver_sql(
        "INSERT INTO triage_log (pattern_id, status) VALUES (%s, %s) RETURNING changed_by",
        (pattern_id, status)).scalar_one()
    notify(conn, {"kind": "triage", "pattern": pattern_id, "status": status, "by": by,
                  "sent": time.time()})


def request_ticket(engine: Engine, pattern_id: int, now: datetime) -> TicketRequest:
    """"Ticket now" on the team store: the shared outbox row (as on SQLite: made due now, or
    queued), announced so that the automation role's holder, wherever it runs, drains it at
    once. A muted pattern is refused (:class:`TriageRefusedError`)."""
    request = triage.request_ticket(engine, pattern_id, now)
    with engine.begin() as conn:
        notify(conn, {"kind": "ticket", "pattern": pattern_id, "operation": request.operation,
                      "sent": time.time()})
    return request


def correct(engine: Engine, pattern_id: int, fingerprint: str, severity: str | None,
            error_type: str | None) -> str:
    """A person's correction of a fleet pattern's severity or type (the shared feedback row,
    the pattern's labels at confidence 1.0, as on SQLite), announced to every desktop. The
    automation holder decides on the corrected labels from its next pass; agents never
    change a pattern's labels, so it holds."""
    full = add_correction(engine, fingerprint, severity, error_type)
    with engine.begin() as conn:
        notify(conn, {"kind": "correction", "pattern": pattern_id, "sent": time.time()})
    return full


def retry_outbox(engine: Engine, ids: Sequence[int], now: datetime) -> int:
    """The Jira panel's Retry on the team outbox: the chosen open rows (none: all) due now,
    announced so that the automation holder drains them at once; returns how many."""
    changed = outbox_retry.retry_now(engine, now, ids)
    if changed:
        with engine.begin() as conn:
            notify(conn, {"kind": "retry", "rows": changed, "sent": time.time()})
    return changed


#: The announcement of a desktop's "Sync now": the automation holder reads the statuses of
#: the team's tickets at its next pass instead of at its five-minute sync.
SYNC_KIND = "sync"


def request_sync(engine: Engine) -> None:
    with engine.begin() as conn:
        notify(conn, {"kind": SYNC_KIND, "sent": time.time()})


def announce_sync(conn: Connection, line: str) -> None:
    """The holder read the statuses a desktop asked for: ``line`` says what changed."""
    notify(conn, {"kind": "synced", "line": line, "sent": time.time()})


def triage_history(conn: Connection, pattern_id: int) -> list[tuple[str, str, str]]:
    """(status, who, when) of a pattern's triage changes, newest first."""
    rows = conn.exec_driver_sql(
        "SELECT status, changed_by, to_char(changed_at AT TIME ZONE 'UTC', "
        "'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM triage_log WHERE pattern_id = %s "
        "ORDER BY id DESC", (pattern_id,))
    return [(r[0], r[1], r[2]) for r in rows]

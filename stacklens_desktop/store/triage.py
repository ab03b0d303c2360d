"""A person's triage of a pattern: acknowledge, mute (for a while or for good), resolve,
reopen, and "file or update the ticket now". All of its SQL; no Qt.

Statuses: ``new`` → ``acknowledged`` / ``muted`` / ``resolved``; a resolved pattern that
occurs again becomes ``regression`` and a mute whose time is up is lifted (both in
:mod:`.writer`, inside the batch that brought the occurrence). A muted pattern is never filed
or updated in Jira (:func:`stacklens_desktop.jira.policy.decide`); muting also drops the Jira
operations still waiting for it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Connection, Engine

from stacklens_desktop.store.executor import write
from stacklens_desktop.store.feedback import UnknownPatternError
from stacklens_desktop.store.writer import utc_now

__all__ = ["UnknownPatternError", "TriageRefusedError"]

STATUSES = ("new", "acknowledged", "muted", "resolved", "regression")
MUTED_NOTE = "cancelled: the pattern was muted"


class TriageRefusedError(ValueError):
    """The action does not apply to the pattern as it stands (a readable reason)."""


@dataclass(frozen=True, slots=True)
class TicketRequest:
    """What "ticket now" queued: ``operation`` create or comment; ``queued`` False when a
    waiting operation of the pattern was only made due now."""

    pattern_id: int
    operation: str
    queued: bool


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def _set_status(engine: Engine, pattern_id: int, status: str,
                muted_until: str | None = None) -> None:
    def change(conn: Connection) -> None:
        cursor = conn.exec_driver_sql(
            "UPDATE pattern SET status = ?, muted_until = ?, status_changed_at = ? "
            "WHERE id = ?", (status, muted_until, utc_now(), pattern_id))
        if cursor.rowcount != 1:
            raise UnknownPatternError(f"pattern {pattern_id} no longer exists")
        if status == "muted":
            _drop_waiting_operations(conn, pattern_id)

    write(engine, change)


def _drop_waiting_operations(conn: Connection, pattern_id: int) -> None:
    """Jira operations not yet sent (pending or failed) end with a note; one in flight
    finishes (it may already have reached Jira)."""
    conn.exec_driver_sql(
        "UPDATE outbox SET state = 'done', last_error = ?, updated_at = ? "
        "WHERE pattern_id = ? AND state IN ('pending', 'failed')",
        (MUTED_NOTE, utc_now(), pattern_id))


def acknowledge(engine: Engine, pattern_id: int) -> None:
    _set_status(engine, pattern_id, "acknowledged")


def resolve(engine: Engine, pattern_id: int) -> None:
    """Resolved until it occurs again (then: regression)."""
    _set_status(engine, pattern_id, "resolved")


def reopen(engine: Engine, pattern_id: int) -> None:
    """Back to new (undo of acknowledge, mute or resolve)."""
    _set_status(engine, pattern_id, "new")


def mute(engine: Engine, pattern_id: int, duration: timedelta | None,
         now: datetime) -> str | None:
    """Mute for ``duration`` from ``now`` (None: forever); returns the stored end."""
    until = None if duration is None else _stamp(now + duration)
    _set_status(engine, pattern_id, "muted", until)
    return until


def effective_status(status: str, muted_until: str | None, now: str) -> str:
    """The status as it stands at ``now`` (a stored time): a mute that has ended reads as
    new, as the next occurrence will store it."""
    if status == "muted" and muted_until is not None and muted_until <= now:
        return "new"
    return status


def request_ticket(engine: Engine, pattern_id: int, now: datetime) -> TicketRequest:
    """File the pattern's ticket now, or comment on it with what is new. A waiting
    operation of the pattern is made due now instead of queueing a second one."""
    return write(engine, lambda conn: _request_ticket(conn, pattern_id, _stamp(now)))


def _request_ticket(conn: Connection, pattern_id: int, stamp: str) -> TicketRequest:
    status = conn.exec_driver_sql(
        "SELECT status FROM pattern WHERE id = ?", (pattern_id,)).scalar()
    if status is None:
        raise UnknownPatternError(f"pattern {pattern_id} no longer exists")
    if status == "muted":
        raise TriageRefusedError("the pattern is muted: unmute it to file or update its "
                                 "ticket")
    waiting = conn.exec_driver_sql(
        "SELECT id, operation FROM outbox WHERE pattern_id = ? AND state IN "
        "('pending', 'failed') ORDER BY id LIMIT 1", (pattern_id,)).first()
    if waiting is not None:
        conn.exec_driver_sql(
            "UPDATE outbox SET state = 'pending', next_attempt_at = ?, updated_at = ? "
            "WHERE id = ?", (stamp, stamp, waiting[0]))
        return TicketRequest(pattern_id, str(waiting[1]), False)
    filed = conn.exec_driver_sql(
        "SELECT 1 FROM ticket WHERE pattern_id = ? AND issue_key IS NOT NULL",
        (pattern_id,)).first()
    operation = "comment" if filed else "create"
    conn.exec_driver_sql(
        "INSERT INTO outbox (pattern_id, operation, payload, state, attempts, "
        "next_attempt_at, created_at, updated_at) VALUES (?, ?, ?, 'pending', 0, ?, ?, ?)",
        (pattern_id, operation, '{"reason": "requested by a user"}', stamp, stamp, stamp))
    return TicketRequest(pattern_id, operation, True)

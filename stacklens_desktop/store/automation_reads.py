"""What the automation decides on, read inside the batch's write transaction: the patterns'
state and their tickets' (:mod:`stacklens_desktop.jira.automation` turns them into the
policy's ``PatternState`` / ``TicketState``)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple

from sqlalchemy import Connection

from stacklens_desktop.store.outbox import chunks


class PatternFacts(NamedTuple):
    id: int
    severity: str | None
    confidence: float | None
    status: str | None
    occurrences: int | None
    escalation: str | None
    escalation_reason: str | None
    #: no ticket and no Jira operation open for it (the next one would file it)
    unfiled: bool


class TicketFacts(NamedTuple):
    pattern_id: int
    issue_key: str | None
    status_category: str | None
    count_reported: int | None
    count_at_done: int | None
    #: the last comment, else the creation (as stored)
    last_update_at: str | None
    synced_at: str | None


def pattern_facts(conn: Connection, ids: Sequence[int]) -> list[PatternFacts]:
    return [PatternFacts._make(r) for r in _by_ids(
        conn, ids,
        "SELECT p.id, p.severity, p.confidence, p.status, p.count, p.escalation, "
        "p.escalation_reason, "
        "t.issue_key IS NULL AND NOT EXISTS (SELECT 1 FROM outbox o WHERE o.pattern_id = "
        "p.id AND o.state IN ('pending', 'in_flight', 'failed')) "
        "FROM pattern p LEFT JOIN ticket t ON t.pattern_id = p.id WHERE p.id IN ({marks})")]


def ticket_facts(conn: Connection, ids: Sequence[int]) -> list[TicketFacts]:
    return [TicketFacts._make(r) for r in _by_ids(
        conn, ids,
        "SELECT pattern_id, issue_key, status_category, count_at_last_comment, "
        "count_at_done, COALESCE(last_comment_at, created_at), synced_at FROM ticket "
        "WHERE pattern_id IN ({marks})")]


def _by_ids(conn: Connection, ids: Sequence[int], sql: str) -> Iterator[Sequence[Any]]:
    """The rows of ``sql`` whose ``IN ({marks})`` takes the ids, a chunk at a time."""
    for chunk in chunks(ids):
        yield from conn.exec_driver_sql(sql.format(marks=",".join("?" * len(chunk))),
                                        tuple(chunk))

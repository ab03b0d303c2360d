"""What a ticket's text is written from: the pattern row and a few of its events, read in the
caller's connection (a create reads them again inside the write that records the ticket)."""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import Connection


class ReportPattern(NamedTuple):
    """The pattern's columns a new ticket tells (JSON columns as stored)."""

    fingerprint: str
    template: str
    severity: str | None
    error_type: str | None
    confidence: float | None
    occurrences: int | None
    first_seen: str | None
    last_seen: str | None
    source_path: str | None
    host: str | None
    root_cause: str | None
    resolution_steps: str | None
    parameters_sample: str | None
    sample_text: str | None
    escalation: str | None


class EventText(NamedTuple):
    """One stored event as a ticket quotes it (``parameters`` and ``fields`` as stored JSON)."""

    id: int
    time: str | None
    message: str | None
    parameters: str | None
    fields: str | None
    raw: str | None


_EVENT_SQL = "SELECT id, time, message, parameters, fields, raw FROM event "


def report_pattern(conn: Connection, pattern_id: int) -> ReportPattern:
    """The pattern with the path of the file it was first seen in."""
    row = conn.exec_driver_sql(
        "SELECT p.fingerprint, p.template, p.severity, p.error_type, p.confidence, p.count, "
        "p.first_seen, p.last_seen, s.path, p.host, p.root_cause, p.resolution_steps, "
        "p.parameters_sample, p.sample_text, p.escalation FROM pattern p "
        "LEFT JOIN source s ON s.id = p.source_id WHERE p.id = ?",
        (pattern_id,),
    ).one()
    return ReportPattern._make(row)


def first_events(conn: Connection, pattern_id: int, limit: int) -> list[EventText]:
    """The pattern's oldest ``limit`` events, oldest first."""
    rows = conn.exec_driver_sql(
        _EVENT_SQL + "WHERE pattern_id = ? ORDER BY id LIMIT ?", (pattern_id, limit))
    return [EventText._make(r) for r in rows]


def newest_events_after(conn: Connection, pattern_id: int, after_id: int,
                        limit: int) -> list[EventText]:
    """At most ``limit`` of the pattern's events stored after ``after_id``, newest first."""
    rows = conn.exec_driver_sql(
        _EVENT_SQL + "WHERE pattern_id = ? AND id > ? ORDER BY id DESC LIMIT ?",
        (pattern_id, after_id, limit))
    return [EventText._make(r) for r in rows]


def totals(conn: Connection, pattern_id: int) -> tuple[str, int, str | None]:
    """(fingerprint, count, last seen) of the pattern: what a comment's numbers start from."""
    fingerprint, count, last_seen = conn.exec_driver_sql(
        "SELECT fingerprint, count, last_seen FROM pattern WHERE id = ?", (pattern_id,)).one()
    return str(fingerprint), int(count), last_seen


def fingerprint(conn: Connection, pattern_id: int) -> str:
    """The pattern's fingerprint (its dedupe label in Jira)."""
    return str(conn.exec_driver_sql(
        "SELECT fingerprint FROM pattern WHERE id = ?", (pattern_id,)).scalar_one())


def max_event_id(conn: Connection, pattern_id: int) -> int:
    """The id of the pattern's newest event (0 when it has none)."""
    value = conn.exec_driver_sql(
        "SELECT MAX(id) FROM event WHERE pattern_id = ?", (pattern_id,)).scalar()
    return int(value or 0)

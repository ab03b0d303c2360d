"""The local tickets table: pattern -> Jira issue, and what the ticket has told so far."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection

from stacklens_desktop.jira.models import CATEGORY_DONE, IssueState
from stacklens_desktop.jira.stamps import iso, parse
from stacklens_desktop.jira.ticket_text import Coverage

RECENT_IDS = 50


@dataclass(frozen=True)
class TicketRow:
    pattern_id: int
    issue_id: str | None
    issue_key: str | None
    url: str | None
    status: str | None
    status_category: str | None
    count_reported: int
    last_event_id: int
    reported_values: dict[str, list[str]]
    count_at_done: int | None
    last_comment_at: datetime | None
    previous_keys: list[str] = field(default_factory=list)
    created_at: datetime | None = None
    #: When the status was last read from Jira (sync, or a check before an update).
    synced_at: datetime | None = None

    @property
    def last_update_at(self) -> datetime | None:
        """When Jira last heard from us about this pattern (throttle start)."""
        return self.last_comment_at or self.created_at


def load(conn: Connection, pattern_id: int) -> TicketRow | None:
    row = conn.exec_driver_sql(
        "SELECT pattern_id, issue_id, issue_key, url, status, status_category, "
        "count_at_last_comment, last_event_id, reported_values, count_at_done, last_comment_at, "
        "previous_keys, created_at, synced_at FROM ticket WHERE pattern_id = ?",
        (pattern_id,),
    ).first()
    if row is None:
        return None
    return TicketRow(
        int(row[0]),
        row[1],
        row[2],
        row[3],
        row[4],
        row[5],
        int(row[6] or 0),
        int(row[7] or 0),
        json.loads(row[8] or "{}"),
        row[9],
        parse(row[10]),
        json.loads(row[11] or "[]"),
        parse(row[12]),
        parse(row[13]),
    )


def record_filed(
    conn: Connection,
    pattern_id: int,
    issue: IssueState,
    url: str,
    coverage: Coverage,
    now: datetime,
    previous_key: str | None = None,
) -> None:
    """Insert or replace the pattern's ticket (a new linked ticket replaces a done one). A
    ticket filed for a regression reopens its resolved pattern: its ticket is open again."""
    if previous_key:
        conn.exec_driver_sql(
            "UPDATE pattern SET status = 'new' WHERE id = ? AND status = 'resolved'",
            (pattern_id,))
    old = load(conn, pattern_id)
    previous = list(old.previous_keys) if old else []
    if previous_key and previous_key not in previous:
        previous.append(previous_key)
    at_done = coverage.count if issue.category == CATEGORY_DONE else None
    values: tuple[Any, ...] = (
        issue.id,
        issue.key,
        url,
        issue.status or None,
        issue.category or None,
        iso(now),
        coverage.count,
        coverage.last_event_id,
        json.dumps(coverage.values),
        at_done,
        json.dumps(previous),
        iso(now),
        iso(now),  # the status is known as of now (Jira just answered with it)
    )
    if old is None:
        conn.exec_driver_sql(
            "INSERT INTO ticket (issue_id, issue_key, url, status, status_category, updated_at, "
            "count_at_last_comment, last_event_id, reported_values, count_at_done, "
            "previous_keys, created_at, synced_at, pattern_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (*values, pattern_id),
        )
    else:
        conn.exec_driver_sql(
            "UPDATE ticket SET issue_id = ?, issue_key = ?, url = ?, status = ?, "
            "status_category = ?, updated_at = ?, count_at_last_comment = ?, last_event_id = ?, "
            "reported_values = ?, count_at_done = ?, previous_keys = ?, created_at = ?, "
            "synced_at = ?, last_comment_at = NULL WHERE pattern_id = ?",
            (*values, pattern_id),
        )


def record_comment(conn: Connection, pattern_id: int, coverage: Coverage, now: datetime) -> None:
    conn.exec_driver_sql(
        "UPDATE ticket SET count_at_last_comment = ?, last_event_id = ?, reported_values = ?, "
        "last_comment_at = ?, updated_at = ? WHERE pattern_id = ?",
        (
            coverage.count,
            coverage.last_event_id,
            json.dumps(coverage.values),
            iso(now),
            iso(now),
            pattern_id,
        ),
    )


def record_status(
    conn: Connection, pattern_id: int, status: str, category: str, now: datetime
) -> None:
    """A status seen in Jira. Entering done stores the pattern count (regression baseline);
    leaving done clears it."""
    conn.exec_driver_sql(
        "UPDATE ticket SET count_at_done = CASE "
        "WHEN ? = 'done' AND (status_category IS NOT 'done' OR count_at_done IS NULL) "
        "THEN (SELECT count FROM pattern WHERE pattern.id = ticket.pattern_id) "
        "WHEN ? = 'done' THEN count_at_done ELSE NULL END, "
        "status = ?, status_category = ?, synced_at = ?, updated_at = ? WHERE pattern_id = ?",
        (category, category, status, category, iso(now), iso(now), pattern_id),
    )


def recent_issue_ids(conn: Connection) -> list[str]:
    """Ids of the newest tickets: passed as ``reconcileIssues`` so a search sees them even
    before Jira's index does."""
    rows = conn.exec_driver_sql(
        "SELECT issue_id FROM ticket WHERE issue_id IS NOT NULL ORDER BY created_at DESC, id DESC "
        "LIMIT ?",
        (RECENT_IDS,),
    )
    return [str(r[0]) for r in rows]

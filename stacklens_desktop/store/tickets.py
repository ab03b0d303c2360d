"""The local tickets table: pattern -> Jira issue, and what the ticket has told so far.

Plain SQL on a :class:`sqlalchemy.Connection` so that callers choose the transaction (writes
run inside :func:`stacklens_desktop.store.executor.write`); the window's list of filed tickets
is read on an engine (:func:`filed`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Engine

from stacklens_desktop.jira.models import CATEGORY_DONE, IssueState
from stacklens_desktop.jira.stamps import iso, parse
from stacklens_desktop.store import jira_status

RECENT_IDS = 50


@dataclass(frozen=True)
class Coverage:
    """What a ticket text covered, stored on the ticket row as the next comment's baseline."""

    count: int
    last_event_id: int
    values: dict[str, list[str]]


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
    ticket filed for a regression reopens its resolved pattern: its ticket is open again.
    The count the ticket covers is also its ``count_at_filing``: a replacing ticket counts
    "since filing" from its own filing, not from the one it replaces."""
    if previous_key:
        jira_status.reopen_resolved(conn, pattern_id)
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
        coverage.count,  # count_at_filing
    )
    if old is None:
        conn.exec_driver_sql(
            "INSERT INTO ticket (issue_id, issue_key, url, status, status_category, updated_at, "
            "count_at_last_comment, last_event_id, reported_values, count_at_done, "
            "previous_keys, created_at, synced_at, count_at_filing, pattern_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (*values, pattern_id),
        )
    else:
        conn.exec_driver_sql(
            "UPDATE ticket SET issue_id = ?, issue_key = ?, url = ?, status = ?, "
            "status_category = ?, updated_at = ?, count_at_last_comment = ?, last_event_id = ?, "
            "reported_values = ?, count_at_done = ?, previous_keys = ?, created_at = ?, "
            "synced_at = ?, count_at_filing = ?, last_comment_at = NULL WHERE pattern_id = ?",
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
        "WHEN ? = 'done' AND (COALESCE(status_category, '') <> 'done' OR count_at_done IS NULL) "
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


def keyed(conn: Connection) -> list[tuple[int, str, str | None, str | None]]:
    """(pattern id, issue key, status, status category) of every ticket with a key, oldest
    first (what a status sync refreshes)."""
    return [(int(p), str(k), s, c) for p, k, s, c in conn.exec_driver_sql(
        "SELECT pattern_id, issue_key, status, status_category FROM ticket "
        "WHERE issue_key IS NOT NULL ORDER BY id")]


def issue_id(conn: Connection, pattern_id: int) -> str | None:
    """The Jira id of the pattern's issue (it survives a move to another project)."""
    value = conn.exec_driver_sql(
        "SELECT issue_id FROM ticket WHERE pattern_id = ?", (pattern_id,)).scalar()
    return str(value) if value else None


def rename(conn: Connection, pattern_id: int, issue_key: str) -> None:
    """The issue moved to another project: it has a new key."""
    conn.exec_driver_sql(
        "UPDATE ticket SET issue_key = ? WHERE pattern_id = ?", (issue_key, pattern_id))


#: (pattern id, key, url, status, pattern severity, pattern template, changed at)
FiledTicket = tuple[int, str, str | None, str | None, str, str, str | None]


def filed(engine: Engine) -> list[FiledTicket]:
    """Every filed ticket with its pattern's labels, most recently changed first."""
    with engine.connect() as conn:
        return [(int(pid), key, url, status, sev, template, updated)
                for pid, key, url, status, sev, template, updated in conn.exec_driver_sql(
                    "SELECT t.pattern_id, t.issue_key, t.url, t.status, p.severity, "
                    "p.template, COALESCE(t.updated_at, t.created_at) FROM ticket t "
                    "JOIN pattern p ON p.id = t.pattern_id WHERE t.issue_key IS NOT NULL "
                    "ORDER BY COALESCE(t.updated_at, t.created_at) DESC, t.id DESC")]

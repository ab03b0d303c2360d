"""A pattern's status as Jira moves its ticket: reopened by a regression ticket, resolved when
the ticket is done. (A person's triage of a pattern is :mod:`.triage`.)"""

from __future__ import annotations

from sqlalchemy import Connection


def reopen_resolved(conn: Connection, pattern_id: int) -> None:
    """A resolved pattern whose ticket is open again (reopened, or a regression filed) is new."""
    conn.exec_driver_sql(
        "UPDATE pattern SET status = 'new' WHERE id = ? AND status = 'resolved'", (pattern_id,))


def resolve_on_done(conn: Connection, pattern_id: int) -> bool:
    """The ticket went done: the pattern is resolved, unless muted. True when it changed."""
    cursor = conn.exec_driver_sql(
        "UPDATE pattern SET status = 'resolved' WHERE id = ? AND status != 'muted'",
        (pattern_id,))
    return bool(cursor.rowcount)

"""Reads for the window's Jira panel: the filed tickets, the automation log and the open
outbox rows, as the plain rows of :mod:`stacklens_desktop.jira.panel_rows`. Run by the
window's store worker, never on the GUI thread."""

from __future__ import annotations

from sqlalchemy import Engine

from stacklens_desktop.jira.panel_rows import FiledTicket, JiraPanelData, LogEntry, OutboxItem

#: The automation log shows this many newest decisions (a panel, not an archive).
LOG_LIMIT = 2000


def filed_tickets(engine: Engine) -> list[FiledTicket]:
    """Every ticket with a key, newest filed first. A team store row older than the
    ``count_at_filing`` column counts from its last update (as the SQLite backfill does)."""
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT t.pattern_id, t.issue_key, t.url, t.status, t.status_category, "
            "p.severity, p.error_type, p.template, p.count, t.count_at_last_comment, "
            "t.created_at, t.synced_at, COALESCE(t.count_at_filing, t.count_at_last_comment) "
            "FROM ticket t JOIN pattern p ON p.id = t.pattern_id "
            "WHERE t.issue_key IS NOT NULL ORDER BY t.created_at DESC, t.id DESC").all()
    return [FiledTicket(int(r[0]), str(r[1]), r[2], r[3], r[4], str(r[5]), str(r[6]),
                        str(r[7]), int(r[8] or 0), int(r[9] or 0), r[10], r[11],
                        int(r[12] or 0)) for r in rows]


def automation_log(engine: Engine, limit: int = LOG_LIMIT) -> list[LogEntry]:
    """The newest decisions and Jira outcomes first, with their pattern's template."""
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT a.id, a.pattern_id, a.time, a.decision, a.reason, a.code, p.template "
            "FROM automationlog a LEFT JOIN pattern p ON p.id = a.pattern_id "
            "ORDER BY a.id DESC LIMIT ?", (limit,)).all()
    return [LogEntry(int(r[0]), None if r[1] is None else int(r[1]), str(r[2]), str(r[3]),
                     str(r[4]), r[5], r[6]) for r in rows]


def outbox_items(engine: Engine) -> list[OutboxItem]:
    """Rows not done yet (pending, in flight, failed): failed first, then by next attempt."""
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT o.id, o.pattern_id, o.operation, o.state, o.attempts, o.next_attempt_at, "
            "o.last_error, t.issue_key, p.template FROM outbox o "
            "JOIN pattern p ON p.id = o.pattern_id "
            "LEFT JOIN ticket t ON t.pattern_id = o.pattern_id "
            "WHERE o.state IN ('pending', 'in_flight', 'failed') "
            "ORDER BY o.state = 'failed' DESC, o.next_attempt_at, o.id").all()
    return [OutboxItem(int(r[0]), int(r[1]), str(r[2]), str(r[3]), int(r[4] or 0), r[5], r[6],
                       r[7], str(r[8])) for r in rows]


def panel_data(engine: Engine) -> JiraPanelData:
    """Everything the Jira panel lists, read in one go by the store worker."""
    return JiraPanelData(filed_tickets(engine), automation_log(engine), outbox_items(engine))

"""Status sync: refresh the tickets' statuses from Jira, one search per page of keys.

A ticket that moved to a done status stores the pattern's count (the regression baseline) and,
when configured, marks its pattern resolved. A ticket that left done clears the baseline.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Connection, Engine

from stacklens_desktop.jira.client import JiraClient
from stacklens_desktop.jira.jql import keys_query
from stacklens_desktop.jira.models import CATEGORY_DONE, IssueState
from stacklens_desktop.jira.policy import AutomationConfig
from stacklens_desktop.store import audit, jira_status, tickets
from stacklens_desktop.store.executor import write
from stacklens_desktop.store.ticket_sync import stamp_synced

log = logging.getLogger("stacklens.jira.sync")
PAGE = 50


@dataclass
class SyncReport:
    checked: int = 0
    changed: list[tuple[int, str, str, str]] = field(default_factory=list)  # pid, key, status, cat
    resolved: list[int] = field(default_factory=list)  # pattern ids marked resolved
    missing: list[str] = field(default_factory=list)  # keys Jira did not return


def sync_statuses(
    engine: Engine, client: JiraClient, config: AutomationConfig, now: datetime, page: int = PAGE
) -> SyncReport:
    """Refresh every ticket with a key; write changes in one transaction per page."""
    with engine.connect() as conn:
        rows = tickets.keyed(conn)
    report = SyncReport()
    for start in range(0, len(rows), page):
        chunk = rows[start : start + page]
        found = client.search(
            keys_query([r[1] for r in chunk]), fields=("status",), page_size=page, max_pages=2
        )
        by_key = {issue.key: issue for issue in found}
        by_id = {issue.id: issue for issue in found}
        def apply_page(conn: Connection, chunk: list = chunk, by_key: dict = by_key,
                       by_id: dict = by_id) -> None:
            unchanged = []
            for pattern_id, key, status, category in chunk:
                issue = by_key.get(key) or _moved(conn, pattern_id, by_id)
                report.checked += 1
                if issue is None:
                    report.missing.append(key)
                    continue
                if (issue.status, issue.category) != (status, category):
                    _apply(conn, pattern_id, key, issue, category, config, now, report)
                else:
                    unchanged.append(pattern_id)
            stamp_synced(conn, unchanged, now)  # read now, even when nothing changed

        write(engine, apply_page)  # a status change from Jira is a message to the writer
    if report.missing:
        log.info(
            "status sync: Jira did not return %s (deleted or not visible)",
            ", ".join(report.missing[:10]),
        )
    return report


def _moved(conn: Connection, pattern_id: int, by_id: dict[str, IssueState]) -> IssueState | None:
    """An issue moved to another project keeps its id but gets a new key."""
    issue_id = tickets.issue_id(conn, pattern_id)
    return by_id.get(issue_id) if issue_id else None


def _apply(
    conn: Connection,
    pattern_id: int,
    key: str,
    issue: IssueState,
    old_category: str | None,
    config: AutomationConfig,
    now: datetime,
    report: SyncReport,
) -> None:
    tickets.record_status(conn, pattern_id, issue.status, issue.category, now)
    if issue.key != key:
        tickets.rename(conn, pattern_id, issue.key)
    report.changed.append((pattern_id, issue.key, issue.status, issue.category))
    note = f"{issue.key} is now {issue.status or issue.category}"
    if issue.category == CATEGORY_DONE and old_category != CATEGORY_DONE:
        if config.resolve_pattern_on_done:
            if jira_status.resolve_on_done(conn, pattern_id):
                report.resolved.append(pattern_id)
                note += "; pattern marked resolved"
    audit.write(conn, pattern_id, now, "status", note, f"status_{issue.category}")

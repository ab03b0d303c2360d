"""The rows the window's Jira panel lists (read by :mod:`stacklens_desktop.store.jira_reads`).

Plain dataclasses in a module of their own: the window imports them without loading the
store's database libraries (the first paint does not wait for SQLAlchemy)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FiledTicket:
    pattern_id: int
    key: str
    url: str | None
    status: str | None
    status_category: str | None
    severity: str
    error_type: str
    template: str
    #: the pattern's occurrences now, and how many the ticket has told Jira about
    count: int
    count_reported: int
    filed_at: str | None
    synced_at: str | None
    #: the pattern's occurrences when this ticket was filed (a regression's ticket: its own)
    count_at_filing: int

    @property
    def since_filing(self) -> int:
        """Occurrences since this ticket was filed."""
        return max(0, self.count - self.count_at_filing)

    @property
    def unreported(self) -> int:
        """Occurrences since the ticket was filed or last updated (not in Jira yet)."""
        return max(0, self.count - self.count_reported)


@dataclass(frozen=True, slots=True)
class LogEntry:
    id: int
    pattern_id: int | None
    time: str
    decision: str
    reason: str
    code: str | None
    template: str | None


@dataclass(frozen=True, slots=True)
class OutboxItem:
    id: int
    pattern_id: int
    operation: str
    state: str
    attempts: int
    next_attempt_at: str | None
    last_error: str | None
    issue_key: str | None
    template: str


@dataclass(frozen=True, slots=True)
class JiraPanelData:
    tickets: list[FiledTicket]
    log: list[LogEntry]
    outbox: list[OutboxItem]

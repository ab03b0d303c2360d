"""The SQLite schema, as SQLModel tables.

JSON-shaped columns (parameters, fields, steps) are stored as JSON text; times as ISO-8601 UTC
strings so that they sort and read the same in SQL, Python and the UI.
"""

from __future__ import annotations

from sqlmodel import Field, SQLModel

from stacklens_desktop.store.schema_version import SCHEMA_VERSION

__all__ = ["SCHEMA_VERSION"]  # re-exported: the version belongs with the tables it describes


class Source(SQLModel, table=True):
    """A log file that was imported or is watched, with how far it has been read."""

    id: int | None = Field(default=None, primary_key=True)
    path: str = Field(index=True, unique=True)
    inode: int | None = None
    device: int | None = None
    offset: int = 0
    lines: int = 0
    state: str = "idle"  # idle / importing / watching / waiting / error / done
    reason: str | None = None
    format_name: str | None = None
    updated_at: str | None = None


class Pattern(SQLModel, table=True):
    """A group of error records that share a template; ``fingerprint`` is its stable key."""

    id: int | None = Field(default=None, primary_key=True)
    fingerprint: str = Field(index=True, unique=True)
    template: str
    level: str | None = None
    exception: str | None = None
    error_type: str = "other"
    severity: str = "low"
    confidence: float = 0.0
    count: int = 0
    first_seen: str | None = None
    last_seen: str | None = None
    status: str = "new"  # new / acknowledged / muted / resolved / regression
    muted_until: str | None = None  # with status "muted": when the mute ends (None: forever)
    status_changed_at: str | None = None  # the last triage action (or regression)
    root_cause: str | None = None
    resolution_steps: str = "[]"  # JSON list of strings
    parameters_sample: str = "[]"  # JSON list of parameter lists (a few distinct ones)
    sample_text: str | None = None
    host: str | None = None
    source_id: int | None = Field(default=None, foreign_key="source.id")
    updated_at: str | None = None
    # Added for escalation (schema 2): the severity the pattern's behaviour raised it to
    # (None: at its text severity), why, since when (log time), and the behaviour state
    # (JSON, :class:`~stacklens_desktop.core.escalation.Behaviour`).
    escalation: str | None = None
    escalation_reason: str | None = None
    escalated_at: str | None = None
    behaviour: str | None = None


class Event(SQLModel, table=True):
    """One stored record (WARN and above, or judged severe)."""

    id: int | None = Field(default=None, primary_key=True)
    pattern_id: int = Field(foreign_key="pattern.id", index=True)
    source_id: int | None = Field(default=None, foreign_key="source.id", index=True)
    time: str | None = Field(default=None, index=True)
    level: str | None = None
    message: str
    parameters: str = "[]"
    fields: str = "{}"
    raw: str
    offset: int = 0
    line_no: int = 0


class Ticket(SQLModel, table=True):
    """The one Jira ticket of a pattern."""

    id: int | None = Field(default=None, primary_key=True)
    pattern_id: int = Field(foreign_key="pattern.id", unique=True)
    issue_id: str | None = None
    issue_key: str | None = Field(default=None, index=True)
    url: str | None = None
    status: str | None = None
    status_category: str | None = None
    created_at: str | None = None
    updated_at: str | None = None
    last_comment_at: str | None = None
    count_at_last_comment: int = 0  # pattern count covered by the ticket or its last comment
    # Added for the Jira automation (issue 7):
    count_at_done: int | None = None  # pattern count when the ticket was seen done
    last_event_id: int = 0  # newest event covered by the ticket or its last comment
    reported_values: str = "{}"  # JSON name -> parameter values already told to Jira
    previous_keys: str = "[]"  # JSON list: earlier tickets of a pattern (new_linked regressions)
    synced_at: str | None = None
    # Added for the Jira panel's "since filing" (schema 4): the pattern count when this ticket
    # was filed or adopted (a regression's new ticket has its own). None only on a team store
    # row older than the column; readers fall back to ``count_at_last_comment``.
    count_at_filing: int | None = None


class Outbox(SQLModel, table=True):
    """A pending Jira operation, written in the same transaction as the decision."""

    id: int | None = Field(default=None, primary_key=True)
    pattern_id: int = Field(foreign_key="pattern.id", index=True)
    operation: str  # create / comment / reopen / new_linked
    payload: str = "{}"
    state: str = Field(default="pending", index=True)  # pending / in_flight / failed / done
    attempts: int = 0
    next_attempt_at: str | None = None
    last_error: str | None = None
    created_at: str | None = None
    updated_at: str | None = None


class AutomationLog(SQLModel, table=True):
    """Every automation decision, with its reason."""

    id: int | None = Field(default=None, primary_key=True)
    pattern_id: int | None = Field(default=None, foreign_key="pattern.id", index=True)
    time: str
    decision: str  # file / update / skip / regression / ...
    reason: str
    code: str | None = None  # stable reason key: a decision is logged once per change of code


class Feedback(SQLModel, table=True):
    """A user's correction of a pattern's severity or type; wins over the model."""

    id: int | None = Field(default=None, primary_key=True)
    pattern_id: int | None = Field(default=None, foreign_key="pattern.id", index=True)
    fingerprint: str = Field(index=True)
    severity: str | None = None
    error_type: str | None = None
    record_text: str
    created_at: str


class AnalysisRun(SQLModel, table=True):
    """One import or watch session of a source: the analysis history."""

    id: int | None = Field(default=None, primary_key=True)
    source_id: int | None = Field(default=None, foreign_key="source.id", index=True)
    kind: str  # import / watch
    started_at: str
    ended_at: str | None = None
    lines: int = 0
    records: int = 0
    errors: int = 0
    new_patterns: int = 0
    state: str = "running"  # running / done / failed / interrupted
    message: str | None = None


class Setting(SQLModel, table=True):
    """Small key/value settings and state (JSON values); never a secret."""

    key: str = Field(primary_key=True)
    value: str

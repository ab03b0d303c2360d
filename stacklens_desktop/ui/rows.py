"""The plain rows the window shows, as the store worker reads them (no Qt, no SQL: the
item models and panels import these without loading the database libraries)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class PatternRow:
    """One line of the pattern table."""

    id: int
    fingerprint: str
    severity: str
    error_type: str
    confidence: float
    count: int
    last_seen: str | None
    template: str
    status: str
    ticket_key: str | None = None
    ticket_url: str | None = None
    ticket_status: str | None = None
    #: with status "muted": when the mute ends (None: forever)
    muted_until: str | None = None
    #: the file where the pattern was first seen
    source: str | None = None
    #: the hosts that saw it (team store: from the per-host counts; SQLite: the record's)
    hosts: tuple[str, ...] = ()

    @property
    def host_text(self) -> str:
        """The Host column: the host when one saw it, else how many did."""
        if len(self.hosts) == 1:
            return self.hosts[0]
        return f"{len(self.hosts)} hosts" if self.hosts else ""


@dataclass(frozen=True, slots=True)
class EventSample:
    time: str | None
    level: str | None
    raw: str
    line_no: int
    source: str | None


@dataclass(frozen=True, slots=True)
class PatternDetail:
    """Everything the detail pane shows for one pattern."""

    row: PatternRow
    root_cause: str | None
    steps: list[str]
    parameter_samples: list[list[str]]
    first_seen: str | None
    exception: str | None
    host: str | None
    corrections: int
    events: list[EventSample] = field(default_factory=list)
    #: occurrences per bucket over the hour of log time before the newest one (oldest first)
    sparkline: list[int] = field(default_factory=list)
    #: team store: (host, count, last seen) per host, the most frequent first
    per_host: list[tuple[str, int, str | None]] = field(default_factory=list)
    #: team store: (status, who, when) of the last triage action; None: none logged
    last_triage: tuple[str, str, str] | None = None


@dataclass(frozen=True, slots=True)
class PatternRefresh:
    """Rows re-read after a change. ``complete``: ``rows`` holds every pattern with
    ``id >= low_id`` (the caller's count of that window was wrong: rows were merged away or
    written by someone else), so rows missing from it are gone."""

    rows: list[PatternRow]
    low_id: int
    complete: bool


@dataclass(frozen=True, slots=True)
class TicketRow:
    pattern_id: int
    key: str
    url: str | None
    status: str | None
    severity: str
    template: str
    updated_at: str | None


@dataclass(frozen=True, slots=True)
class Timeline:
    """Events per bucket: ``points`` are ("YYYY-MM-DDTHH:MM:SS" bucket start, count);
    ``by_severity`` the same buckets' counts per severity of the events' patterns."""

    bucket_s: int
    points: list[tuple[str, int]]
    by_severity: dict[str, list[int]] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RunRow:
    """One import or watch session (the analysis history)."""

    id: int
    kind: str
    source: str | None
    started_at: str
    ended_at: str | None
    lines: int
    errors: int
    new_patterns: int
    state: str
    message: str | None


@dataclass(frozen=True, slots=True)
class SourceActivity:
    """What the sources panel shows beside a file's state."""

    lines: int
    errors: int
    #: when StackLens last stored something read from it (UTC, as stored)
    last_read: str | None


@dataclass(frozen=True, slots=True)
class Breakdown:
    """Statistics beyond ``stacklens stats``: by error type, and the most frequent patterns."""

    #: error type -> (patterns, occurrences), most occurrences first
    by_type: list[tuple[str, int, int]]
    #: (pattern id, severity, template, occurrences, status), most occurrences first
    top: list[tuple[int, str, str, int, str]]
    #: severity -> occurrences (events counted on the patterns)
    occurrences: dict[str, int]


@dataclass(frozen=True, slots=True)
class EventRow:
    """One stored event, with its pattern's labels (the per-event view)."""

    id: int
    time: str | None
    level: str | None
    message: str
    pattern_id: int
    severity: str
    error_type: str
    status: str
    source: str | None
    #: the host that logged it (team store); None on a single-user profile
    host: str | None = None


@dataclass(frozen=True, slots=True)
class HostSourceRow:
    """A source on a host of the team store (the sources panel's host groups)."""

    path: str
    state: str
    reason: str | None
    lines: int
    updated_at: str | None


@dataclass(frozen=True, slots=True)
class HostGroup:
    """A host of the team store: its agent's state and last contact, and its sources."""

    host: str
    state: str
    reason: str | None
    spooled: int
    last_contact: str | None
    sources: list[HostSourceRow] = field(default_factory=list)

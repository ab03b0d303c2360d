"""What the analysis core hands to the store: plain data, one batch per transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from stacklens_desktop.core.escalation.activity import Activity


@dataclass(slots=True)
class EventRow:
    fingerprint: str
    time: str | None
    level: str | None
    message: str
    parameters: list[str]
    fields: dict[str, Any]
    raw: str
    offset: int
    line_no: int


@dataclass(slots=True)
class PatternDelta:
    """What one batch adds to a pattern. Classification fields are used only when the pattern
    is new to the store: a stored pattern keeps its severity/type (it may carry a user's
    correction)."""

    fingerprint: str
    template: str
    count: int
    first_seen: str | None
    last_seen: str | None
    level: str | None = None
    exception: str | None = None
    parameters: list[list[str]] = field(default_factory=list)
    sample_text: str | None = None
    host: str | None = None
    severity: str = "low"
    error_type: str = "other"
    confidence: float = 0.0
    root_cause: str | None = None
    resolution_steps: list[str] = field(default_factory=list)
    #: Fingerprints the miner folded into this pattern (a generalised template, or clusters
    #: merged): the store moves their rows, events and tickets under this one.
    merged_from: list[str] = field(default_factory=list)
    #: When and where its records happened (the escalation rules' input).
    activity: Activity = field(default_factory=Activity)


@dataclass(slots=True)
class SourcePosition:
    """How far a source has been read: committed with the events read up to it."""

    path: str
    offset: int
    lines_added: int
    inode: int | None = None
    device: int | None = None
    state: str | None = None
    reason: str | None = None
    format_name: str | None = None


@dataclass(slots=True)
class Batch:
    position: SourcePosition | None
    events: list[EventRow] = field(default_factory=list)
    patterns: dict[str, PatternDelta] = field(default_factory=dict)


@dataclass(slots=True)
class PatternChange:
    pattern_id: int
    fingerprint: str
    count: int
    is_new: bool
    #: The pattern's escalation rose in this write (it may file or update a ticket now).
    escalated: bool = False


@dataclass(slots=True)
class WriteResult:
    source_id: int | None
    events_written: int
    patterns: list[PatternChange]

    @property
    def new_patterns(self) -> list[PatternChange]:
        return [p for p in self.patterns if p.is_new]

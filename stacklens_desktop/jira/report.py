"""Plain inputs for ticket text, filled by the caller from the store (no store import here)."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class TicketReport:
    """Everything a new ticket says about one error pattern."""

    fingerprint: str
    template: str
    severity: str  # critical / high / medium / low
    error_type: str  # e.g. data_validation
    confidence: float  # 0..1
    count: int
    first_seen: datetime | None
    last_seen: datetime | None
    source_path: str = ""
    host: str = ""
    samples: Sequence[str] = ()
    stack_trace: str | None = None
    root_cause: str = ""
    resolution_steps: Sequence[str] = ()
    parameters_sample: Mapping[str, Sequence[str]] = field(default_factory=dict)
    #: the first sample's message, used for a concrete summary; falls back to the template
    headline: str = ""


@dataclass(frozen=True)
class OccurrenceUpdate:
    """What a follow-up comment summarises: occurrences since the previous comment."""

    fingerprint: str
    count_since_last: int
    total_count: int
    last_seen: datetime | None
    first_seen_since_last: datetime | None = None
    new_parameter_values: Mapping[str, Sequence[str]] = field(default_factory=dict)
    samples: Sequence[str] = ()
    regression: bool = False  # the ticket was done and the error came back
    escalation: str = ""  # why the pattern's behaviour raised its severity, if it just did


def map_text(report: TicketReport, fn: Callable[[str], str]) -> TicketReport:
    """A copy with ``fn`` applied to every free-text field (used for redaction)."""
    params = {k: tuple(fn(v) for v in vals) for k, vals in report.parameters_sample.items()}
    return dataclasses.replace(
        report,
        template=fn(report.template),
        source_path=fn(report.source_path),
        host=fn(report.host),
        samples=tuple(fn(s) for s in report.samples),
        stack_trace=fn(report.stack_trace) if report.stack_trace else report.stack_trace,
        root_cause=fn(report.root_cause),
        resolution_steps=tuple(fn(s) for s in report.resolution_steps),
        parameters_sample=params,
        headline=fn(report.headline),
    )


def map_update_text(update: OccurrenceUpdate, fn: Callable[[str], str]) -> OccurrenceUpdate:
    params = {k: tuple(fn(v) for v in vals) for k, vals in update.new_parameter_values.items()}
    return dataclasses.replace(
        update,
        new_parameter_values=params,
        samples=tuple(fn(s) for s in update.samples),
    )

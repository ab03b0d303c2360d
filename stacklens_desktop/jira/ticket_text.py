"""Fill helper-4's :class:`TicketReport` / :class:`OccurrenceUpdate` from the store.

The ticket is written from the pattern row plus a few sample events. Redaction happens later,
in :mod:`payloads` (every text passes through it before rendering), so this module copies
text as stored.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from stacklens_desktop.core.escalation import raised
from stacklens_desktop.jira.report import OccurrenceUpdate, TicketReport
from stacklens_desktop.jira.stamps import parse
from stacklens_desktop.store import ticket_text_reads as reads
from stacklens_desktop.store.tickets import Coverage

if TYPE_CHECKING:
    from sqlalchemy import Connection

__all__ = ["Coverage", "headline", "load_report", "load_update"]

SAMPLE_EVENTS = 5
SCAN_EVENTS = 2000  # newest events scanned for new parameter values in a comment
MAX_VALUES = 10
_SKIPPED_FIELDS = frozenset({"time", "timestamp", "ts", "level", "severity", "message", "msg"})


def load_report(conn: Connection, pattern_id: int) -> tuple[TicketReport, Coverage]:
    row = reads.report_pattern(conn, pattern_id)
    events = _events(reads.first_events(conn, pattern_id, SAMPLE_EVENTS))
    values = _values(events, json.loads(row.parameters_sample or "[]"))
    first_raw = events[0]["raw"] if events else (row.sample_text or "")
    samples = [e["raw"].splitlines()[0] for e in events if e["raw"].strip()]
    report = TicketReport(
        fingerprint=row.fingerprint,
        template=row.template,
        severity=raised(row.severity or "low", row.escalation),
        error_type=row.error_type or "other",
        confidence=float(row.confidence or 0.0),
        count=int(row.occurrences or 0),
        first_seen=parse(row.first_seen),
        last_seen=parse(row.last_seen),
        source_path=row.source_path or "",
        host=row.host or "",
        samples=samples or ([row.sample_text] if row.sample_text else []),
        stack_trace=_trace(first_raw) or None,
        root_cause=row.root_cause or "",
        resolution_steps=tuple(json.loads(row.resolution_steps or "[]")),
        parameters_sample={k: tuple(v) for k, v in values.items()},
        headline=headline(events[0]["message"], events[0]["fields"]) if events else "",
    )
    last_id = reads.max_event_id(conn, pattern_id)
    return report, Coverage(report.count, last_id, values)


def load_update(
    conn: Connection,
    pattern_id: int,
    since_count: int,
    since_event_id: int,
    reported: Mapping[str, Sequence[str]],
    regression: bool,
) -> tuple[OccurrenceUpdate, Coverage]:
    """Occurrences since the last comment: count, first/last seen, new parameter values."""
    fp, total, last_seen = reads.totals(conn, pattern_id)
    newest = _events(reads.newest_events_after(conn, pattern_id, since_event_id, SCAN_EVENTS))
    newest.reverse()
    merged = {k: list(v) for k, v in reported.items()}
    fresh: dict[str, list[str]] = {}
    for name, seen in _values(newest, []).items():
        known = merged.setdefault(name, [])
        for value in seen:
            if value not in known:
                fresh.setdefault(name, []).append(value)
                if len(known) < 100:
                    known.append(value)
    first_new = parse(newest[0]["time"]) if newest else None
    samples = [e["raw"].splitlines()[0] for e in newest[-3:] if e["raw"].strip()]
    update = OccurrenceUpdate(
        fingerprint=fp,
        count_since_last=max(0, int(total) - since_count),
        total_count=int(total),
        last_seen=parse(last_seen),
        first_seen_since_last=first_new,
        new_parameter_values={k: tuple(v[:MAX_VALUES]) for k, v in fresh.items()},
        samples=samples,
        regression=regression,
    )
    last_id = newest[-1]["id"] if newest else since_event_id
    return update, Coverage(int(total), last_id, merged)


def headline(message: str, fields: Mapping[str, Any]) -> str:
    """A concrete one-line title: ``Product has no price`` with ``productName``/``productId``
    fields becomes ``Product "Premium Item" (ID 999) has no price``."""
    text = " ".join(message.split())
    for key, name in fields.items():
        entity = key[:-4] if key.endswith("Name") else ""
        if entity and isinstance(name, str) and text.lower().startswith(entity.lower() + " "):
            ident = fields.get(entity + "Id")
            label = f'"{name}"' + (f" (ID {ident})" if ident is not None else "")
            return f"{text[: len(entity)]} {label}{text[len(entity) :]}"
    return text


def _events(rows: Sequence[reads.EventText]) -> list[dict[str, Any]]:
    return [
        {
            "id": int(r.id),
            "time": r.time,
            "message": r.message or "",
            "parameters": _json(r.parameters, []),
            "fields": _json(r.fields, {}),
            "raw": r.raw or "",
        }
        for r in rows
    ]


def _json(text: str | None, default: Any) -> Any:
    try:
        value = json.loads(text or "null")
    except ValueError:
        return default
    return value if isinstance(value, type(default)) else default


def _values(
    events: Iterable[Mapping[str, Any]], stored: Sequence[Sequence[str]]
) -> dict[str, list[str]]:
    """Parameter values by name: named log fields first, positional template values after."""
    out: dict[str, list[str]] = {}

    def add(name: str, value: Any) -> None:
        if isinstance(value, dict | list) or value is None:
            return
        seen = out.setdefault(name, [])
        text = str(value)
        if text not in seen and len(seen) < MAX_VALUES:
            seen.append(text)

    for event in events:
        for name, value in event["fields"].items():
            if name.lower() not in _SKIPPED_FIELDS:
                add(str(name), value)
        if not event["fields"]:
            for index, value in enumerate(event["parameters"], start=1):
                add(f"parameter {index}", value)
    if not out:
        for params in stored:
            for index, value in enumerate(params, start=1):
                add(f"parameter {index}", value)
    return out


def _trace(raw: str) -> str:
    """The lines after the first one of a multi-line record (its stack trace)."""
    lines = raw.splitlines()
    return "\n".join(lines[1:]).strip() if len(lines) > 1 else ""


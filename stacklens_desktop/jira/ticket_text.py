"""Fill helper-4's :class:`TicketReport` / :class:`OccurrenceUpdate` from the store.

The ticket is written from the pattern row plus a few sample events. Redaction happens later,
in :mod:`payloads` (every text passes through it before rendering), so this module copies
text as stored.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from stacklens_desktop.core.escalation import raised
from stacklens_desktop.jira.report import OccurrenceUpdate, TicketReport
from stacklens_desktop.jira.stamps import parse

SAMPLE_EVENTS = 5
SCAN_EVENTS = 2000  # newest events scanned for new parameter values in a comment
MAX_VALUES = 10
_SKIPPED_FIELDS = frozenset({"time", "timestamp", "ts", "level", "severity", "message", "msg"})


@dataclass(frozen=True)
class Coverage:
    """What a ticket text covered, stored on the ticket row as the next comment's baseline."""

    count: int
    last_event_id: int
    values: dict[str, list[str]]


def load_report(conn: Connection, pattern_id: int) -> tuple[TicketReport, Coverage]:
    row = conn.exec_driver_sql(
        "SELECT p.fingerprint, p.template, p.severity, p.error_type, p.confidence, p.count, "
        "p.first_seen, p.last_seen, s.path, p.host, p.root_cause, p.resolution_steps, "
        "p.parameters_sample, p.sample_text, p.escalation FROM pattern p "
        "LEFT JOIN source s ON s.id = p.source_id WHERE p.id = ?",
        (pattern_id,),
    ).one()
    events = _events(conn, "WHERE pattern_id = ? ORDER BY id LIMIT ?", (pattern_id, SAMPLE_EVENTS))
    values = _values(events, json.loads(row[12] or "[]"))
    first_raw = events[0]["raw"] if events else (row[13] or "")
    samples = [e["raw"].splitlines()[0] for e in events if e["raw"].strip()]
    report = TicketReport(
        fingerprint=row[0],
        template=row[1],
        severity=raised(row[2] or "low", row[14]),
        error_type=row[3] or "other",
        confidence=float(row[4] or 0.0),
        count=int(row[5] or 0),
        first_seen=parse(row[6]),
        last_seen=parse(row[7]),
        source_path=row[8] or "",
        host=row[9] or "",
        samples=samples or ([row[13]] if row[13] else []),
        stack_trace=_trace(first_raw) or None,
        root_cause=row[10] or "",
        resolution_steps=tuple(json.loads(row[11] or "[]")),
        parameters_sample={k: tuple(v) for k, v in values.items()},
        headline=headline(events[0]["message"], events[0]["fields"]) if events else "",
    )
    last_id = _max_event_id(conn, pattern_id)
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
    fp, total, last_seen = conn.exec_driver_sql(
        "SELECT fingerprint, count, last_seen FROM pattern WHERE id = ?", (pattern_id,)
    ).one()
    newest = _events(
        conn,
        "WHERE pattern_id = ? AND id > ? ORDER BY id DESC LIMIT ?",
        (pattern_id, since_event_id, SCAN_EVENTS),
    )
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


def _events(conn: Connection, where: str, params: tuple[Any, ...]) -> list[dict[str, Any]]:
    rows = conn.exec_driver_sql(
        f"SELECT id, time, message, parameters, fields, raw FROM event {where}", params
    )
    return [
        {
            "id": int(r[0]),
            "time": r[1],
            "message": r[2] or "",
            "parameters": _json(r[3], []),
            "fields": _json(r[4], {}),
            "raw": r[5] or "",
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


def _max_event_id(conn: Connection, pattern_id: int) -> int:
    value = conn.exec_driver_sql(
        "SELECT MAX(id) FROM event WHERE pattern_id = ?", (pattern_id,)
    ).scalar()
    return int(value or 0)

"""Escalation in the write transaction: the patterns a batch touched take in its activity and
are judged again (:mod:`stacklens_desktop.core.escalation`); escalated patterns the batch did
not touch are judged at the batch's time too, so that they fall back once they stop.

Time is log time (the newest record time of the batch), so an imported file is judged as if
it were watched, and a pattern that falls quiet falls back when later records arrive.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Connection

from stacklens_desktop.core.batch import PatternDelta
from stacklens_desktop.core.escalation import Behaviour, assess, bucket_epoch
from stacklens_desktop.core.escalation.assess import SEVERITIES

SQL_IN_CHUNK = 500


@dataclass(frozen=True)
class EscalationUpdate:
    pattern_id: int
    fingerprint: str
    count: int
    rose: bool  # the escalation rose in this write
    changed: bool  # the escalation or its reason changed


def batch_time(deltas: Sequence[PatternDelta]) -> int | None:
    """The newest bucket of the batch (epoch seconds), or None when no record had a time."""
    newest = max((key for d in deltas for key in d.activity.buckets), default=None)
    return None if newest is None else bucket_epoch(newest)


def apply_escalations(conn: Connection, deltas: Sequence[PatternDelta], ids: dict[str, int],
                      source_id: int | None) -> list[EscalationUpdate]:
    """Update the behaviour and escalation of the touched patterns and of the escalated
    ones; returns the patterns whose escalation changed (and every touched one's ``rose``)."""
    now = batch_time(deltas)
    if now is None:
        return []
    touched = {ids[d.fingerprint]: d for d in deltas if d.fingerprint in ids}
    rows = _rows(conn, list(touched))
    rows.update(_escalated_rows(conn, set(touched)))
    source = None if source_id is None else str(source_id)
    out: list[EscalationUpdate] = []
    for pid, (fingerprint, count, severity, error_type, level, reason, since, state) in (
            rows.items()):
        behaviour = Behaviour.from_json(state)
        delta = touched.get(pid)
        if delta is not None:
            behaviour.add(delta.activity, source)
        at = max(now, behaviour.last or now)
        verdict = assess(behaviour, at, severity, error_type)
        if verdict.severity is None:
            since = None
        elif level is None:
            since = datetime.fromtimestamp(at, UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        conn.exec_driver_sql(
            "UPDATE pattern SET escalation = ?, escalation_reason = ?, escalated_at = ?, "
            "behaviour = ? WHERE id = ?",
            (verdict.severity, verdict.reason, since, behaviour.to_json(), pid))
        rose = _rank(verdict.severity) > _rank(level)
        changed = (verdict.severity, verdict.reason) != (level, reason)
        out.append(EscalationUpdate(pid, fingerprint, count, rose, changed))
    return out


def _rank(severity: str | None) -> int:
    return -1 if severity not in SEVERITIES else SEVERITIES.index(severity)


_COLUMNS = ("SELECT id, fingerprint, count, severity, error_type, escalation, "
            "escalation_reason, escalated_at, behaviour FROM pattern ")


def _rows(conn: Connection, pattern_ids: list[int]) -> dict[int, tuple]:
    out: dict[int, tuple] = {}
    for start in range(0, len(pattern_ids), SQL_IN_CHUNK):
        chunk = pattern_ids[start : start + SQL_IN_CHUNK]
        marks = ",".join("?" * len(chunk))
        for row in conn.exec_driver_sql(_COLUMNS + f"WHERE id IN ({marks})", tuple(chunk)):
            out[int(row[0])] = tuple(row[1:])
    return out


def _escalated_rows(conn: Connection, skip: set[int]) -> dict[int, tuple]:
    rows = conn.exec_driver_sql(_COLUMNS + "WHERE escalation IS NOT NULL")
    return {int(row[0]): tuple(row[1:]) for row in rows if int(row[0]) not in skip}

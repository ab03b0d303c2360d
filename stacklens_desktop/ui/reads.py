"""What the window reads from the store, as plain rows. No Qt: called in the store worker.

Every query here is either indexed (primary key, ``event.pattern_id``, ``event.time``) or
bounded by the number of patterns (small next to the events).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from stacklens_desktop.store import triage
from stacklens_desktop.store.writer import utc_now
from stacklens_desktop.ui.rows import (
    Breakdown,
    EventRow,
    EventSample,
    PatternDetail,
    PatternRefresh,
    PatternRow,
    RunRow,
    SourceActivity,
    TicketRow,
    Timeline,
)

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

__all__ = ["Breakdown", "EventRow", "EventSample", "PatternDetail", "PatternRefresh",
           "PatternRow", "RunRow", "SourceActivity", "TicketRow", "Timeline"]

_ROW_SQL = (
    "SELECT p.id, p.fingerprint, p.severity, p.error_type, p.confidence, p.count, p.last_seen, "
    "p.template, p.status, t.issue_key, t.url, t.status, p.muted_until, s.path "
    "FROM pattern p LEFT JOIN ticket t ON t.pattern_id = p.id "
    "LEFT JOIN source s ON s.id = p.source_id "
)
SQL_IN_CHUNK = 500


def _row(values: Sequence) -> PatternRow:
    """A row as the table shows it now: a mute whose time is up reads as new."""
    status = triage.effective_status(values[8], values[12], utc_now())
    return PatternRow(int(values[0]), values[1], values[2], values[3], float(values[4] or 0.0),
                      int(values[5] or 0), values[6], values[7], status, values[9],
                      values[10], values[11], values[12] if status == "muted" else None,
                      values[13])


def pattern_page(engine: Engine, below_id: int | None, limit: int) -> list[PatternRow]:
    """Newest patterns first (keyset paging on the id: stable while rows are added)."""
    where, params = ("WHERE p.id < ? ", (below_id,)) if below_id is not None else ("", ())
    with engine.connect() as conn:
        result = conn.exec_driver_sql(
            _ROW_SQL + where + "ORDER BY p.id DESC LIMIT ?", (*params, int(limit)))
        return [_row(r) for r in result]


def _rows_by_id(conn: Connection, ids: Sequence[int]) -> list[PatternRow]:
    out: list[PatternRow] = []
    for start in range(0, len(ids), SQL_IN_CHUNK):
        chunk = tuple(ids[start:start + SQL_IN_CHUNK])
        marks = ",".join("?" * len(chunk))
        out.extend(_row(r) for r in conn.exec_driver_sql(
            _ROW_SQL + f"WHERE p.id IN ({marks})", chunk))
    return out


def refresh_patterns(engine: Engine, ids: Sequence[int], low_id: int,
                     known_count: int) -> PatternRefresh:
    """The rows of ``ids``; or the whole window ``id >= low_id`` when the caller's count of
    it (``known_count``) no longer matches the store."""
    with engine.connect() as conn:
        count = conn.exec_driver_sql(
            "SELECT COUNT(*) FROM pattern WHERE id >= ?", (low_id,)).scalar() or 0
        if count != known_count:
            rows = [_row(r) for r in conn.exec_driver_sql(
                _ROW_SQL + "WHERE p.id >= ? ORDER BY p.id", (low_id,))]
            return PatternRefresh(rows, low_id, True)
        return PatternRefresh(_rows_by_id(conn, list(ids)), low_id, False)


def pattern_detail(engine: Engine, pattern_id: int, events: int = 20) -> PatternDetail | None:
    """The pattern's explanation, samples and its last ``events`` raw records."""
    with engine.connect() as conn:
        found = _rows_by_id(conn, [pattern_id])
        if not found:
            return None
        extra = conn.exec_driver_sql(
            "SELECT root_cause, resolution_steps, parameters_sample, first_seen, exception, "
            "host FROM pattern WHERE id = ?", (pattern_id,)).one()
        corrections = conn.exec_driver_sql(
            "SELECT COUNT(*) FROM feedback WHERE pattern_id = ?", (pattern_id,)).scalar() or 0
        samples = [EventSample(t, lvl, raw, int(n or 0), src) for t, lvl, raw, n, src in
                   conn.exec_driver_sql(
                       "SELECT e.time, e.level, e.raw, e.line_no, s.path FROM event e "
                       "LEFT JOIN source s ON s.id = e.source_id WHERE e.pattern_id = ? "
                       "ORDER BY e.id DESC LIMIT ?", (pattern_id, int(events)))]
        times = [t for (t,) in conn.exec_driver_sql(
            "SELECT time FROM event WHERE pattern_id = ? ORDER BY id DESC LIMIT ?",
            (pattern_id, SPARK_EVENTS))]
    return PatternDetail(
        row=found[0], root_cause=extra[0], steps=_json_list(extra[1]),
        parameter_samples=_json_list(extra[2]), first_seen=extra[3], exception=extra[4],
        host=extra[5], corrections=int(corrections), events=samples,
        sparkline=sparkline(times))


#: The sparkline reads at most this many of the pattern's newest events (an index range).
SPARK_EVENTS = 5000
SPARK_BUCKETS = 30
SPARK_SPAN = timedelta(hours=1)


def sparkline(times: Sequence[str | None]) -> list[int]:
    """Occurrences in ``SPARK_BUCKETS`` equal buckets over the hour of log time that ends
    at the newest of ``times`` (events without a time are left out)."""
    moments = [m for m in (_parse_time(t) for t in times) if m is not None]
    buckets = [0] * SPARK_BUCKETS
    if not moments:
        return buckets
    end = max(moments)
    width = SPARK_SPAN / SPARK_BUCKETS
    for moment in moments:
        back = int((end - moment) / width)
        if back < SPARK_BUCKETS:
            buckets[SPARK_BUCKETS - 1 - back] += 1
    return buckets


def _parse_time(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).replace(tzinfo=None)
    except ValueError:
        return None


def _json_list(text: str | None) -> list:
    try:
        value = json.loads(text or "[]")
    except ValueError:
        return []
    return value if isinstance(value, list) else []


def tickets(engine: Engine) -> list[TicketRow]:
    """Every filed ticket, most recently changed first."""
    with engine.connect() as conn:
        return [TicketRow(int(pid), key, url, status, sev, template, updated)
                for pid, key, url, status, sev, template, updated in conn.exec_driver_sql(
                    "SELECT t.pattern_id, t.issue_key, t.url, t.status, p.severity, "
                    "p.template, COALESCE(t.updated_at, t.created_at) FROM ticket t "
                    "JOIN pattern p ON p.id = t.pattern_id WHERE t.issue_key IS NOT NULL "
                    "ORDER BY COALESCE(t.updated_at, t.created_at) DESC, t.id DESC")]


def last_outbox_error(engine: Engine) -> str:
    """The newest error an outbox row recorded (empty when none)."""
    with engine.connect() as conn:
        value = conn.exec_driver_sql(
            "SELECT last_error FROM outbox WHERE last_error IS NOT NULL AND state != 'done' "
            "ORDER BY updated_at DESC, id DESC LIMIT 1").scalar()
    return value or ""


#: Below this span of log time, buckets of 10 s (a fresh watch has a few minutes only).
FINE_SPAN = timedelta(minutes=15)


def event_timeline(engine: Engine, minutes: int = 60) -> Timeline:
    """Events per minute (or per 10 s when the data spans less than 15 min) over the
    ``minutes`` before the newest event, in total and per severity. Log time, so a replayed
    old log has a timeline too."""
    with engine.connect() as conn:
        newest, oldest = conn.exec_driver_sql(
            "SELECT MAX(time), MIN(time) FROM event").one()  # both from the time index
        end = _parse_minute(newest)
        if end is None:
            return Timeline(60, [])
        start = end - timedelta(minutes=minutes - 1)
        first = _parse_minute(oldest)
        fine = first is not None and end - max(first, start) < FINE_SPAN
        width, bucket_s = (18, 10) if fine else (16, 60)
        rows = conn.exec_driver_sql(
            f"SELECT substr(e.time, 1, {width}) AS bucket, p.severity, COUNT(*) FROM event e "
            "JOIN pattern p ON p.id = e.pattern_id WHERE e.time >= ? "
            "GROUP BY bucket, p.severity ORDER BY bucket",
            (start.strftime("%Y-%m-%dT%H:%M"),)).all()
    pad = "0" if fine else ":00"
    totals: dict[str, int] = {}
    per: dict[tuple[str, str], int] = {}
    for bucket, severity, count in rows:
        key = str(bucket) + pad
        totals[key] = totals.get(key, 0) + int(count)
        per[(key, severity)] = int(count)
    points = _zero_filled(sorted(totals.items()), bucket_s)
    by_severity = {sev: [per.get((key, sev), 0) for key, _ in points]
                   for sev in {s for _, s in per}}
    return Timeline(bucket_s, points, by_severity)


def _zero_filled(points: list[tuple[str, int]], bucket_s: int) -> list[tuple[str, int]]:
    """Empty buckets between the first and the last become zeros (a line chart otherwise
    draws a straight line across a quiet period)."""
    if len(points) < 2:
        return points
    counts = dict(points)
    step = timedelta(seconds=bucket_s)
    try:
        moment, end = datetime.fromisoformat(points[0][0]), datetime.fromisoformat(points[-1][0])
    except ValueError:
        return points
    out: list[tuple[str, int]] = []
    while moment <= end and len(out) <= 10_000:
        key = moment.strftime("%Y-%m-%dT%H:%M:%S")
        out.append((key, counts.get(key, 0)))
        moment += step
    return out


def _parse_minute(value: str | None) -> datetime | None:
    if not value or len(value) < 16:
        return None
    try:
        return datetime.fromisoformat(value[:16])
    except ValueError:
        return None


def analysis_runs(engine: Engine, limit: int = 1000) -> list[RunRow]:
    """The newest runs first."""
    with engine.connect() as conn:
        return [RunRow(int(r[0]), r[1], r[2], r[3], r[4], int(r[5] or 0), int(r[6] or 0),
                       int(r[7] or 0), r[8], r[9]) for r in conn.exec_driver_sql(
            "SELECT a.id, a.kind, s.path, a.started_at, a.ended_at, a.lines, a.errors, "
            "a.new_patterns, a.state, a.message FROM analysisrun a "
            "LEFT JOIN source s ON s.id = a.source_id ORDER BY a.id DESC LIMIT ?",
            (int(limit),))]


def source_activity(engine: Engine) -> dict[str, SourceActivity]:
    """Per source path: lines read, events stored (an index count per source), last write."""
    with engine.connect() as conn:
        return {path: SourceActivity(int(lines or 0), int(errors or 0), updated)
                for path, lines, errors, updated in conn.exec_driver_sql(
                    "SELECT s.path, s.lines, (SELECT COUNT(*) FROM event e "
                    "WHERE e.source_id = s.id), s.updated_at FROM source s")}


def breakdown(engine: Engine, top: int = 10) -> Breakdown:
    """Bounded by the number of patterns (never a scan of the events)."""
    with engine.connect() as conn:
        by_type = [(t, int(n), int(c or 0)) for t, n, c in conn.exec_driver_sql(
            "SELECT error_type, COUNT(*), SUM(count) FROM pattern GROUP BY error_type "
            "ORDER BY SUM(count) DESC")]
        rows = [(int(i), sev, tpl, int(c or 0), st) for i, sev, tpl, c, st in
                conn.exec_driver_sql(
                    "SELECT id, severity, template, count, status FROM pattern "
                    "ORDER BY count DESC, id DESC LIMIT ?", (int(top),))]
        occurrences = {sev: int(c or 0) for sev, c in conn.exec_driver_sql(
            "SELECT severity, SUM(count) FROM pattern GROUP BY severity")}
    return Breakdown(by_type, rows, occurrences)


_EVENT_SQL = (
    "SELECT e.id, e.time, e.level, e.message, e.pattern_id, p.severity, p.error_type, "
    "p.status, s.path FROM event e JOIN pattern p ON p.id = e.pattern_id "
    "LEFT JOIN source s ON s.id = e.source_id "
)


def _event(values: Sequence) -> EventRow:
    return EventRow(int(values[0]), values[1], values[2], values[3], int(values[4]),
                    values[5], values[6], values[7], values[8])


def event_page(engine: Engine, below_id: int | None, limit: int) -> list[EventRow]:
    """Newest events first (keyset paging on the primary key)."""
    where, params = ("WHERE e.id < ? ", (below_id,)) if below_id is not None else ("", ())
    with engine.connect() as conn:
        return [_event(r) for r in conn.exec_driver_sql(
            _EVENT_SQL + where + "ORDER BY e.id DESC LIMIT ?", (*params, int(limit)))]


def events_after(engine: Engine, above_id: int, limit: int) -> list[EventRow]:
    """Events stored after ``above_id``, newest first (at most ``limit``)."""
    with engine.connect() as conn:
        return [_event(r) for r in conn.exec_driver_sql(
            _EVENT_SQL + "WHERE e.id > ? ORDER BY e.id DESC LIMIT ?",
            (int(above_id), int(limit)))]

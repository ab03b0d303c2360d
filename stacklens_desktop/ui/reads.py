"""What the window reads from the store, as the plain rows of :mod:`.rows`. No Qt and no
SQL: called in the store worker, it shapes what the store's read repositories return
(``store/pattern_reads``, ``event_reads``, ``timeline_reads``, ``pattern_stats`` ...), whose
queries are indexed or bounded by the number of patterns (small next to the events).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from stacklens_desktop.store import (
    event_reads,
    outbox,
    pattern_reads,
    runs,
    timeline_reads,
    triage,
)
from stacklens_desktop.store import source_activity as activity
from stacklens_desktop.store import tickets as store_tickets
from stacklens_desktop.store.pattern_stats import pattern_stats
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
    from sqlalchemy import Engine

__all__ = ["Breakdown", "EventRow", "EventSample", "PatternDetail", "PatternRefresh",
           "PatternRow", "RunRow", "SourceActivity", "TicketRow", "Timeline"]


def _row(values: Sequence) -> PatternRow:
    """A row as the table shows it now: a mute whose time is up reads as new."""
    status = triage.effective_status(values[8], values[12], utc_now())
    return PatternRow(int(values[0]), values[1], values[2], values[3], float(values[4] or 0.0),
                      int(values[5] or 0), values[6], values[7], status, values[9],
                      values[10], values[11], values[12] if status == "muted" else None,
                      values[13], _hosts(values[14]))


def _hosts(value: object) -> tuple[str, ...]:
    """The team store's list of hosts, or the SQLite row's one host (or none)."""
    if isinstance(value, list | tuple):
        return tuple(str(v) for v in value)
    return (str(value),) if value else ()


def pattern_page(engine: Engine, below_id: int | None, limit: int,
                 row_sql: str = pattern_reads.ROW_SQL) -> list[PatternRow]:
    """Newest patterns first (keyset paging on the id: stable while rows are added).
    ``row_sql``: the team store's columns (``store/team/window_reads.ROW_SQL``)."""
    return [_row(r) for r in pattern_reads.page(engine, below_id, limit, row_sql)]


def refresh_patterns(engine: Engine, ids: Sequence[int], low_id: int, known_count: int,
                     row_sql: str = pattern_reads.ROW_SQL,
                     listed: str = "pattern") -> PatternRefresh:
    """The rows of ``ids``; or the whole window ``id >= low_id`` when the caller's count of
    it (``known_count``) no longer matches the store."""
    rows, complete = pattern_reads.refresh(engine, ids, low_id, known_count, row_sql, listed)
    return PatternRefresh([_row(r) for r in rows], low_id, complete)


def pattern_detail(engine: Engine, pattern_id: int, events: int = 20,
                   row_sql: str = pattern_reads.ROW_SQL) -> PatternDetail | None:
    """The pattern's explanation, samples and its last ``events`` raw records."""
    found = pattern_reads.detail(engine, pattern_id, events, SPARK_EVENTS, row_sql)
    if found is None:
        return None
    return PatternDetail(
        row=_row(found.row), root_cause=found.root_cause,
        steps=_json_list(found.resolution_steps),
        parameter_samples=_json_list(found.parameters_sample), first_seen=found.first_seen,
        exception=found.exception, host=found.host, corrections=found.corrections,
        events=[EventSample(*sample) for sample in found.samples],
        sparkline=sparkline(found.times))


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
    return [TicketRow(*row) for row in store_tickets.filed(engine)]


def last_outbox_error(engine: Engine) -> str:
    """The newest error an outbox row recorded (empty when none)."""
    return outbox.last_error(engine)


def event_timeline(engine: Engine, minutes: int = 60) -> Timeline:
    """Events per minute (or per 10 s when the data spans less than 15 min) over the
    ``minutes`` before the newest event, in total and per severity. Log time, so a replayed
    old log has a timeline too."""
    bucket_s, rows = timeline_reads.bucket_counts(engine, minutes)
    pad = "0" if bucket_s == 10 else ":00"
    totals: dict[str, int] = {}
    per: dict[tuple[str, str], int] = {}
    for bucket, severity, count in rows:
        key = bucket + pad
        totals[key] = totals.get(key, 0) + count
        per[(key, severity)] = count
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




def analysis_runs(engine: Engine, limit: int = 1000) -> list[RunRow]:
    """The newest runs first."""
    return [RunRow(*row) for row in runs.newest_runs(engine, limit)]


def source_activity(engine: Engine) -> dict[str, SourceActivity]:
    """Per source path: lines read, events stored (an index count per source), last write."""
    return {path: SourceActivity(*values)
            for path, values in activity.source_activity(engine).items()}


def breakdown(engine: Engine, top: int = 10, patterns: str = "pattern") -> Breakdown:
    """Bounded by the number of patterns (never a scan of the events)."""
    return Breakdown(*pattern_stats(engine, top, patterns))


def _event(values: Sequence) -> EventRow:
    host = values[9] if len(values) > 9 else None  # the team store's events carry it
    return EventRow(int(values[0]), values[1], values[2], values[3], int(values[4]),
                    values[5], values[6], values[7], values[8], host)


def event_page(engine: Engine, below_id: int | None, limit: int,
               event_sql: str | None = None) -> list[EventRow]:
    """Newest events first (keyset paging on the primary key); ``event_sql``: the team
    store's columns (``store/team/window_reads.EVENT_SQL``)."""
    extra = () if event_sql is None else (event_sql,)
    return [_event(r) for r in event_reads.page(engine, below_id, limit, *extra)]


def events_after(engine: Engine, above_id: int, limit: int,
                 event_sql: str | None = None) -> list[EventRow]:
    """Events stored after ``above_id``, newest first (at most ``limit``)."""
    extra = () if event_sql is None else (event_sql,)
    return [_event(r) for r in event_reads.after(engine, above_id, limit, *extra)]

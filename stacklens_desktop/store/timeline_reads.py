"""Events per time bucket and per severity: the statistics tab's timeline. Log time (a
replayed old log has a timeline too); both ends come from the ``event.time`` index."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import NamedTuple

from sqlalchemy import Engine

#: Below this span of log time, buckets of 10 s (a fresh watch has a few minutes only).
FINE_SPAN = timedelta(minutes=15)


class BucketCounts(NamedTuple):
    #: 10 (fine) or 60 seconds
    bucket_s: int
    #: (bucket: the time's first 16 or 18 characters, pattern severity, events), by bucket
    rows: list[tuple[str, str, int]]


def bucket_counts(engine: Engine, minutes: int) -> BucketCounts:
    """Events of the ``minutes`` before the newest one, per minute (per 10 s when the data
    spans less than ``FINE_SPAN``) and per severity of their patterns."""
    with engine.connect() as conn:
        newest, oldest = conn.exec_driver_sql("SELECT MAX(time), MIN(time) FROM event").one()
        end = parse_minute(newest)
        if end is None:
            return BucketCounts(60, [])
        start = end - timedelta(minutes=minutes - 1)
        first = parse_minute(oldest)
        fine = first is not None and end - max(first, start) < FINE_SPAN
        width, bucket_s = (18, 10) if fine else (16, 60)
        rows = conn.exec_driver_sql(
            f"SELECT substr(e.time, 1, {width}) AS bucket, p.severity, COUNT(*) FROM event e "
            "JOIN pattern p ON p.id = e.pattern_id WHERE e.time >= ? "
            "GROUP BY bucket, p.severity ORDER BY bucket",
            (start.strftime("%Y-%m-%dT%H:%M"),)).all()
    return BucketCounts(bucket_s, [(str(b), str(s), int(n)) for b, s, n in rows])


def parse_minute(value: str | None) -> datetime | None:
    if not value or len(value) < 16:
        return None
    try:
        return datetime.fromisoformat(value[:16])
    except ValueError:
        return None

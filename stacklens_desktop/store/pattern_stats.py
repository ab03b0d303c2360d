"""The statistics tab's breakdown of the patterns: bounded by the number of patterns (never a
scan of the events)."""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import Engine


class PatternStats(NamedTuple):
    #: (error type, patterns, occurrences), most occurrences first
    by_type: list[tuple[str, int, int]]
    #: (pattern id, severity, template, occurrences, status), most occurrences first
    top: list[tuple[int, str, str, int, str]]
    #: severity -> occurrences (events counted on the patterns)
    occurrences: dict[str, int]


def pattern_stats(engine: Engine, top: int = 10) -> PatternStats:
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
    return PatternStats(by_type, rows, occurrences)

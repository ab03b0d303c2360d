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


def pattern_stats(engine: Engine, top: int = 10, patterns: str = "pattern") -> PatternStats:
    """``patterns``: the rows counted, with id, error_type, severity, template, count and
    status (the team store passes its fleet figures: ``store/team/window_reads``)."""
    with engine.connect() as conn:
        by_type = [(t, int(n), int(c or 0)) for t, n, c in conn.exec_driver_sql(
            f"SELECT error_type, COUNT(*), SUM(count) FROM {patterns} p GROUP BY error_type "
            "ORDER BY SUM(count) DESC")]
        rows = [(int(i), sev, tpl, int(c or 0), st) for i, sev, tpl, c, st in
                conn.exec_driver_sql(
                    f"SELECT id, severity, template, count, status FROM {patterns} p "
                    "ORDER BY count DESC, id DESC LIMIT ?", (int(top),))]
        occurrences = {sev: int(c or 0) for sev, c in conn.exec_driver_sql(
            f"SELECT severity, SUM(count) FROM {patterns} p GROUP BY severity")}
    return PatternStats(by_type, rows, occurrences)

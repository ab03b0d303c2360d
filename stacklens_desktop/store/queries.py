"""Read queries shared by the CLI and the UI."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Engine

SEVERITY_ORDER = ("critical", "high", "medium", "low")
_SEVERITY_RANK_SQL = (
    "CASE severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 "
    "WHEN 'low' THEN 3 ELSE 4 END"
)

#: ranks by the severity that counts: an escalation is always above the stored severity
_RAISED_RANK_SQL = _SEVERITY_RANK_SQL.replace("CASE severity",
                                              "CASE COALESCE(escalation, severity)")


def stats(engine: Engine, listed: str = "pattern") -> dict[str, Any]:
    """What the store holds, in the shape of ``stacklens stats --json``. ``listed``: the
    patterns counted (the team store leaves out those folded into another)."""
    with engine.connect() as conn:
        one = lambda sql: conn.exec_driver_sql(sql).scalar() or 0  # noqa: E731
        by_severity = {s: 0 for s in SEVERITY_ORDER}
        for severity, count in conn.exec_driver_sql(
            f"SELECT severity, COUNT(*) FROM {listed} p GROUP BY severity"
        ):
            by_severity[severity] = count
        sources = [
            {"path": p, "offset": o, "lines": n, "state": s, "reason": r}
            for p, o, n, s, r in conn.exec_driver_sql(
                'SELECT path, "offset", lines, state, reason FROM source ORDER BY path'
            )
        ]
        return {
            "events": one("SELECT COUNT(*) FROM event"),
            "patterns": one(f"SELECT COUNT(*) FROM {listed} p"),
            "patterns_by_severity": by_severity,
            "tickets": one("SELECT COUNT(*) FROM ticket WHERE issue_key IS NOT NULL"),
            "outbox_pending": one(
                "SELECT COUNT(*) FROM outbox WHERE state IN ('pending', 'in_flight', 'failed')"
            ),
            "sources": sources,
        }


def ranked_patterns(engine: Engine, limit: int | None = None,
                    source_ids: list[int] | None = None) -> list[dict[str, Any]]:
    """Patterns ranked by severity then count, as dicts ready for JSON."""
    where = ""
    params: tuple = ()
    if source_ids:
        marks = ",".join("?" * len(source_ids))
        where = f"WHERE id IN (SELECT DISTINCT pattern_id FROM event WHERE source_id IN ({marks}))"
        params = tuple(source_ids)
    sql = (
        "SELECT id, fingerprint, template, count, severity, error_type, confidence, first_seen, "
        "last_seen, parameters_sample, root_cause, resolution_steps, status, exception, "
        f"escalation, escalation_reason FROM pattern {where} "
        f"ORDER BY {_RAISED_RANK_SQL}, count DESC, id"
    )
    if limit:
        sql += f" LIMIT {int(limit)}"
    out: list[dict[str, Any]] = []
    with engine.connect() as conn:
        for row in conn.exec_driver_sql(sql, params):
            out.append({
                "id": row[0], "fingerprint": row[1], "template": row[2], "count": row[3],
                "severity": row[4], "error_type": row[5], "confidence": round(row[6], 3),
                "first_seen": row[7], "last_seen": row[8],
                "parameters_sample": json.loads(row[9] or "[]"), "root_cause": row[10],
                "resolution_steps": json.loads(row[11] or "[]"), "status": row[12],
                "exception": row[13], "escalation": row[14], "escalation_reason": row[15],
            })
    return out


def source_position(engine: Engine, path: str) -> tuple[int, int, int | None] | None:
    """(offset, lines, inode) stored for a source path, or None when unknown."""
    with engine.connect() as conn:
        row = conn.exec_driver_sql(
            "SELECT offset, lines, inode FROM source WHERE path = ?", (path,)
        ).first()
    return (row[0], row[1], row[2]) if row else None


def source_positions(engine: Engine) -> dict[str, tuple[int, int, int]]:
    """Committed (offset, device, inode) per source path, where watching resumes."""
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(
            "SELECT path, offset, COALESCE(device, 0), COALESCE(inode, 0) FROM source").all()
    return {path: (offset, dev, ino) for path, offset, dev, ino in rows}


def pattern_summaries(engine: Engine, ids: list[int]) -> dict[int, tuple[str, str, float, str]]:
    """(severity, error type, confidence, template) of the given patterns, by id."""
    out: dict[int, tuple[str, str, float, str]] = {}
    with engine.connect() as conn:
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for pid, sev, typ, conf, template in conn.exec_driver_sql(
                    "SELECT id, severity, error_type, confidence, template FROM pattern "
                    f"WHERE id IN ({marks})", tuple(chunk)):
                out[int(pid)] = (sev, typ, float(conf), template)
    return out

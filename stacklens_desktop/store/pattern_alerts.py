"""Reads for the tray: the facts that decide a notification, and the count on the icon."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Engine

from stacklens_desktop.store.outbox import chunks

#: Severities the tray counts and (critical) notifies about.
ALERT_SEVERITIES = ("critical", "high")


@dataclass(frozen=True, slots=True)
class PatternFacts:
    id: int
    severity: str
    status: str
    template: str
    count: int


def pattern_facts(engine: Engine, ids: Sequence[int]) -> list[PatternFacts]:
    out: list[PatternFacts] = []
    with engine.connect() as conn:
        for chunk in chunks(list(ids)):
            marks = ",".join("?" * len(chunk))
            rows = conn.exec_driver_sql(
                "SELECT id, severity, status, template, count FROM pattern "
                f"WHERE id IN ({marks}) ORDER BY id", tuple(chunk))
            out.extend(PatternFacts(int(i), str(s), str(st), str(t), int(c or 0))
                       for i, s, st, t, c in rows)
    return out


def new_alert_count(engine: Engine) -> int:
    """Critical and high patterns nobody has looked at yet (new, or back as a regression)."""
    with engine.connect() as conn:
        value = conn.exec_driver_sql(
            "SELECT COUNT(*) FROM pattern WHERE severity IN ('critical', 'high') "
            "AND status IN ('new', 'regression')").scalar()
    return int(value or 0)

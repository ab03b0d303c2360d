"""The automation log: every decision and every Jira outcome, with a readable reason.

Logging rule (so 10,000 occurrences do not write 10,000 rows): a decision that enqueues a Jira
operation is always logged; a "do nothing" decision is logged only when its reason ``code``
differs from the last code logged for that pattern. Outcomes of Jira operations (filed,
adopted, commented, failed ...) are always logged.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Connection

from stacklens_desktop.jira.stamps import iso
from stacklens_desktop.store.outbox import chunks

MAX_REASON = 2000


def write(
    conn: Connection,
    pattern_id: int | None,
    now: datetime,
    decision: str,
    reason: str,
    code: str | None = None,
) -> None:
    conn.exec_driver_sql(
        "INSERT INTO automationlog (pattern_id, time, decision, reason, code) "
        "VALUES (?, ?, ?, ?, ?)",
        (pattern_id, iso(now), decision, reason[:MAX_REASON], code),
    )


def last_codes(conn: Connection, pattern_ids: Sequence[int]) -> dict[int, str | None]:
    """pattern id -> code of its newest log row."""
    out: dict[int, str | None] = {}
    for chunk in chunks(pattern_ids):
        marks = ",".join("?" * len(chunk))
        rows = conn.exec_driver_sql(
            "SELECT pattern_id, code FROM automationlog WHERE id IN (SELECT MAX(id) FROM "
            f"automationlog WHERE pattern_id IN ({marks}) GROUP BY pattern_id)",
            tuple(chunk),
        )
        out.update({int(p): c for p, c in rows})
    return out

"""What the team automation pass reads and writes on the pattern rows: the patterns it has
not judged yet, each pattern's spread across hosts, and the fleet escalation it stores
(``pattern.escalation`` / ``escalation_reason`` / ``escalated_at``, written by the automation
holder only: agents never change a pattern row)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection

#: Serialises automation passes (a holder that lost its role mid-pass and its successor
#: never decide on the same patterns at once). Taken for the pass's transaction only.
PASS_LOCK_KEY = 0x534C4150  # "SLAP"


@dataclass(frozen=True, slots=True)
class Spread:
    pattern_id: int
    severity: str
    escalation: str | None
    reason: str | None
    escalated_at: str | None
    #: the hosts that saw it, the busiest first
    hosts: tuple[str, ...]
    #: each host's last occurrence (log time as stored, ISO-8601; None: not known)
    last_seen: tuple[str | None, ...] = ()


def lock_pass(conn: Connection) -> None:
    """Wait for any other pass to commit (released when this transaction ends)."""
    conn.exec_driver_sql("SELECT pg_advisory_xact_lock(%s)", (PASS_LOCK_KEY,))


def unjudged(conn: Connection) -> list[int]:
    """Patterns the automation never decided on (no automation log row yet: the first
    decision of every pattern is logged), e.g. one an agent just added; not those the fleet
    merge folded into another (their target is decided on)."""
    rows = conn.exec_driver_sql(
        "SELECT p.id FROM pattern p WHERE NOT EXISTS "
        "(SELECT 1 FROM automationlog a WHERE a.pattern_id = p.id) AND NOT EXISTS "
        "(SELECT 1 FROM pattern_alias f WHERE f.pattern_id = p.id) ORDER BY p.id")
    return [int(r[0]) for r in rows]


def spreads(conn: Connection, ids: Sequence[int]) -> list[Spread]:
    rows = conn.exec_driver_sql(
        "SELECT p.id, p.severity, p.escalation, p.escalation_reason, p.escalated_at, "
        "COALESCE(array_agg(h.host ORDER BY h.count DESC, h.host) "
        "FILTER (WHERE h.host IS NOT NULL), '{}'), "
        "COALESCE(array_agg(h.last_seen ORDER BY h.count DESC, h.host) "
        "FILTER (WHERE h.host IS NOT NULL), '{}') "
        "FROM pattern p LEFT JOIN pattern_host h ON h.pattern_id = p.id "
        "WHERE p.id = ANY(%s) GROUP BY p.id ORDER BY p.id", (list(ids),))
    return [Spread(int(r[0]), str(r[1] or "low"), r[2], r[3], r[4], tuple(r[5]), tuple(r[6]))
            for r in rows]


def record(conn: Connection, pattern_id: int, escalation: str | None, reason: str | None,
           since: str | None) -> None:
    conn.exec_driver_sql(
        "UPDATE pattern SET escalation = %s, escalation_reason = %s, escalated_at = %s "
        "WHERE id = %s", (escalation, reason, since, pattern_id))

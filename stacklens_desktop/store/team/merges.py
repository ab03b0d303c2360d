"""Fleet merges on the team store: patterns that several hosts' miners kept apart, folded into
one pattern (see :mod:`stacklens_desktop.team.fleet_merge` for how they are found).

A folded pattern (a *member*) keeps its row, hidden, with a ``pattern_alias`` row naming the
pattern it now counts toward (its *target*). Its per-host counts, events, ticket and open
Jira operations move to the target; agents resolve its fingerprint to the target from then
on (:func:`stacklens_desktop.store.team.ingest.apply_shipment`). A shipment resolved before
the alias was committed may still land on the member: :func:`sweep` moves such rows on the
next pass. Run by the automation holder (a desktop login), in its pass's transaction.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection

from stacklens_desktop.store.team.ingest import notify

#: The columns a new target copies from its chosen member (the judgement and explanation).
_COPIED = ("level, error_type, severity, confidence, first_seen, last_seen, status, "
           "muted_until, root_cause, resolution_steps, parameters_sample, sample_text, host, "
           "source_id, escalation, escalation_reason, escalated_at")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A pattern the fleet miner may group: its id and template (no stack trace)."""

    id: int
    template: str
    severity: str


def candidates(conn: Connection, after_id: int) -> list[Candidate]:
    """Patterns without a stack trace added after ``after_id`` that are not folded yet."""
    rows = conn.exec_driver_sql(
        "SELECT p.id, p.template, COALESCE(p.escalation, p.severity) FROM pattern p "
        "WHERE p.id > %s "
        "AND p.exception IS NULL AND NOT EXISTS "
        "(SELECT 1 FROM pattern_alias a WHERE a.pattern_id = p.id) ORDER BY p.id",
        (after_id,))
    return [Candidate(int(r[0]), str(r[1]), str(r[2])) for r in rows]


def aliases(conn: Connection) -> dict[int, int]:
    """member id -> target id of every fold made so far."""
    return {int(r[0]): int(r[1]) for r in conn.exec_driver_sql(
        "SELECT pattern_id, target_id FROM pattern_alias")}


def ensure_target(conn: Connection, fingerprint: str, template: str, like: int) -> int:
    """The pattern row of ``fingerprint`` (an agent may have shipped the general form
    already); else a new one with ``template``, judged like pattern ``like``."""
    found = conn.exec_driver_sql(
        "SELECT id FROM pattern WHERE fingerprint = %s", (fingerprint,)).scalar()
    if found is not None:
        return int(found)
    made = conn.exec_driver_sql(
        f"INSERT INTO pattern (fingerprint, template, count, updated_at, {_COPIED}) "
        f"SELECT %s, %s, 0, to_char(now() AT TIME ZONE 'UTC', "
        f"'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'), {_COPIED} FROM pattern WHERE id = %s "
        "ON CONFLICT (fingerprint) DO NOTHING RETURNING id",
        (fingerprint, template, like)).scalar()
    if made is None:  # an agent inserted it meanwhile
        return int(conn.exec_driver_sql(
            "SELECT id FROM pattern WHERE fingerprint = %s", (fingerprint,)).scalar_one())
    return int(made)


def fold(conn: Connection, members: Sequence[int], target: int) -> None:
    """Alias ``members`` to ``target`` (a member that was itself a target hands its own
    members on), then move what they hold."""
    if not members:
        return
    ids = list(members)
    conn.exec_driver_sql(
        "UPDATE pattern_alias SET target_id = %s WHERE target_id = ANY(%s)", (target, ids))
    conn.exec_driver_sql(
        "INSERT INTO pattern_alias (pattern_id, fingerprint, target_id) "
        "SELECT id, fingerprint, %s FROM pattern WHERE id = ANY(%s) "
        "ON CONFLICT (pattern_id) DO UPDATE SET target_id = EXCLUDED.target_id",
        (target, ids))
    _move(conn, ids, target)
    # the desktops read these rows again: the members leave their lists, the target grows
    notify(conn, {"kind": "merge", "patterns": [target, *ids], "sent": time.time()})


def sweep(conn: Connection) -> list[int]:
    """Move rows that reached a member after it was folded; returns the targets touched."""
    late = conn.exec_driver_sql(
        "SELECT DISTINCT a.pattern_id, a.target_id FROM pattern_alias a "
        "JOIN pattern_host h ON h.pattern_id = a.pattern_id").all()
    by_target: dict[int, list[int]] = {}
    for member, target in late:
        by_target.setdefault(int(target), []).append(int(member))
    for target, members in by_target.items():
        _move(conn, members, target)
    return sorted(by_target)


def _move(conn: Connection, members: list[int], target: int) -> None:
    conn.exec_driver_sql(
        "INSERT INTO pattern_host (pattern_id, host, count, first_seen, last_seen) "
        "SELECT %s, host, sum(count), min(first_seen), max(last_seen) FROM pattern_host "
        "WHERE pattern_id = ANY(%s) GROUP BY host ON CONFLICT (pattern_id, host) DO UPDATE "
        "SET count = pattern_host.count + EXCLUDED.count, "
        "first_seen = LEAST(pattern_host.first_seen, EXCLUDED.first_seen), "
        "last_seen = GREATEST(pattern_host.last_seen, EXCLUDED.last_seen)", (target, members))
    conn.exec_driver_sql("DELETE FROM pattern_host WHERE pattern_id = ANY(%s)", (members,))
    conn.exec_driver_sql(
        "UPDATE event SET pattern_id = %s WHERE pattern_id = ANY(%s)", (target, members))
    conn.exec_driver_sql(
        "UPDATE pattern SET count = 0 WHERE id = ANY(%s)", (members,))
    # the oldest member ticket carries on as the target's, unless the target has one
    conn.exec_driver_sql(
        "UPDATE ticket SET pattern_id = %s WHERE id = (SELECT min(id) FROM ticket "
        "WHERE pattern_id = ANY(%s)) AND NOT EXISTS "
        "(SELECT 1 FROM ticket WHERE pattern_id = %s)", (target, members, target))
    conn.exec_driver_sql(
        "UPDATE outbox SET state = 'done', last_error = %s, updated_at = "
        "to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"') "
        "WHERE pattern_id = ANY(%s) AND state IN ('pending', 'failed')",
        (f"merged into pattern {target}", members))

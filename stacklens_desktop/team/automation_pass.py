"""One automation pass on the team store, in the caller's transaction (a desktop login that
holds the automation role, :class:`~stacklens_desktop.store.team.lease.AutomationLease`).

The agents only insert patterns and add to their own host's counts. The pass turns that into
what the single-user app does in its batch transaction: it rolls the per-host counts up into
the pattern rows, judges each changed pattern's spread across the fleet
(:func:`~stacklens_desktop.core.escalation.fleet.fleet_spread`, stored on the pattern row),
and runs the same policy (:func:`~stacklens_desktop.jira.automation.automate`), so decisions,
the automation log and the outbox rows are written in the team store exactly as on SQLite.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Connection

from stacklens_desktop.core.escalation.assess import SEVERITIES
from stacklens_desktop.core.escalation.fleet import FLEET_SPREAD_HOSTS, fleet_spread
from stacklens_desktop.jira.automation import AutomationDecision, automate
from stacklens_desktop.jira.policy import AutomationConfig
from stacklens_desktop.jira.stamps import iso, parse
from stacklens_desktop.store.team import fleet, fleet_escalation
from stacklens_desktop.team.fleet_merge import FleetMerger


@dataclass(frozen=True)
class PassReport:
    #: the patterns decided on (counts changed, or never judged before)
    judged: tuple[int, ...] = ()
    #: the patterns whose fleet escalation rose in this pass
    escalated: frozenset[int] = frozenset()
    decisions: list[AutomationDecision] = field(default_factory=list)

    @property
    def enqueued(self) -> int:
        """Jira operations this pass put in the outbox."""
        return sum(1 for d in self.decisions if d.decision.enqueues)


def run_pass(conn: Connection, config: AutomationConfig, now: datetime,
             min_hosts: int = FLEET_SPREAD_HOSTS,
             merger: FleetMerger | None = None) -> PassReport:
    """Fold per-host variants (``merger``: the holder's fleet merge), roll up, judge spread,
    decide; everything in ``conn``'s transaction. Folded patterns are never decided on:
    their target is."""
    fleet_escalation.lock_pass(conn)
    folded = merger.run(conn) if merger is not None else []
    waiting = merger.waiting if merger is not None else frozenset()
    ids = sorted((set(folded) | set(fleet.roll_up_counts(conn))
                  | set(fleet_escalation.unjudged(conn))) - waiting)
    if not ids:
        return PassReport()
    rose = judge_spread(conn, ids, now, min_hosts)
    return PassReport(tuple(ids), rose, automate(conn, ids, config, now, rose))


def judge_spread(conn: Connection, ids: Sequence[int], now: datetime,
                 min_hosts: int = FLEET_SPREAD_HOSTS) -> frozenset[int]:
    """Store each pattern's fleet escalation; returns the ids whose escalation rose."""
    rose: set[int] = set()
    for spread in fleet_escalation.spreads(conn, ids):
        verdict = fleet_spread(spread.severity, spread.hosts, min_hosts,
                               [parse(t) for t in spread.last_seen])
        if (verdict.severity, verdict.reason) == (spread.escalation, spread.reason):
            continue
        since = None if verdict.severity is None else (spread.escalated_at or iso(now))
        fleet_escalation.record(conn, spread.pattern_id, verdict.severity, verdict.reason,
                                since)
        if _rank(verdict.severity) > _rank(spread.escalation):
            rose.add(spread.pattern_id)
    return frozenset(rose)


def _rank(severity: str | None) -> int:
    return SEVERITIES.index(severity) if severity in SEVERITIES else -1

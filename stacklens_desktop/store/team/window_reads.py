"""The window's reads on the team store, beside the shared ones that run there unchanged.

* :data:`ROW_SQL`: the pattern table's columns (those of
  :data:`stacklens_desktop.store.pattern_reads.ROW_SQL`, which pages, refreshes and reads the
  detail with it) with the fleet's figures: the count is the sum of the per-host counts (the
  pattern row's own ``count`` is only a roll-up), the last sighting the newest per host, and
  the last column the hosts that saw it (a list instead of the SQLite row's one host).
* :func:`detail_extras`: the spread across hosts and the last triage action (who, when).
* :func:`host_sources`: every source with its host, for the sources panel's host groups.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from stacklens_desktop.store.team.triage import triage_history

#: The patterns the window lists: not those folded into another by the fleet merge
#: (``store/team/merges.py``; their target is listed with their counts).
LISTED = ("(SELECT * FROM pattern q WHERE NOT EXISTS "
          "(SELECT 1 FROM pattern_alias a WHERE a.pattern_id = q.id))")

ROW_SQL = (
    "SELECT p.id, p.fingerprint, p.severity, p.error_type, p.confidence, "
    "COALESCE(h.total, p.count), COALESCE(h.last, p.last_seen), p.template, p.status, "
    "t.issue_key, t.url, t.status, p.muted_until, s.path, "
    "COALESCE(h.hosts, ARRAY[]::varchar[]) "
    f"FROM {LISTED} p LEFT JOIN ticket t ON t.pattern_id = p.id "
    "LEFT JOIN source s ON s.id = p.source_id "
    "LEFT JOIN LATERAL (SELECT sum(ph.count) AS total, max(ph.last_seen) AS last, "
    "array_agg(ph.host ORDER BY ph.host) AS hosts FROM pattern_host ph "
    "WHERE ph.pattern_id = p.id) h ON true "
)


#: The listed patterns with their fleet-wide count (the sum of the per-host rows: the pattern
#: row's own ``count`` is a roll-up only the automation holder keeps), for the statistics.
FLEET_PATTERNS = (
    "(SELECT q.id, q.error_type, q.severity, q.template, q.status, "
    "COALESCE(h.total, 0) AS count FROM pattern q LEFT JOIN (SELECT pattern_id, "
    "sum(count) AS total FROM pattern_host GROUP BY pattern_id) h ON h.pattern_id = q.id "
    "WHERE NOT EXISTS (SELECT 1 FROM pattern_alias a WHERE a.pattern_id = q.id))"
)

#: The per-event view's columns (those of ``store/event_reads``) and the host that logged it.
EVENT_SQL = (
    "SELECT e.id, e.time, e.level, e.message, e.pattern_id, p.severity, p.error_type, "
    "p.status, s.path, e.host FROM event e JOIN pattern p ON p.id = e.pattern_id "
    "LEFT JOIN source s ON s.id = e.source_id "
)


@dataclass(frozen=True, slots=True)
class DetailExtras:
    #: (host, count, last seen), the most frequent first
    per_host: list[tuple[str, int, str | None]]
    #: (status, who, when as UTC ISO) of the newest triage action; None: never triaged
    last_triage: tuple[str, str, str] | None


@dataclass(frozen=True, slots=True)
class SourceOnHost:
    host: str
    path: str
    state: str
    reason: str | None
    lines: int
    #: when its agent last moved it (UTC ISO)
    updated_at: str | None


def detail_extras(engine: Engine, pattern_id: int) -> DetailExtras:
    with engine.connect() as conn:
        per_host = [(r[0], int(r[1]), r[2]) for r in conn.exec_driver_sql(
            "SELECT host, count, last_seen FROM pattern_host WHERE pattern_id = %s "
            "ORDER BY count DESC, host", (pattern_id,))]
        history = triage_history(conn, pattern_id)
    return DetailExtras(per_host, history[0] if history else None)


def host_sources(engine: Engine) -> list[SourceOnHost]:
    """Every source of every host, by host then path."""
    with engine.connect() as conn:
        rows = conn.exec_driver_sql(
            'SELECT host, path, state, reason, lines, to_char(updated_at AT TIME ZONE '
            "'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"') FROM source ORDER BY host, path")
        return [SourceOnHost(r[0], r[1], r[2], r[3], int(r[4]), r[5]) for r in rows]

"""What a desktop reads from the team store: the hosts with their agents, the pattern list
with its spread across hosts, and one pattern's detail."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection


@dataclass(frozen=True, slots=True)
class HostRow:
    host: str
    state: str
    reason: str | None
    spooled: int
    last_contact: str | None
    sources: int


@dataclass(frozen=True, slots=True)
class FleetPattern:
    id: int
    template: str
    severity: str
    status: str
    count: int
    hosts: int
    last_seen: str | None


@dataclass(frozen=True, slots=True)
class PatternDetail:
    pattern: FleetPattern
    per_host: list[tuple[str, int, str | None]]
    #: the newest events: (host, time, level, message)
    recent: list[tuple[str, str | None, str | None, str]]


def hosts(conn: Connection) -> list[HostRow]:
    """Every host with an agent or a source, its agent's state and last contact."""
    rows = conn.exec_driver_sql(
        "SELECT h.host, COALESCE(a.state, 'no agent'), a.reason, COALESCE(a.spooled, 0), "
        "to_char(a.last_contact AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"'), "
        "(SELECT count(*) FROM source s WHERE s.host = h.host) "
        "FROM (SELECT host FROM agent UNION SELECT host FROM source) h "
        "LEFT JOIN agent a ON a.host = h.host ORDER BY h.host")
    return [HostRow(r[0], r[1], r[2], int(r[3]), r[4], int(r[5])) for r in rows]


#: The fleet-wide figures come from the per-host rows (the agents never touch a shared row).
_PATTERN_COLUMNS = (
    "p.id, p.template, COALESCE(p.escalation, p.severity), p.status, "
    "COALESCE(h.total, 0), COALESCE(h.hosts, 0), COALESCE(h.last, p.last_seen)")
_PER_HOST = ("LEFT JOIN (SELECT pattern_id, sum(count) AS total, count(*) AS hosts, "
             "max(last_seen) AS last FROM pattern_host GROUP BY pattern_id) h "
             "ON h.pattern_id = p.id")


def _pattern(row: tuple) -> FleetPattern:
    return FleetPattern(int(row[0]), row[1], row[2], row[3], int(row[4]), int(row[5]), row[6])


def patterns(conn: Connection, host: str | None = None, limit: int = 500) -> list[FleetPattern]:
    """The pattern list, newest first; ``host``: only patterns that host has seen.
    Patterns folded into another by the fleet merge are not listed (their target is)."""
    where = "WHERE NOT EXISTS (SELECT 1 FROM pattern_alias a WHERE a.pattern_id = p.id)" + (
        " AND EXISTS (SELECT 1 FROM pattern_host ph WHERE ph.pattern_id = p.id "
        "AND ph.host = %s)" if host else "")
    params: tuple = (host, limit) if host else (limit,)
    rows = conn.exec_driver_sql(
        f"SELECT {_PATTERN_COLUMNS} FROM pattern p {_PER_HOST} {where} "
        "ORDER BY 7 DESC NULLS LAST, p.id DESC LIMIT %s", params)
    return [_pattern(tuple(r)) for r in rows]


def pattern_detail(conn: Connection, pattern_id: int, recent: int = 50) -> PatternDetail | None:
    row = conn.exec_driver_sql(
        f"SELECT {_PATTERN_COLUMNS} FROM pattern p LEFT JOIN (SELECT pattern_id, "
        "sum(count) AS total, count(*) AS hosts, max(last_seen) AS last FROM pattern_host "
        "WHERE pattern_id = %s GROUP BY pattern_id) h ON h.pattern_id = p.id WHERE p.id = %s",
        (pattern_id, pattern_id)).first()
    if row is None:
        return None
    per_host = [(r[0], int(r[1]), r[2]) for r in conn.exec_driver_sql(
        "SELECT host, count, last_seen FROM pattern_host WHERE pattern_id = %s "
        "ORDER BY count DESC", (pattern_id,))]
    events = [(r[0], r[1], r[2], r[3]) for r in conn.exec_driver_sql(
        "SELECT host, time, level, message FROM event WHERE pattern_id = %s "
        "ORDER BY received_at DESC LIMIT %s", (pattern_id, recent))]
    return PatternDetail(_pattern(tuple(row)), per_host, events)


def roll_up_counts(conn: Connection) -> list[int]:
    """Copy the per-host sums into the pattern rows (count, first and last seen), for the
    code that reads ``pattern.count`` (the Jira automation's thresholds); returns the ids of
    the rows that changed. Run by a desktop (or the automation holder), never by agents."""
    rows = conn.exec_driver_sql(
        "UPDATE pattern p SET count = h.total, first_seen = h.first, last_seen = h.last "
        "FROM (SELECT pattern_id, sum(count) AS total, min(first_seen) AS first, "
        "max(last_seen) AS last FROM pattern_host GROUP BY pattern_id) h "
        "WHERE h.pattern_id = p.id AND (p.count IS DISTINCT FROM h.total "
        "OR p.last_seen IS DISTINCT FROM h.last) RETURNING p.id")
    return sorted(int(r[0]) for r in rows)

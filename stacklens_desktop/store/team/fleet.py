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


_PATTERN_COLUMNS = (
    "p.id, p.template, COALESCE(p.escalation, p.severity), p.status, p.count, "
    "(SELECT count(*) FROM pattern_host ph WHERE ph.pattern_id = p.id), p.last_seen")


def _pattern(row: tuple) -> FleetPattern:
    return FleetPattern(int(row[0]), row[1], row[2], row[3], int(row[4]), int(row[5]), row[6])


def patterns(conn: Connection, host: str | None = None, limit: int = 500) -> list[FleetPattern]:
    """The pattern list, newest first; ``host``: only patterns that host has seen."""
    where = ("WHERE EXISTS (SELECT 1 FROM pattern_host ph WHERE ph.pattern_id = p.id "
             "AND ph.host = %s)") if host else ""
    params: tuple = (host, limit) if host else (limit,)
    rows = conn.exec_driver_sql(
        f"SELECT {_PATTERN_COLUMNS} FROM pattern p {where} "
        "ORDER BY p.last_seen DESC NULLS LAST, p.id DESC LIMIT %s", params)
    return [_pattern(tuple(r)) for r in rows]


def pattern_detail(conn: Connection, pattern_id: int, recent: int = 50) -> PatternDetail | None:
    row = conn.exec_driver_sql(
        f"SELECT {_PATTERN_COLUMNS} FROM pattern p WHERE p.id = %s", (pattern_id,)).first()
    if row is None:
        return None
    per_host = [(r[0], int(r[1]), r[2]) for r in conn.exec_driver_sql(
        "SELECT host, count, last_seen FROM pattern_host WHERE pattern_id = %s "
        "ORDER BY count DESC", (pattern_id,))]
    events = [(r[0], r[1], r[2], r[3]) for r in conn.exec_driver_sql(
        "SELECT host, time, level, message FROM event WHERE pattern_id = %s "
        "ORDER BY received_at DESC LIMIT %s", (pattern_id, recent))]
    return PatternDetail(_pattern(tuple(row)), per_host, events)

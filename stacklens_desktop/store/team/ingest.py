"""An agent's shipments into the team store: events, pattern counts and the source offset
in one transaction, applied only when the source stands where the shipment starts."""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import Connection

from stacklens_desktop.core.batch import EventRow, PatternDelta
from stacklens_desktop.store import jsontext
from stacklens_desktop.store.team.names import CHANNEL
from stacklens_desktop.team.shipment import Shipment


class Outcome(StrEnum):
    APPLIED = "applied"
    #: the store already holds it (a replay after a crash between commit and bookkeeping)
    DUPLICATE = "duplicate"
    #: the store's offset is elsewhere: the agent reads again from ``server_offset``
    CONFLICT = "conflict"


@dataclass(frozen=True, slots=True)
class Applied:
    outcome: Outcome
    server_offset: int
    server_lines: int = 0
    pattern_ids: tuple[int, ...] = ()


def _text(value: str | None) -> str | None:
    """PostgreSQL text holds no NUL character (a log written through a power cut may)."""
    return value.replace("\x00", "") if value and "\x00" in value else value


def _lock_source(conn: Connection, s: Shipment) -> tuple[int, int, int, int | None]:
    conn.exec_driver_sql(
        'INSERT INTO source (host, path, inode, "offset", lines, state, updated_at) '
        "VALUES (%s, %s, %s, %s, 0, 'watching', now()) ON CONFLICT (host, path) DO NOTHING",
        (s.host, s.path, s.inode, s.start))
    row = conn.exec_driver_sql(
        'SELECT id, "offset", lines, inode FROM source WHERE host = %s AND path = %s '
        "FOR UPDATE", (s.host, s.path)).one()
    return int(row[0]), int(row[1]), int(row[2]), row[3]


def apply_shipment(conn: Connection, s: Shipment) -> Applied:
    """Apply ``s`` inside the caller's transaction (or say why not)."""
    source_id, offset, lines, inode = _lock_source(conn, s)
    replaced = s.start == 0 and inode is not None and s.inode is not None and inode != s.inode
    if offset != s.start and not replaced:
        outcome = Outcome.DUPLICATE if offset >= s.end else Outcome.CONFLICT
        return Applied(outcome, offset, lines)
    ids, created = _resolve_patterns(conn, s.host, source_id, s.patterns)
    _count_per_host(conn, s.host, s.patterns, ids)
    _insert_events(conn, s.host, source_id, s.events, ids)
    new_lines = s.lines if replaced else lines + s.lines
    conn.exec_driver_sql(
        'UPDATE source SET "offset" = %s, lines = %s, inode = COALESCE(%s, inode), '
        "format_name = COALESCE(%s, format_name), state = 'watching', reason = NULL, "
        "updated_at = now() WHERE id = %s",
        (s.end, new_lines, s.inode, s.format_name, source_id))
    conn.exec_driver_sql(
        "UPDATE agent SET last_contact = now(), state = 'shipping', reason = NULL, "
        "spooled = 0 WHERE host = %s", (s.host,))
    pattern_ids = tuple(sorted(set(ids.values())))
    if s.events or pattern_ids:
        notify(conn, {"kind": "events", "host": s.host, "source": s.path, "end": s.end,
                      "patterns": list(pattern_ids), "new": created,
                      "events": len(s.events), "sent": time.time()})
    return Applied(Outcome.APPLIED, s.end, new_lines, pattern_ids)


#: PostgreSQL refuses a NOTIFY payload of 8,000 bytes or more (and with it the transaction:
#: a shipment or a pass would fail for good); a longer list of patterns is left out.
MAX_PAYLOAD = 7_000


def notify(conn: Connection, payload: dict) -> None:
    """Announce a change to every listening desktop (delivered when the transaction
    commits, not before; dropped with a rollback). When the pattern ids would make it too
    long they are left out and ``"truncated": true`` says to read every row again."""
    text = json.dumps(payload)
    if len(text.encode()) > MAX_PAYLOAD:  # every list of ids goes (patterns, new ...)
        short = {k: ([] if isinstance(v, list) else v) for k, v in payload.items()}
        text = json.dumps({**short, "truncated": True})
    conn.exec_driver_sql("SELECT pg_notify(%s, %s)", (CHANNEL, text))


def announce_tickets(conn: Connection, pattern_ids: Sequence[int]) -> None:
    """The automation holder filed or updated these patterns' tickets: every desktop reads
    their rows again (the key, the ticket's status)."""
    notify(conn, {"kind": "tickets", "patterns": list(pattern_ids), "sent": time.time()})


_INSERT_PATTERN = (
    "INSERT INTO pattern (fingerprint, template, level, exception, error_type, severity, "
    "confidence, count, first_seen, last_seen, status, root_cause, resolution_steps, "
    "parameters_sample, sample_text, host, source_id, updated_at) VALUES "
    "(%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, 'new', %s, %s, %s, %s, %s, %s, %s) "
    "ON CONFLICT (fingerprint) DO NOTHING RETURNING id"
)
def _stamp() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime()) + ".000Z"


def _pattern_ids(conn: Connection, fingerprints: list[str]) -> dict[str, int]:
    """fingerprint -> the pattern it counts toward: a pattern folded by the fleet merge
    counts toward its target (store/team/merges.py)."""
    rows = conn.exec_driver_sql(
        "SELECT p.fingerprint, COALESCE(a.target_id, p.id) FROM pattern p "
        "LEFT JOIN pattern_alias a ON a.pattern_id = p.id WHERE p.fingerprint = ANY(%s)",
        (fingerprints,))
    return {r[0]: int(r[1]) for r in rows}


def _resolve_patterns(conn: Connection, host: str, source_id: int,
                      deltas: Sequence[PatternDelta]) -> tuple[dict[str, int], list[int]]:
    """Ids of the shipment's patterns, inserting the new ones. Existing rows are neither
    changed nor locked: fifty agents share the fleet's frequent patterns, and a counter
    updated by each of them serialised their transactions (measured: RESULTS.md). The
    fleet-wide count is the sum of ``pattern_host`` (see :func:`.fleet.roll_up_counts`).
    Returns the ids by fingerprint and those of the patterns this shipment added (new to the
    whole fleet: the desktops' trays tell of them)."""
    ids = _pattern_ids(conn, [d.fingerprint for d in deltas]) if deltas else {}
    created: list[int] = []
    for d in sorted(deltas, key=lambda d: d.fingerprint):
        if d.fingerprint in ids:
            continue
        samples = json.dumps([p for p in d.parameters[:10] if p])
        new_id = conn.exec_driver_sql(_INSERT_PATTERN, (
            d.fingerprint, _text(d.template), d.level, d.exception, d.error_type, d.severity,
            d.confidence, d.count, d.first_seen, d.last_seen, _text(d.root_cause),
            json.dumps(d.resolution_steps), _text(samples), _text(d.sample_text), host,
            source_id, _stamp())).scalar()
        if new_id is None:  # another agent inserted it meanwhile (and committed)
            ids.update(_pattern_ids(conn, [d.fingerprint]))
        else:
            ids[d.fingerprint] = int(new_id)
            created.append(int(new_id))
    return ids, created


def _count_per_host(conn: Connection, host: str, deltas: Sequence[PatternDelta],
                    ids: dict[str, int]) -> None:
    if deltas:
        conn.exec_driver_sql(
            "INSERT INTO pattern_host (pattern_id, host, count, first_seen, last_seen) "
            "VALUES (%s, %s, %s, %s, %s) ON CONFLICT (pattern_id, host) DO UPDATE SET "
            "count = pattern_host.count + EXCLUDED.count, "
            "first_seen = LEAST(pattern_host.first_seen, EXCLUDED.first_seen), "
            "last_seen = GREATEST(pattern_host.last_seen, EXCLUDED.last_seen)",
            [(ids[d.fingerprint], host, d.count, d.first_seen, d.last_seen)
             for d in sorted(deltas, key=lambda d: d.fingerprint)])


def _insert_events(conn: Connection, host: str, source_id: int, events: Sequence[EventRow],
                   ids: dict[str, int]) -> None:
    if not events:
        return
    dumps, fields_json = jsontext.dumps, jsontext.dumps_default_str
    conn.exec_driver_sql(
        'INSERT INTO event (host, pattern_id, source_id, time, level, message, parameters, '
        'fields, raw, "offset", line_no) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s)',
        [(host, ids[e.fingerprint], source_id, e.time, e.level, _text(e.message),
          _text(dumps(e.parameters)), _text(fields_json(e.fields)), _text(e.raw), e.offset,
          e.line_no) for e in events])


def source_offsets(conn: Connection, host: str) -> dict[str, tuple[int, int, int | None]]:
    """path → (offset, lines, inode) of every source of ``host`` the store knows."""
    rows = conn.exec_driver_sql(
        'SELECT path, "offset", lines, inode FROM source WHERE host = %s', (host,))
    return {r[0]: (int(r[1]), int(r[2]), r[3]) for r in rows}


def report_agent_state(conn: Connection, host: str, state: str, reason: str | None,
                       spooled: int) -> None:
    """An agent's state without a shipment (idle, spool full, forwarding its spool): the
    desktops' host lists show it at once, not at the next shipment."""
    conn.exec_driver_sql(
        "UPDATE agent SET state = %s, reason = %s, spooled = %s, last_contact = now() "
        "WHERE host = %s", (state, reason, spooled, host))
    notify(conn, {"kind": "agent", "host": host, "state": state, "sent": time.time()})

"""The single writer: one batch of events, pattern changes and the source offset per transaction.

Plain SQL over SQLAlchemy's connection: the ORM costs too much per row for the rates we need
(tens of thousands of events per second), and the statements stay readable this way.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, datetime
from typing import Any, overload

from sqlalchemy import Connection
from sqlalchemy.exc import SQLAlchemyError

from stacklens_desktop.core.batch import (
    Batch,
    EventRow,
    PatternChange,
    PatternDelta,
    SourcePosition,
    WriteResult,
)
from stacklens_desktop.store import jsontext
from stacklens_desktop.store.errors import write_error
from stacklens_desktop.store.escalations import EscalationUpdate, apply_escalations
from stacklens_desktop.store.executor import WriteExecutor

#: Runs inside the write transaction with the patterns the batch touched.
AfterWrite = Callable[[Connection, Sequence[PatternChange]], list[Any]]

MAX_PARAMETER_SAMPLES = 10
#: What a recurrence does to the triage status (SQLite reads the old row in every SET term):
#: a resolved pattern becomes a regression; a mute that has ended is lifted (status new).
_ENDED_MUTE = "(status = 'muted' AND muted_until <= ?)"
_RECUR = (
    "status = CASE WHEN status = 'resolved' THEN 'regression' "
    f"WHEN {_ENDED_MUTE} THEN 'new' ELSE status END, "
    f"muted_until = CASE WHEN {_ENDED_MUTE} THEN NULL ELSE muted_until END, "
    f"status_changed_at = CASE WHEN status = 'resolved' OR {_ENDED_MUTE} THEN ? "
    "ELSE status_changed_at END"
)
SQL_IN_CHUNK = 500


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"


def _min(a: str | None, b: str | None) -> str | None:
    return b if a is None else a if b is None else min(a, b)


def _max(a: str | None, b: str | None) -> str | None:
    return b if a is None else a if b is None else max(a, b)


def _merge_samples(stored: str, new: Iterable[list[str]]) -> str:
    samples: list[list[str]] = json.loads(stored or "[]")
    for params in new:
        if len(samples) >= MAX_PARAMETER_SAMPLES:
            break
        if params and params not in samples:
            samples.append(params)
    return json.dumps(samples)


def _with_escalations(changes: list[PatternChange],
                      updates: Sequence[EscalationUpdate]) -> list[PatternChange]:
    """Mark the changes whose escalation rose; add the untouched patterns whose escalation
    changed (they fell back, or rose from the batch's time alone)."""
    by_id = {c.pattern_id: c for c in changes}
    out = list(changes)
    for update in updates:
        change = by_id.get(update.pattern_id)
        if change is not None:
            change.escalated = update.rose
        elif update.changed:
            out.append(PatternChange(update.pattern_id, update.fingerprint, update.count,
                                     False, update.rose))
    return out


class StoreWriter:
    """Writes batches; the only writer of events, patterns and offsets."""

    def __init__(self, executor: WriteExecutor) -> None:
        self._executor = executor

    @overload
    def write(self, batch: Batch) -> WriteResult: ...

    @overload
    def write(self, batch: Batch, after: AfterWrite) -> tuple[WriteResult, list[Any]]: ...

    def write(self, batch: Batch, after: AfterWrite | None = None) -> Any:
        """Write ``batch`` in one transaction. ``after`` runs inside the same transaction with
        the changed patterns (the Jira automation writes its decisions and outbox rows there),
        and its result is returned beside the write result."""
        try:
            result, extra = self._executor.run(lambda conn: self._write_in(conn, batch, after))
        except (SQLAlchemyError, sqlite3.Error, OSError) as exc:
            raise write_error(exc) from exc
        return result if after is None else (result, extra)

    def _write_in(self, conn: Connection, batch: Batch,
                  after: AfterWrite | None) -> tuple[WriteResult, list[Any]]:
        source_id = self._upsert_source(conn, batch.position) if batch.position else None
        changes = self._apply_patterns(conn, list(batch.patterns.values()), source_id)
        ids = {c.fingerprint: c.pattern_id for c in changes}
        written = self._insert_events(conn, batch.events, ids, source_id)
        updates = apply_escalations(conn, list(batch.patterns.values()), ids, source_id)
        changes = _with_escalations(changes, updates)
        extra = after(conn, changes) if after is not None and changes else []
        return WriteResult(source_id=source_id, events_written=written, patterns=changes), extra

    # -- sources -------------------------------------------------------------------------
    def _upsert_source(self, conn: Connection, pos: SourcePosition) -> int:
        row = conn.exec_driver_sql("SELECT id FROM source WHERE path = ?", (pos.path,)).first()
        now = utc_now()
        if row is None:
            cursor = conn.exec_driver_sql(
                "INSERT INTO source (path, inode, device, offset, lines, state, reason, "
                "format_name, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (pos.path, pos.inode, pos.device, pos.offset, pos.lines_added,
                 pos.state or "idle", pos.reason, pos.format_name, now),
            )
            return int(cursor.lastrowid)
        conn.exec_driver_sql(
            "UPDATE source SET offset = ?, lines = lines + ?, inode = COALESCE(?, inode), "
            "device = COALESCE(?, device), state = COALESCE(?, state), reason = ?, "
            "format_name = COALESCE(?, format_name), updated_at = ? WHERE id = ?",
            (pos.offset, pos.lines_added, pos.inode, pos.device, pos.state, pos.reason,
             pos.format_name, now, row[0]),
        )
        return int(row[0])

    # -- patterns ------------------------------------------------------------------------
    def _lookup(self, conn: Connection, fingerprints: Sequence[str]) -> dict[str, tuple]:
        found: dict[str, tuple] = {}
        for start in range(0, len(fingerprints), SQL_IN_CHUNK):
            chunk = fingerprints[start : start + SQL_IN_CHUNK]
            marks = ",".join("?" * len(chunk))
            rows = conn.exec_driver_sql(
                "SELECT fingerprint, id, count, first_seen, last_seen, parameters_sample "
                f"FROM pattern WHERE fingerprint IN ({marks})",
                tuple(chunk),
            )
            for row in rows:
                found[row[0]] = tuple(row)
        return found

    def _rekey(self, conn: Connection, delta: PatternDelta, old_key: str,
               found: dict[str, tuple]) -> None:
        """The miner folded ``old_key`` into this pattern: the first stored one keeps its row
        under the new key, later ones are merged into it (events, counts, ticket, history)."""
        old = found.get(old_key)
        if old is None or old_key == delta.fingerprint:
            return
        new = found.get(delta.fingerprint)
        if new is None:
            conn.exec_driver_sql(
                "UPDATE pattern SET fingerprint = ?, template = ? WHERE id = ?",
                (delta.fingerprint, delta.template, old[1]),
            )
            found[delta.fingerprint] = old
        else:
            conn.exec_driver_sql(
                "UPDATE event SET pattern_id = ? WHERE pattern_id = ?", (new[1], old[1]))
            conn.exec_driver_sql(
                "UPDATE pattern SET count = count + ? WHERE id = ?", (old[2], new[1]))
            conn.exec_driver_sql(
                "UPDATE ticket SET pattern_id = ? WHERE pattern_id = ? AND NOT EXISTS "
                "(SELECT 1 FROM ticket WHERE pattern_id = ?)", (new[1], old[1], new[1]))
            conn.exec_driver_sql("UPDATE outbox SET pattern_id = ? WHERE pattern_id = ?",
                                 (new[1], old[1]))
            conn.exec_driver_sql("UPDATE automationlog SET pattern_id = ? WHERE pattern_id = ?",
                                 (new[1], old[1]))
            conn.exec_driver_sql("UPDATE feedback SET pattern_id = ? WHERE pattern_id = ?",
                                 (new[1], old[1]))
            conn.exec_driver_sql("DELETE FROM ticket WHERE pattern_id = ?", (old[1],))
            conn.exec_driver_sql("DELETE FROM pattern WHERE id = ?", (old[1],))
        del found[old_key]

    def _apply_patterns(
        self, conn: Connection, deltas: list[PatternDelta], source_id: int | None
    ) -> list[PatternChange]:
        keys = [d.fingerprint for d in deltas] + [k for d in deltas for k in d.merged_from]
        found = self._lookup(conn, keys)
        for delta in deltas:
            for old_key in delta.merged_from:
                self._rekey(conn, delta, old_key, found)
        now = utc_now()
        changes: list[PatternChange] = []
        for d in deltas:
            row = found.get(d.fingerprint)
            if row is None:
                changes.append(self._insert_pattern(conn, d, source_id, now))
                continue
            _, pattern_id, count, first_seen, last_seen, samples = row
            conn.exec_driver_sql(
                "UPDATE pattern SET count = count + ?, template = ?, first_seen = ?, "
                f"last_seen = ?, parameters_sample = ?, updated_at = ?, {_RECUR} WHERE id = ?",
                (d.count, d.template, _min(first_seen, d.first_seen),
                 _max(last_seen, d.last_seen), _merge_samples(samples, d.parameters), now,
                 now, now, now, now, pattern_id),
            )
            changes.append(PatternChange(pattern_id, d.fingerprint, count + d.count, False))
        return changes

    def _insert_pattern(
        self, conn: Connection, d: PatternDelta, source_id: int | None, now: str
    ) -> PatternChange:
        cursor = conn.exec_driver_sql(
            "INSERT INTO pattern (fingerprint, template, level, exception, error_type, severity, "
            "confidence, count, first_seen, last_seen, status, root_cause, resolution_steps, "
            "parameters_sample, sample_text, host, source_id, updated_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'new', ?, ?, ?, ?, ?, ?, ?)",
            (d.fingerprint, d.template, d.level, d.exception, d.error_type, d.severity,
             d.confidence, d.count, d.first_seen, d.last_seen, d.root_cause,
             json.dumps(d.resolution_steps), _merge_samples("[]", d.parameters), d.sample_text,
             d.host, source_id, now),
        )
        return PatternChange(int(cursor.lastrowid), d.fingerprint, d.count, True)

    # -- events --------------------------------------------------------------------------
    def _insert_events(
        self, conn: Connection, events: list[EventRow], ids: dict[str, int],
        source_id: int | None,
    ) -> int:
        if not events:
            return 0
        dumps, fields_json = jsontext.dumps, jsontext.dumps_default_str
        rows = [
            (ids[e.fingerprint], source_id, e.time, e.level, e.message,
             dumps(e.parameters), fields_json(e.fields), e.raw, e.offset, e.line_no)
            for e in events
        ]
        conn.exec_driver_sql(
            "INSERT INTO event (pattern_id, source_id, time, level, message, parameters, "
            "fields, raw, offset, line_no) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )
        return len(rows)

"""The live pipeline without Qt: what the tailer read → records → analysis → store.

The Qt analysis worker is a thin shell around :class:`LivePipeline`; tests and benchmarks may
drive it directly. Each chunk of a source is written in one transaction together with the
source offset (and file identity) it reaches, so a crash never loses or repeats a line.

A record may arrive line by line: each source's :class:`RecordAssembly` keeps the last record
open until the next record-start line, or until the source stays idle for its wait (250 ms
by default; ``watch.wait_settings`` keeps a wait per source). While a record is open the
committed offset stays at its start, so a crash re-reads it whole. :meth:`LivePipeline.close_idle`
closes the records whose wait is over; the analysis worker calls it on a timer.

Closed records are analysed at once and their batches queued; the queue is written in order.
A write that fails for a reason that goes away (disk full, I/O error, the database locked for
long) stops the queue there: the batch and its offset stay uncommitted, the report says
``waiting`` with the reason, and :meth:`LivePipeline.resume` writes the same batch and all
after it once it can. Nothing is skipped, so the committed offset never moves past a batch
that was not stored.
"""

from __future__ import annotations

import logging
import time
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatch
from typing import Any

from sqlalchemy import Connection

from stacklens_desktop.core.analyzer import Analyzer, PatternJudge
from stacklens_desktop.core.batch import Batch, EventRow, PatternChange, SourcePosition
from stacklens_desktop.core.formats import LogFormat, detect_format
from stacklens_desktop.core.scrub import scrubber_for
from stacklens_desktop.core.times import today
from stacklens_desktop.live_assembly import DEFAULT_WAIT_S, Closed, RecordAssembly
from stacklens_desktop.live_sessions import WatchSessions
from stacklens_desktop.settings.access import load_scrub
from stacklens_desktop.store import Store, queries
from stacklens_desktop.store.errors import StoreWriteError
from stacklens_desktop.watch.model import Chunk, EventKind, TailResult

#: Events after which the open record of a source cannot continue: its file is gone or reset.
_CLOSING = (EventKind.TRUNCATED, EventKind.ROTATED, EventKind.RECREATED, EventKind.CREATED,
            EventKind.DELETED)

log = logging.getLogger("stacklens.live")

#: Called inside the write transaction with the patterns a batch touched (Jira automation).
AutomationHook = Callable[[Connection, Sequence[PatternChange]], list[Any]]


@dataclass(slots=True)
class StoredEvent:
    """An event as committed, for the UI and ``watch --jsonl``."""

    source: str
    offset: int
    time: str | None
    level: str | None
    message: str
    fingerprint: str
    severity: str
    error_type: str
    confidence: float
    #: the record's structured fields and its whole text as written (not redacted here:
    #: whatever prints them outside the app redacts them)
    fields: dict[str, Any] = field(default_factory=dict)
    raw: str = ""


@dataclass(slots=True)
class LiveReport:
    """What one call of :meth:`LivePipeline.process` did."""

    events: list[StoredEvent] = field(default_factory=list)
    patterns: list[PatternChange] = field(default_factory=list)
    states: list[tuple[str, str, str]] = field(default_factory=list)
    decisions: list[Any] = field(default_factory=list)
    lines: int = 0
    #: Set when a write failed for a reason that may pass (disk full ...): the reason. The
    #: failed batch and all after it wait in the pipeline for :meth:`LivePipeline.resume`.
    waiting: str = ""
    #: Paths whose work is waiting (for their state in the window and the CLI).
    waiting_paths: list[str] = field(default_factory=list)
    #: Readable messages for batches that could not be stored and were dropped (a bug).
    dropped: list[str] = field(default_factory=list)


@dataclass(slots=True)
class _Unit:
    """One analysed batch waiting to be written: events with their commit point, or a state
    change of the source (``analyzer`` None)."""

    path: str
    batch: Batch
    lines: int = 0
    records: int = 0
    analyzer: Analyzer | None = None
    state: tuple[str, str] | None = None


@dataclass
class _SourceState:
    analyzer: Analyzer | None = None
    fmt: LogFormat | None = None
    assembly: RecordAssembly | None = None
    lines: int = 0
    state: str | None = None
    reason: str | None = None


class LivePipeline:
    """One per analysis worker; the only writer of events, patterns and offsets."""

    def __init__(self, store: Store, judge: PatternJudge,
                 automation: AutomationHook | None = None,
                 wait_for: Callable[[str], float] | None = None) -> None:
        """``wait_for(path)`` gives a source's idle gap in seconds (default 250 ms)."""
        self._store = store
        self._judge = judge
        self._automation = automation
        self._wait_for = wait_for or (lambda _path: DEFAULT_WAIT_S)
        self._sources: dict[str, _SourceState] = {}
        #: the profile's scrubbing rules, read when watching starts
        self._scrubber = scrubber_for(load_scrub(store.engine))
        self._queue: deque[_Unit] = deque()
        #: Paths shown as waiting while writes were blocked, with their tailer state.
        self._blocked: dict[str, tuple[str, str]] = {}
        #: one analysis-history run per source watched
        self._sessions = WatchSessions(store.engine)

    @property
    def waiting(self) -> bool:
        """Batches wait for a write that failed for a passing reason."""
        return bool(self._queue)

    def process(self, results: Sequence[TailResult], now: float | None = None) -> LiveReport:
        report = LiveReport()
        now = time.monotonic() if now is None else now
        for result in results:
            self._process_one(result, report, now)
        return self._flush(report)

    def resume(self) -> LiveReport:
        """Write the waiting batches (and stop again at the first write that fails)."""
        return self._flush(LiveReport())

    def next_deadline(self) -> float | None:
        """Monotonic time at which the first open record closes if its source stays idle."""
        deadlines = [s.assembly.deadline() for s in self._sources.values() if s.assembly]
        return min((d for d in deadlines if d is not None), default=None)

    def close_idle(self, now: float | None = None) -> LiveReport:
        """Close and store the open records whose source was idle for its wait."""
        now = time.monotonic() if now is None else now
        return self._close_where(lambda assembly: assembly.due(now))

    def close_all(self) -> LiveReport:
        """Close and store every open record (the watch stops: nothing more will be read)."""
        return self._close_where(lambda assembly: assembly.is_open)

    def end_session(self, watched: str) -> LiveReport:
        """``watched`` (a file or a glob) is no longer read: its open records are stored and
        the watch sessions of its files end."""
        ended = [path for path in self._sources if path == watched or fnmatch(path, watched)]
        closing = {id(self._sources[path].assembly) for path in ended}
        report = self._close_where(
            lambda assembly: assembly.is_open and id(assembly) in closing)
        if not self._queue:  # else they end once the waiting writes are stored, or at stop
            self._sessions.finish(paths=ended)
        return report

    def save_sessions(self) -> bool:
        """Store the watch sessions' counts so far (the history shows them while they run);
        True when any moved."""
        return self._sessions.save()

    def end_sessions(self, state: str = "done") -> None:
        """Watching stops: the watch sessions of the analysis history end now."""
        self._sessions.finish(state)

    def _close_where(self, due: Callable[[RecordAssembly], bool]) -> LiveReport:
        report = LiveReport()
        for path, source in self._sources.items():
            if source.assembly is not None and due(source.assembly):
                self._write_closed(path, source, source.assembly.close(), report)
        return self._flush(report)

    def _flush(self, report: LiveReport) -> LiveReport:
        """Write the queued batches in order; stop at a write that may work later."""
        while self._queue:
            unit = self._queue[0]
            try:
                self._write_unit(unit, report)
            except StoreWriteError as exc:
                if exc.transient:
                    return self._blocked_by(str(exc), report)
                log.error("batch of %s dropped: %s", unit.path, exc)
                report.dropped.append(f"{unit.path}: {exc}")
            self._queue.popleft()
        for path, (state, reason) in self._blocked.items():  # back from "waiting"
            report.states.append((path, state, reason))
        self._blocked.clear()
        return report

    def _blocked_by(self, reason: str, report: LiveReport) -> LiveReport:
        report.waiting = reason
        report.waiting_paths = sorted({u.path for u in self._queue})
        for path in report.waiting_paths:
            source = self._sources.get(path)
            self._blocked[path] = ((source.state or "watching") if source else "watching",
                                   (source.reason or "") if source else "")
        return report

    def _write_unit(self, unit: _Unit, report: LiveReport) -> None:
        if unit.analyzer is None:
            result = self._store.writer.write(unit.batch)
            self._sessions.record(unit.path, result.source_id)
            if unit.state is not None:
                report.states.append((unit.path, *unit.state))
            return
        written, decisions = self._write(unit.batch)
        self._sessions.record(unit.path, written.source_id, unit.lines, unit.records,
                              written.events_written, len(written.new_patterns))
        self._sources[unit.path].lines += unit.lines
        report.lines += unit.lines
        report.patterns.extend(written.patterns)
        report.decisions.extend(decisions)
        report.events.extend(self._stored(unit.path, unit.batch.events, unit.analyzer))

    def _source(self, path: str) -> _SourceState:
        state = self._sources.get(path)
        if state is None:
            known = queries.source_position(self._store.engine, path)
            state = self._sources[path] = _SourceState(lines=known[1] if known else 0)
        return state

    def _process_one(self, result: TailResult, report: LiveReport, now: float) -> None:
        source = self._source(result.path)
        source.state, source.reason = result.state.value, result.reason or None
        for event in result.events:
            if event.chunk is not None:
                assembly = self._ensure_assembly(result.path, source, event.chunk)
                for closed in assembly.feed(event.chunk, now):
                    self._write_closed(result.path, source, closed, report)
            elif event.kind in _CLOSING:
                log.info("%s: %s %s", result.path, event.kind.value, event.detail)
                if source.assembly is not None and source.assembly.is_open:
                    self._write_closed(result.path, source, source.assembly.close(), report)
        if result.state_changed or not result.chunks:
            self._write_state(result, source)

    def _ensure_assembly(self, path: str, source: _SourceState, chunk: Chunk) -> RecordAssembly:
        if source.assembly is None:
            sample = chunk.data[:256 * 1024].decode("utf-8", errors="replace").splitlines()
            source.fmt = detect_format([line for line in sample if line.strip()][:50])
            source.analyzer = Analyzer(fmt=source.fmt, judge=self._judge,
                                       scrubber=self._scrubber)
            source.assembly = RecordAssembly(source.fmt, source.lines + 1, self._wait_for(path))
        return source.assembly

    def _write_closed(self, path: str, source: _SourceState, closed: Closed,
                      _report: LiveReport) -> None:
        """Analyse a closed record run now (once) and queue its batch for writing."""
        analyzer = source.analyzer
        assert analyzer is not None and source.fmt is not None
        position = SourcePosition(
            path=path, offset=closed.offset, lines_added=closed.lines,
            inode=closed.file_id.ino, device=closed.file_id.dev, state=source.state,
            reason=source.reason, format_name=source.fmt.name,
        )
        analyzer.reference = today()  # year-less stamps: this year (or last, near New Year)
        batch = analyzer.analyze(closed.records, position)
        self._queue.append(_Unit(path, batch, closed.lines, len(closed.records), analyzer))

    def _write(self, batch: Batch) -> tuple[Any, list[Any]]:
        if self._automation is None:
            return self._store.writer.write(batch), []
        return self._store.writer.write(batch, after=self._automation)

    def _write_state(self, result: TailResult, source: _SourceState) -> None:
        """The source's state, with its commit point: the tailer's offset, or the start of
        the record still open (its lines are not committed before it closes)."""
        offset, file_id = result.offset, result.file_id
        if source.assembly is not None and source.assembly.committed is not None:
            offset, file_id = source.assembly.committed
        position = SourcePosition(
            path=result.path, offset=offset, lines_added=0,
            inode=file_id.ino if file_id else None,
            device=file_id.dev if file_id else None,
            state=result.state.value, reason=result.reason or None,
        )
        self._queue.append(_Unit(result.path, Batch(position=position),
                                 state=(result.state.value, result.reason)))

    @staticmethod
    def _stored(path: str, events: list[EventRow], analyzer: Analyzer) -> list[StoredEvent]:
        out: list[StoredEvent] = []
        for e in events:
            verdict = analyzer.judged[e.fingerprint]
            out.append(StoredEvent(path, e.offset, e.time, e.level, e.message, e.fingerprint,
                                   verdict.severity, verdict.error_type, verdict.confidence,
                                   e.fields, e.raw))
        return out

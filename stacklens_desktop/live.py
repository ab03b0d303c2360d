"""The live pipeline without Qt: what the tailer read → records → analysis → store.

The Qt analysis worker is a thin shell around :class:`LivePipeline`; tests and benchmarks may
drive it directly. Each chunk of a source is written in one transaction together with the
source offset (and file identity) it reaches, so a crash never loses or repeats a line.

A write that fails for a reason that goes away (disk full, I/O error, the database locked
for long) keeps the rest of the work in order: the chunk's batch and its offset stay
uncommitted, :meth:`LivePipeline.process` reports ``waiting`` with the reason, and
:meth:`LivePipeline.resume` writes the same batch and everything after it once it can. Nothing
is skipped, so the committed offset never moves past a batch that was not stored.

Live mode flushes the record scanner at the end of every chunk: a logging framework writes a
record (stack trace included) in one write, and waiting for the next record's first line would
delay a lone error until the next line arrives.
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from stacklens_desktop.core.analyzer import Analyzer, PatternJudge
from stacklens_desktop.core.batch import Batch, EventRow, PatternChange, SourcePosition
from stacklens_desktop.core.formats import LogFormat, detect_format
from stacklens_desktop.core.scanner import RecordScanner
from stacklens_desktop.store import Store, queries
from stacklens_desktop.store.errors import StoreWriteError
from stacklens_desktop.watch.model import Chunk, EventKind, TailResult

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


@dataclass
class _SourceState:
    analyzer: Analyzer | None = None
    fmt: LogFormat | None = None
    lines: int = 0


class LivePipeline:
    """One per analysis worker; the only writer of events, patterns and offsets."""

    def __init__(self, store: Store, judge: PatternJudge,
                 automation: AutomationHook | None = None) -> None:
        self._store = store
        self._judge = judge
        self._automation = automation
        self._sources: dict[str, _SourceState] = {}
        self._pending: deque[TailResult] = deque()
        #: How many events of the head of ``_pending`` are stored already.
        self._head_done = 0
        #: The batch built for the head's next chunk when its write failed: written as is on
        #: retry (the chunk is not analysed twice).
        self._held: tuple[int, Batch, int] | None = None
        #: Paths shown as waiting while writes were blocked, with their tailer state.
        self._blocked: dict[str, tuple[str, str]] = {}

    @property
    def waiting(self) -> bool:
        return bool(self._pending)

    def process(self, results: Sequence[TailResult]) -> LiveReport:
        """Store what the tailer read, in order, after anything still waiting."""
        self._pending.extend(results)
        return self.resume()

    def resume(self) -> LiveReport:
        """Write the waiting work (and stop again at the first write that fails)."""
        report = LiveReport()
        while self._pending:
            try:
                self._process_one(self._pending[0], report)
            except StoreWriteError as exc:
                if exc.transient:
                    report.waiting = str(exc)
                    report.waiting_paths = sorted({r.path for r in self._pending})
                    for r in self._pending:
                        self._blocked[r.path] = (r.state.value, r.reason)
                    return report
                log.error("batch of %s dropped: %s", self._pending[0].path, exc)
                report.dropped.append(f"{self._pending[0].path}: {exc}")
                self._held = None
            self._pending.popleft()
            self._head_done = 0
        for path, (state, reason) in self._blocked.items():  # back from "waiting"
            report.states.append((path, state, reason))
        self._blocked.clear()
        return report

    def _source(self, path: str) -> _SourceState:
        state = self._sources.get(path)
        if state is None:
            known = queries.source_position(self._store.engine, path)
            state = self._sources[path] = _SourceState(lines=known[1] if known else 0)
        return state

    def _process_one(self, result: TailResult, report: LiveReport) -> None:
        source = self._source(result.path)
        for index in range(self._head_done, len(result.events)):
            event = result.events[index]
            if event.chunk is not None:
                self._write_chunk(result, source, event.chunk, report)
            elif event.kind in (EventKind.TRUNCATED, EventKind.ROTATED, EventKind.RECREATED,
                                EventKind.CREATED):
                log.info("%s: %s %s", result.path, event.kind.value, event.detail)
            self._head_done = index + 1
        if result.state_changed or not result.chunks:
            self._write_state(result)
            report.states.append((result.path, result.state.value, result.reason))

    def _ensure_analyzer(self, source: _SourceState, chunk: Chunk) -> Analyzer:
        if source.analyzer is None:
            sample = chunk.data[:256 * 1024].decode("utf-8", errors="replace").splitlines()
            source.fmt = detect_format([line for line in sample if line.strip()][:50])
            source.analyzer = Analyzer(fmt=source.fmt, judge=self._judge)
        return source.analyzer

    def _write_chunk(self, result: TailResult, source: _SourceState, chunk: Chunk,
                     report: LiveReport) -> None:
        analyzer = self._ensure_analyzer(source, chunk)
        if self._held is not None and self._held[0] == chunk.start:
            _, batch, lines = self._held
        else:
            batch, lines = self._analyze_chunk(result, source, analyzer, chunk)
        self._held = (chunk.start, batch, lines)
        written, decisions = self._write(batch)
        self._held = None
        source.lines += lines
        report.lines += lines
        report.patterns.extend(written.patterns)
        report.decisions.extend(decisions)
        report.events.extend(self._stored(result.path, batch.events, analyzer))

    def _analyze_chunk(self, result: TailResult, source: _SourceState, analyzer: Analyzer,
                       chunk: Chunk) -> tuple[Batch, int]:
        assert source.fmt is not None
        scanner = RecordScanner(source.fmt, first_line_no=source.lines + 1)
        scanned = scanner.feed(chunk.start, chunk.data)
        tail = scanner.finish()
        records = scanned.records + tail.records
        lines = scanned.lines + tail.lines
        position = SourcePosition(
            path=result.path, offset=chunk.end, lines_added=lines, inode=chunk.file_id.ino,
            device=chunk.file_id.dev, state=result.state.value, reason=result.reason or None,
            format_name=source.fmt.name,
        )
        return analyzer.analyze(records, position), lines

    def _write(self, batch: Batch) -> tuple[Any, list[Any]]:
        if self._automation is None:
            return self._store.writer.write(batch), []
        return self._store.writer.write(batch, after=self._automation)

    def _write_state(self, result: TailResult) -> None:
        position = SourcePosition(
            path=result.path, offset=result.offset, lines_added=0,
            inode=result.file_id.ino if result.file_id else None,
            device=result.file_id.dev if result.file_id else None,
            state=result.state.value, reason=result.reason or None,
        )
        self._store.writer.write(Batch(position=position))

    @staticmethod
    def _stored(path: str, events: list[EventRow], analyzer: Analyzer) -> list[StoredEvent]:
        out: list[StoredEvent] = []
        for e in events:
            verdict = analyzer.judged[e.fingerprint]
            out.append(StoredEvent(path, e.offset, e.time, e.level, e.message, e.fingerprint,
                                   verdict.severity, verdict.error_type, verdict.confidence))
        return out

"""The live pipeline without Qt: what the tailer read → records → analysis → store.

The Qt analysis worker is a thin shell around :class:`LivePipeline`; tests and benchmarks may
drive it directly. Each chunk of a source is written in one transaction together with the
source offset (and file identity) it reaches, so a crash never loses or repeats a line.

Live mode flushes the record scanner at the end of every chunk: a logging framework writes a
record (stack trace included) in one write, and waiting for the next record's first line would
delay a lone error until the next line arrives.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection

from stacklens_desktop.core.analyzer import Analyzer, PatternJudge
from stacklens_desktop.core.batch import Batch, EventRow, PatternChange, SourcePosition
from stacklens_desktop.core.formats import LogFormat, detect_format
from stacklens_desktop.core.scanner import RecordScanner
from stacklens_desktop.store import Store, queries
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

    def process(self, results: Sequence[TailResult]) -> LiveReport:
        report = LiveReport()
        for result in results:
            self._process_one(result, report)
        return report

    def _source(self, path: str) -> _SourceState:
        state = self._sources.get(path)
        if state is None:
            known = queries.source_position(self._store.engine, path)
            state = self._sources[path] = _SourceState(lines=known[1] if known else 0)
        return state

    def _process_one(self, result: TailResult, report: LiveReport) -> None:
        source = self._source(result.path)
        for event in result.events:
            if event.chunk is not None:
                self._write_chunk(result, source, event.chunk, report)
            elif event.kind in (EventKind.TRUNCATED, EventKind.ROTATED, EventKind.RECREATED,
                                EventKind.CREATED):
                log.info("%s: %s %s", result.path, event.kind.value, event.detail)
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
        batch = analyzer.analyze(records, position)
        written, decisions = self._write(batch)
        source.lines += lines
        report.lines += lines
        report.patterns.extend(written.patterns)
        report.decisions.extend(decisions)
        report.events.extend(self._stored(result.path, batch.events, analyzer))

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

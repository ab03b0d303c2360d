"""Importing a whole file: read in chunks → scan → analyze → store, one transaction per chunk.

The source offset is committed with the events read up to it, so an interrupted import resumes
where it stopped and a finished one is not counted twice.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from stacklens_desktop.core.analyzer import Analyzer, PatternJudge
from stacklens_desktop.core.batch import SourcePosition, WriteResult
from stacklens_desktop.core.formats import detect_format
from stacklens_desktop.core.reading import (
    CHUNK_SIZE,
    UnreadableFileError,
    open_log,
    read_text_sample,
)
from stacklens_desktop.core.scanner import RECORD_CUT_MARKER, RecordScanner
from stacklens_desktop.core.scrub import scrubber_for
from stacklens_desktop.core.times import modified_date
from stacklens_desktop.gcheap import frozen_heap
from stacklens_desktop.scan_ahead import Prepared, ScanAhead, ScanAheadError, prepare_chunks
from stacklens_desktop.settings.access import load_scrub
from stacklens_desktop.store import Store, queries, runs

log = logging.getLogger("stacklens.import")

#: Called with (bytes done, bytes total) after each chunk.
Progress = Callable[[int, int], None]
#: Called with each chunk's write result, right after its commit (the window shows the
#: patterns it touched while the import goes on).
Committed = Callable[[WriteResult], None]


class ImportCancelled(Exception):
    """Raised by a ``progress`` or ``committed`` callback to end the import between two
    chunks; what was committed stays, and the run is recorded as cancelled."""


@dataclass(slots=True)
class ImportSummary:
    source_id: int | None
    path: str
    lines: int
    records: int
    errors: int
    new_patterns: int
    resumed_from: int
    format_name: str
    #: records longer than the scanner keeps (cut at 256 KiB, with a marker)
    cut_records: int = 0
    #: the file was shorter at the end of the import than at its start (truncated or
    #: replaced while being read): what was read may not be what the file now holds
    shrank: bool = False


def _size_now(path: Path) -> int:
    try:
        return os.stat(path).st_size
    except OSError:
        return 0


def _identity(path: Path) -> tuple[int, int, int]:
    st = os.stat(path)
    return st.st_ino, st.st_dev, st.st_size


def _start_offset(store: Store, key: str, inode: int, size: int) -> tuple[int, int]:
    """(offset, lines already counted) to resume from: 0 when unknown or the file changed."""
    known = queries.source_position(store.engine, key)
    if known is None:
        return 0, 0
    offset, lines, stored_inode = known
    if stored_inode not in (None, inode) or offset > size:
        return 0, 0
    return offset, lines


def import_file(
    store: Store, path: Path, judge: PatternJudge, progress: Progress | None = None,
    ahead: ScanAhead | None = None, committed: Committed | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> ImportSummary:
    """Import ``path`` into the store (resuming a previous import of the same file).

    ``ahead``: a process already preparing this file (``stacklens analyze``); used when it
    started where the store says to resume, else stopped and the work is done here.
    ``chunk_size``: bytes per transaction (the window uses smaller ones: a cancel waits for
    the chunk being prepared, and rows show sooner).
    """
    path = path.expanduser().resolve()
    key = str(path)
    stream = open_log(path)  # raises UnreadableFileError with a readable reason
    inode, device, size = _identity(path)
    fmt = detect_format(read_text_sample(path))
    start, lines_before = _start_offset(store, key, inode, size)
    rules = load_scrub(store.engine)
    if ahead is not None and not ahead.matches(start, lines_before + 1, fmt, (device, inode),
                                               rules):
        log.info("%s: the scanning process started elsewhere; scanning here", key)
        ahead.close()
        ahead = None
    run_id = runs.start_run(store.engine, None, "import")
    analyzer = Analyzer(fmt=fmt, judge=judge, reference=modified_date(path),
                        scrubber=scrubber_for(rules))
    summary = ImportSummary(None, key, 0, 0, 0, 0, start, fmt.name)
    state = "failed"
    try:
        with stream, frozen_heap():
            prepared = ahead.results() if ahead is not None else prepare_chunks(
                stream, start, RecordScanner(fmt, first_line_no=lines_before + 1), analyzer,
                chunk_size)
            target = _Target(store, key, inode, device, fmt.name, size, committed)
            _write_all(target, analyzer, prepared, summary, progress)
        summary.shrank = _size_now(path) < size
        state = "done"
    except KeyboardInterrupt:
        state = "interrupted"
        raise
    except ImportCancelled:
        state = "cancelled"
        raise
    finally:
        if ahead is not None:
            ahead.close()
        runs.finish_run(store.engine, run_id, source_id=summary.source_id, lines=summary.lines,
                        records=summary.records, errors=summary.errors,
                        new_patterns=summary.new_patterns, state=state)
    return summary


@dataclass(frozen=True, slots=True)
class _Target:
    store: Store
    key: str
    inode: int
    device: int
    format_name: str
    size: int
    committed: Committed | None = None


def _write_all(target: _Target, analyzer: Analyzer, prepared: Iterator[Prepared],
               summary: ImportSummary, progress: Progress | None) -> None:
    """Commit each prepared chunk, the last one as "done". A chunk already read is
    committed even when getting the next one fails (damaged input, a failed scanning
    process, Ctrl-C): what was read is never lost."""
    previous: Prepared | None = None
    try:
        for item in prepared:
            if previous is not None:
                _commit(target, analyzer, previous, "importing", summary)
                if progress:
                    progress(min(previous.read_to, target.size), target.size)
            previous = item
    except (UnreadableFileError, ScanAheadError, KeyboardInterrupt):
        if previous is not None:
            _commit(target, analyzer, previous, "importing", summary)
        raise
    if previous is not None:
        _commit(target, analyzer, previous, "done", summary)
        if progress:
            progress(target.size, target.size)


def _commit(target: _Target, analyzer: Analyzer, item: Prepared, state: str,
            summary: ImportSummary) -> None:
    position = SourcePosition(path=target.key, offset=item.offset, lines_added=item.lines,
                              inode=target.inode, device=target.device, state=state,
                              format_name=target.format_name)
    batch = analyzer.build(item.mined, position)
    written = target.store.writer.write(batch)
    summary.source_id = written.source_id
    summary.lines += item.lines
    summary.records += len(item.mined)
    summary.cut_records += sum(1 for m in item.mined if m.record.text.endswith(RECORD_CUT_MARKER))
    summary.errors += written.events_written
    summary.new_patterns += len(written.new_patterns)
    if target.committed is not None:
        target.committed(written)

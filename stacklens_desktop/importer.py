"""Importing a whole file: read in chunks → scan → analyze → store, one transaction per chunk.

The source offset is committed with the events read up to it, so an interrupted import resumes
where it stopped and a finished one is not counted twice.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from stacklens_desktop.core.analyzer import Analyzer, PatternJudge
from stacklens_desktop.core.batch import SourcePosition
from stacklens_desktop.core.formats import detect_format
from stacklens_desktop.core.reading import iter_chunks, open_log, read_text_sample
from stacklens_desktop.core.scanner import RecordScanner
from stacklens_desktop.gcheap import frozen_heap
from stacklens_desktop.store import Store, queries, runs

log = logging.getLogger("stacklens.import")

#: Called with (bytes done, bytes total) after each chunk.
Progress = Callable[[int, int], None]


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
) -> ImportSummary:
    """Import ``path`` into the store (resuming a previous import of the same file)."""
    path = path.expanduser().resolve()
    key = str(path)
    stream = open_log(path)  # raises UnreadableFileError with a readable reason
    inode, device, size = _identity(path)
    fmt = detect_format(read_text_sample(path))
    start, lines_before = _start_offset(store, key, inode, size)
    run_id = runs.start_run(store.engine, None, "import")
    analyzer = Analyzer(fmt=fmt, judge=judge)
    scanner = RecordScanner(fmt, first_line_no=lines_before + 1)
    summary = ImportSummary(None, key, 0, 0, 0, 0, start, fmt.name)
    state = "failed"
    try:
        with stream, frozen_heap():
            end = start
            for chunk in iter_chunks(stream, start):
                end = chunk.end
                result = scanner.feed(chunk.offset, chunk.data)
                _commit(store, analyzer, result, scanner.pending_offset, key, inode, device,
                        fmt.name, "importing", summary)
                if progress:
                    progress(min(chunk.end, size), size)
            result = scanner.finish()
            _commit(store, analyzer, result, end, key, inode, device, fmt.name, "done",
                    summary)
        state = "done"
    except KeyboardInterrupt:
        state = "interrupted"
        raise
    finally:
        runs.finish_run(store.engine, run_id, source_id=summary.source_id, lines=summary.lines,
                        records=summary.records, errors=summary.errors,
                        new_patterns=summary.new_patterns, state=state)
    return summary


def _commit(
    store: Store, analyzer: Analyzer, result, offset: int, key: str, inode: int, device: int,
    format_name: str, state: str, summary: ImportSummary,
) -> None:
    position = SourcePosition(path=key, offset=offset, lines_added=result.lines, inode=inode,
                              device=device, state=state, format_name=format_name)
    batch = analyzer.analyze(result.records, position)
    written = store.writer.write(batch)
    summary.source_id = written.source_id
    summary.lines += result.lines
    summary.records += len(result.records)
    summary.errors += written.events_written
    summary.new_patterns += len(written.new_patterns)

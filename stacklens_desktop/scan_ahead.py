"""Reading, scanning, parsing and mining a file in a forked process, ahead of the importer.

``stacklens analyze`` spends about 0.6 s importing the store's libraries (SQLAlchemy,
SQLModel) before it can write a row, and the file's scanning and mining cost as much again
per million lines. Forking before those imports lets the child do the second while the
parent does the first, on the other core. The child sends, per chunk, the records it parsed
and mined (:class:`Prepared`); the parent judges new patterns and writes, exactly as it
would have with the same items prepared in-process (one analyzer sees the whole file in
order either way, so the patterns and events are the same).

Only for a single-threaded process on a platform with ``fork`` (the command line): forking a
process that runs threads (the Qt app) is unsafe, so everything else prepares in-process.
"""

from __future__ import annotations

import collections
import dataclasses
import gc
import operator
import os
import pickle
import signal
import sqlite3
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, Pipe
from pathlib import Path
from typing import BinaryIO

from stacklens_desktop.core.analyzer import Analyzer, Mined
from stacklens_desktop.core.formats import LogFormat, detect_format
from stacklens_desktop.core.reading import (
    UnreadableFileError,
    iter_chunks,
    open_log,
    read_text_sample,
)
from stacklens_desktop.core.record import Record
from stacklens_desktop.core.scanner import RecordScanner
from stacklens_desktop.gcheap import batch_thresholds


@dataclass(slots=True)
class Prepared:
    """One chunk's worth of work, ready for judging and writing."""

    mined: list[Mined]
    #: lines completed by this chunk
    lines: int
    #: the offset the store may commit after this batch (start of the unfinished record)
    offset: int
    #: bytes read so far (for progress)
    read_to: int


#: message kinds on the pipe: (kind, payload)
_ITEM, _DONE, _FAILED = "item", "done", "failed"


class ScanAheadError(Exception):
    """The scanning process failed; the message says why."""


def prepare_chunks(stream: BinaryIO, start: int, scanner: RecordScanner,
                   analyzer: Analyzer) -> Iterator[Prepared]:
    """The in-process way (and the child's loop): read, scan, parse and mine each chunk."""
    end = start
    for chunk in iter_chunks(stream, start):
        end = chunk.end
        result = scanner.feed(chunk.offset, chunk.data)
        yield Prepared(analyzer.prepare(result.records), result.lines, scanner.pending_offset,
                       chunk.end)
    result = scanner.finish()
    yield Prepared(analyzer.prepare(result.records), result.lines, end, end)


#: set to 0 to prepare in-process (debugging, profiling, comparing the two ways)
ENV_SWITCH = "STACKLENS_SCAN_AHEAD"


def can_fork() -> bool:
    if os.environ.get(ENV_SWITCH, "1") == "0":
        return False
    return hasattr(os, "fork") and threading.active_count() == 1


class ScanAhead:
    """A child process preparing ``path`` from ``start``; read its work with :meth:`results`."""

    def __init__(self, path: Path, start: int, first_line_no: int, fmt: LogFormat) -> None:
        self.path, self.start, self.first_line_no, self.fmt = path, start, first_line_no, fmt
        reader, writer = Pipe(duplex=False)
        pid = os.fork()
        if pid == 0:  # the child: never returns
            reader.close()
            _child_main(writer, path, start, first_line_no, fmt)
        writer.close()
        self._pid: int | None = pid
        self._conn = reader

    def matches(self, start: int, first_line_no: int, fmt: LogFormat) -> bool:
        """Did the child start where the importer, having read the store, would start?"""
        return (self.start, self.first_line_no, self.fmt.name) == (start, first_line_no,
                                                                   fmt.name)

    def results(self) -> Iterator[Prepared]:
        """The child's chunks in order, up to and including the last one."""
        while True:
            try:
                kind, payload = _receive(self._conn)
            except EOFError:
                raise ScanAheadError(f"the scanning process for {self.path} ended "
                                     "unexpectedly") from None
            if kind == _DONE:
                return
            if kind == _FAILED:
                raise ScanAheadError(f"scanning {self.path} failed ({payload}); what was "
                                     "stored so far is kept: run again to resume")
            yield _decode(payload)

    def close(self) -> None:
        """Stop the child (if it still runs) and reap it; safe to call twice."""
        self._conn.close()
        if self._pid is None:
            return
        try:
            os.kill(self._pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        os.waitpid(self._pid, 0)
        self._pid = None


_RECORD_FIELDS = tuple(f.name for f in dataclasses.fields(Record))
_record_values = operator.attrgetter(*_RECORD_FIELDS)


def _encode(item: Prepared) -> tuple:
    """Plain tuples, which pickle at C speed (dataclasses with slots go through Python)."""
    mined = [(_record_values(m.record), m.template, m.params, m.fingerprint, m.merged_from)
             for m in item.mined]
    return mined, item.lines, item.offset, item.read_to


def _decode(data: tuple) -> Prepared:
    mined, lines, offset, read_to = data
    return Prepared([Mined(Record(*values), template, params, fingerprint, merged)
                     for values, template, params, fingerprint, merged in mined],
                    lines, offset, read_to)


def _receive(conn: Connection) -> tuple:
    """One message. The cyclic GC is paused while it is unpickled: a chunk is tens of
    thousands of new containers (no cycles among them), and collections triggered on the
    way kept re-scanning them, which cost more than the unpickling itself (measured 4x)."""
    blob = conn.recv_bytes()
    gc.disable()
    try:
        return pickle.loads(blob)
    finally:
        gc.enable()


#: encoded bytes the child may hold while the parent is busy: enough to run ahead through
#: the parent's start-up (a 4 MiB chunk of a typical log encodes to ~1 MB, of an all-error
#: log to ~10 MB), bounded so that a slow parent does not grow the child without limit
OUTBOX_BYTES = 64 * 1024 * 1024


class _Outbox:
    """A FIFO of encoded messages bounded by their total size (one message always fits)."""

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._items: collections.deque[bytes | None] = collections.deque()
        self._bytes = 0
        self._cond = threading.Condition()

    def put(self, blob: bytes | None) -> None:
        size = len(blob) if blob is not None else 0
        with self._cond:
            self._cond.wait_for(lambda: self._bytes == 0 or self._bytes + size <= self._limit)
            self._items.append(blob)
            self._bytes += size
            self._cond.notify_all()

    def get(self) -> bytes | None:
        with self._cond:
            self._cond.wait_for(lambda: bool(self._items))
            blob = self._items.popleft()
            self._bytes -= len(blob) if blob is not None else 0
            self._cond.notify_all()
            return blob


def _child_main(conn: Connection, path: Path, start: int, first_line_no: int,
                fmt: LogFormat) -> None:
    """Prepare on this thread; a sender thread writes to the pipe, so that a parent still
    starting up (not reading yet) does not stall the work after the first chunk."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    gc.freeze()  # the heap inherited from the parent is not this process's concern
    batch_thresholds()
    outbox = _Outbox(OUTBOX_BYTES)
    sender = threading.Thread(target=_send_all, args=(conn, outbox), daemon=True)
    sender.start()
    try:
        analyzer = Analyzer(fmt=fmt, judge=None)
        scanner = RecordScanner(fmt, first_line_no=first_line_no)
        with open_log(path) as stream:
            for item in prepare_chunks(stream, start, scanner, analyzer):
                outbox.put(_pack(_ITEM, _encode(item)))
        outbox.put(_pack(_DONE, None))
    except BaseException as exc:  # noqa: BLE001 - reported to the parent, which raises it
        outbox.put(_pack(_FAILED, f"{type(exc).__name__}: {exc}"))
    outbox.put(None)
    sender.join()
    os._exit(0)


def _pack(kind: str, payload: object) -> bytes:
    return pickle.dumps((kind, payload), protocol=pickle.HIGHEST_PROTOCOL)


def _send_all(conn: Connection, outbox: _Outbox) -> None:
    while (blob := outbox.get()) is not None:
        try:
            conn.send_bytes(blob)
        except OSError:  # the parent stopped reading: nobody to work for
            os._exit(1)


def start_scan_ahead(path: Path, database: Path) -> ScanAhead | None:
    """A child preparing ``path`` from where the store says the last import stopped; None
    when this process may not fork or the file cannot be opened (the importer then says why).
    Call it before importing the store's libraries: that is the time it wins."""
    if not can_fork():
        return None
    try:
        path = path.expanduser().resolve()
        info = os.stat(path)
        with open_log(path):
            pass
        fmt = detect_format(read_text_sample(path))
    except (OSError, UnreadableFileError):
        return None
    start, lines = peek_resume_point(database, str(path), info.st_ino, info.st_size)
    return ScanAhead(path, start, lines + 1, fmt)


def peek_resume_point(database: Path, key: str, inode: int, size: int) -> tuple[int, int]:
    """(offset, lines) the importer will resume from, read with plain ``sqlite3`` before the
    store's libraries are imported. A guess: the importer checks it (:meth:`matches`)."""
    try:
        conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=1)
    except sqlite3.Error:
        return 0, 0
    try:
        row = conn.execute("SELECT offset, lines, inode FROM source WHERE path = ?",
                           (key,)).fetchone()
    except sqlite3.Error:
        return 0, 0
    finally:
        conn.close()
    if row is None or row[2] not in (None, inode) or row[0] > size:
        return 0, 0
    return int(row[0]), int(row[1])

"""Live record assembly: a record stays open while the rest of it may still be coming.

Loggers under load, ``printStackTrace`` and anything written to stderr put a stack trace on
disk line by line, often with pauses between the lines. The tailer hands on whatever lines
are complete, so a chunk may end in the middle of a record. A :class:`RecordAssembly` (one
per source) feeds the chunks to the same :class:`~stacklens_desktop.core.scanner.RecordScanner`
an import uses, which holds back the last record of what it was given (from its last
record-start line). That record is *open*:

* the next record-start line closes it at once (so a lone error followed by any other line
  is not delayed);
* otherwise it closes when no more data came for the source's idle gap (``wait`` seconds,
  250 ms by default), when the file is rotated, truncated or deleted, or when the watch stops.

Exactly-once: the offset committed with the closed records is the start of the open record,
never past it, so a crash with a record open reads that record again, whole, on restart.

Offsets inside a chunk are file offsets only for plain chunks (UTF-8 and the like, not cut
to the line cap). A UTF-16 chunk (its lines arrive as UTF-8) or a cut over-long line cannot
be held at a line boundary: it closes any open record and is closed at its own end.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from stacklens_desktop.core.scanner import RawRecord, RecordScanner, ScanFormat
from stacklens_desktop.watch.model import Chunk, FileId
from stacklens_desktop.watch.record_waits import DEFAULT_WAIT_S


@dataclass(slots=True)
class Closed:
    """Records closed by one step, and the commit point (file offset and identity) they
    reach: every line before ``offset`` of file ``file_id`` is in them or in earlier ones."""

    offset: int
    file_id: FileId
    records: list[RawRecord] = field(default_factory=list)
    lines: int = 0


def _plain(chunk: Chunk) -> bool:
    """Are offsets inside the chunk's data file offsets?"""
    return not chunk.truncated and chunk.end - chunk.start == len(chunk.data)


class RecordAssembly:
    """The record scanner of one live source and the record it holds open."""

    def __init__(self, fmt: ScanFormat, first_line_no: int, wait: float = DEFAULT_WAIT_S) -> None:
        self.wait = wait
        self._scanner = RecordScanner(fmt, first_line_no)
        self._fmt = fmt
        self._held_end = 0  # file offset just past the open record's data
        self._file_id: FileId | None = None  # file of the open record, None when none
        self._last_data = 0.0  # monotonic time the open record last grew

    @property
    def is_open(self) -> bool:
        return self._file_id is not None

    @property
    def committed(self) -> tuple[int, FileId] | None:
        """Where the open record starts (the offset to commit while it is open), or None."""
        if self._file_id is None:
            return None
        return self._scanner.pending_offset, self._file_id

    def deadline(self) -> float | None:
        """Monotonic time at which the open record closes if nothing more comes."""
        return self._last_data + self.wait if self._file_id is not None else None

    def feed(self, chunk: Chunk, now: float) -> list[Closed]:
        """Take the next chunk of the source; return what closed (possibly nothing)."""
        out: list[Closed] = []
        if self._rereads_open_record(chunk):
            self._scanner.discard()
            self._file_id = None
        if self._file_id is not None and (
            chunk.file_id != self._file_id or chunk.start != self._held_end or not _plain(chunk)
        ):
            out.append(self.close())
        if not _plain(chunk):
            scanned = self._scanner.feed(chunk.start, chunk.data)
            tail = self._scanner.finish()
            out.append(Closed(chunk.end, chunk.file_id, scanned.records + tail.records,
                              scanned.lines + tail.lines))
            return out
        scanned = self._scanner.feed(chunk.start, chunk.data)
        held = self._scanner.pending_offset < chunk.end
        if scanned.records or scanned.lines or not held:
            commit = self._scanner.pending_offset if held else chunk.end
            out.append(Closed(commit, chunk.file_id, scanned.records, scanned.lines))
        if held:
            self._file_id, self._held_end, self._last_data = chunk.file_id, chunk.end, now
        else:
            self._file_id = None
        return out

    def _rereads_open_record(self, chunk: Chunk) -> bool:
        """Does ``chunk`` read the open record again? It does when it starts at or before the
        record's start in the same file: the source was paused and followed again from its
        committed offset, which is the open record's start. The held copy is then dropped,
        else the record would be stored twice."""
        return self._file_id is not None and chunk.file_id == self._file_id \
            and chunk.start <= self._scanner.pending_offset

    def close(self) -> Closed:
        """Close the open record (idle gap over, file retired, watch stopping)."""
        assert self._file_id is not None
        tail = self._scanner.finish()
        closed = Closed(self._held_end, self._file_id, tail.records, tail.lines)
        self._file_id = None
        return closed

    def due(self, now: float) -> bool:
        deadline = self.deadline()
        return deadline is not None and now >= deadline

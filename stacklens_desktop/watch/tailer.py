"""Follow one log path: read what was appended, survive rotation, truncation and deletion.

A :class:`Tailer` does no waiting and starts no thread: each :meth:`Tailer.poll` looks at
the path once, reads at most ``max_poll_bytes`` and says what it found. Whoever drives it
(a :class:`~stacklens_desktop.watch.watchset.WatchSet`) decides when to poll.

Rules, in the order a poll applies them:

* Path now names another file (rename + create rotation) or is gone (deletion): the still
  open handle of the old file is read to its end first, its last unterminated line handed
  on as is, then ``ROTATED`` / ``DELETED``; after a rotation the new file is read from 0.
* File shorter than what was read, or its bytes just before our position changed
  (truncated and already regrown past us): ``TRUNCATED``, read again from 0.
* Only complete lines leave the tailer; the offset it reports is the end of the last one.
* Binary content is refused (a source error with the reason); a UTF-16 file (SQL Server's
  ``ERRORLOG``) is cut on its newline code units and handed on as UTF-8.
"""

from __future__ import annotations

import os
from enum import Enum, auto

from stacklens_desktop.core.transcode import utf16_layout
from stacklens_desktop.watch.collect import PollCollector
from stacklens_desktop.watch.fileio import (
    classify,
    content_problem,
    find_by_id,
    is_missing,
    open_regular,
    read_head,
)
from stacklens_desktop.watch.lines import LineAssembler
from stacklens_desktop.watch.model import EventKind, FileId, SourceState, TailResult
from stacklens_desktop.watch.start import Resume, Start, StartAt
from stacklens_desktop.watch.utf16lines import Utf16LineAssembler

MiB = 1024 * 1024
_SIG_BYTES = 64  # bytes kept from just before our position to notice truncate-and-regrow
_TAIL_SEARCH = 1 * MiB  # how far back StartAt.END looks for the last newline


class _Read(Enum):
    EOF = auto()
    BUDGET = auto()
    FAILED = auto()


class Tailer:
    """Incremental reader of one path. Not thread-safe: poll it from one thread."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        start: Start = StartAt.END,
        *,
        chunk_size: int = 1 * MiB,
        max_poll_bytes: int = 2 * MiB,
        max_line: int = 16 * MiB,
    ) -> None:
        # Lines other than the one pending may be as long as one poll's reads: keep that
        # under the cap so no line ever exceeds it.
        max_poll_bytes = min(max_poll_bytes, max_line)
        if not 0 < chunk_size <= max_poll_bytes:
            raise ValueError("need 0 < chunk_size <= min(max_poll_bytes, max_line)")
        self.path = os.fspath(path)
        self.chunk_size = chunk_size
        self.max_poll_bytes = max_poll_bytes
        self._start: Start | None = start  # None once applied by the first successful open
        self._max_line = max_line
        self._lines: LineAssembler | Utf16LineAssembler = LineAssembler(0, max_line)
        self._fd: int | None = None
        self._file_id: FileId | None = None
        self._retiring: EventKind | None = None  # ROTATED / DELETED: draining the old file
        self._on_appear: EventKind | None = None  # event when the path (re)appears
        self._sig = b""
        self._problem: tuple[EventKind, str] | None = None
        #: (identity, end offset read) of the last file retired by rotation or deletion
        self.last_retired: tuple[FileId, int] | None = None
        self.state = SourceState.WAITING
        self.reason = "not polled yet"

    # -- public -------------------------------------------------------------------------

    @property
    def offset(self) -> int:
        """Commit point: end of the last complete line handed on, in the current file."""
        if self._file_id is None and isinstance(self._start, Resume):
            return self._start.offset
        return self._lines.committed if self._file_id is not None else 0

    @property
    def file_id(self) -> FileId | None:
        if self._file_id is None and isinstance(self._start, Resume):
            return self._start.file_id
        return self._file_id

    def poll(self, budget: int | None = None) -> TailResult:
        """Look at the path once; return the complete lines and events found.

        Reads at most ``budget`` bytes (and never more than ``max_poll_bytes``).
        """
        before = (self.state, self.reason)
        limit = self.max_poll_bytes if budget is None else max(1, min(budget, self.max_poll_bytes))
        ctx = PollCollector(limit)
        self._step(ctx)
        self._settle_state(ctx)
        return TailResult(
            path=self.path,
            events=ctx.finish(),
            offset=self.offset,
            file_id=self.file_id,
            state=self.state,
            reason=self.reason,
            state_changed=(self.state, self.reason) != before,
            more=ctx.more,
            read_bytes=limit - ctx.budget,
        )

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> Tailer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- one poll -------------------------------------------------------------------------

    def _step(self, ctx: PollCollector) -> None:
        checked = False
        while True:
            if self._fd is None:
                self._open(ctx)
                if self._fd is None:
                    return
                checked = True
            elif self._retiring is None and not checked:
                self._check_path(ctx)
                checked = True
            status = self._read(ctx)
            if status is not _Read.EOF:
                ctx.more = status is _Read.BUDGET
                return
            if self._retiring is None:
                return
            self._finish_retiring(ctx)

    def _check_path(self, ctx: PollCollector) -> None:
        """Compare the path with the open file: rotated, deleted, truncated?"""
        assert self._fd is not None
        try:
            st = os.stat(self.path)
        except OSError as err:
            if is_missing(err):
                self._retiring = EventKind.DELETED
            else:  # cannot look at the path, but the open file is still readable
                ctx.problem = classify(err)
            return
        if FileId.of(st) != self._file_id:
            self._retiring = EventKind.ROTATED
            return
        size = os.fstat(self._fd).st_size
        position = self._lines.position
        if size < position or self._regrown(size, position):
            ctx.event(EventKind.TRUNCATED, f"size {size}, had read {position}")
            self._lines.reset(0)
            self._sig = b""

    def _regrown(self, size: int, position: int) -> bool:
        """The file grew, but the bytes before our position are not the ones we read."""
        if size <= position or not self._sig or self._fd is None:
            return False
        return os.pread(self._fd, len(self._sig), position - len(self._sig)) != self._sig

    def _read(self, ctx: PollCollector) -> _Read:
        """Read up to the budget in ``chunk_size`` reads, then cut lines once."""
        assert self._fd is not None and self._file_id is not None
        parts: list[bytes] = []
        if self._lines.position == 0 and self._refused(ctx):
            return _Read.FAILED
        position = self._lines.position
        status = _Read.BUDGET
        while ctx.budget > 0:
            try:
                data = os.pread(self._fd, min(self.chunk_size, ctx.budget), position)
            except OSError as err:
                ctx.problem = classify(err)
                status = _Read.FAILED
                break
            if not data:
                status = _Read.EOF
                break
            parts.append(data)
            position += len(data)
            ctx.budget -= len(data)
        if parts:
            self._sig = _tail_bytes([self._sig, *parts], _SIG_BYTES)
            for piece in self._lines.feed(parts):
                ctx.add(piece, self._file_id)
        return status

    def _refused(self, ctx: PollCollector) -> bool:
        """Reading from the start: refuse binary content (a source error that says why)
        rather than hand on garbage lines, and read UTF-16 as such (the file may have been
        empty when it was opened)."""
        assert self._fd is not None
        try:
            head = read_head(self._fd)
        except OSError as err:
            ctx.problem = classify(err)
            return True
        problem = content_problem(head)
        if problem is not None:
            ctx.problem = (EventKind.ERROR, problem)
            return True
        self._use_lines(head, 0)
        return False

    def _use_lines(self, head: bytes, position: int) -> None:
        """Cut lines as the file is encoded: UTF-16 (from past its BOM, on whole code
        units) or bytes with ``\\n`` (UTF-8 and the like), continuing at ``position``."""
        layout = utf16_layout(head)
        if layout is None:
            if not isinstance(self._lines, LineAssembler):
                self._lines = LineAssembler(position, self._max_line)
            self._lines.reset(position)
            return
        codec, bom = layout
        position = max(position, bom)
        position += (position - bom) % 2  # StartAt.END may land inside a newline code unit
        self._lines = Utf16LineAssembler(position, self._max_line, codec)

    def _finish_retiring(self, ctx: PollCollector) -> None:
        assert self._retiring is not None and self._file_id is not None
        for piece in self._lines.flush():
            ctx.add(piece, self._file_id)
        kind, self._retiring = self._retiring, None
        self.last_retired = (self._file_id, self._lines.position)
        self.close()
        self._file_id = None
        self._lines.reset(0)
        self._sig = b""
        self._on_appear = EventKind.RECREATED if kind is EventKind.DELETED else None
        ctx.event(kind)

    # -- opening --------------------------------------------------------------------------

    def _open(self, ctx: PollCollector) -> None:
        try:
            fd, st = open_regular(self.path)
        except OSError as err:
            if not is_missing(err):
                ctx.problem = classify(err)
            elif self._start is not None and self._on_appear is None:
                ctx.event(EventKind.MISSING, "waiting for file")
                self._start, self._on_appear = None, EventKind.CREATED
            return
        file_id = FileId.of(st)
        start, self._start = self._start, None
        position = 0
        if start is not None:
            if isinstance(start, Resume) and not _same_stored_file(start.file_id, file_id):
                if self._adopt_rotated(start):
                    os.close(fd)
                    return
                ctx.event(EventKind.ROTATED, "rotated while stopped; previous file not found")
            else:
                position = self._start_position(ctx, start, fd, st.st_size)
        self._fd, self._file_id = fd, file_id
        self._use_lines(_head_or_empty(fd), position)
        self._sig = b""
        if self._on_appear is not None:
            ctx.event(self._on_appear)
            self._on_appear = None

    def _start_position(self, ctx: PollCollector, start: Start, fd: int, size: int) -> int:
        if start is StartAt.BEGINNING:
            return 0
        if start is StartAt.END:
            return _last_line_end(fd, size)
        assert isinstance(start, Resume)
        if size < start.offset:
            ctx.event(EventKind.TRUNCATED, f"size {size} < stored offset {start.offset}")
            return 0
        return start.offset

    def _adopt_rotated(self, start: Resume) -> bool:
        """After a restart, find the old file by identity and drain it from the offset."""
        assert start.file_id is not None
        old_path = find_by_id(os.path.dirname(os.path.abspath(self.path)), start.file_id)
        if old_path is None:
            return False
        try:
            fd, st = open_regular(old_path)
        except OSError:
            return False
        if st.st_ino != start.file_id.ino or st.st_size < start.offset:
            os.close(fd)
            return False
        self._fd, self._file_id = fd, FileId.of(st)
        self._use_lines(_head_or_empty(fd), start.offset)
        self._retiring = EventKind.ROTATED
        return True

    # -- state ----------------------------------------------------------------------------

    def _settle_state(self, ctx: PollCollector) -> None:
        if ctx.problem is not None:
            self.state, self.reason = SourceState.ERROR, ctx.problem[1]
            if ctx.problem != self._problem:
                ctx.event(*ctx.problem)
        elif self._fd is not None:
            self.state, self.reason = SourceState.WATCHING, ""
        else:
            self.state, self.reason = SourceState.WAITING, "waiting for file"
        self._problem = ctx.problem


def _same_stored_file(stored: FileId | None, current: FileId) -> bool:
    """Is the file at the path the one a stored offset belongs to?

    Inode only: a device number can change across reboots (NFS, some LVM and btrfs set-ups),
    and a false "rotated while down" would read the whole file again.
    """
    return stored is None or stored.ino == current.ino


def _head_or_empty(fd: int) -> bytes:
    """The file's first bytes; empty when they cannot be read (the read that follows
    reports the error)."""
    try:
        return read_head(fd)
    except OSError:
        return b""


def _last_line_end(fd: int, size: int) -> int:
    """Offset just past the last newline (so tailing starts on a line boundary).

    Looks back at most ``_TAIL_SEARCH`` bytes; a file that is one unterminated line is read
    from 0 (the line is being written now), a longer unterminated tail is skipped.
    """
    end = size
    while end > 0 and size - end < _TAIL_SEARCH:
        begin = max(0, end - 64 * 1024)
        block = os.pread(fd, end - begin, begin)
        nl = block.rfind(b"\n")
        if nl >= 0:
            return begin + nl + 1
        end = begin
    return 0 if end == 0 else size


def _tail_bytes(parts: list[bytes], size: int) -> bytes:
    """The last ``size`` bytes of the concatenation of ``parts`` (without joining all)."""
    picked: list[bytes] = []
    total = 0
    for part in reversed(parts):
        picked.append(part)
        total += len(part)
        if total >= size:
            break
    return b"".join(reversed(picked))[-size:]

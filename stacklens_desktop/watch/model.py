"""What a tailer reports: file identity, chunks of complete lines, events, states.

The tailer deals in bytes only. Decoding, multiline assembly and parsing are the reader's job;
a :class:`Chunk` is a run of complete lines with exact file offsets so that the store can
commit ``(file_id, end)`` in the same transaction as the events built from those lines.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from enum import StrEnum


@dataclass(frozen=True, slots=True)
class FileId:
    """Identity of a file on disk: (device, inode). Survives renames, changes on re-creation."""

    dev: int
    ino: int

    @classmethod
    def of(cls, st: os.stat_result) -> FileId:
        return cls(st.st_dev, st.st_ino)


class SourceState(StrEnum):
    """Visible state of a watched path."""

    WATCHING = "watching"
    WAITING = "waiting"  # waiting for the file to exist (again)
    ERROR = "error"  # cannot read it; ``reason`` says why; retried on every poll


class EventKind(StrEnum):
    """What happened to a watched path during one poll, in order."""

    DATA_ADDED = "data_added"  # carries a Chunk
    TRUNCATED = "truncated"  # file shrank below what we had read (copy-truncate): restart at 0
    ROTATED = "rotated"  # path now names another file; the old one was drained first
    DELETED = "deleted"  # path gone; the open file was drained first; state waiting
    MISSING = "missing"  # path did not exist at the first poll; state waiting
    CREATED = "created"  # path appeared after being missing; read from byte 0
    RECREATED = "recreated"  # path appeared again after DELETED; read from byte 0
    PERMISSION_DENIED = "permission_denied"  # EACCES / EPERM; state error; retried
    ERROR = "error"  # any other OS error or not a regular file; state error; retried


@dataclass(frozen=True, slots=True)
class Chunk:
    """A run of complete lines read from one file.

    ``data`` holds whole lines, each ending in ``b"\\n"``; only the last line of a file that
    was retired (rotated away or deleted) may lack it, because no newline will ever come.
    ``start`` is the file offset of ``data[0]``; ``end`` the offset just past the last line,
    i.e. the source offset to commit. ``end - start`` differs from ``len(data)`` when
    ``truncated`` (the chunk is then a single over-long line cut to the tailer's cap) and for
    a UTF-16 file, whose lines are handed on as UTF-8: offsets inside ``data`` are then
    UTF-8 positions, and only ``start`` and ``end`` are file offsets.
    """

    data: bytes
    start: int
    end: int
    file_id: FileId
    truncated: bool = False

    def lines(self) -> list[bytes]:
        """The lines without their trailing newline."""
        parts = self.data.split(b"\n")
        if parts and parts[-1] == b"":
            parts.pop()
        return parts

    @property
    def line_count(self) -> int:
        count = self.data.count(b"\n")
        return count + (1 if self.data and not self.data.endswith(b"\n") else 0)


@dataclass(frozen=True, slots=True)
class TailEvent:
    """One event; DATA_ADDED carries its chunk, problems carry a human-readable detail."""

    kind: EventKind
    chunk: Chunk | None = None
    detail: str = ""


@dataclass(slots=True)
class TailResult:
    """Everything one :meth:`Tailer.poll` found.

    ``offset``/``file_id`` are the commit point after consuming all events: the end of the
    last complete line of the file currently named by ``path`` (after a rotation, of the new
    file). ``more`` is true when a read budget stopped the poll before the end of the data.
    """

    path: str
    events: list[TailEvent] = field(default_factory=list)
    offset: int = 0
    file_id: FileId | None = None
    state: SourceState = SourceState.WAITING
    reason: str = ""
    state_changed: bool = False
    more: bool = False
    read_bytes: int = 0  # bytes read from disk by this poll (for batch budgets)

    @property
    def chunks(self) -> list[Chunk]:
        return [e.chunk for e in self.events if e.chunk is not None]

    @property
    def lines(self) -> list[bytes]:
        return [line for chunk in self.chunks for line in chunk.lines()]

    @property
    def byte_count(self) -> int:
        return sum(len(c.data) for c in self.chunks)

    @property
    def line_count(self) -> int:
        return sum(c.line_count for c in self.chunks)

    @property
    def kinds(self) -> list[EventKind]:
        return [e.kind for e in self.events]

    def __bool__(self) -> bool:
        """True when there is something to hand on: events or a state change."""
        return bool(self.events) or self.state_changed

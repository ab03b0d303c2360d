"""Collects what one poll of a tailer produces, merging adjacent lines into few chunks."""

from __future__ import annotations

from stacklens_desktop.watch.lines import Piece
from stacklens_desktop.watch.model import Chunk, EventKind, FileId, TailEvent


class PollCollector:
    """Ordered events of one poll plus its read budget and the problem seen, if any.

    Contiguous pieces of the same file become one ``DATA_ADDED`` chunk (one join per poll
    instead of one object per line); a truncated over-long line stays a chunk of its own.
    """

    def __init__(self, budget: int) -> None:
        self.budget = budget
        self.events: list[TailEvent] = []
        self.more = False
        self.problem: tuple[EventKind, str] | None = None
        self._parts: list[bytes] = []
        self._run_start = 0
        self._run_end = 0
        self._run_file: FileId | None = None

    def add(self, piece: Piece, file_id: FileId) -> None:
        if piece.truncated:
            self._flush()
            chunk = Chunk(piece.data, piece.start, piece.end, file_id, truncated=True)
            self.events.append(TailEvent(EventKind.DATA_ADDED, chunk))
            return
        if self._parts and (self._run_file != file_id or self._run_end != piece.start):
            self._flush()
        if not self._parts:
            self._run_start, self._run_file = piece.start, file_id
        self._parts.append(piece.data)
        self._run_end = piece.end

    def event(self, kind: EventKind, detail: str = "") -> None:
        self._flush()
        self.events.append(TailEvent(kind, None, detail))

    def finish(self) -> list[TailEvent]:
        self._flush()
        return self.events

    def _flush(self) -> None:
        if not self._parts or self._run_file is None:
            return
        data = self._parts[0] if len(self._parts) == 1 else b"".join(self._parts)
        chunk = Chunk(data, self._run_start, self._run_end, self._run_file)
        self.events.append(TailEvent(EventKind.DATA_ADDED, chunk))
        self._parts = []

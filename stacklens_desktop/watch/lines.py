"""Cut a stream of bytes into complete lines, holding back the partial last line.

A line longer than ``max_line`` is not kept whole: its first ``max_line`` bytes are kept and
the rest is skipped up to its newline, so a 100 MB line costs at most ``max_line`` of memory.
It comes out as a piece of its own with ``truncated=True`` and its true file extent.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Piece:
    """Complete lines ``data`` covering file offsets ``[start, end)``."""

    data: bytes
    start: int
    end: int
    truncated: bool = False


class LineAssembler:
    """Feed consecutive reads of one file; get back pieces of complete lines."""

    def __init__(self, position: int, max_line: int) -> None:
        self.max_line = max_line
        self.position = position  # file offset of the next byte to be fed
        self._line_start = position  # offset of the first byte not yet handed on
        self._pending = bytearray()  # the partial line, while it is short enough
        self._head: bytes | None = None  # an over-long line: its kept head, rest skipped

    @property
    def committed(self) -> int:
        """Offset just past the last complete line handed on."""
        return self._line_start

    @property
    def pending_bytes(self) -> int:
        return len(self._pending) if self._head is None else len(self._head)

    def reset(self, position: int) -> None:
        """Forget everything (truncation, new file) and continue at ``position``."""
        self.position = self._line_start = position
        self._pending.clear()
        self._head = None

    def feed(self, data: bytes) -> list[Piece]:
        """Take the next bytes (at most ``max_line`` of them) and return completed lines."""
        nl = data.find(b"\n")
        if nl < 0:
            self._absorb(data)
            self.position += len(data)
            return []
        out: list[Piece] = []
        body_from = self._finish_long_line(data, nl, out)
        last = data.rfind(b"\n")
        run_start = self._line_start
        body = data[body_from : last + 1]
        if body_from == 0 and self._pending:
            body = bytes(self._pending) + body
            self._pending.clear()
        end = self.position + last + 1
        if body:
            out.append(Piece(body, run_start, end))
        self._line_start = end
        self.position += len(data)
        self._absorb(data[last + 1 :])
        return out

    def flush(self) -> list[Piece]:
        """Hand on the partial last line as is: its file is retired, no newline will come."""
        out: list[Piece] = []
        if self._head is not None:
            out.append(Piece(self._head, self._line_start, self.position, truncated=True))
        elif self._pending:
            out.append(Piece(bytes(self._pending), self._line_start, self.position))
        self.reset(self.position)
        return out

    def _finish_long_line(self, data: bytes, nl: int, out: list[Piece]) -> int:
        """Emit the current line if it is over-long; return where the ordinary body starts."""
        end = self.position + nl + 1
        if self._head is not None:
            head = self._head
        elif len(self._pending) + nl > self.max_line:
            head = (bytes(self._pending) + data[:nl])[: self.max_line]
        else:
            return 0
        out.append(Piece(head + b"\n", self._line_start, end, truncated=True))
        self._head = None
        self._pending.clear()
        self._line_start = end
        return nl + 1

    def _absorb(self, tail: bytes) -> None:
        """Add bytes of the unfinished line; switch to skipping once it exceeds the cap."""
        if self._head is not None:
            return
        self._pending += tail
        if len(self._pending) > self.max_line:
            self._head = bytes(self._pending[: self.max_line])
            self._pending.clear()

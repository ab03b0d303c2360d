"""Cut a stream of bytes into complete lines, holding back the partial last line.

A line longer than ``max_line`` is not kept whole: its first ``max_line`` bytes are kept and
the rest is skipped up to its newline, so a 100 MB line costs at most ``max_line`` of memory.
It comes out as a piece of its own with ``truncated=True`` and its true file extent.
"""

from __future__ import annotations

from collections.abc import Sequence
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

    def feed(self, data: bytes | Sequence[bytes]) -> list[Piece]:
        """Take the next bytes read (one buffer or consecutive ones); return completed lines.

        The pending partial line and the new bytes are joined once per call, and the body of
        complete lines is sliced once (not at all when the bytes end on a newline): feeding a
        whole poll's reads at once keeps copying to about two passes over the data.
        """
        parts = [data] if isinstance(data, bytes | bytearray) else [p for p in data if p]
        if not any(b"\n" in part for part in parts):
            for part in parts:
                self._absorb(part)
                self.position += len(part)
            return []
        if self._head is not None:
            buf, base = b"".join(parts), self.position
        else:
            # nothing pending and 1 part: no copy
            joined: Sequence[bytes | bytearray] = (
                (self._pending, *parts) if self._pending else parts)
            buf, base = b"".join(joined), self._line_start
            self._pending.clear()
        self.position += sum(len(part) for part in parts)
        out: list[Piece] = []
        begin = self._finish_long_line(buf, base, out)
        last = buf.rfind(b"\n")
        if last >= begin:
            body = buf if begin == 0 and last == len(buf) - 1 else buf[begin : last + 1]
            out.append(Piece(body, base + begin, base + last + 1))
            begin = last + 1
        self._line_start = base + begin
        self._absorb(buf[begin:])
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

    def _finish_long_line(self, buf: bytes, base: int, out: list[Piece]) -> int:
        """Emit the first line of ``buf`` if over-long; return where ordinary lines begin."""
        nl = buf.find(b"\n")
        if self._head is not None:
            head = self._head
        elif nl > self.max_line:
            head = buf[: self.max_line]
        else:
            return 0
        end = base + nl + 1
        out.append(Piece(head + b"\n", self._line_start, end, truncated=True))
        self._head = None
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

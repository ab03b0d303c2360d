"""Complete lines of a UTF-16 file, handed on as UTF-8 with their exact file extents.

The live counterpart of :mod:`stacklens_desktop.core.transcode`: the tailer reads a UTF-16
log (SQL Server's ``ERRORLOG``) by file offset, so lines are cut at newline *code units*
(two bytes, at an even distance from the first line) and each run of complete lines is
decoded then. A :class:`~stacklens_desktop.watch.lines.Piece` keeps the file's offsets, so the
offset the store commits is exact; its data is UTF-8, shorter than the bytes it covers.
"""

from __future__ import annotations

from collections.abc import Sequence

from stacklens_desktop.core.reading import truncation_marker
from stacklens_desktop.watch.lines import Piece


class Utf16LineAssembler:
    """:class:`~stacklens_desktop.watch.lines.LineAssembler` for UTF-16 (same interface).

    ``position`` must sit on a code-unit boundary: 0, past the BOM, or a committed offset.
    """

    def __init__(self, position: int, max_line: int, codec: str) -> None:
        self.max_line = max_line - max_line % 2  # in UTF-16 bytes, whole code units
        self.codec = codec
        self._newline = "\n".encode(codec)
        self.reset(position)

    @property
    def committed(self) -> int:
        """Offset just past the last complete line handed on."""
        return self._line_start

    @property
    def pending_bytes(self) -> int:
        return len(self._pending)

    def reset(self, position: int) -> None:
        self.position = self._line_start = self._pending_start = position
        self._pending = bytearray()  # the file's bytes from _pending_start on
        self._head: bytes | None = None  # an over-long line: its kept head (UTF-8)

    def feed(self, data: bytes | Sequence[bytes]) -> list[Piece]:
        """Take the next bytes read; return the completed lines."""
        for part in [data] if isinstance(data, bytes | bytearray) else data:
            self._pending += part
            self.position += len(part)
        out: list[Piece] = []
        if self._head is not None:
            self._finish_long_line(out)
        if self._head is None:
            last = self._newline_at(last=True)
            if last >= 0:
                self._hand_on(last + 2, out)
            if len(self._pending) > self.max_line:
                self._head = self._utf8(self._pending[: self.max_line])
                self._drop(len(self._pending) - len(self._pending) % 2)
        return out

    def flush(self) -> list[Piece]:
        """The partial last line as is (its file is retired: no newline will come)."""
        out: list[Piece] = []
        if self._head is not None:
            out.append(Piece(self._head, self._line_start, self.position, truncated=True))
        elif self._pending:
            out.append(Piece(self._utf8(self._pending), self._line_start, self.position))
        self.reset(self.position)
        return out

    def _hand_on(self, end: int, out: list[Piece]) -> None:
        """Complete lines ``_pending[:end]`` (``_pending`` starts at the line start)."""
        out.append(Piece(self._utf8(self._pending[:end]), self._line_start,
                         self._line_start + end))
        self._drop(end)
        self._line_start = self._pending_start

    def _finish_long_line(self, out: list[Piece]) -> None:
        first = self._newline_at(last=False)
        if first < 0:  # still inside the over-long line: forget what came (whole units)
            self._drop(len(self._pending) - len(self._pending) % 2)
            return
        assert self._head is not None
        end = self._pending_start + first + 2
        dropped = end - self._line_start - self.max_line
        out.append(Piece(self._head + truncation_marker(dropped) + b"\n", self._line_start, end,
                         truncated=True))
        self._drop(first + 2)
        self._line_start = self._pending_start
        self._head = None

    def _drop(self, count: int) -> None:
        del self._pending[:count]
        self._pending_start += count

    def _newline_at(self, *, last: bool) -> int:
        """Index in ``_pending`` of its last (or first) newline code unit, or -1. Code units
        sit at even distances from the line start, and ``_pending`` keeps that parity."""
        buf, nl = self._pending, self._newline
        if last:
            i = buf.rfind(nl)
            while i > 0 and i % 2:
                i = buf.rfind(nl, 0, i + 1)
        else:
            i = buf.find(nl)
            while i >= 0 and i % 2:
                i = buf.find(nl, i + 1)
        return i if i >= 0 and i % 2 == 0 else -1

    def _utf8(self, raw: bytes | bytearray) -> bytes:
        return bytes(raw).decode(self.codec, errors="replace").encode("utf-8")

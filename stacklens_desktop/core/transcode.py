"""UTF-16 logs read as UTF-8.

Windows writes some logs in UTF-16: SQL Server's ``ERRORLOG``, Windows PowerShell 5's ``>``
and ``Out-File``, several vendor services. The scanner and the parsers work on UTF-8 bytes,
so such a file is transcoded as it is read. Offsets are then positions in the UTF-8 text, as
they are positions in the decompressed text of a gzip'd log; seeking forward re-reads from
the start (resuming an import does that once).
"""

from __future__ import annotations

import codecs
import io
from typing import BinaryIO

#: Raw bytes decoded per step.
BLOCK = 1024 * 1024
#: Share of NUL bytes in one byte lane (odd or even) that says "UTF-16 without a BOM".
_NUL_LANE = 0.9


def utf16_layout(head: bytes) -> tuple[str, int] | None:
    """``(codec with its byte order, length of the BOM)`` when ``head`` starts a UTF-16
    text, else ``None``. A byte-order mark decides; without one, mostly-ASCII UTF-16 has a
    NUL in every other byte (little-endian: the odd ones), which no UTF-8 or binary log has.
    """
    if head.startswith(codecs.BOM_UTF16_LE):
        return "utf-16-le", 2
    if head.startswith(codecs.BOM_UTF16_BE):
        return "utf-16-be", 2
    sample = head[: len(head) // 2 * 2]
    if len(sample) < 16:
        return None
    even, odd = sample[0::2], sample[1::2]
    lane = len(sample) // 2
    if odd.count(0) >= _NUL_LANE * lane and even.count(0) == 0:
        return "utf-16-le", 0
    if even.count(0) >= _NUL_LANE * lane and odd.count(0) == 0:
        return "utf-16-be", 0
    return None


class Utf16Stream(io.RawIOBase):
    """A read-only stream of UTF-8 bytes over a UTF-16 stream (bad code units replaced),
    from past its byte-order mark (``bom`` bytes)."""

    def __init__(self, raw: BinaryIO, codec: str, bom: int = 0) -> None:
        super().__init__()
        self._raw = raw
        self._codec = codec
        self._bom = bom
        self.name = getattr(raw, "name", "the log")
        self._restart()

    def _restart(self) -> None:
        self._raw.seek(self._bom)
        self._decoder = codecs.getincrementaldecoder(self._codec)(errors="replace")
        self._pending = b""
        self._position = 0
        self._at_end = False

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._raw.fileno()

    def tell(self) -> int:
        return self._position

    def read(self, size: int | None = -1) -> bytes:
        want = -1 if size is None else size
        while not self._at_end and (want < 0 or len(self._pending) < want):
            block = self._raw.read(BLOCK)
            self._at_end = not block
            self._pending += self._decoder.decode(block, final=self._at_end).encode("utf-8")
        if want < 0 or want >= len(self._pending):
            out, self._pending = self._pending, b""
        else:
            out, self._pending = self._pending[:want], self._pending[want:]
        self._position += len(out)
        return out

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if whence != io.SEEK_SET:
            raise io.UnsupportedOperation("a transcoded log seeks from its start only")
        if offset < self._position:
            self._restart()
        while self._position < offset:
            if not self.read(min(BLOCK, offset - self._position)):
                break  # the text ends before ``offset``
        return self._position

    def close(self) -> None:
        self._raw.close()
        super().close()


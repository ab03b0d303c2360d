"""Reading log files: streamed in chunks that end on a line boundary, never read whole.

gzip'd and UTF-16 files are read transparently (as UTF-8), binary files are refused with a
clear message, and a line longer than ``MAX_LINE_BYTES`` is cut with a marker so that a 10 MB
line costs 1 MB of memory.
Decoding (invalid UTF-8 replaced) happens later, per record, on the few lines that matter.
"""

from __future__ import annotations

import gzip
import io
import os
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from stacklens_desktop.core.transcode import Utf16Stream, utf16_layout

CHUNK_SIZE = 4 * 1024 * 1024
MAX_LINE_BYTES = 1024 * 1024
SNIFF_BYTES = 8192
GZIP_MAGIC = b"\x1f\x8b"


class UnreadableFileError(Exception):
    """The file cannot be analysed; the message says why in one line."""


@dataclass(slots=True)
class Chunk:
    """Whole lines of a file. ``offset`` is where ``data`` starts in the (decompressed) file;
    ``length`` is how many file bytes it covers (more than ``len(data)`` when a line was cut)."""

    offset: int
    data: bytes
    length: int

    @property
    def end(self) -> int:
        return self.offset + self.length


def truncation_marker(dropped: int) -> bytes:
    return f" …[line truncated by StackLens: {dropped} more bytes]".encode()


def looks_binary(head: bytes) -> bool:
    """Binary data rather than text: more than 10% control bytes once runs of NUL bytes are
    set aside. NULs alone do not decide: a log written through a power loss (a till switched
    off) has blocks of NULs between its lines, and it is still a log worth reading."""
    text = head.replace(b"\x00", b"")
    if not text:
        return bool(head)  # nothing but NULs
    controls = sum(1 for b in text if b < 9 or 13 < b < 32)
    return controls / len(text) > 0.10


def open_log(path: str | os.PathLike[str]) -> BinaryIO:
    """Open a log for binary reading (gunzipping when needed) or raise UnreadableFileError."""
    p = Path(path)
    try:
        raw = p.open("rb")
    except FileNotFoundError:
        raise UnreadableFileError(f"{p}: no such file") from None
    except IsADirectoryError:
        raise UnreadableFileError(f"{p}: is a directory, not a log file") from None
    except PermissionError:
        raise UnreadableFileError(f"{p}: permission denied") from None
    except OSError as exc:
        raise UnreadableFileError(f"{p}: cannot open ({exc.strerror})") from None
    stream: BinaryIO = raw
    try:
        if raw.read(2) == GZIP_MAGIC:
            # opened by name: closing a GzipFile closes the file only when it opened it
            raw.close()
            stream = gzip.GzipFile(p, mode="rb")  # type: ignore[assignment]
        else:
            raw.seek(0)
        head = stream.read(SNIFF_BYTES)
        stream.seek(0)
        layout = utf16_layout(head)
        if layout is not None:
            stream = Utf16Stream(stream, *layout)  # type: ignore[assignment]
            head = stream.read(SNIFF_BYTES)
            stream.seek(0)
    except (OSError, EOFError) as exc:
        stream.close()
        raise UnreadableFileError(f"{p}: damaged compressed file ({exc})") from None
    if looks_binary(head):
        stream.close()
        raise UnreadableFileError(
            f"{p}: looks like a binary file, not a text log (control bytes at the start)"
        )
    return stream


def _read(stream: BinaryIO, size: int, offset: int) -> bytes:
    """``stream.read`` with a readable error for damaged input (a gzip cut short or
    corrupt, a disk error): what was read before stays read."""
    try:
        return stream.read(size)
    except (EOFError, OSError, zlib.error) as exc:
        name = getattr(stream, "name", "the log")
        detail = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        raise UnreadableFileError(f"{name}: unreadable after {offset:,} bytes ({detail}); "
                                  "the lines before were read") from None


def _skip_rest_of_line(stream: BinaryIO, chunk_size: int,
                       offset: int) -> tuple[int, bytes, bool]:
    """Drop bytes up to the next newline.

    Returns (bytes dropped, what follows the newline, whether a newline was found)."""
    dropped = 0
    while True:
        block = _read(stream, chunk_size, offset + dropped)
        if not block:
            return dropped, b"", False
        cut = block.find(b"\n")
        if cut == -1:
            dropped += len(block)
            continue
        return dropped + cut, block[cut + 1 :], True


def iter_chunks(
    stream: BinaryIO, start: int = 0, chunk_size: int = CHUNK_SIZE,
    max_line: int = MAX_LINE_BYTES,
) -> Iterator[Chunk]:
    """Yield chunks of whole lines from ``start``. A last line without a newline is yielded
    as it is (the importer reads a finished file; the live tailer waits for newlines)."""
    if start:
        stream.seek(start)
    offset = start
    buf = b""
    while True:
        block = _read(stream, chunk_size, offset + len(buf))
        if not block:
            if buf:
                yield Chunk(offset, buf, len(buf))
            return
        buf += block
        cut = buf.rfind(b"\n")
        if cut != -1:
            yield Chunk(offset, buf[: cut + 1], cut + 1)
            offset += cut + 1
            buf = buf[cut + 1 :]
        if len(buf) > max_line:  # one line longer than we keep: cut it, skip to its end
            dropped, rest, newline = _skip_rest_of_line(stream, chunk_size, offset + len(buf))
            kept = buf[:max_line]
            covered = len(buf) + dropped + (1 if newline else 0)
            yield Chunk(offset, kept + truncation_marker(len(buf) - max_line + dropped) + b"\n",
                        covered)
            offset += covered
            buf = rest


def read_text_sample(path: str | os.PathLike[str], max_lines: int = 50) -> list[str]:
    """The first non-empty lines of a log, decoded leniently, for format detection."""
    lines: list[str] = []
    with open_log(path) as stream:
        head = stream.read(256 * 1024)
    for raw in io.BytesIO(head):
        text = raw.decode("utf-8", errors="replace").rstrip("\r\n")
        if text.strip():
            lines.append(text)
        if len(lines) >= max_lines:
            break
    return lines

"""Finding the records that matter in whole chunks, without a Python loop over every line.

Most lines of a production log are INFO. The scanner runs compiled bytes regexes over a chunk
to find lines at WARN and above (per the file's format) and lines with severe keywords, then
widens each hit to its whole multi-line record: back to the record's first line, forward to
the next line that starts a record (stack frames, ``Caused by:``, tracebacks and other
continuation lines do not). Line counting is ``bytes.count``.

A record may straddle two chunks, so the tail of each chunk from its last record start is
carried into the next one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

#: Words that make a line worth a look whatever its level (the classifier decides). Searched
#: with ``bytes.find``: a regex alternation without a literal prefix is 100x slower here.
#: Level words (FATAL, CRITICAL ...) are the format's ``warn_or_above`` job, not repeated here.
SEVERE_WORDS: tuple[bytes, ...] = (
    b"Traceback (most recent call last)", b"Exception", b"Error", b"panic:",
    b"Segmentation fault", b"Killed process",
)
MAX_BACKTRACK_LINES = 400
MAX_RECORD_BYTES = 256 * 1024


class ScanFormat(Protocol):
    """What the scanner needs from a log format (see ``core.formats``)."""

    name: str
    start: re.Pattern[bytes]
    warn_or_above: re.Pattern[bytes]


@dataclass(slots=True)
class RawRecord:
    """A record's bytes and where it starts: ``offset`` in the file, ``line_no`` 1-based."""

    data: bytes
    offset: int
    line_no: int


@dataclass(slots=True)
class ScanResult:
    records: list[RawRecord]
    lines: int


def _find_all(data: bytes, needles: tuple[bytes, ...]) -> list[int]:
    """Start positions of every occurrence of each needle (C-speed ``bytes.find``)."""
    hits: list[int] = []
    for needle in needles:
        pos = data.find(needle)
        while pos != -1:
            hits.append(pos)
            pos = data.find(needle, pos + len(needle))
    return hits


class RecordScanner:
    """Feed chunks in file order; get the candidate records and the count of lines."""

    def __init__(self, fmt: ScanFormat, first_line_no: int = 1) -> None:
        self._fmt = fmt
        self._carry = b""
        self._carry_offset = 0
        self._line_no = first_line_no  # line number of the first byte of the carry

    # -- public ----------------------------------------------------------------------------
    def feed(self, offset: int, data: bytes) -> ScanResult:
        """Scan ``data`` (whole lines starting at file ``offset``)."""
        if self._carry:
            data = self._carry + data
            offset = self._carry_offset
        cut = self._last_record_start(data)
        self._carry, self._carry_offset = data[cut:], offset + cut
        return self._scan(data[:cut], offset)

    def finish(self) -> ScanResult:
        """Scan what was held back at the end of the input."""
        data, offset = self._carry, self._carry_offset
        self._carry = b""
        return self._scan(data, offset)

    @property
    def pending_offset(self) -> int:
        """File offset up to which records were fully emitted (the carry starts here)."""
        return self._carry_offset

    # -- internals ---------------------------------------------------------------------------
    def _is_start(self, data: bytes, pos: int) -> bool:
        return self._fmt.start.match(data, pos) is not None

    def _last_record_start(self, data: bytes) -> int:
        """Where the last record that may continue in the next chunk begins."""
        end = len(data)
        pos = data.rfind(b"\n", 0, end - 1) + 1 if end else 0
        for _ in range(MAX_BACKTRACK_LINES):
            if pos == 0 or self._is_start(data, pos):
                return pos
            pos = data.rfind(b"\n", 0, pos - 1) + 1
        return end  # no record start nearby: nothing to hold back

    def _record_start(self, data: bytes, line_start: int) -> int:
        pos = line_start
        for _ in range(MAX_BACKTRACK_LINES):
            if pos == 0 or self._is_start(data, pos):
                return pos
            pos = data.rfind(b"\n", 0, pos - 1) + 1
        return line_start

    def _hits(self, data: bytes) -> Iterator[int]:
        """Positions of interesting lines, in order (level hits and severe words merged)."""
        warn = [m.start() for m in self._fmt.warn_or_above.finditer(data)]
        severe = _find_all(data, SEVERE_WORDS)
        if not severe:
            return iter(warn)
        if not warn:
            return iter(severe)
        return iter(sorted(set(warn).union(severe)))

    def _scan(self, data: bytes, offset: int) -> ScanResult:
        lines = data.count(b"\n")
        if data and not data.endswith(b"\n"):
            lines += 1
        records: list[RawRecord] = []
        covered = -1  # records end here; hits before it belong to the previous record
        counted_pos, counted_lines = 0, self._line_no
        for hit in self._hits(data):
            if hit < covered:
                continue
            line_start = data.rfind(b"\n", 0, hit) + 1
            start = self._record_start(data, line_start)
            if start < covered:
                start = line_start
            nxt = self._fmt.start.search(data, data.find(b"\n", line_start) + 1 or len(data))
            end = nxt.start() if nxt else len(data)
            if end <= line_start:
                end = len(data)
            counted_lines += data.count(b"\n", counted_pos, start)
            counted_pos = start
            body = data[start:end].rstrip(b"\r\n")
            if len(body) > MAX_RECORD_BYTES:
                body = body[:MAX_RECORD_BYTES] + b" ...[record truncated by StackLens]"
            records.append(RawRecord(body, offset + start, counted_lines))
            covered = end
        self._line_no += data.count(b"\n")
        return ScanResult(records, lines)

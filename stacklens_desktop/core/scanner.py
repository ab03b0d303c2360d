"""Finding the records that matter in whole chunks, without a Python loop over every line.

Most lines of a production log are INFO. The scanner runs compiled bytes regexes over a chunk
to find lines at WARN and above (per the file's format) and lines with severe keywords, then
widens each hit to its whole multi-line record: back to the record's first line, forward to
the next line that starts a record (stack frames, ``Caused by:``, tracebacks and other
continuation lines do not). A record holding traces written with no header of their own is
cut where each begins (``core.tracelines``). Line counting is ``bytes.count``.

A record may straddle two chunks, so the tail of each chunk from its last record start is
carried into the next one.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Protocol

from stacklens_desktop.core.tracelines import record_cuts

#: Words that make a line worth a look whatever its level (the classifier decides). Searched
#: with ``bytes.find``: a regex alternation without a literal prefix is 100x slower here.
#: Level words (FATAL, CRITICAL ...) are the format's ``warn_or_above`` job, not repeated here.
SEVERE_WORDS: tuple[bytes, ...] = (
    b"Traceback (most recent call last)", b"Exception", b"Error", b"panic:",
    b"Segmentation fault", b"Killed process",
)
#: "Exception" and "Error" share their first byte: one regex with that literal prefix finds
#: both in one pass (``re`` skips to each "E" at memchr speed), 3x faster than two finds.
_E_WORDS = re.compile(rb"E(?:xception|rror)")
_OTHER_WORDS: tuple[bytes, ...] = tuple(w for w in SEVERE_WORDS if w not in (b"Exception",
                                                                                b"Error"))
MAX_BACKTRACK_LINES = 400
MAX_RECORD_BYTES = 256 * 1024
#: appended to a record cut at :data:`MAX_RECORD_BYTES` (importers count and report them)
RECORD_CUT_MARKER = " ...[record truncated by StackLens]"


class ScanFormat(Protocol):
    """What the scanner needs from a log format (see ``core.formats``)."""

    name: str
    start: re.Pattern[bytes]
    warn_or_above: re.Pattern[bytes]
    #: a record-start line that this matches (at its start) takes the next line into its
    #: record although that line starts a record too (SQL Server writes an error's number
    #: and its text as two timestamped lines); None in most formats
    joins_next: re.Pattern[bytes] | None


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


def _severe_hits(data: bytes) -> list[int]:
    """Start positions of the :data:`SEVERE_WORDS` in ``data`` (unordered)."""
    hits = [m.start() for m in _E_WORDS.finditer(data)]
    hits += _find_all(data, _OTHER_WORDS)
    return hits


def _body(data: bytes, start: int, end: int) -> bytes:
    """A record's bytes without its line end, cut at :data:`MAX_RECORD_BYTES`."""
    body = data[start:end].rstrip(b"\r\n")
    if len(body) > MAX_RECORD_BYTES:
        body = body[:MAX_RECORD_BYTES] + RECORD_CUT_MARKER.encode()
    return body


class RecordScanner:
    """Feed chunks in file order; get the candidate records and the count of lines."""

    def __init__(self, fmt: ScanFormat, first_line_no: int = 1) -> None:
        self._fmt = fmt
        self._joins: re.Pattern[bytes] | None = getattr(fmt, "joins_next", None)
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

    def discard(self) -> None:
        """Forget what is held back (it will be fed again from :attr:`pending_offset`); the
        line numbering goes on from the held record's first line, as it was never counted."""
        self._carry = b""

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
                return self._joined_from(data, pos)
            pos = data.rfind(b"\n", 0, pos - 1) + 1
        return end  # no record start nearby: nothing to hold back

    def _joined_from(self, data: bytes, pos: int) -> int:
        """``pos``, or the line before it when that line takes this one into its record."""
        joins = self._joins
        if joins is None or pos == 0:
            return pos
        before = data.rfind(b"\n", 0, pos - 1) + 1
        return before if joins.match(data, before) else pos

    def _record_end(self, data: bytes, start: int, line_start: int) -> int:
        """Where the record that begins at ``start`` (hit on ``line_start``) ends."""
        size = len(data)
        after = data.find(b"\n", line_start) + 1 or size
        joins = self._joins
        if joins is not None and after < size and line_start == start \
                and joins.match(data, start):
            after = data.find(b"\n", after) + 1 or size
        nxt = self._fmt.start.search(data, after)
        end = nxt.start() if nxt else size
        return size if end <= line_start else end

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
        severe = _severe_hits(data)
        if not severe:
            return iter(warn)
        if not warn:  # severe hits come grouped by word: they need sorting too
            return iter(sorted(severe))
        return iter(sorted(set(warn).union(severe)))

    def _scan(self, data: bytes, offset: int) -> ScanResult:
        records: list[RawRecord] = []
        covered = -1  # records end here; hits before it belong to the previous record
        counted_pos, counted_lines = 0, self._line_no
        size = len(data)
        is_start = self._fmt.start.match
        next_start = self._fmt.start.search
        joins = self._joins
        find, rfind, count = data.find, data.rfind, data.count
        for hit in self._hits(data):
            if hit < covered:
                continue
            line_start = rfind(b"\n", 0, hit) + 1
            if line_start and is_start(data, line_start) is None:
                start = self._record_start(data, line_start)
                if start < covered:
                    start = line_start
            else:
                start = line_start
            after = find(b"\n", line_start) + 1 or size  # where the hit's line ends
            if joins is None:  # the common case, inline: this loop runs once per error
                nxt = next_start(data, after)
                end = nxt.start() if nxt else size
                if end <= line_start:
                    end = size
            else:
                joined = self._joined_from(data, start)
                start = joined if joined >= covered else start
                end = self._record_end(data, start, line_start)
            if start < line_start or after < end:  # several lines: bare traces inside?
                for cut in record_cuts(data, start, end):
                    counted_lines += count(b"\n", counted_pos, start)
                    counted_pos = start
                    records.append(RawRecord(_body(data, start, cut), offset + start,
                                             counted_lines))
                    start = cut
            counted_lines += count(b"\n", counted_pos, start)
            counted_pos = start
            body = data[start:end].rstrip(b"\r\n")
            if len(body) > MAX_RECORD_BYTES:
                body = _body(data, start, end)
            records.append(RawRecord(body, offset + start, counted_lines))
            covered = end
        # one pass of counting in all: the rest of the chunk after the last record start
        newlines = counted_lines - self._line_no + count(b"\n", counted_pos)
        self._line_no += newlines
        lines = newlines + (1 if data and not data.endswith(b"\n") else 0)
        return ScanResult(records, lines)

"""Reading one source for the agent: from a committed offset to the end of its complete lines,
through the same scanner and analyzer as an import (records, patterns, classification,
scrubbing all happen here, on the host: only scrubbed events leave it).

The offset a shipment ends at is where the scanner's held-back record starts (a stack trace
may still be growing): after a crash the agent resumes there with a fresh scanner and reads
that record whole. A held-back record is let go when a poll finds nothing new.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass

from stacklens_desktop.core.analyzer import Analyzer
from stacklens_desktop.core.batch import SourcePosition
from stacklens_desktop.core.formats import detect_format
from stacklens_desktop.core.reading import read_text_sample
from stacklens_desktop.core.scanner import RecordScanner
from stacklens_desktop.team.shipment import Shipment

#: Bytes read per shipment at most (one PostgreSQL transaction).
MAX_SHIPMENT_BYTES = 1024 * 1024

MakeAnalyzer = Callable[[str], Analyzer]


@dataclass
class Position:
    """Committed reading position of a source (what the store or the spool holds)."""

    offset: int = 0
    lines: int = 0
    inode: int | None = None


class SourceReader:
    """Turns what was appended to ``path`` since ``position`` into shipments."""

    def __init__(self, host: str, path: str, position: Position,
                 make_analyzer: MakeAnalyzer) -> None:
        self.host = host
        self.path = path
        self._make_analyzer = make_analyzer
        self.reset(position)

    def reset(self, position: Position) -> None:
        """Read again from ``position`` (after a restart or when the store says so)."""
        self.committed = Position(position.offset, position.lines, position.inode)
        self._read_to = position.offset
        self._scanner: RecordScanner | None = None
        self._analyzer: Analyzer | None = None

    def _open_stream(self) -> tuple[int, int] | None:
        """(inode, size) of the file, or None when it is missing; a replaced or truncated
        file is read again from its start."""
        try:
            st = os.stat(self.path)
        except OSError:
            return None
        if self.committed.inode not in (None, st.st_ino) or st.st_size < self._read_to:
            self.reset(Position(0, 0, st.st_ino))
        self.committed.inode = st.st_ino
        return st.st_ino, st.st_size

    def _ensure_analyzer(self) -> tuple[RecordScanner, Analyzer]:
        if self._scanner is None or self._analyzer is None:
            fmt = detect_format(read_text_sample(self.path))
            self._analyzer = self._make_analyzer(self.path)
            self._analyzer.fmt = fmt
            self._scanner = RecordScanner(fmt, first_line_no=self.committed.lines + 1)
        return self._scanner, self._analyzer

    def poll(self) -> Shipment | None:
        """The next shipment (None when there is nothing new to ship)."""
        found = self._open_stream()
        if found is None:
            return None
        inode, size = found
        data = b""
        if size > self._read_to:
            with open(self.path, "rb") as handle:
                handle.seek(self._read_to)
                data = handle.read(min(size - self._read_to, MAX_SHIPMENT_BYTES))
            data = data[: data.rfind(b"\n") + 1]
        if not data and (self._scanner is None or self._scanner.pending_offset
                         >= self._read_to):
            return None
        scanner, analyzer = self._ensure_analyzer()
        if data:
            result = scanner.feed(self._read_to, data)
            self._read_to += len(data)
            end = scanner.pending_offset
        else:  # quiet: the held-back record is complete
            result = scanner.finish()
            end = self._read_to
        if end == self.committed.offset:
            return None
        position = SourcePosition(self.path, end, result.lines, inode=inode,
                                  format_name=analyzer.fmt.name if analyzer.fmt else None)
        batch = analyzer.analyze(result.records, position)
        return Shipment.from_batch(self.host, self.path, self.committed.offset, batch, inode)

    def shipped(self, shipment: Shipment) -> None:
        """``shipment`` is safe (in the store or the spool): the next one starts at its end."""
        self.committed = Position(shipment.end, self.committed.lines + shipment.lines,
                                  shipment.inode)

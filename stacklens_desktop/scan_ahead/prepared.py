"""The unit of work handed from scanning to writing, and the loop that makes it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from stacklens_desktop.core.analyzer import Analyzer, Mined
from stacklens_desktop.core.reading import CHUNK_SIZE, iter_chunks
from stacklens_desktop.core.scanner import RecordScanner


@dataclass(slots=True)
class Prepared:
    """One chunk's worth of work, ready for judging and writing."""

    mined: list[Mined]
    #: lines completed by this chunk
    lines: int
    #: the offset the store may commit after this batch (start of the unfinished record)
    offset: int
    #: bytes read so far (for progress)
    read_to: int


def prepare_chunks(stream: BinaryIO, start: int, scanner: RecordScanner,
                   analyzer: Analyzer, chunk_size: int = CHUNK_SIZE) -> Iterator[Prepared]:
    """The in-process way (and the child's loop): read, scan, parse and mine each chunk."""
    end = start
    for chunk in iter_chunks(stream, start, chunk_size):
        end = chunk.end
        result = scanner.feed(chunk.offset, chunk.data)
        yield Prepared(analyzer.prepare(result.records), result.lines, scanner.pending_offset,
                       chunk.end)
    result = scanner.finish()
    yield Prepared(analyzer.prepare(result.records), result.lines, end, end)

"""Where a tailer starts reading a file it opens for the first time."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from stacklens_desktop.watch.model import FileId


class StartAt(StrEnum):
    """Start of a source with no stored offset."""

    END = "end"  # new source: only what is written from now on
    BEGINNING = "beginning"  # import the history too


@dataclass(frozen=True, slots=True)
class Resume:
    """Continue from a stored offset (the end of the last line the store committed).

    With ``file_id`` set and different from the file now at the path, the file was rotated
    while we were down: the tailer drains the old file from ``offset`` if it can still find
    it in the same directory (e.g. renamed to ``app.log.1``), then reads the new file from 0.
    """

    offset: int
    file_id: FileId | None = None


#: What callers pass to say where to start.
Start = StartAt | Resume

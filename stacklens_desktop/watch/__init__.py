"""Follow log files: tailers (offsets, rotation, truncation) and a watched set of them.

Plain Python, no Qt: the Qt watcher worker drives :class:`WatchSet.drain` from its thread.
"""

from stacklens_desktop.watch.model import (
    Chunk,
    EventKind,
    FileId,
    SourceState,
    TailEvent,
    TailResult,
)
from stacklens_desktop.watch.start import Resume, Start, StartAt
from stacklens_desktop.watch.tailer import Tailer
from stacklens_desktop.watch.watchset import SourceStatus, WatchSet

__all__ = [
    "Chunk",
    "EventKind",
    "FileId",
    "Resume",
    "SourceState",
    "SourceStatus",
    "Start",
    "StartAt",
    "TailEvent",
    "TailResult",
    "Tailer",
    "WatchSet",
]

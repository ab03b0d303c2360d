"""Reading, scanning, parsing and mining a file in a forked process, ahead of the importer.

``stacklens analyze`` spends about 0.6 s importing the store's libraries (SQLAlchemy,
SQLModel) before it can write a row, and the file's scanning and mining cost as much again
per million lines. Forking before those imports lets the child do the second while the
parent does the first, on the other core. The child sends, per chunk, the records it parsed
and mined (:class:`Prepared`); the parent judges new patterns and writes, exactly as it
would have with the same items prepared in-process (one analyzer sees the whole file in
order either way, so the patterns and events are the same).

Only for a single-threaded process on a platform with ``fork`` (the command line): forking a
process that runs threads (the Qt app) is unsafe, so everything else prepares in-process.

Modules: :mod:`.prepared` (the work unit and the in-process loop), :mod:`.process` (the
parent's handle on the child), :mod:`.child` (the child's loop), :mod:`.outbox` (the child's
bounded send buffer), :mod:`.wire` (encoding on the pipe), :mod:`.start` (deciding to fork
and where to start).
"""

from stacklens_desktop.scan_ahead.prepared import Prepared, prepare_chunks
from stacklens_desktop.scan_ahead.process import (
    ENV_SWITCH,
    ScanAhead,
    ScanAheadError,
    can_fork,
)
from stacklens_desktop.scan_ahead.start import peek_resume_point, start_scan_ahead

__all__ = [
    "ENV_SWITCH", "Prepared", "ScanAhead", "ScanAheadError", "can_fork", "peek_resume_point",
    "prepare_chunks", "start_scan_ahead",
]

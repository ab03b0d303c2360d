"""inotify (watchdog) watches on the directories that hold watched files.

Watchdog only tells *that* something changed: the callback receives a path and must do no
more than mark it dirty; all reading happens in the WatchSet's reader thread. A watch is
non-recursive, on the file's directory, or while that directory is missing on its nearest
existing ancestor, so that the directory's re-creation is noticed too.
"""

from __future__ import annotations

import contextlib
import logging
import os
import stat
import threading
from collections.abc import Callable, Iterable

from watchdog.events import (
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
    FileAttribEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver, ObservedWatch

log = logging.getLogger("stacklens.watch")

#: No open/close events: our own reads would otherwise wake us up in a loop.
#: Attribute changes are in: a chmod makes a source in error retry at once.
_EVENTS: list[type[FileSystemEvent]] = [
    FileModifiedEvent,
    FileAttribEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileMovedEvent,
    DirCreatedEvent,
    DirDeletedEvent,
    DirMovedEvent,
]

DirIdentity = tuple[int, int]


class _MarkDirty(FileSystemEventHandler):
    def __init__(self, on_path: Callable[[str], None], on_dir_gone: Callable[[str], None]) -> None:
        self._on_path = on_path
        self._on_dir_gone = on_dir_gone

    def on_any_event(self, event: FileSystemEvent) -> None:
        src = os.fsdecode(event.src_path)
        if isinstance(event, DirDeletedEvent | DirMovedEvent):
            self._on_dir_gone(src)
        self._on_path(src)
        if event.dest_path:
            self._on_path(os.fsdecode(event.dest_path))


class DirectoryWatches:
    """One watchdog observer; keeps a watch on each wanted directory (or its ancestor)."""

    def __init__(self, on_path: Callable[[str], None]) -> None:
        self._handler = _MarkDirty(on_path, self._dir_gone)
        self._gone_lock = threading.Lock()
        self._gone: set[str] = set()  # watched dirs reported deleted/moved: watch is dead
        self._observer: BaseObserver = Observer()
        self._observer.daemon = True
        self._observer.start()
        self._watches: dict[str, tuple[ObservedWatch, DirIdentity]] = {}

    @property
    def watched(self) -> dict[str, DirIdentity]:
        return {path: ident for path, (_, ident) in self._watches.items()}

    def reconcile(self, directories: Iterable[str]) -> None:
        """Watch exactly the existing directories (or ancestors) for ``directories``.

        A watch whose directory was deleted or replaced is dropped and, if the directory
        exists again, made anew: inotify watches die with their directory. Replacement is
        seen by a new inode or by the deletion event (the new directory may reuse the inode).
        """
        with self._gone_lock:
            gone, self._gone = self._gone, set()
        targets: dict[str, DirIdentity] = {}
        for directory in directories:
            found = _nearest_existing(directory)
            if found is not None:
                targets[found[0]] = found[1]
        for path, (watch, ident) in list(self._watches.items()):
            if path in gone or targets.get(path) != ident:
                self._unschedule(watch)
                del self._watches[path]
        for path, ident in targets.items():
            if path not in self._watches:
                self._schedule(path, ident)

    def close(self) -> None:
        self._observer.stop()
        self._observer.join(timeout=5)
        self._watches.clear()

    def _dir_gone(self, path: str) -> None:
        with self._gone_lock:
            self._gone.add(path)

    def _schedule(self, path: str, ident: DirIdentity) -> None:
        try:
            watch = self._observer.schedule(
                self._handler, path, recursive=False, event_filter=_EVENTS
            )
        except OSError as err:  # vanished meanwhile; the next reconcile tries again
            log.debug("cannot watch %s: %s", path, err)
            return
        self._watches[path] = (watch, ident)

    def _unschedule(self, watch: ObservedWatch) -> None:
        with contextlib.suppress(KeyError, OSError):
            self._observer.unschedule(watch)


def _nearest_existing(directory: str) -> tuple[str, DirIdentity] | None:
    path = os.path.abspath(directory)
    while True:
        try:
            st = os.stat(path)
        except OSError:
            st = None
        if st is not None and stat.S_ISDIR(st.st_mode):
            return path, (st.st_dev, st.st_ino)
        parent = os.path.dirname(path)
        if parent == path:
            return None
        path = parent

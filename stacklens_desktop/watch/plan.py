"""One pass of a WatchSet's reader: which tailers to poll, which patterns to rescan."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from stacklens_desktop.watch.globs import GlobWatch
from stacklens_desktop.watch.tailer import Tailer


@dataclass(slots=True)
class Entry:
    tailer: Tailer
    owners: set[str] = field(default_factory=set)


@dataclass(slots=True)
class Work:
    """What one pass of the reader must do, taken from the shared state under the lock."""

    dirty: set[str]
    to_close: list[Tailer]
    rescan: set[str]
    reconcile: bool
    full: bool
    entries: dict[str, Entry]
    globs: dict[str, GlobWatch]


def resolve(work: Work) -> tuple[list[str], list[str], bool]:
    """Which tailers to poll and globs to rescan for this pass; whether dirs may have changed.

    A dirty path that is a followed file polls just that file. Any other path (a directory
    created or deleted, a new file) polls the files below it and rescans the patterns it
    may concern; this is rare, so a linear look is fine.
    """
    if work.full:
        return list(work.entries), list(work.globs), True
    paths: dict[str, None] = {}
    rescan = set(work.rescan)
    reconcile = False
    for dirty in work.dirty:
        if dirty in work.entries:
            paths[dirty] = None
        prefix = dirty + os.sep
        for path in work.entries:
            if path.startswith(prefix):
                paths[path] = None
                reconcile = True
        for pattern, watch in work.globs.items():
            concern = watch.concerns(dirty)
            if concern is not None:
                rescan.add(pattern)
                reconcile = reconcile or concern == "dir"
    return list(paths), sorted(rescan), reconcile


def directories(work: Work) -> set[str]:
    dirs = {os.path.dirname(path) for path in work.entries}
    for watch in work.globs.values():
        dirs.update(watch.directories)
    return dirs

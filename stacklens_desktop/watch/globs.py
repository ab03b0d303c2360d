"""A glob pattern of log files (``/var/log/pos/*.log``) and where each match starts."""

from __future__ import annotations

import glob
import os
from collections.abc import Mapping
from fnmatch import fnmatchcase

from stacklens_desktop.watch.start import Resume, Start, StartAt


class GlobWatch:
    """Matches of one pattern. Files there at the first scan use ``start`` (or their stored
    ``resume`` offset); files that appear later are read from byte 0."""

    def __init__(
        self, pattern: str, start: Start = StartAt.END, resume: Mapping[str, Resume] | None = None
    ) -> None:
        self.pattern = os.path.abspath(pattern)
        self.start = start
        self.resume = dict(resume or {})
        self._scanned = False
        self._parts = self.pattern.split(os.sep)

    @property
    def directories(self) -> list[str]:
        """Directories whose changes may add or remove matches (for inotify)."""
        head = os.path.dirname(self.pattern)
        if not glob.has_magic(head):
            return [head]
        base = head
        while glob.has_magic(base):
            base = os.path.dirname(base)
        return [base, *sorted(glob.glob(head))]

    def matches(self, path: str) -> bool:
        return self.concerns(path) == "file"

    def concerns(self, path: str) -> str | None:
        """``"file"`` if ``path`` matches, ``"dir"`` if it may lead to matches (a directory
        on the way: ``/var/log`` or ``/var/log/shop-2`` for ``/var/log/shop-*/pos.log``)."""
        parts = os.path.abspath(path).split(os.sep)
        if len(parts) > len(self._parts):
            return None
        if not all(fnmatchcase(p, pat) for p, pat in zip(parts, self._parts, strict=False)):
            return None
        return "file" if len(parts) == len(self._parts) else "dir"

    def scan(self, known: set[str]) -> tuple[set[str], list[tuple[str, Start]]]:
        """All regular files matching now, and those not in ``known`` with their start."""
        found = sorted(p for p in glob.glob(self.pattern) if os.path.isfile(p))
        first, self._scanned = not self._scanned, True
        return set(found), [(p, self.start_for(p, first)) for p in found if p not in known]

    def start_for(self, path: str, first_scan: bool) -> Start:
        if path in self.resume:
            return self.resume[path]
        return self.start if first_scan else StartAt.BEGINNING

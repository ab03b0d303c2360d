"""The child's send buffer: lets it run ahead of a parent that is not reading yet."""

from __future__ import annotations

import collections
import threading

#: encoded bytes the child may hold while the parent is busy: enough to run ahead through
#: the parent's start-up (a 4 MiB chunk of a typical log encodes to ~1 MB, of an all-error
#: log to ~10 MB), bounded so that a slow parent does not grow the child without limit
OUTBOX_BYTES = 64 * 1024 * 1024


class Outbox:
    """A FIFO of encoded messages bounded by their total size (one message always fits);
    ``None`` is the end marker."""

    def __init__(self, limit: int) -> None:
        self._limit = limit
        self._items: collections.deque[bytes | None] = collections.deque()
        self._bytes = 0
        self._cond = threading.Condition()

    def put(self, blob: bytes | None) -> None:
        size = len(blob) if blob is not None else 0
        with self._cond:
            self._cond.wait_for(lambda: self._bytes == 0 or self._bytes + size <= self._limit)
            self._items.append(blob)
            self._bytes += size
            self._cond.notify_all()

    def get(self) -> bytes | None:
        with self._cond:
            self._cond.wait_for(lambda: bool(self._items))
            blob = self._items.popleft()
            self._bytes -= len(blob) if blob is not None else 0
            self._cond.notify_all()
            return blob

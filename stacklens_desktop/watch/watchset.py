"""Watch many files and glob patterns; hand out what was appended, in batches.

Threads: any thread may :meth:`add_file`, :meth:`add_glob`, :meth:`remove` or :meth:`wake`;
watchdog's thread only marks paths dirty; exactly one *reader* thread calls :meth:`drain`
(or :meth:`run_until`), and all file reading, opening and closing happens there.

Why both inotify and polling: inotify says within a millisecond that a file changed, but
says nothing on network and some bind mounts, and its watches die with their directory. So
every ``poll_interval`` all tailers are polled anyway, glob patterns are rescanned and the
directory watches are checked (a re-created directory gets a new watch).
"""

from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from stacklens_desktop.watch.dirwatch import DirectoryWatches
from stacklens_desktop.watch.globs import GlobWatch
from stacklens_desktop.watch.model import FileId, SourceState, TailResult
from stacklens_desktop.watch.plan import Entry, Work, directories, resolve
from stacklens_desktop.watch.start import Resume, Start, StartAt
from stacklens_desktop.watch.tailer import MiB, Tailer

EXPLICIT = ""  # owner tag of a file added by path rather than by a pattern
_RETIRED_KEEP = 1024  # identities of rotated-away files remembered for glob de-duplication


@dataclass(frozen=True, slots=True)
class SourceStatus:
    """A snapshot of one watched path, for the UI (read from any thread)."""

    path: str
    state: SourceState
    reason: str
    offset: int
    file_id: FileId | None
    patterns: frozenset[str]


class WatchSet:
    """Files and glob patterns being followed, read by one reader thread."""

    def __init__(
        self,
        *,
        use_inotify: bool = True,
        poll_interval: float = 0.5,
        max_batch_bytes: int = 32 * MiB,
        tailer_options: Mapping[str, int] | None = None,
    ) -> None:
        self.poll_interval = poll_interval
        self.max_batch_bytes = max_batch_bytes
        self._tailer_options = dict(tailer_options or {})
        self._cond = threading.Condition()
        self._entries: dict[str, Entry] = {}
        self._globs: dict[str, GlobWatch] = {}
        self._dirty: set[str] = set()
        self._to_close: list[Tailer] = []
        self._rescan: set[str] = set()
        self._reconcile = True
        self._next_full = time.monotonic() + poll_interval
        self._woken = False
        self._retired: OrderedDict[FileId, int] = OrderedDict()  # reader thread only
        self._dirs = DirectoryWatches(self._mark) if use_inotify else None

    # -- changes, from any thread ---------------------------------------------------------

    def add_file(self, path: str | os.PathLike[str], start: Start = StartAt.END) -> None:
        """Follow ``path``. ``start`` applies if the file exists at the first poll."""
        key = os.path.abspath(path)
        with self._cond:
            entry = self._entries.get(key)
            if entry is None:
                entry = self._entries[key] = Entry(self._new_tailer(key, start))
            entry.owners.add(EXPLICIT)
            self._dirty.add(key)
            self._changed()

    def add_glob(
        self,
        pattern: str,
        start: Start = StartAt.END,
        resume: Mapping[str, Resume] | None = None,
    ) -> None:
        """Follow every file matching ``pattern``, now and later.

        Files matching now start per ``start`` (or their ``resume`` entry, keyed by absolute
        path); files that appear later are read from their first byte.
        """
        watch = GlobWatch(pattern, start, resume)
        with self._cond:
            self._globs.setdefault(watch.pattern, watch)
            self._rescan.add(watch.pattern)
            self._changed()

    def remove(self, path_or_pattern: str | os.PathLike[str]) -> None:
        """Stop following a file or pattern (its files close at the next drain)."""
        key = os.path.abspath(path_or_pattern)
        with self._cond:
            owner = key if self._globs.pop(key, None) is not None else EXPLICIT
            for path, entry in list(self._entries.items()):
                if owner == EXPLICIT and path != key:
                    continue
                entry.owners.discard(owner)
                if not entry.owners:
                    self._to_close.append(self._entries.pop(path).tailer)
            self._changed()

    def wake(self) -> None:
        """Make a :meth:`drain` that is waiting return now (e.g. to stop the reader)."""
        with self._cond:
            self._woken = True
            self._cond.notify_all()

    def sources(self) -> list[SourceStatus]:
        with self._cond:
            entries = list(self._entries.items())
        return [
            SourceStatus(
                path,
                e.tailer.state,
                e.tailer.reason,
                e.tailer.offset,
                e.tailer.file_id,
                frozenset(o for o in e.owners if o != EXPLICIT),
            )
            for path, e in entries
        ]

    def _mark(self, path: str) -> None:
        """Watchdog callback: remember the path, wake the reader. Nothing else."""
        with self._cond:
            self._dirty.add(path)
            self._cond.notify_all()

    def _changed(self) -> None:
        self._reconcile = True
        self._cond.notify_all()

    def _new_tailer(self, path: str, start: Start) -> Tailer:
        return Tailer(path, start, **self._tailer_options)

    # -- reading, from the reader thread --------------------------------------------------

    def drain(
        self,
        timeout: float,
        *,
        max_bytes: int | None = None,
        linger: float = 0.0,
        max_lines: int | None = None,
    ) -> list[TailResult]:
        """Wait up to ``timeout`` s for something to report, read it, return it.

        Reads at most ``max_bytes`` (default ``max_batch_bytes``); paths with more left stay
        dirty, so the next call returns at once. With ``linger`` > 0, after the first data it
        keeps collecting for that many seconds, or until ``max_lines`` lines are in: fewer,
        larger batches in a burst, at most ``linger`` of added latency.
        """
        budget = max_bytes if max_bytes is not None else self.max_batch_bytes
        deadline = time.monotonic() + timeout
        results: list[TailResult] = []
        while not results:  # a wake-up may find nothing new (e.g. a periodic poll)
            if not self._wait(deadline - time.monotonic()):
                return []
            results = self._process(budget)
        until = time.monotonic() + linger
        while linger > 0 and results:
            left = budget - sum(r.read_bytes for r in results)
            remaining = until - time.monotonic()
            enough = max_lines is not None and sum(r.line_count for r in results) >= max_lines
            if enough or left <= 0 or remaining <= 0 or not self._wait(remaining):
                break
            results += self._process(left)
        return results

    def run_until(
        self,
        stop: threading.Event,
        on_batch: Callable[[list[TailResult]], None],
        *,
        timeout: float = 0.1,
        linger: float = 0.0,
    ) -> None:
        """Reader loop: drain and hand each non-empty batch to ``on_batch`` until ``stop``.

        Set ``stop`` then call :meth:`wake` for a prompt exit.
        """
        while not stop.is_set():
            results = self.drain(timeout, linger=linger)
            if results:  # read is delivered, even when stopping: nothing goes missing
                on_batch(results)

    def close(self) -> None:
        """Stop watchdog and close every file. Call it from the reader thread, or after."""
        if self._dirs is not None:
            self._dirs.close()
        with self._cond:
            tailers = [e.tailer for e in self._entries.values()] + self._to_close
            self._entries.clear()
            self._to_close = []
        for tailer in tailers:
            tailer.close()

    def __enter__(self) -> WatchSet:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _wait(self, timeout: float) -> bool:
        """Block until there is work (True) or timeout / :meth:`wake` (False)."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                now = time.monotonic()
                if self._dirty or self._to_close or self._rescan or self._reconcile:
                    return True
                if now >= self._next_full:
                    return True
                if self._woken or now >= deadline:
                    self._woken = False
                    return False
                self._cond.wait(min(deadline, self._next_full) - now)

    def _take_work(self) -> Work:
        with self._cond:
            now = time.monotonic()
            full = now >= self._next_full
            if full:
                self._next_full = now + self.poll_interval
            work = Work(
                self._dirty,
                self._to_close,
                self._rescan,
                self._reconcile,
                full,
                dict(self._entries),
                dict(self._globs),
            )
            self._dirty, self._to_close, self._rescan = set(), [], set()
            self._reconcile = False
        return work

    def _process(self, budget: int) -> list[TailResult]:
        work = self._take_work()
        for tailer in work.to_close:
            tailer.close()
        paths, rescan, reconcile = resolve(work)
        if self._dirs is not None and (work.full or work.reconcile or reconcile):
            self._dirs.reconcile(directories(work))
        results: list[TailResult] = []
        left = self._poll_paths(paths, work.entries, results, budget)
        for pattern in rescan:
            if pattern in work.globs:
                left = self._scan_glob(work.globs[pattern], work.entries, results, left)
        return results

    def _poll_paths(
        self, paths: list[str], entries: dict[str, Entry], results: list[TailResult], budget: int
    ) -> int:
        for index, path in enumerate(paths):
            if budget <= 0:
                with self._cond:
                    self._dirty.update(paths[index:])
                break
            entry = entries.get(path)
            if entry is not None:
                budget -= self._poll_one(path, entry.tailer, results, budget)
        return budget

    def _poll_one(self, path: str, tailer: Tailer, results: list[TailResult], budget: int) -> int:
        retired = tailer.last_retired
        result = tailer.poll(budget)
        if tailer.last_retired is not None and tailer.last_retired is not retired:
            self._remember_retired(*tailer.last_retired)
        if result.more:
            with self._cond:
                self._dirty.add(path)
        if result:
            results.append(result)
        return result.read_bytes

    def _remember_retired(self, file_id: FileId, position: int) -> None:
        self._retired[file_id] = position
        self._retired.move_to_end(file_id)
        while len(self._retired) > _RETIRED_KEEP:
            self._retired.popitem(last=False)

    def _scan_glob(
        self, watch: GlobWatch, entries: dict[str, Entry], results: list[TailResult], budget: int
    ) -> int:
        found, new = watch.scan(set(entries))
        self._forget_vanished(watch, found, entries)
        active = {e.tailer.file_id: p for p, e in entries.items() if e.tailer.file_id}
        for path, start in new:
            file_id = _identity(path)
            if file_id in active:
                # A file we follow under another name (renamed since its tailer's last
                # poll): let that tailer see the rotation first, then look again.
                with self._cond:
                    self._dirty.add(active[file_id])
                    self._rescan.add(watch.pattern)
                continue
            if file_id is not None and file_id in self._retired:
                start = Resume(self._retired[file_id], file_id)
            entry = self._adopt(path, watch.pattern, start)
            if entry is None:
                continue
            entries[path] = entry
            if budget > 0:
                budget -= self._poll_one(path, entry.tailer, results, budget)
            else:
                with self._cond:
                    self._dirty.add(path)
        return budget

    def _adopt(self, path: str, pattern: str, start: Start) -> Entry | None:
        with self._cond:
            if pattern not in self._globs:
                return None  # removed meanwhile
            entry = self._entries.get(path)
            if entry is None:
                entry = self._entries[path] = Entry(self._new_tailer(path, start))
            entry.owners.add(pattern)
            return entry

    def _forget_vanished(
        self, watch: GlobWatch, found: set[str], entries: dict[str, Entry]
    ) -> None:
        """Drop members that no longer match once their tailer has drained them."""
        with self._cond:
            for path, entry in list(entries.items()):
                if watch.pattern not in entry.owners or path in found:
                    continue
                if entry.tailer.state is not SourceState.WAITING:
                    continue
                entry.owners.discard(watch.pattern)
                if not entry.owners and self._entries.get(path) is entry:
                    del self._entries[path]
                    del entries[path]
                    self._to_close.append(entry.tailer)


def _identity(path: str) -> FileId | None:
    try:
        return FileId.of(os.stat(path))
    except OSError:
        return None

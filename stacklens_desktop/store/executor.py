"""The one writer: every write transaction on a database runs on one thread of the process.

Anki's model: the analysis, import, Jira and UI paths do not open write transactions of
their own; they hand a function to :func:`write`, which runs it inside ``BEGIN ... COMMIT`` on
the database's writer thread and returns its result (or raises its error) to the caller.
Writes therefore never wait on each other through SQLite's busy timeout, and they are applied
in the order they were submitted. Reads keep their own connections. (A server database, the
team store, takes concurrent writers itself: :func:`write` runs there in the caller's thread.)

There is one executor per database file per process, shared by every :class:`Store` opened
on that file and stopped when the last one closes. Its thread starts at the first write, so a
process that forks before writing (``analyze``'s scanning child) forks with one thread.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine

from stacklens_desktop.store.errors import StoreError

log = logging.getLogger("stacklens.store.writer")

T = TypeVar("T")
_Job = tuple[Callable[[Connection], Any], "Future[Any]"]


class WriteExecutor:
    """A thread that runs write functions one at a time, each in its own transaction."""

    def __init__(self, engine: Engine, name: str) -> None:
        self.engine = engine
        self._name = name
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()

    def run(self, fn: Callable[[Connection], T]) -> T:
        """Run ``fn(conn)`` in a write transaction on the writer thread; wait for it."""
        return self.submit(fn).result()

    def submit(self, fn: Callable[[Connection], T]) -> Future[T]:
        if threading.current_thread() is self._thread:
            raise RuntimeError("a write submitted from inside a write would wait for itself")
        future: Future[T] = Future()
        self._ensure_started()
        self._jobs.put((fn, future))
        return future

    def _ensure_started(self) -> None:
        with self._start_lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._loop, name=self._name, daemon=True)
                self._thread.start()

    def _loop(self) -> None:
        while True:
            job = self._jobs.get()
            if job is None:
                return
            fn, future = job
            if not future.set_running_or_notify_cancel():
                continue
            try:
                with self.engine.begin() as conn:
                    result = fn(conn)
            except BaseException as exc:  # handed to the caller, who decides
                future.set_exception(exc)
            else:
                future.set_result(result)

    def stop(self) -> None:
        """Finish the writes already submitted, then end the thread."""
        with self._start_lock:
            thread, self._thread = self._thread, None
        if thread is not None:
            self._jobs.put(None)
            thread.join()
        self.engine.dispose()


class _Entry:
    def __init__(self, executor: WriteExecutor) -> None:
        self.executor = executor
        self.users = 0


_executors: dict[str, _Entry] = {}
_guard = threading.Lock()


def acquire(database: str, make_engine: Callable[[], Engine]) -> WriteExecutor:
    """The process's writer for ``database`` (created on first use); pair with release."""
    with _guard:
        entry = _executors.get(database)
        if entry is None:
            entry = _executors[database] = _Entry(
                WriteExecutor(make_engine(), f"stacklens-db-writer:{database}"))
        entry.users += 1
        return entry.executor


def release(database: str) -> None:
    with _guard:
        entry = _executors.get(database)
        if entry is None:
            return
        entry.users -= 1
        if entry.users > 0:
            return
        del _executors[database]
    entry.executor.stop()


def executor_for(engine: Engine) -> WriteExecutor:
    """The writer of the database ``engine`` reads (opened through :func:`open_store`)."""
    database = engine.url.database or ""
    with _guard:
        entry = _executors.get(database)
    if entry is None:
        raise StoreError(f"the database {database} is not open for writing in this process")
    return entry.executor


def write(engine: Engine, fn: Callable[[Connection], T]) -> T:
    """Run ``fn(conn)`` as one write transaction on the database's writer thread.

    On a database server (the team store's PostgreSQL) there is no writer thread: the server
    takes concurrent writers itself, so ``fn`` runs here, in its own transaction on
    ``engine``. The repositories written for :func:`write` (outbox, tickets, the automation
    log) therefore run unchanged on a team engine."""
    if engine.dialect.name != "sqlite":
        with engine.begin() as conn:
            return fn(conn)
    return executor_for(engine).run(fn)

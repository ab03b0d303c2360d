"""The store facade: one SQLite file in the profile folder."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Connection

from stacklens_desktop.paths import database_path
from stacklens_desktop.store import executor
from stacklens_desktop.store.engine import (
    OpenedEngine,
    StoreError,
    make_engine,
    open_engine,
    private_file,
)
from stacklens_desktop.store.writer import StoreWriter

T = TypeVar("T")


class Store:
    """Owns a reading engine; every write goes to the process's one writer of the file
    (:mod:`.executor`), through ``writer`` (batches) or :meth:`write` (anything else)."""

    def __init__(self, opened: OpenedEngine) -> None:
        self.engine = opened.engine
        self.path = opened.path
        self.salvage = opened.salvage
        self.recovered_from = opened.recovered_from
        self._database = opened.engine.url.database or str(opened.path)
        self.executor: executor.WriteExecutor | None = executor.acquire(
            self._database, lambda: make_engine(opened.path))
        self.writer = StoreWriter(self.executor)

    def write(self, fn: Callable[[Connection], T]) -> T:
        """Run ``fn(conn)`` as one write transaction on the writer thread."""
        if self.executor is None:
            raise StoreError("the store is closed")
        return self.executor.run(fn)

    def backup(self, target: Path) -> Path:
        """A consistent copy while others read and write (SQLite's online backup API)."""
        target = target.expanduser().resolve()
        if target.is_dir():
            target = target / self.path.name
        self._refuse_inside_profile(target)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(target.name + ".part")
            private_file(tmp)
        except OSError as exc:
            raise StoreError(f"cannot write the backup {target}: {exc.strerror or exc}") from exc
        source = sqlite3.connect(str(self.path))
        try:
            dest = sqlite3.connect(str(tmp))
            try:
                source.backup(dest, pages=1024)
            finally:
                dest.close()
        except sqlite3.Error as exc:
            tmp.unlink(missing_ok=True)
            raise StoreError(f"backup to {target} failed: {exc}") from exc
        finally:
            source.close()
        tmp.replace(target)
        return target

    def _refuse_inside_profile(self, target: Path) -> None:
        """A backup inside the profile would be overwritten or swept up with it, and one onto
        the live file (or its WAL) would destroy what it copies."""
        profile = self.path.parent.resolve()
        if target == self.path.resolve() or target.is_relative_to(profile):
            raise StoreError(f"refusing to write the backup to {target}: it is inside the "
                             f"profile folder {profile}; choose a place outside it")

    def close(self) -> None:
        if self.executor is not None:
            self.executor = None
            executor.release(self._database)
        self.engine.dispose()


def open_store(data_dir: Path) -> Store:
    """Open the profile's database (created, migrated, or recovered from corruption)."""
    return Store(open_engine(database_path(data_dir)))

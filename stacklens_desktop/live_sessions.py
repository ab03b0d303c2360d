"""Watch sessions for the analysis history: one run per source watched, from the first write
for it until watching stops, with the lines read, errors stored and patterns found.

The live pipeline (the writer) reports each stored batch here; the run row is created at the
source's first write (its source row exists then), its counters are stored when the analysis
worker's progress timer calls :meth:`WatchSessions.save` (every ``PROGRESS_MS``: the history
shows a running session's progress), and finished when watching stops. A session left
running by a process that died is marked interrupted the next time watching starts.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine

from stacklens_desktop.store import runs

KIND = "watch"
#: How often a running session's counters are stored (when they moved).
PROGRESS_MS = 2000


@dataclass(slots=True)
class _Session:
    run_id: int
    source_id: int | None
    lines: int = 0
    records: int = 0
    errors: int = 0
    new_patterns: int = 0
    dirty: bool = False


class WatchSessions:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._sessions: dict[str, _Session] = {}
        runs.close_running(engine, KIND)

    def record(self, path: str, source_id: int | None, lines: int = 0, records: int = 0,
               errors: int = 0, new_patterns: int = 0) -> None:
        """A batch of ``path`` was stored (state changes too: they start the session)."""
        session = self._sessions.get(path)
        if session is None:
            run_id = runs.start_run(self._engine, source_id, KIND)
            session = self._sessions[path] = _Session(run_id, source_id)
        session.lines += lines
        session.records += records
        session.errors += errors
        session.new_patterns += new_patterns
        session.dirty = session.dirty or bool(lines or errors or new_patterns)

    def save(self) -> bool:
        """Store the counters of the sessions that moved since the last save (True if any)."""
        moved = [session for session in self._sessions.values() if session.dirty]
        for session in moved:
            self._store(session, "running")
        return bool(moved)

    def finish(self, state: str = "done", paths: list[str] | None = None) -> None:
        """The sessions of ``paths`` (None: every one) end now."""
        for path in list(self._sessions) if paths is None else paths:
            session = self._sessions.pop(path, None)
            if session is not None:
                self._store(session, state)

    def _store(self, session: _Session, state: str) -> None:
        runs.finish_run(self._engine, session.run_id, source_id=session.source_id,
                        lines=session.lines, records=session.records, errors=session.errors,
                        new_patterns=session.new_patterns, state=state)
        session.dirty = False

"""The patterns a run of the analysis history found: the patterns of the events it stored,
not every pattern of its source (real store, real files, the real importer and live
pipeline)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from stacklens_desktop.importer import import_file
from stacklens_desktop.intelligence import build_judge
from stacklens_desktop.live import LivePipeline
from stacklens_desktop.live_sessions import WatchSessions
from stacklens_desktop.store import Store, open_store, runs
from stacklens_desktop.watch import StartAt, Tailer
from tests.ui.conftest import append, db_error, err, info


def _pattern_ids(engine: Engine, template_part: str) -> set[int]:
    with engine.connect() as conn:
        return {int(r[0]) for r in conn.exec_driver_sql(
            "SELECT id FROM pattern WHERE template LIKE ?", (f"%{template_part}%",))}


def _import(store: Store, log: Path, tmp_path: Path) -> int:
    import_file(store, log, build_judge(tmp_path / "profile", store.engine))
    return runs.newest_runs(store.engine, 1)[0][0]


def test_each_import_of_a_growing_file_opens_only_what_it_stored(tmp_path: Path) -> None:
    log, other = tmp_path / "pos.log", tmp_path / "api.log"
    log.write_text(err(1) + info(2) + err(3))
    other.write_text(db_error(1))
    store = open_store(tmp_path / "profile")
    try:
        first = _import(store, log, tmp_path)
        elsewhere = _import(store, other, tmp_path)  # same pattern, another source
        append(log, db_error(4) + db_error(5))
        second = _import(store, log, tmp_path)  # resumes: only the appended lines
        price, lock = _pattern_ids(store.engine, "no price"), _pattern_ids(store.engine, "lock")
        assert len(price) == len(lock) == 1
        assert set(runs.run_pattern_ids(store.engine, first)) == price
        assert set(runs.run_pattern_ids(store.engine, second)) == lock
        assert set(runs.run_pattern_ids(store.engine, elsewhere)) == lock
        assert runs.run_pattern_ids(store.engine, 999) == []  # no such run
        nothing = runs.start_run(store.engine, None, "import")  # failed before a source
        assert runs.run_pattern_ids(store.engine, nothing) == []
    finally:
        store.close()


def test_a_killed_watch_session_keeps_its_events_apart_from_the_next_import(
        tmp_path: Path) -> None:
    """A watch session stores its count every few seconds; killed between two, its count
    is short. Closed at the next start of watching, it is recounted from the store, so the
    runs after it still open only their own patterns."""
    log = tmp_path / "pos.log"
    log.write_text(err(1))
    store = open_store(tmp_path / "profile")
    try:
        imported = _import(store, log, tmp_path)
        pipeline = LivePipeline(store, build_judge(tmp_path / "profile", store.engine))
        tailer = Tailer(log, StartAt.END)
        pipeline.process([tailer.poll()], now=0.0)  # at the end of what was imported
        append(log, db_error(2) + db_error(3))
        pipeline.process([tailer.poll()], now=1.0)
        pipeline.close_idle(5.0)  # stored, but the session never saved its counts: killed
        watched = runs.newest_runs(store.engine, 1)[0]
        assert (watched[1], watched[6], watched[8]) == ("watch", 0, "running")
        lock, price = _pattern_ids(store.engine, "lock"), _pattern_ids(store.engine, "no price")
        assert len(lock) == len(price) == 1
        assert set(runs.run_pattern_ids(store.engine, watched[0])) == lock  # newest: the rest
        WatchSessions(store.engine)  # watching starts again in a new process
        closed = runs.newest_runs(store.engine, 1)[0]
        assert (closed[6], closed[8]) == (2, "interrupted")
        append(log, err(4))
        reimported = _import(store, log, tmp_path)
        assert set(runs.run_pattern_ids(store.engine, watched[0])) == lock
        assert set(runs.run_pattern_ids(store.engine, reimported)) == price
        assert set(runs.run_pattern_ids(store.engine, imported)) == price
    finally:
        store.close()

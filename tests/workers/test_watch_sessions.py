"""Watch sessions in the analysis history: recorded by the writer, per source watched."""

from __future__ import annotations

from pathlib import Path

from stacklens_desktop.store import open_store, runs
from stacklens_desktop.ui import reads
from stacklens_desktop.ui.rows import RunRow
from stacklens_desktop.workers.live_monitor import LiveMonitor
from tests.qt_wait import wait_worker_signal
from tests.workers.test_live_monitor import _append, _wait_events, err, info


def _runs(data_dir: Path) -> list[RunRow]:
    store = open_store(data_dir)
    try:
        return reads.analysis_runs(store.engine)
    finally:
        store.close()


def test_each_watch_session_is_a_run_with_its_counts(qtbot, tmp_path: Path) -> None:
    data_dir = tmp_path / "profile"
    data_dir.mkdir()
    log = tmp_path / "pos.log"
    log.write_text("".join(info(n) for n in range(3)))
    monitor = LiveMonitor(data_dir, poll_interval=0.2)
    monitor.start()
    try:
        with wait_worker_signal(qtbot, monitor.analysis.source_state_changed, 10_000):
            monitor.add(str(log))  # a new file: read from its end
        _append(log, "".join(err(n) for n in range(5)))
        _wait_events(qtbot, data_dir, 5)
        running = _runs(data_dir)
        assert [(r.kind, r.source, r.state) for r in running] == [
            ("watch", str(log), "running")]
        monitor.remove(str(log))  # paused: this session ends, its counts complete
        qtbot.waitUntil(lambda: _runs(data_dir)[0].state == "done", timeout=10_000)
        first = _runs(data_dir)[0]
        assert (first.lines, first.errors, first.new_patterns) == (5, 5, 1)
        assert first.ended_at is not None and first.ended_at >= first.started_at
        with wait_worker_signal(qtbot, monitor.analysis.source_state_changed, 10_000):
            monitor.add(str(log))  # resumed: a second session, for what is read from now on
        _append(log, err(6) + info(7))
        _wait_events(qtbot, data_dir, 6)
    finally:
        monitor.stop()
    second, first_again = _runs(data_dir)  # newest first
    assert first_again == first
    assert (second.kind, second.state, second.lines, second.errors,
            second.new_patterns) == ("watch", "done", 2, 1, 0)


def test_a_session_left_running_by_a_killed_process_is_marked_interrupted(
        qtbot, tmp_path: Path) -> None:
    data_dir = tmp_path / "profile"
    store = open_store(data_dir)
    try:
        runs.start_run(store.engine, None, "watch")  # what a killed `watch` leaves
        runs.start_run(store.engine, None, "import")  # an import of this process: untouched
    finally:
        store.close()
    monitor = LiveMonitor(data_dir, poll_interval=0.2)
    monitor.start()
    log = tmp_path / "a.log"
    log.write_text(info(1))
    with wait_worker_signal(qtbot, monitor.analysis.source_state_changed, 10_000):
        monitor.add(str(log))
    _append(log, err(2))
    _wait_events(qtbot, data_dir, 1)
    monitor.stop()
    states = [(r.kind, r.state) for r in _runs(data_dir)]
    assert states == [("watch", "done"), ("import", "running"), ("watch", "interrupted")]

"""The main window on a big profile: 10,000 patterns and 1,000,000 events.

Run: ``.venv/bin/python -m tests.bench.bench_window``.

Measures, in one process with offscreen Qt: the time from building the window to the first
rows on screen, to all patterns loaded (eager paging, so that sort and filter cover every
pattern) and to the analysis thread's classifier loaded, the longest GUI-thread stall from
``show()`` (the launcher's path, ``show_window``: the first paint, then the session's start)
until 0.5 s after that (5 ms QTimer heartbeat), and the time the
proxy takes to sort by Count and to filter by text and by status over all 10,000 rows,
and the slowest of 10 live updates of 3 rows that move (sorted by Count, no filter).
Baseline side by side: the lazy model of before (first page only, the rest on scroll), whose
sort and filter covered 500 rows. A warm-up run first, so both read a cached database.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from sqlalchemy import Connection

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, Qt, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from stacklens_desktop.store import open_store  # noqa: E402
from stacklens_desktop.ui import pattern_model as pm  # noqa: E402
from stacklens_desktop.ui.app import bare_window, start_window  # noqa: E402

try:
    from stacklens_desktop.ui.app import show_window  # noqa: E402
except ImportError:  # a tree before it (A/B runs): what its launcher (run_gui) did inline
    from PySide6.QtCore import QEventLoop  # noqa: E402

    def show_window(app: QApplication, window, demo=None) -> None:  # noqa: ANN001
        window.show()
        app.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        start_window(window, demo)
from stacklens_desktop.ui.rows import PatternRefresh  # noqa: E402

PATTERNS = 10_000
EVENTS = 1_000_000
SEVERITIES = ("critical", "high", "medium", "low")
STATUSES = ("new", "acknowledged", "muted", "resolved", "regression")
#: heartbeat kept after the analysis thread is ready: the start's last reads answer meanwhile
SETTLE_S = 0.5


def build_profile(base: Path) -> None:
    store = open_store(base)
    try:
        def _change_1(conn: Connection) -> None:
            conn.exec_driver_sql(
                "INSERT INTO source (id, path, offset, lines, state) "
                "VALUES (1, '/var/log/pos.log', 0, 0, 'done')")
            conn.exec_driver_sql(
                "INSERT INTO pattern (id, fingerprint, template, error_type, severity, "
                "confidence, count, last_seen, status, resolution_steps, parameters_sample, "
                "source_id) VALUES (?, ?, ?, 'database', ?, 0.8, ?, "
                "'2026-11-25T10:00:00.000Z', ?, '[]', '[]', 1)",
                [(i, f"fp{i:05d}", f"Failure {i:05d} in step <*>", SEVERITIES[i % 4],
                  EVENTS // PATTERNS, STATUSES[i % 5]) for i in range(1, PATTERNS + 1)])
            conn.exec_driver_sql(
                "INSERT INTO event (pattern_id, source_id, time, level, message, parameters, "
                "fields, raw, offset, line_no) VALUES (?, 1, ?, 'ERROR', 'Failure', '[]', "
                "'{}', 'raw line', ?, ?)",
                [(1 + n % PATTERNS, f"2026-11-25T{9 + n // 400_000:02d}:"
                  f"{(n // 6_667) % 60:02d}:00.000Z", n, n) for n in range(EVENTS)])

        store.write(_change_1)
    finally:
        store.close()


class Heartbeat:
    """The longest gap between 5 ms ticks on the GUI thread (wall clock: on a loaded machine
    it includes the time the OS gave the CPU to other processes), and the most CPU time the
    GUI thread spent between two ticks (its own work without a return to the event loop:
    what a read's handling costs, whatever the load)."""

    def __init__(self) -> None:
        self.longest = 0
        self.busiest = 0.0
        self.gaps: list[int] = []
        self._cpu = time.thread_time()
        self._clock = QElapsedTimer()
        self._clock.start()
        self._timer = QTimer()
        self._timer.setInterval(5)
        self._timer.timeout.connect(self._tick)
        self._timer.start()

    def _tick(self) -> None:
        gap = self._clock.restart()
        self.gaps.append(gap)
        self.longest = max(self.longest, gap)
        cpu = time.thread_time()
        self.busiest = max(self.busiest, (cpu - self._cpu) * 1000)
        self._cpu = cpu

    def over(self, ms: int) -> int:
        return sum(1 for gap in self.gaps if gap > ms)


def wait(app: QApplication, done, timeout: float = 60.0) -> float:  # noqa: ANN001
    start = time.perf_counter()
    while not done():
        app.processEvents()
        if time.perf_counter() - start > timeout:
            raise TimeoutError
        time.sleep(0.001)
    return time.perf_counter() - start


def timed(action) -> float:  # noqa: ANN001
    start = time.perf_counter()
    action()
    return (time.perf_counter() - start) * 1000


def live_refresh(app: QApplication, model: pm.PatternTableModel, rounds: int = 10) -> float:
    """The slowest of ``rounds`` live updates (3 rows whose count rises, so that they move
    in the Count order), with the events they queue, in ms."""
    slowest = 0.0
    step = model.rowCount() // (rounds + 1)
    for k in range(rounds):
        rows = [replace(model.row_at(i), count=model.row_at(i).count + 50 + k)
                for i in range(step * (k + 1), step * (k + 1) + 3)]
        start = time.perf_counter()
        model.apply_refresh(PatternRefresh(rows, min(r.id for r in rows), False))
        for _ in range(3):
            app.processEvents()
        slowest = max(slowest, (time.perf_counter() - start) * 1000)
    return slowest


def measure(app: QApplication, base: Path, eager: bool) -> dict[str, float]:
    started = time.perf_counter()
    window = bare_window(base)
    beat = Heartbeat()
    show_window(app, window)  # the launcher's order: shown, painted, then started
    wait(app, lambda: window.session is not None and window.session.running)
    if not eager:
        window.patterns.model.set_eager(False)
    model = window.patterns.model
    wait(app, lambda: model.rowCount() > 0)
    first = time.perf_counter() - started
    wait(app, lambda: model.fully_loaded or (not eager and model.rowCount() >= pm.PAGE_SIZE))
    loaded = time.perf_counter() - started
    # the start is over once the analysis thread has loaded the classifier too (it may start
    # after the table is loaded: its GIL-heavy load would otherwise escape the heartbeat)
    wait(app, lambda: window.session.monitor.analysis._pipeline is not None)
    analysis = time.perf_counter() - started
    wait(app, lambda: time.perf_counter() - started > analysis + SETTLE_S)
    tab = window.patterns
    figures = {
        "first rows s": first, "loaded s": loaded, "analysis ready s": analysis,
        "rows": model.rowCount(),
        "sort by count ms": timed(lambda: tab.view.sortByColumn(
            pm.COL_COUNT, Qt.SortOrder.DescendingOrder)),
        "text filter ms": timed(lambda: tab.search.setText("0042")),
        "status filter ms": timed(lambda: tab.status_filter.setCurrentIndex(
            tab.status_filter.findText("Needs attention"))),
        "shown after filters": tab.proxy.rowCount(),
        "GUI stall ms": beat.longest,
        "GUI stalls > 50 ms": beat.over(50),
        "GUI busy (CPU) ms": beat.busiest,
    }
    tab.search.setText("")
    tab.status_filter.setCurrentIndex(0)
    figures["live refresh ms (max of 10)"] = live_refresh(app, model)
    window.shutdown()
    window.deleteLater()
    app.processEvents()
    return figures


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp) / "profile"
        start = time.perf_counter()
        build_profile(base)
        print(f"profile: {PATTERNS:,} patterns, {EVENTS:,} events "
              f"({time.perf_counter() - start:.1f} s to build)")
        measure(app, base, eager=False)  # warm-up: the OS cache holds the database after it
        runs = {}
        for name, eager in (("first page only", False), ("all rows (now)", True)):
            (base / "window.ini").unlink(missing_ok=True)
            runs[name] = measure(app, base, eager=eager)
    names = list(runs)
    print(f"{'':24}" + "".join(f"{n:>18}" for n in names))
    for key in runs[names[0]]:
        print(f"{key:24}" + "".join(f"{runs[n][key]:>18,.2f}" for n in names))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

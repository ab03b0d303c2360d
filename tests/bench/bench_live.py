"""Live pipeline benchmark: the real Qt watcher + analysis workers on a real file.

Run: ``.venv/bin/python -m tests.bench.bench_live``.

1. Latency: a writer thread appends 2,000 error lines at 200 lines/s; per line, the time from
   its write to the ``events_stored`` signal on the GUI thread. p50 / p99 / max, with inotify
   and, as the baseline side by side, with the polling fallback only.
2. Throughput: 200,000 lines (5% errors) written as fast as possible; lines/s until all are
   committed, exactly-once check, peak RSS, and the longest GUI-thread stall measured with a
   5 ms QTimer heartbeat. Baseline: ``import_file`` of the same file (the batch path).
   The last line of the burst is a record that stays open until the source is idle for its
   wait (250 ms: its continuation lines may still come), so "burst lines/s" is also given:
   the rate until every line before that last record is committed.
"""

from __future__ import annotations

import gc
import os
import resource
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from stacklens_desktop.gcheap import freeze_long_lived  # noqa: E402
from stacklens_desktop.importer import import_file  # noqa: E402
from stacklens_desktop.intelligence import build_judge  # noqa: E402
from stacklens_desktop.store import open_store  # noqa: E402
from stacklens_desktop.workers import analysis_worker  # noqa: E402
from stacklens_desktop.workers.live_monitor import LiveMonitor  # noqa: E402

ERR = ('2026-11-25T10:00:00.000Z [ERROR] Receipt printer offline: {{"printer":"PRN-{n}",'
       '"till":"T7","code":"PRINTER_OFFLINE","seq":{n}}}\n')
INFO = '2026-11-25T10:00:00.000Z [INFO] Order placed: {{"orderId":"ORD-{n}","items":3}}\n'


class Heartbeat:
    """The longest gap between 5 ms timer ticks on the GUI thread."""

    def __init__(self) -> None:
        self.worst = 0.0
        self._last = time.perf_counter()
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)

    def _tick(self) -> None:
        now = time.perf_counter()
        self.worst = max(self.worst, now - self._last - 0.005)
        self._last = now

    def start(self) -> None:
        self._last = time.perf_counter()
        self.worst = 0.0
        self.timer.start()


class FullCollections:
    """Durations of the full (generation 2) garbage collections, on any thread."""

    def __init__(self) -> None:
        self.pauses: list[float] = []
        self._began = 0.0

    def _callback(self, phase: str, info: dict) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            self._began = time.perf_counter()
        else:
            self.pauses.append(time.perf_counter() - self._began)

    def start(self) -> None:
        gc.callbacks.append(self._callback)

    def stop(self) -> None:
        gc.callbacks.remove(self._callback)


def _pump_until(app: QApplication, done, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        app.processEvents()
        if done():
            return True
        time.sleep(0.001)
    return False


def _monitor(app: QApplication, profile: Path, log: Path, inotify: bool) -> LiveMonitor:
    mon = LiveMonitor(profile, use_inotify=inotify, poll_interval=0.5, emit_stats=False)
    ready = []
    mon.analysis.source_state_changed.connect(lambda *a: ready.append(a))
    mon.start()
    mon.add(str(log))
    _pump_until(app, lambda: bool(ready), 60)
    return mon


def latency(app: QApplication, work: Path, inotify: bool, count: int = 2000,
            rate: float = 200.0) -> list[float]:
    profile, log = work / f"lat-{inotify}", work / f"lat-{inotify}.log"
    profile.mkdir()
    log.write_text("")
    mon = _monitor(app, profile, log, inotify)
    written: dict[int, float] = {}
    seen: dict[int, float] = {}

    def on_events(events: list) -> None:
        now = time.perf_counter()
        for e in events:
            seen.setdefault(e.offset, now)

    mon.analysis.events_stored.connect(on_events)

    def writer() -> None:
        offset = 0
        with log.open("a") as out:
            start = time.perf_counter()
            for n in range(count):
                line = ERR.format(n=n)
                target = start + n / rate
                while time.perf_counter() < target:
                    time.sleep(0.0005)
                written[offset] = time.perf_counter()
                out.write(line)
                out.flush()
                offset += len(line.encode())

    thread = threading.Thread(target=writer)
    thread.start()
    _pump_until(app, lambda: len(seen) >= count, count / rate + 30)
    thread.join()
    mon.stop()
    return [(seen[o] - t) * 1000 for o, t in written.items() if o in seen]


def throughput(app: QApplication, work: Path, run: str, frozen: bool = True,
               total: int = 200_000) -> dict[str, float]:
    """``frozen=False`` keeps the analysis worker from freezing the long-lived heap at start:
    the behaviour before that fix, as a baseline for the stall (run it first)."""
    profile, log = work / f"tp-{run}", work / f"tp-{run}.log"
    profile.mkdir()
    log.write_text("")
    if not frozen:
        analysis_worker.freeze_long_lived = lambda: None
    try:
        mon = _monitor(app, profile, log, True)
    finally:
        analysis_worker.freeze_long_lived = freeze_long_lived
    processed = [0]
    burst_done = [0.0]

    def on_lines(n: int) -> None:
        processed[0] = n
        if n >= total - 1 and not burst_done[0]:
            burst_done[0] = time.perf_counter()

    mon.analysis.lines_processed.connect(on_lines)
    beat = Heartbeat()
    full_gc = FullCollections()
    data = "".join(ERR.format(n=i) if i % 20 == 0 else INFO.format(n=i) for i in range(total))

    def writer() -> None:  # a separate process would be the real case: not the GUI thread
        with log.open("a") as out:
            for i in range(0, len(data), 1 << 16):
                out.write(data[i : i + (1 << 16)])
                out.flush()

    thread = threading.Thread(target=writer)
    beat.start()
    full_gc.start()
    start = time.perf_counter()
    thread.start()
    ok = _pump_until(app, lambda: processed[0] >= total, 120)
    thread.join()
    seconds = time.perf_counter() - start
    beat.timer.stop()
    full_gc.stop()
    mon.stop()
    store = open_store(profile)
    with store.engine.connect() as conn:
        events, distinct = conn.exec_driver_sql(
            "SELECT COUNT(*), COUNT(DISTINCT offset) FROM event").one()
    store.close()
    return {"ok": ok, "seconds": seconds, "lines_per_s": total / seconds,
            "burst_per_s": (total - 1) / (burst_done[0] - start), "events": events,
            "distinct": distinct, "expected": total // 20, "stall_ms": beat.worst * 1000,
            "full_gc": len(full_gc.pauses), "full_gc_ms": max(full_gc.pauses, default=0) * 1000,
            "log": str(log)}


def baseline_import(work: Path, log: Path) -> float:
    profile = work / "import"
    profile.mkdir()
    store = open_store(profile)
    judge = build_judge(profile, store.engine)
    start = time.perf_counter()
    summary = import_file(store, log, judge)
    seconds = time.perf_counter() - start
    store.close()
    return summary.lines / seconds


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    work = Path(tempfile.mkdtemp(prefix="stacklens-live-"))
    build_judge(work, None)  # train / load the model once, outside the measurements
    print("| latency, write → events_stored (2,000 lines at 200/s) | n | p50 ms | p99 ms | "
          "max ms |")
    print("|---|---|---|---|---|")
    results = {}
    for inotify in (True, False):
        lat = latency(app, work, inotify)
        results[inotify] = lat
        name = "inotify (watchdog)" if inotify else "polling only, 0.5 s (baseline)"
        print(f"| {name} | {len(lat)} | {statistics.median(lat):.1f} | {_pct(lat, 0.99):.1f} | "
              f"{max(lat):.1f} |")
    ratio = statistics.median(results[True]) / statistics.median(results[False])
    print(f"p50 ratio inotify / polling: {ratio:.3f}")
    print("\n| throughput run (200,000 lines, 5% errors) | seconds | lines/s | burst lines/s | "
          "events stored (expected, distinct offsets) | longest GUI-thread stall ms | "
          "full GCs (longest ms) |")
    print("|---|---|---|---|---|---|---|")
    runs = [("not frozen (baseline, before the fix)", False), ("frozen-1", True),
            ("frozen-2", True), ("frozen-3", True)]
    shipped = []
    for name, frozen in runs:
        tp = throughput(app, work, name.split(" ")[0], frozen)
        if frozen:
            shipped.append(tp)
        print(f"| {name} | {tp['seconds']:.2f} | {tp['lines_per_s']:,.0f} | "
              f"{tp['burst_per_s']:,.0f} | {tp['events']} "
              f"({tp['expected']}, {tp['distinct']}) | {tp['stall_ms']:.1f} | "
              f"{tp['full_gc']} ({tp['full_gc_ms']:.0f}) |")
    base = baseline_import(work, Path(shipped[0]["log"]))
    rate = statistics.median(t["lines_per_s"] for t in shipped)
    burst = statistics.median(t["burst_per_s"] for t in shipped)
    print(f"\nshipped: median {rate:,.0f} lines/s ({burst:,.0f} burst), worst stall "
          f"{max(t['stall_ms'] for t in shipped):.1f} ms; all committed exactly once: "
          f"{all(t['ok'] and t['events'] == t['distinct'] == t['expected'] for t in shipped)}")
    print(f"baseline import_file of the same file: {base:,.0f} lines/s "
          f"(live / import = {rate / base:.2f})")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS of this process: {rss:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

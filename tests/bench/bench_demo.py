"""Demo latency: from the click on Place order (Premium Item, 999) to the pattern row in the
main window, in the real demo (offscreen window, till, watcher, analysis, store worker).

Run: ``.venv/bin/python -m tests.bench.bench_demo [ORDERS]``.

The first order makes the row appear; every next one must raise its count. Side by side:
the demo's record wait for the POS log (30 ms, its ``watch.json``) and, as the baseline, the
default 250 ms (a record stays open that long waiting for trace lines; the POS writes a
record with its trace in one flushed write, hence the demo's shorter wait).
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from stacklens_desktop.ui.app import build_window  # noqa: E402
from stacklens_desktop.ui.demo import RECORD_WAIT_MS, DemoEnvironment  # noqa: E402
from stacklens_desktop.ui.main_window import MainWindow  # noqa: E402

TEMPLATE = "Product has no price"
TIMEOUT_S = 30.0


def count_of(window: MainWindow) -> int:
    model = window.patterns.model
    rows = [model.row_at(r) for r in range(model.rowCount())]
    return next((row.count for row in rows if TEMPLATE in row.template), 0)


def wait(app: QApplication, done, timeout: float = TIMEOUT_S) -> float:  # noqa: ANN001
    start = time.perf_counter()
    while not done():
        if time.perf_counter() - start > timeout:
            raise TimeoutError("the demo did not answer")
        app.processEvents()
        time.sleep(0.001)
    return time.perf_counter() - start


def pause(app: QApplication, seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents()
        time.sleep(0.005)


def run(app: QApplication, orders: int, wait_ms: int) -> list[float]:
    """Seconds from each click on Place order to the row showing that order."""
    base = Path(tempfile.mkdtemp(prefix="bench-demo-"))
    demo = DemoEnvironment(base / "demo").start()
    (demo.data_dir / "watch.json").write_text(
        json.dumps({"record_wait_ms": {str(demo.log_path): wait_ms}}), encoding="utf-8")
    window = build_window(demo.data_dir, demo=demo, poll_interval=0.2)
    window.show()
    till = window.pos_launcher.window
    assert till is not None
    times = []
    try:
        wait(app, lambda: window.sources.state_of(str(demo.log_path)) == "watching")
        for n in range(1, orders + 1):
            till.cart.clear()
            QTest.mouseClick(till.grid.buttons[999], Qt.MouseButton.LeftButton)
            clicked = time.perf_counter()
            QTest.mouseClick(till.cart_panel.place_button, Qt.MouseButton.LeftButton)
            wait(app, lambda n=n: count_of(window) >= n)
            times.append(time.perf_counter() - clicked)
            wait(app, lambda: till.cart_panel.place_button.isEnabled())
            pause(app, 0.3)  # orders apart, as a person places them
    finally:
        window.close()
        demo.stop()
    return times


def describe(name: str, times: list[float]) -> str:
    ms = sorted(t * 1000 for t in times)
    return (f"{name:<28} first {times[0] * 1000:5.0f} ms   median {statistics.median(ms):5.0f} ms"
            f"   max {ms[-1]:5.0f} ms   (n={len(ms)})")


def main() -> None:
    orders = int(sys.argv[1]) if len(sys.argv) > 1 else 10
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    demo = run(app, orders, RECORD_WAIT_MS)
    baseline = run(app, orders, 250)
    print(f"load average {os.getloadavg()[0]:.1f}, {os.cpu_count()} cores")
    print(describe(f"demo (record wait {RECORD_WAIT_MS} ms)", demo))
    print(describe("baseline (250 ms)", baseline))
    print(f"median ratio baseline/demo: "
          f"{statistics.median(baseline) / statistics.median(demo):.2f}x")


if __name__ == "__main__":
    main()

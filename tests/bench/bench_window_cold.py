"""The main window's start in a new process (cold imports), from ``show()`` to all 10,000
patterns loaded and the classifier ready: the GUI thread's longest stall on the way.

Run: ``.venv/bin/python -m tests.bench.bench_window_cold [--runs N] [--base TREE]``.

Each run is its own process (its modules read from the OS cache, as on a second start of
the app), on bench_window's profile (10,000 patterns,
1,000,000 events), started the launcher's way (``show_window``). A 5 ms QTimer heartbeat on
the GUI thread gives the longest gap. ``--base``: the same runs with another tree's code
(e.g. a ``git worktree`` of an older commit), side by side; for a tree without
``show_window`` the child does what that tree's ``run_gui`` did inline.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.bench.bench_window import build_profile

ROOT = Path(__file__).resolve().parents[2]

CHILD = r"""
import json, sys, time
from pathlib import Path
from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv[:1])
from stacklens_desktop.ui import app as launcher
started = time.perf_counter()
window = launcher.bare_window(Path(sys.argv[1]))
gaps = []
clock = QElapsedTimer()
clock.start()
beat = QTimer()
beat.setInterval(5)
beat.timeout.connect(lambda: gaps.append(clock.restart()))
beat.start()
if hasattr(launcher, "show_window"):
    launcher.show_window(app, window)
else:
    window.show()
    app.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    launcher.start_window(window)
def ready():
    session = window.session
    return (session is not None and window.patterns.model.fully_loaded
            and session.monitor.analysis._pipeline is not None)
while not ready():
    app.processEvents()
    time.sleep(0.001)
    if time.perf_counter() - started > 120:
        raise TimeoutError
loaded = time.perf_counter() - started
window.shutdown()
print(json.dumps({"loaded": loaded, "longest": max(gaps), "over50": sum(g > 50 for g in gaps)}))
"""


def run(tree: Path, profile: Path) -> dict[str, float]:
    (profile / "window.ini").unlink(missing_ok=True)
    env = {**os.environ, "PYTHONPATH": str(tree), "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", CHILD, str(profile)], env=env, check=True,
                         capture_output=True, text=True, cwd=tree, timeout=300).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--base", type=Path, help="another tree's code, run beside this one")
    args = parser.parse_args()
    trees = {"this tree": ROOT} | ({"base": args.base.resolve()} if args.base else {})
    with tempfile.TemporaryDirectory() as tmp:
        profile = Path(tmp) / "profile"
        build_profile(profile)
        results: dict[str, list[dict[str, float]]] = {name: [] for name in trees}
        for _ in range(args.runs):  # interleaved: the machine's load falls on both alike
            for name, tree in trees.items():
                results[name].append(run(tree, profile))
    for name, runs in results.items():
        longest = [r["longest"] for r in runs]
        over = ", ".join(str(int(r["over50"])) for r in runs)
        loaded = ", ".join(f"{r['loaded']:.2f}" for r in runs)
        print(f"{name:10} longest GUI stall ms: {', '.join(f'{g:.0f}' for g in longest)}"
              f" (median {statistics.median(longest):.0f}); stalls > 50 ms: {over};"
              f" loaded s: {loaded}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

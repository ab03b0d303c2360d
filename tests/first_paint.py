"""Launch the app's window and wait for its first painted frame, from outside the process.

The end point is Qt's own log line for the first flush of the painted main window to its
native window (``QT_LOGGING_RULES=qt.widgets.painting=true``: "Flushing QRegion(...) of
MainWindow"), read from the process's stderr as it comes; the process is then stopped. Used
by the packaging test (the installed app opens its window) and bench_bundle_start.
"""

from __future__ import annotations

import re
import subprocess
import tempfile
import time
from pathlib import Path

PAINTED = re.compile(r"Flushing QRegion\(.*\) of MainWindow\(")
TIMEOUT_S = 60.0


def first_paint_seconds(argv: list[str], env: dict[str, str]) -> float:
    """Seconds from launching ``argv gui`` (new profile, new HOME) to the painted window;
    ``env`` adds to a clean environment (DISPLAY or QT_QPA_PLATFORM)."""
    work = Path(tempfile.mkdtemp(prefix="stacklens-start-"))
    clean = {"PATH": "/usr/bin:/bin", "HOME": str(work / "home"), "LANG": "C.UTF-8",
             "QT_LOGGING_RULES": "qt.widgets.painting=true", "TMPDIR": str(work), **env}
    started = time.perf_counter()
    proc = subprocess.Popen([*argv, "gui", "--data-dir", str(work / "profile")], env=clean,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        assert proc.stderr is not None
        for line in proc.stderr:
            if PAINTED.search(line):
                return time.perf_counter() - started
            if time.perf_counter() - started > TIMEOUT_S:
                break
        raise RuntimeError(f"no painted main window from {argv[0]} (exit {proc.poll()})")
    finally:
        proc.terminate()
        proc.communicate(timeout=30)  # waits and closes the pipe (wait() leaves it open)

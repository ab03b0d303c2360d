"""``stacklens`` with no arguments is what a desktop launcher runs: it opens the window."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

SHOWN = "main window shown"


def test_no_arguments_opens_the_window_and_quits_cleanly(tmp_path: Path) -> None:
    profile = tmp_path / "profile"
    env = dict(os.environ, STACKLENS_DATA_DIR=str(profile), QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen([sys.executable, "-m", "stacklens_desktop"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    app_log = profile / "logs" / "stacklens.log"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            if app_log.exists() and SHOWN in app_log.read_text(encoding="utf-8"):
                break
            time.sleep(0.1)  # polling another process's log: no Qt signal to wait on
        assert proc.poll() is None, proc.communicate()[1]
        assert SHOWN in app_log.read_text(encoding="utf-8")
        proc.send_signal(signal.SIGTERM)  # the window closes as on a click on its X
        _, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "usage:" not in err


HEAVY = ("sqlalchemy", "sqlmodel", "numpy", "sklearn", "requests", "watchdog", "keyring")
SCRIPT = f"""
import sys
import stacklens_desktop.ui.app
print(sorted({{m.split(".")[0] for m in sys.modules}} & set({HEAVY!r})))
"""


def test_the_window_module_loads_no_database_or_model_library() -> None:
    """What comes before the first paint: the store, the classifier and the Jira client
    load after it (start-up 0.9-1.2 s, was 3.1-3.7 s; tests/bench/RESULTS.md)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                         check=True, env=env).stdout.strip()
    assert out == "[]"

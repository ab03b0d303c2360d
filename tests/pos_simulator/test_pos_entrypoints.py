"""The ways to start the simulator: the console script, and the window with the API beside it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import requests
from pos_helpers import pos_command, running, subprocess_env

SCRIPT = Path(sys.executable).parent / "pos-simulator"


def test_console_script_runs_headless(tmp_path: Path) -> None:
    log = tmp_path / "script.log"
    done = subprocess.run(
        [str(SCRIPT), "--headless", "--orders", "5", "--rate", "0", "--seed", "2",
         "--log", str(log)],
        env=subprocess_env(), capture_output=True, text=True, timeout=60, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert log.read_text().count("] Order received: ") == 5


def test_window_mode_serves_the_api_beside_the_window(tmp_path: Path) -> None:
    """``pos-simulator --http 0`` opens the window (offscreen here) and answers HTTP."""
    log = tmp_path / "window.log"
    command = pos_command("--http", "0", "--log", str(log), "--no-latency")
    with running(command, subprocess_env(QT_QPA_PLATFORM="offscreen")) as proc:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        assert "serving http://127.0.0.1:" in line
        url = line.split("serving ", 1)[1].split()[0]
        body = {"items": [{"productId": 1, "quantity": 1}, {"productId": 999, "quantity": 2}]}
        response = requests.post(f"{url}/orders", json=body, timeout=10)
        assert response.status_code == 400 and response.json()["code"] == "MISSING_PRICE"
        text = log.read_text()
        assert '"channel":"window"' in text  # the window opened the till
        assert "[ERROR] Product has no price: " in text
        assert "Demo POS Application started on port" in text
        proc.terminate()  # SIGTERM closes the window cleanly
        _, err = proc.communicate(timeout=10)
        assert proc.returncode == 0, err
        assert "Traceback" not in err

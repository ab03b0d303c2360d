"""``stacklens --demo`` without a display: one line saying so, then the demo in the terminal
(sandbox, the seed's orders with product 999, the pattern explained, the ticket it filed),
exit 0 — never Qt's abort (exit 134). And how "a display" is decided, before Qt loads."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from stacklens_desktop.cli.display import has_display

NO_DISPLAY = ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")


def headless_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in NO_DISPLAY}
    env.update(extra)
    return env


@pytest.mark.parametrize("argv", [["--demo"], ["gui", "--demo"]])
def test_demo_without_a_display_runs_in_the_terminal(argv: list[str]) -> None:
    done = subprocess.run([sys.executable, "-m", "stacklens_desktop", *argv],
                          env=headless_env(), capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    first = out.splitlines()[0]
    assert "no display" in first and "terminal" in first
    assert re.search(r"Premium Item \(999\): FAILED MISSING_PRICE", out)
    assert "[HIGH] data_validation" in out and "Product has no price" in out
    assert re.search(r'Explanation: The product "Premium Item" \(ID 999\) has no price', out)
    key = re.search(r"Jira: filed (DEMO-\d+) \((http://127\.0\.0\.1:\d+/browse/DEMO-\d+)\)", out)
    assert key is not None
    assert f"Jira: {key[1]} {key[2]}" in out  # the pattern printed with the ticket it filed
    assert "Traceback" not in done.stderr


def test_demo_terminal_keeps_a_given_profile(tmp_path: Path) -> None:
    """``--data-dir``: the profile stays, with the POS log and the pattern stored in it."""
    profile = tmp_path / "kept"
    done = subprocess.run([sys.executable, "-m", "stacklens_desktop", "demo", "--data-dir",
                           str(profile)], env=headless_env(), capture_output=True, text=True,
                          timeout=180)
    assert done.returncode == 0, done.stdout + done.stderr
    log = (profile / "data" / "pos-application.log").read_text(encoding="utf-8")
    assert log.count('"productId":999') == 1 and "Product has no price" in log
    assert (profile / "stacklens.db").exists()


def test_window_without_a_display_is_one_line_not_an_abort(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "stacklens_desktop", "gui", "--data-dir",
                           str(tmp_path / "p")], env=headless_env(), capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "no display" in done.stderr
    assert "stacklens --demo" in done.stderr


def test_display_decision(tmp_path: Path) -> None:
    linux = "linux"
    assert not has_display({}, linux)
    assert has_display({"QT_QPA_PLATFORM": "offscreen"}, linux)  # asked for: a window
    assert has_display({"QT_QPA_PLATFORM": "minimal:enable_fonts"}, linux)
    assert not has_display({"QT_QPA_PLATFORM": "xcb"}, linux)
    assert has_display({}, "darwin") and has_display({}, "win32")
    assert not has_display({"DISPLAY": ":4242"}, linux)  # no such X server: a stale DISPLAY
    assert not has_display({"DISPLAY": "garbage"}, linux)
    runtime = tmp_path / "run"
    runtime.mkdir()
    wayland = {"WAYLAND_DISPLAY": "wayland-0", "XDG_RUNTIME_DIR": str(runtime)}
    assert not has_display(wayland, linux)
    (runtime / "wayland-0").touch()
    assert has_display(wayland, linux)
    assert not has_display({**wayland, "QT_QPA_PLATFORM": "xcb"}, linux)  # X11 wanted


def test_display_over_tcp_is_checked() -> None:
    """``host:N`` (ssh -X forwards ``localhost:10``): reachable only if port 6000+N answers."""
    with socket.socket() as server:
        try:
            server.bind(("127.0.0.1", 6099))
        except OSError:
            pytest.skip("port 6099 is taken here")
        server.listen()
        assert has_display({"DISPLAY": "127.0.0.1:99.0"}, "linux")
    assert not has_display({"DISPLAY": "127.0.0.1:99.0"}, "linux")


def test_demo_with_a_display_opens_both_windows_and_quits_cleanly(tmp_path: Path) -> None:
    """The window path as a user starts it (offscreen stands for the screen here): the main
    window and the till open on the demo profile, SIGTERM closes both, exit 0."""
    profile = tmp_path / "demo"
    proc = subprocess.Popen([sys.executable, "-m", "stacklens_desktop", "gui", "--demo",
                             "--data-dir", str(profile)],
                            env=headless_env(QT_QPA_PLATFORM="offscreen"),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    app_log = profile / "logs" / "stacklens.log"
    wanted = ("main window shown", "POS simulator window opened")
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            text = app_log.read_text(encoding="utf-8") if app_log.exists() else ""
            if all(w in text for w in wanted):
                break
            time.sleep(0.1)  # polling another process's log: no Qt signal to wait on
        assert proc.poll() is None, proc.communicate()[1]
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert "no display" not in out
    assert "window" in (profile / "data" / "pos-application.log").read_text(encoding="utf-8")


def test_demo_sample_analyzes_the_shipped_log() -> None:
    done = subprocess.run([sys.executable, "-m", "stacklens_desktop", "demo", "--sample",
                           "--json"], env=headless_env(), capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    document = json.loads(done.stdout.split("\n", 2)[2])  # after the "analyzing" line
    templates = [p["template"] for p in document["patterns"]]
    assert "Product has no price" in templates and document["files"][0].endswith(
        "pos-application.log")

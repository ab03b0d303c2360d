"""One writer per POS log: a second writer on the same file is refused; the demo's till and
its background traffic share one shop (one writer), and their records never interleave."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pos_helpers import pos_command, subprocess_env
from PySide6.QtCore import Qt

from pos_simulator.logwriter import LogUnavailableError, PosLogWriter
from stacklens_desktop.ui.demo import DemoEnvironment
from stacklens_desktop.ui.pos_launcher import PosLauncher

RECORD_START = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \[(DEBUG|INFO|WARN|ERROR)\] ")


def test_second_writer_on_the_same_log_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "pos.log"
    with PosLogWriter(path) as first:
        with pytest.raises(LogUnavailableError, match="another writer has it open"):
            PosLogWriter(path)
        first.write("INFO", "Order placed", {"orderId": "ORD-1"})
    with PosLogWriter(path) as again:  # closed: free again
        again.write("INFO", "Order placed", {"orderId": "ORD-2"})
    assert path.read_text().count("Order placed") == 2


def test_headless_simulator_on_a_log_being_written_is_refused(tmp_path: Path) -> None:
    """Another process (``pos-simulator --headless``) on the same log: one line, exit 1, and
    the log untouched; once the first writer closes, it runs."""
    path = tmp_path / "pos.log"
    command = [*pos_command(), "--headless", "--orders", "3", "--rate", "0", "--log", str(path)]
    with PosLogWriter(path) as first:
        first.write("INFO", "Order placed", {"orderId": "ORD-1"})
        done = subprocess.run(command, env=subprocess_env(), capture_output=True, text=True,
                              timeout=60, check=False)
    assert done.returncode == 1
    assert done.stderr.strip().count("\n") == 0 and "another writer has it open" in done.stderr
    assert path.read_text().count("\n") == 1
    again = subprocess.run(command, env=subprocess_env(), capture_output=True, text=True,
                           timeout=60, check=False)
    assert again.returncode == 0, again.stderr


def test_demo_till_and_traffic_share_one_writer(qtbot, tmp_path: Path) -> None:
    demo = DemoEnvironment(tmp_path / "demo", rate=40.0).start()
    launcher = PosLauncher(demo.log_path)
    try:
        assert demo.shop is not None
        launcher.share(demo.shop)
        till = launcher.open()
        assert till is not None and till.shop is demo.shop
        demo.start_traffic()
        for _ in range(5):  # the user's orders while the traffic goes on
            qtbot.mouseClick(till.grid.buttons[999], Qt.MouseButton.LeftButton)
            qtbot.mouseClick(till.cart_panel.place_button, Qt.MouseButton.LeftButton)
            qtbot.waitUntil(lambda: till.cart_panel.place_button.isEnabled(), timeout=10_000)
            till.cart.clear()
        qtbot.waitUntil(lambda: demo.shop.log.records_written > 60, timeout=30_000)
    finally:
        launcher.close()
        demo.stop()
    text = demo.log_path.read_text(encoding="utf-8")
    lines = text.splitlines()
    assert all(RECORD_START.match(line) for line in lines), "a line was torn or interleaved"
    assert text.count('"productId":999') == 5  # the user's five; the traffic never sells 999
    assert text.count('"channel":"headless"') > 10

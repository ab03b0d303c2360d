"""One writer per POS log: a second writer on the same file is refused; the demo's till and
its background traffic share one shop (one writer), and their records never interleave."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
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


def test_a_writer_in_another_process_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "pos.log"
    script = ("import sys; from pathlib import Path; from pos_simulator.logwriter import "
              "PosLogWriter, LogUnavailableError\n"
              "try:\n    PosLogWriter(Path(sys.argv[1]))\n"
              "except LogUnavailableError as e:\n    print(e); sys.exit(3)\n")
    with PosLogWriter(path):
        done = subprocess.run([sys.executable, "-c", script, str(path)], capture_output=True,
                              text=True, timeout=60)
    assert done.returncode == 3 and "another writer" in done.stdout
    assert subprocess.run([sys.executable, "-c", script, str(path)],
                          timeout=60).returncode == 0


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

"""The demo, driven by clicks: the till beside the window, "Premium Item" (999) and Place
order → the pattern in the main window, explained → its ticket in the Jira panel and in the
sandbox (real HTTP), exactly one."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from PySide6.QtCore import QRect, Qt

from pos_simulator.window.main_window import PosWindow
from stacklens_desktop.jira_sandbox import JiraSandbox
from stacklens_desktop.ui.app import build_window
from stacklens_desktop.ui.demo import DemoEnvironment
from stacklens_desktop.ui.demo_window import DemoBanner, place_side_by_side
from stacklens_desktop.ui.main_window import MainWindow
from tests.ui.conftest import stacklens_threads, wait_for_row

MISSING_PRICE = "Product has no price"


def jira_panel_keys(window: MainWindow) -> list[str]:
    """The ticket keys the Jira panel lists (the one place that knows the panel's API)."""
    return window.jira.ticket_keys()


def jira_panel_link(window: MainWindow, key: str) -> str | None:
    """The browser link the Jira panel holds for ``key``."""
    return window.jira.ticket_url(key)


def sandbox_issues(sandbox: JiraSandbox) -> list[dict]:
    return list(sandbox.state.issues.values())


def assert_beside(window: MainWindow, till: PosWindow) -> None:
    """The till at the right of the screen; beside the window where the screen is wide
    enough (the offscreen screen is 800 px: then the till overlaps the main window's
    right part), and beside it exactly on a 1920 x 1080 one."""
    screen = window.screen().availableGeometry()
    assert till.frameGeometry().right() == screen.right()
    assert till.frameGeometry().left() > window.frameGeometry().left()
    place_side_by_side(window, till, QRect(0, 0, 1920, 1080))
    main, right = window.frameGeometry(), till.frameGeometry()
    assert main.left() == 0 and right.left() == main.right() + 1 and right.right() == 1919
    assert main.height() == right.height() == 1080


def place_premium_item(qtbot, till: PosWindow) -> float:
    """Click "Premium Item", then Place order; returns the click's time."""
    qtbot.mouseClick(till.grid.buttons[999], Qt.MouseButton.LeftButton)
    assert [line.product_id for line in till.cart.items()] == [999]
    clicked = time.perf_counter()
    qtbot.mouseClick(till.cart_panel.place_button, Qt.MouseButton.LeftButton)
    return clicked


@pytest.fixture
def demo_window(qtbot, tmp_path: Path) -> Iterator[tuple[DemoEnvironment, MainWindow]]:
    """The demo as ``stacklens --demo`` starts it (offscreen), stopped at the end."""
    demo = DemoEnvironment(tmp_path / "demo").start()
    window = build_window(demo.data_dir, demo=demo, poll_interval=0.2)
    qtbot.addWidget(window)
    window.show()
    try:
        yield demo, window
    finally:
        window.close()
        demo.stop()


def test_demo_premium_item_to_ticket_by_clicks(qtbot, tmp_path: Path, demo_window) -> None:
    demo, window = demo_window
    sandbox = demo.sandbox
    assert sandbox is not None and sandbox.url.startswith("http://127.0.0.1:")
    token = sandbox.user.token
    till = window.pos_launcher.window
    assert till is not None and till.isVisible() and till.shop is demo.shop  # one writer
    assert_beside(window, till)
    assert window.findChild(DemoBanner).isVisible()
    qtbot.waitUntil(lambda: window.sources.state_of(str(demo.log_path)) == "watching",
                    timeout=30_000)
    assert window.patterns.model.rowCount() == 0  # no background traffic by default
    clicked = place_premium_item(qtbot, till)
    row = wait_for_row(qtbot, window, MISSING_PRICE)
    shown = time.perf_counter() - clicked
    print(f"\ndemo: order click -> pattern row in the main window: {shown * 1000:.0f} ms")
    assert shown < 3.0, shown  # target 0.5 s (RESULTS.md); a loaded CI box gets slack
    assert row.severity == "high" and row.count == 1
    detail = window.patterns.detail  # the new pattern is selected: its explanation shows
    qtbot.waitUntil(lambda: "Premium Item" in detail.root_cause.text(), timeout=5_000)

    qtbot.waitUntil(lambda: bool(jira_panel_keys(window)), timeout=30_000)
    [key] = jira_panel_keys(window)
    assert key.startswith("DEMO-")
    [issue] = sandbox_issues(sandbox)
    assert issue["key"] == key
    fields = issue["fields"]
    assert fields["summary"] == '[HIGH] data_validation: Product "Premium Item" (ID 999) ' \
        'has no price'
    assert "stacklens" in fields["labels"] and fields["priority"] == "2"  # High
    link = jira_panel_link(window, key)
    assert link == f"{sandbox.url}/browse/{key}"
    page = requests.get(link, timeout=5)  # what the link opens: the sandbox's issue page
    assert page.status_code == 200 and key in page.text and "Priority: <b" in page.text
    assert "<b class='priority'>High</b>" in page.text
    description = re.search(r"<pre class='description'>(.*?)</pre>", page.text, re.S)
    assert description is not None and "(ID 999)" in description[1]
    assert "Premium Item" in description[1] and "Add the missing price" in description[1]
    assert "MISSING_PRICE" in till.statusBar().currentMessage()  # the till says so too
    window.close()  # as the user does; the fixture's second close and stop do nothing
    demo.stop()
    assert stacklens_threads() == []
    for path in (tmp_path / "demo").rglob("*"):  # the session-only token never hit the disk
        if path.is_file():
            assert token.encode() not in path.read_bytes(), path


def test_banner_brings_a_closed_till_back_on_the_same_shop(qtbot, demo_window) -> None:
    demo, window = demo_window
    first = window.pos_launcher.window
    assert first is not None
    first.close()  # the user closes the till: the shop (and its log) live on
    assert demo.shop is not None and not demo.shop.log.closed
    banner = window.findChild(DemoBanner)
    qtbot.mouseClick(banner.till, Qt.MouseButton.LeftButton)
    till = window.pos_launcher.window
    assert till is not None and till is not first and till.isVisible()
    assert till.shop is demo.shop
    assert till.frameGeometry().right() == window.screen().availableGeometry().right()
    qtbot.mouseClick(till.grid.buttons[999], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(till.cart_panel.place_button, Qt.MouseButton.LeftButton)
    wait_for_row(qtbot, window, MISSING_PRICE)
    assert demo.log_path.read_text(encoding="utf-8").count('"productId":999') == 1

"""A window on the built-in Jira sandbox (over HTTP), for the Jira panel and tray tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from stacklens_desktop.jira.policy import AutomationConfig
from stacklens_desktop.settings import access
from stacklens_desktop.store import open_store
from stacklens_desktop.ui.demo import DemoEnvironment
from stacklens_desktop.ui.main_window import MainWindow
from stacklens_desktop.ui.session import Session

CARD_DECLINED = ('2026-11-25T10:03:{s:02d}.000Z [ERROR] Card declined: {{"orderId":"ORD-{n}",'
                 '"code":"CARD_DECLINED"}}\n')  # low: never filed
SLOW_GATEWAY = ('2026-11-25T10:02:{s:02d}.000Z [WARN] Slow response from payment gateway: '
                '{{"orderId":"ORD-{n}","ms":2300}}\n')  # medium, confidence below 90 %
OUT_OF_MEMORY = ("2026-11-25T10:04:{s:02d}.000Z [FATAL] Out of memory: "
                 "java.lang.OutOfMemoryError: Java heap space\n")  # critical
DISK_FULL = ("2026-11-25T10:05:{s:02d}.000Z [ERROR] Disk full: No space left on device while "
             "writing /var/pos/journal\n")  # critical


def line(template: str, n: int) -> str:
    return template.format(s=n % 60, n=n)


def save_policy(data_dir: Path, config: AutomationConfig) -> None:
    """The automation policy as the CLI would store it, before the window starts."""
    store = open_store(data_dir)
    try:
        access.save_policy(store.engine, config)
    finally:
        store.close()


@contextmanager
def jira_window(qtbot, base: Path, config: AutomationConfig | None = None,  # noqa: ANN001
                ) -> Iterator[tuple[MainWindow, DemoEnvironment]]:
    """A started window whose Jira site is a fresh sandbox (no POS traffic)."""
    demo = DemoEnvironment(base / "demo").start()
    if config is not None:
        save_policy(demo.data_dir, config)
    session = Session(demo.data_dir, demo.settings, demo.tokens, poll_interval=0.2)
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()  # laid out: a click lands on the cell it aims at
    try:
        window.start()
        yield window, demo
    finally:
        window.close()
        demo.stop()

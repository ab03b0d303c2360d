"""UI tests: real windows (offscreen), real files, real SQLite, real Jira sandbox over HTTP.

Every test here (as in the whole suite: pyproject.toml) fails on a Qt warning (a timer
started from the wrong thread, a QThread destroyed while running ...), except the offscreen
plugin's note about size hints.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from stacklens_desktop.ui.app import build_window
from stacklens_desktop.ui.main_window import MainWindow

ERR = ('2026-11-25T10:00:{s:02d}.000Z [ERROR] Product has no price: {{"orderId":"ORD-{n}",'
       '"productId":999,"productName":"Premium Item","code":"MISSING_PRICE"}}\n')
INFO = '2026-11-25T10:00:{s:02d}.000Z [INFO] Order placed: {{"orderId":"ORD-{n}"}}\n'
DB = ('2026-11-25T10:01:{s:02d}.000Z [ERROR] Database lock wait timeout: {{"orderId":'
      '"ORD-{n}","table":"orders","waitedMs":5000,"code":"DB_LOCK_TIMEOUT"}}\n')


def err(n: int) -> str:
    return ERR.format(s=n % 60, n=n)


def info(n: int) -> str:
    return INFO.format(s=n % 60, n=n)


def db_error(n: int) -> str:
    return DB.format(s=n % 60, n=n)


def append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as out:
        out.write(text)
        out.flush()


def stacklens_threads() -> list[str]:
    """OS names of this process's threads that StackLens started (Qt names them)."""
    names = []
    for comm in Path("/proc/self/task").glob("*/comm"):
        try:
            name = comm.read_text().strip()
        except OSError:
            continue
        if name.startswith(("stacklens-", "jira-worker")):
            names.append(name)
    return names


@pytest.fixture
def profile(tmp_path: Path) -> Path:
    path = tmp_path / "profile"
    path.mkdir()
    return path


@pytest.fixture
def window(qtbot, profile: Path) -> Iterator[MainWindow]:
    win = build_window(profile, poll_interval=0.2)
    qtbot.addWidget(win)
    win.show()
    yield win
    win.shutdown()


def wait_for_row(qtbot, win: MainWindow, template_part: str, timeout: int = 20_000):
    """The model row whose template contains ``template_part`` (waits for it)."""
    found = []

    def check() -> bool:
        found[:] = [win.patterns.model.row_at(r) for r in range(win.patterns.model.rowCount())
                    if template_part in win.patterns.model.row_at(r).template]
        return bool(found)

    qtbot.waitUntil(check, timeout=timeout)
    return found[0]

"""Starting the window (and the HTTP API beside it when asked)."""

from __future__ import annotations

import argparse
import signal
import sys

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QApplication

from pos_simulator.config import resolve_port
from pos_simulator.http_api import PosHttpServer, start_api
from pos_simulator.runtime import ShopOptions, TillFactory
from pos_simulator.window.main_window import PosWindow


def _serve(window: PosWindow, args: argparse.Namespace) -> PosHttpServer | None:
    if args.http is None:
        return None
    if window.shop is None:
        window.set_http_url("not started (no log)")
        return None
    port = resolve_port(None if args.http < 0 else args.http)
    try:
        server = start_api(window.shop, port, args.host, allow_remote=args.allow_remote)
    except (OSError, ValueError) as exc:
        window.statusBar().showMessage(f"HTTP API not started on port {port}: {exc}")
        return None
    window.set_http_url(server.url)
    print(f"pos-simulator: serving {server.url}/api", flush=True)
    return server


def _quit_on_signals(app: QCoreApplication) -> QTimer:
    """Ctrl-C / SIGTERM close the window cleanly; the timer lets Python run the handler. The
    quit is queued, so that a signal before the event loop started is not lost."""
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: QTimer.singleShot(0, app.quit))
    timer = QTimer()
    timer.timeout.connect(lambda: None)
    timer.start(200)
    return timer


def run_window(options: ShopOptions, args: argparse.Namespace) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName("POS Simulator")
    _signal_timer = _quit_on_signals(app)  # noqa: F841 - kept alive while the app runs
    window = PosWindow(TillFactory(options), options.log_path)
    server = _serve(window, args)
    window.show()
    code = app.exec()
    if server is not None:
        server.stop()
    window.close()  # stops the worker thread and closes the log
    return int(code)

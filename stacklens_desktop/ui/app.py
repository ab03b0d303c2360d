"""Building and running the window: on a profile, or in demo mode."""

from __future__ import annotations

import logging
import signal
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from stacklens_desktop.logs import setup_logging
from stacklens_desktop.ui.demo import DemoEnvironment
from stacklens_desktop.ui.main_window import MainWindow
from stacklens_desktop.ui.palette import apply_theme
from stacklens_desktop.ui.session import Session
from stacklens_desktop.ui.window_state import open_settings, read_str

log = logging.getLogger("stacklens.ui")
SIGNAL_POLL_MS = 200


def build_window(data_dir: Path, *, demo: DemoEnvironment | None = None,
                 poll_interval: float = 0.5) -> MainWindow:
    """A started window. With ``demo`` (started), the sandbox is the Jira site, the POS log is
    watched from its first byte and the traffic begins."""
    if demo is None:
        session = Session(data_dir, poll_interval=poll_interval)
        window = MainWindow(session)
        window.start()
        return window
    session = Session(demo.data_dir, demo.settings, demo.tokens, poll_interval=poll_interval)
    assert demo.sandbox is not None
    window = MainWindow(session, pos_log=demo.log_path,
                        title_note=f"demo (Jira sandbox {demo.sandbox.url})")
    window.start()
    window.add_source(str(demo.log_path), from_start=True)
    demo.start_traffic()
    return window


def run_gui(data_dir: Path | None, *, demo: bool = False) -> int:
    """The application's event loop; returns its exit code after an orderly shutdown.
    ``data_dir`` is the profile; in demo mode the demo's profile (None: a temporary one)."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("StackLens")
    app.setOrganizationName("StackLens")
    keepalive = _quit_on_signals(app)
    environment = DemoEnvironment(data_dir).start() if demo else None
    if environment is not None:
        setup_logging(environment.data_dir)
    try:
        profile = environment.data_dir if environment is not None else data_dir
        assert profile is not None
        apply_theme(read_str(open_settings(profile), "ui/theme", "system"), app)
        window = build_window(profile, demo=environment)
        window.show()
        log.info("main window shown (profile %s)", window.session.data_dir)
        code = app.exec()
        window.shutdown()
    finally:
        keepalive.stop()
        if environment is not None:
            environment.stop()
    return int(code)


def _quit_on_signals(app: QApplication) -> QTimer:
    """Ctrl-C / SIGTERM close the window cleanly; the timer lets Python run the handler."""
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: app.closeAllWindows())
    timer = QTimer()
    timer.timeout.connect(lambda: None)
    timer.start(SIGNAL_POLL_MS)
    return timer

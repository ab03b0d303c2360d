"""Building and running the window: on a profile, or in demo mode."""

from __future__ import annotations

import logging
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from stacklens_desktop.logs import setup_logging
from stacklens_desktop.ui.main_window import MainWindow
from stacklens_desktop.ui.palette import apply_theme
from stacklens_desktop.ui.session_import import import_off_thread
from stacklens_desktop.ui.window_state import open_settings, read_str

if TYPE_CHECKING:  # the demo (sandbox server, POS shop) loads only in demo mode
    from stacklens_desktop.ui.demo import DemoEnvironment
    from stacklens_desktop.ui.session import Session

log = logging.getLogger("stacklens.ui")
SIGNAL_POLL_MS = 200


def new_session(data_dir: Path, demo: DemoEnvironment | None,
                poll_interval: float) -> Session:
    """The running parts; importing them loads the store, the classifier and the Jira client
    (most of the start-up time), hence after the window is on screen."""
    from stacklens_desktop.ui.session import Session

    if demo is None:
        return Session(data_dir, poll_interval=poll_interval)
    return Session(demo.data_dir, demo.settings, demo.tokens, poll_interval=poll_interval)


def bare_window(data_dir: Path, demo: DemoEnvironment | None = None) -> MainWindow:
    """The widgets only (cheap to build and paint); in demo mode with the banner."""
    if demo is None:
        return MainWindow(data_dir=data_dir)
    from stacklens_desktop.ui.demo_window import add_banner, follow_first_pattern, show_till

    assert demo.sandbox is not None and demo.shop is not None
    window = MainWindow(data_dir=demo.data_dir, pos_log=demo.log_path,
                        title_note=f"demo (Jira sandbox {demo.sandbox.url})")
    window.pos_launcher.share(demo.shop)  # the till sells through the demo's one log writer
    add_banner(window).show_till.connect(lambda: show_till(window))
    follow_first_pattern(window)
    return window


def start_window(window: MainWindow, demo: DemoEnvironment | None = None,
                 poll_interval: float = 0.5) -> None:
    """Attach and start the session. With ``demo`` (started), the sandbox is the Jira site,
    the POS log is watched from its first byte, the till opens beside the window, and the
    background traffic (if any) begins."""
    window.attach(new_session(window.data_dir, demo, poll_interval))
    if not window.start():
        return
    if demo is not None:
        from stacklens_desktop.ui.demo_window import show_till

        window.add_source(str(demo.log_path), from_start=True)
        show_till(window, first=True)
        demo.start_traffic()


def build_window(data_dir: Path, *, demo: DemoEnvironment | None = None,
                 poll_interval: float = 0.5) -> MainWindow:
    """A started window (tests, and anything that needs the session at once)."""
    window = bare_window(data_dir, demo)
    start_window(window, demo, poll_interval)
    return window


def show_window(app: QApplication, window: MainWindow,
                demo: DemoEnvironment | None = None) -> bool:
    """The launcher's start order: the bare window shown and painted first, then the
    session's libraries imported off the GUI thread while the window keeps painting (user
    input waits until the session has started), then the session started. False when the
    window was closed meanwhile (Ctrl-C, SIGTERM): nothing is started then. ``bench_window``
    measures the GUI thread's stalls through this same path."""
    window.show()
    app.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
    log.info("main window shown (profile %s)", window.data_dir)
    import_off_thread()
    if not window.isVisible():
        return False
    start_window(window, demo)
    return True


def run_gui(data_dir: Path | None, *, demo: bool = False, traffic: float = 0.0) -> int:
    """The application's event loop; returns its exit code after an orderly shutdown.
    ``data_dir`` is the profile; in demo mode the demo's profile (None: a temporary one), and
    ``traffic`` the background orders per second (0: none)."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("StackLens")
    app.setOrganizationName("StackLens")
    keepalive = _quit_on_signals(app)
    environment = None
    if demo:
        from stacklens_desktop.ui.demo import DemoEnvironment

        environment = DemoEnvironment(data_dir, rate=traffic).start()
    if environment is not None:
        setup_logging(environment.data_dir)
    try:
        profile = environment.data_dir if environment is not None else data_dir
        assert profile is not None
        apply_theme(read_str(open_settings(profile), "ui/theme", "system"), app)
        window = bare_window(profile, environment)
        code = app.exec() if show_window(app, window, environment) else 0
        window.shutdown()
    finally:
        keepalive.stop()
        if environment is not None:
            environment.stop()
    return int(code)


def _quit_on_signals(app: QApplication) -> QTimer:
    """Ctrl-C / SIGTERM close the window cleanly; the timer lets Python run the handler.
    The queued quit ends the event loop also when the signal came before it started (the
    window closed while the session was starting: no "last window closed" follows)."""
    def close(*_args: object) -> None:
        app.closeAllWindows()
        QTimer.singleShot(0, app.quit)

    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, close)
    timer = QTimer()
    timer.timeout.connect(lambda: None)
    timer.start(SIGNAL_POLL_MS)
    return timer

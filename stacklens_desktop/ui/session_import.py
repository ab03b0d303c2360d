"""The session's libraries imported off the GUI thread (issue 13).

Importing ``ui.session`` cold (SQLAlchemy, watchdog, requests, numpy...: about one second)
ran on the GUI thread right after the window's first paint: for that second the window
could not repaint, follow a resize or run a timer. Now a thread imports them while the GUI
thread runs an event loop that handles everything but user input. Input waits in the queue
and reaches the window once its session is started, as it did before; none is lost, and no
click reaches a window without its session.
"""

from __future__ import annotations

import importlib
import logging
import threading

from PySide6.QtCore import QEventLoop, QObject, Signal

log = logging.getLogger(__name__)

SESSION_MODULE = "stacklens_desktop.ui.session"


class _Finished(QObject):
    """Carries "the import is over" from the importing thread to the GUI thread (a signal
    emitted from another thread is queued to the receiver's)."""

    finished = Signal()


def import_off_thread(module: str = SESSION_MODULE) -> None:
    """Import ``module`` in a thread and return when it is done; meanwhile the GUI thread
    handles paints, resizes and timers, not user input. An import that fails leaves the
    module out of ``sys.modules``: the caller's own import raises the error again, where it
    is handled as before."""
    relay = _Finished()
    loop = QEventLoop()
    relay.finished.connect(loop.quit)

    def run() -> None:
        try:
            importlib.import_module(module)
        except Exception:  # noqa: BLE001 - raised again by the caller's import, on its thread
            log.debug("importing %s off the GUI thread failed", module, exc_info=True)
        finally:
            relay.finished.emit()

    threading.Thread(target=run, name="stacklens-import", daemon=True).start()
    loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)

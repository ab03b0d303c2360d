"""Waiting for a signal that a worker thread emits.

pytest-qt 4.5's ``waitSignal`` stops its timeout timer in the slot that the awaited signal
calls. For a signal emitted in a worker thread that slot runs in the worker thread, which then
stops a timer of the main thread ("QObject::killTimer: Timers cannot be stopped from another
thread"). :func:`wait_worker_signal` first queues the signal to a QObject of the main thread
and waits on that object's signal instead, so every timer is started and stopped by the thread
that owns it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from PySide6.QtCore import QObject, Signal, SignalInstance
from pytestqt.qtbot import QtBot


class MainThreadRelay(QObject):
    """Lives in the main thread; a worker signal connected to :meth:`forward` is queued to it."""

    fired = Signal(list)  # the worker signal's arguments, in order

    def forward(self, *args: object) -> None:
        self.fired.emit(list(args))


@contextmanager
def wait_worker_signal(qtbot: QtBot, signal: SignalInstance, timeout: int,
                       check_params_cb: Callable[..., bool] | None = None
                       ) -> Iterator[list[object]]:
    """``qtbot.waitSignal(signal, timeout=..., check_params_cb=...)`` for a signal emitted in
    another thread. Yields a list that holds the signal's arguments once the block has ended
    (what ``blocker.args`` would be)."""
    relay = MainThreadRelay()
    signal.connect(relay.forward)
    check = None if check_params_cb is None else (lambda args: check_params_cb(*args))
    received: list[object] = []
    try:
        with qtbot.waitSignal(relay.fired, timeout=timeout, check_params_cb=check) as blocker:
            yield received
        received.extend(blocker.args[0])
    finally:
        signal.disconnect(relay.forward)

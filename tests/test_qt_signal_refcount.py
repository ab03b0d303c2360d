"""Regression: PySide6 6.12.0 leaks a reference to True per Python-side emit and aborts the
interpreter (bool_dealloc) on Python 3.11. We pin 6.11.3; this test proves the pin holds."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    fired = Signal(int)


def test_100k_emits_keep_refcount_of_true(qtbot) -> None:
    emitter = _Emitter()
    received: list[int] = []
    emitter.fired.connect(lambda value: received.append(value))
    before = sys.getrefcount(True)
    for i in range(100_000):
        emitter.fired.emit(i)
    after = sys.getrefcount(True)
    assert len(received) == 100_000
    assert abs(after - before) < 100

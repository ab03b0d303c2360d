"""Selection and scroll position survive 1,000 live updates of the pattern table."""

from __future__ import annotations

import random

from PySide6.QtCore import QPoint, Qt

from stacklens_desktop.core.batch import Batch, PatternDelta, SourcePosition
from stacklens_desktop.store import open_store
from stacklens_desktop.ui import pattern_model as pm

PATTERNS = 300
UPDATES = 1000


def _delta(i: int, count: int = 1) -> PatternDelta:
    return PatternDelta(fingerprint=f"fp{i:04d}", template=f"Failure {i:04d} in step",
                        count=count, first_seen="2026-11-25T10:00:00.000Z",
                        last_seen="2026-11-25T10:00:00.000Z", severity="high",
                        error_type="database", confidence=0.8)


def test_selection_and_scroll_survive_many_live_updates(qtbot, window, profile) -> None:
    store = open_store(profile)
    try:
        written = store.writer.write(Batch(position=SourcePosition("/var/log/x.log", 0, 0),
                                           patterns={f"fp{i:04d}": _delta(i)
                                                     for i in range(PATTERNS)}))
        window._patterns_changed(written.patterns)  # what the analysis worker signals
        model, view = window.patterns.model, window.patterns.view
        qtbot.waitUntil(lambda: model.rowCount() == PATTERNS, timeout=10_000)
        view.sortByColumn(pm.COL_TEMPLATE, Qt.SortOrder.AscendingOrder)  # counts don't move it
        chosen = next(r for r in written.patterns if r.fingerprint == "fp0150")
        assert window.patterns.select_pattern(chosen.pattern_id)
        view.verticalScrollBar().setValue(view.verticalScrollBar().maximum() // 2)
        scroll = view.verticalScrollBar().value()
        top_row = window.patterns.proxy.data(view.indexAt(QPoint(5, 5)), pm.ROW_ROLE).id
        rng = random.Random(7)
        expected = {i: 1 for i in range(PATTERNS)}
        for _ in range(UPDATES):
            i = rng.randrange(PATTERNS)
            expected[i] += 1
            update = store.writer.write(Batch(position=SourcePosition("/var/log/x.log", 0, 0),
                                              patterns={f"fp{i:04d}": _delta(i)}))
            window._patterns_changed(update.patterns)
            if rng.random() < 0.1:  # let some refreshes interleave with the updates
                qtbot.wait(0)
        qtbot.waitUntil(lambda: all(model.row_at(r).count == expected[int(
            model.row_at(r).fingerprint[2:])] for r in range(model.rowCount())),
            timeout=20_000)
        assert window.patterns.selected_row().id == chosen.pattern_id
        assert view.verticalScrollBar().value() == scroll
        assert window.patterns.proxy.data(view.indexAt(QPoint(5, 5)), pm.ROW_ROLE).id == top_row
        assert model.rowCount() == PATTERNS
    finally:
        store.close()

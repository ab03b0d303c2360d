"""Statistics equal the store's counts and the status bar; the timeline per severity adds up
to the total; the breakdown by type and the top patterns."""

from __future__ import annotations

import re

from stacklens_desktop.store import open_store, queries
from stacklens_desktop.ui import reads
from stacklens_desktop.ui.rows import Timeline
from stacklens_desktop.ui.stats_tab import MIN_SPAN_BUCKETS, dense
from tests.ui.conftest import db_error, err, info


def test_statistics_match_the_store_and_the_status_bar(qtbot, window, tmp_path,
                                                       profile) -> None:
    log = tmp_path / "history.log"
    log.write_text("".join(info(n) + err(n) + (db_error(n) if n % 3 == 0 else "")
                           for n in range(30)))
    finished: list[object] = []
    window.imports.finished.connect(finished.append)
    window.imports.start(log, show_progress=False)
    qtbot.waitUntil(lambda: bool(finished), timeout=20_000)
    window.tabs.setCurrentWidget(window.stats)
    tab = window.stats
    qtbot.waitUntil(lambda: tab.top.rowCount() == 2 and "<b>40</b> events" in
                    tab.summary.text(), timeout=10_000)
    # the timeline is its own read, asked for when the tab is shown: it may come after
    qtbot.waitUntil(lambda: sum(p.y() for p in tab._bands["low"][0].points()) == 40,
                    timeout=10_000)
    store = open_store(profile)
    try:
        truth = queries.stats(store.engine)
        timeline = reads.event_timeline(store.engine)
        with store.engine.connect() as conn:
            by_type = dict(conn.exec_driver_sql(
                "SELECT error_type, SUM(count) FROM pattern GROUP BY error_type").all())
    finally:
        store.close()
    assert truth["events"] == 40
    assert window.counters.events.text() == f"events: {truth['events']}"
    assert window.counters.patterns.text() == f"patterns: {truth['patterns']}"
    critical = truth["patterns_by_severity"]["critical"]
    high = truth["patterns_by_severity"]["high"]
    text = re.sub("<[^>]+>", "", tab.summary.text())
    assert f"{critical} critical" in text and f"{high} high" in text
    assert "Jira off" in text
    shown = {tab.by_type.item(r, 0).text(): int(tab.by_type.item(r, 2).text())
             for r in range(tab.by_type.rowCount())}
    assert shown == by_type
    assert tab.top.item(0, 2).text() == "30" and "no price" in tab.top.item(0, 1).text()
    timeline = dense(timeline)  # the empty buckets between as 0
    totals = [count for _, count in timeline.points]
    stacked = [sum(column) for column in zip(*timeline.by_severity.values(), strict=True)]
    assert stacked == totals and sum(totals) == 40
    top_band = tab._bands["low"][0]  # the highest band's upper line is the total
    assert [p.y() for p in top_band.points()] == [float(t) for t in totals]


def test_a_timeline_with_one_bucket_is_drawn_as_a_spike() -> None:
    """The store returns only buckets with events: the chart gets the empty ones as 0 (one
    bucket alone drew nothing; two far apart were joined by a straight band)."""
    sparse = Timeline(10, [("2026-11-25T22:00:50", 55)], {"high": [40], "low": [15]})
    full = dense(sparse)
    assert len(full.points) == MIN_SPAN_BUCKETS + 1
    assert full.points[0] == ("2026-11-25T21:58:50", 0)
    assert full.points[-1] == ("2026-11-25T22:00:50", 55)
    assert full.by_severity == {"high": [0] * MIN_SPAN_BUCKETS + [40],
                                "low": [0] * MIN_SPAN_BUCKETS + [15]}
    gap = Timeline(60, [("2026-11-25T08:00:00", 2), ("2026-11-25T09:00:00", 3)], {})
    assert [c for _, c in dense(gap).points] == [2] + [0] * 59 + [3]


def test_a_hidden_statistics_tab_draws_its_charts_when_shown(qtbot) -> None:
    """Issue 13: a chart lays itself out on each change even when nobody sees it (5-20 ms
    of the GUI thread each); hidden, the tab keeps the latest data and draws it once shown."""
    from stacklens_desktop.ui.stats_tab import StatsTab

    tab = StatsTab()
    qtbot.addWidget(tab)
    bars = tab._bar_sets["critical"]
    tab.show_stats({"patterns_by_severity": {"critical": 3}, "events": 7})
    tab.show_stats({"patterns_by_severity": {"critical": 5}, "events": 9})
    tab.show_timeline(Timeline(60, [("2026-11-25T08:00:00", 4)], {"critical": [4]}))
    assert tab.undrawn == ["severity", "timeline"]
    assert bars.at(0) == 0 and tab.timeline_series.count() == 0
    assert tab.severity_counts["critical"] == 5 and "<b>9</b> events" in tab.summary.text()
    tab.show()
    assert tab.undrawn == []
    assert bars.at(0) == 5  # the latest stats, drawn once
    assert tab.timeline_series.points()[-1].y() == 4
    tab.show_stats({"patterns_by_severity": {"critical": 6}})  # shown: drawn at once
    assert bars.at(0) == 6 and tab.undrawn == []

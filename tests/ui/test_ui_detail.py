"""The detail pane: the sparkline of the last hour, stack traces folded until expanded,
wrapped lines, and the template's parameters highlighted."""

from __future__ import annotations

from pathlib import Path

from stacklens_desktop.ui import reads, theme
from stacklens_desktop.ui.raw_events import fold
from tests.ui.conftest import wait_for_row

TRACE = (
    "2026-11-25 10:00:{s:02d},000 ERROR [main] com.shop.Checkout - Checkout failed for "
    "basket {n}\n"
    "java.lang.IllegalStateException: basket {n} is empty\n"
    "\tat com.shop.Checkout.total(Checkout.java:42)\n"
    "\tat com.shop.Checkout.pay(Checkout.java:17)\n"
)


def test_fold_keeps_the_first_line_and_counts_the_rest() -> None:
    assert fold("one line") == "one line"
    assert fold("head\nframe 1\nframe 2") == "head  ▸ 2 more lines"
    assert fold("head\nframe") == "head  ▸ 1 more line"


def test_sparkline_buckets_the_last_hour_of_log_time() -> None:
    times = ["2026-11-25T10:59:59.000Z", "2026-11-25T10:58:30.000Z",
             "2026-11-25T10:00:30.000Z", "2026-11-25T09:00:00.000Z", None]
    buckets = reads.sparkline(times)
    assert len(buckets) == reads.SPARK_BUCKETS and sum(buckets) == 3  # 09:00: over an hour
    assert buckets[-1] == 2 and buckets[0] == 1


def test_stack_traces_fold_and_expand_sparkline_shows(qtbot, window, tmp_path: Path) -> None:
    log = tmp_path / "app.log"
    log.write_text("".join(TRACE.format(s=n, n=n) for n in range(3)))
    finished: list[object] = []
    window.imports.finished.connect(finished.append)
    window.imports.start(log, show_progress=False)
    qtbot.waitUntil(lambda: bool(finished), timeout=20_000)
    row = wait_for_row(qtbot, window, "Checkout failed")
    assert window.patterns.select_pattern(row.id)
    pane = window.patterns.detail
    qtbot.waitUntil(lambda: pane.detail is not None and pane.detail.row.id == row.id,
                    timeout=10_000)
    text = pane.events.toPlainText()
    assert text.count("\n") == 2 and "▸ 3 more lines" in text  # three records, folded
    assert "Checkout.java:42" not in text
    pane.raw.expand.setChecked(True)
    assert pane.events.toPlainText().count("Checkout.java:42") == 3
    pane.raw.wrap.setChecked(True)
    assert pane.events.lineWrapMode() == pane.events.LineWrapMode.WidgetWidth
    assert sum(pane.sparkline.values) == 3 and pane.sparkline.values[-1] == 3
    assert "<*>" in pane.detail.row.template
    assert theme.PARAM_BACKGROUND in pane.header.text()  # its parameter is highlighted

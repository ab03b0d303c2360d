"""The Jira panel while Jira is down and after: "1 waiting · 0 failed" lets the user retry,
and the red "Last error" goes once Jira answers again."""

from __future__ import annotations

from pathlib import Path

from stacklens_desktop.ui.demo import DemoEnvironment
from stacklens_desktop.ui.main_window import MainWindow
from stacklens_desktop.ui.session import Session
from tests.ui.conftest import err


def test_retry_is_offered_for_waiting_rows_and_the_error_clears(qtbot, tmp_path: Path) -> None:
    demo = DemoEnvironment(tmp_path / "demo").start()  # sandbox only: no POS traffic
    sandbox = demo.sandbox
    assert sandbox is not None
    sandbox.add_fault(kind="status", status=503, method="POST", path=r"/issue$", times=1)
    session = Session(demo.data_dir, demo.settings, demo.tokens, poll_interval=0.2)
    window = MainWindow(session)
    qtbot.addWidget(window)
    panel = window.jira
    try:
        window.start()
        log = tmp_path / "pos.log"
        # one occurrence: a later batch of the same error would queue a (throttled) update
        log.write_text(err(0))
        window.add_source(str(log), from_start=True)
        qtbot.waitUntil(lambda: "HTTP 503" in panel.error.text(),
                        timeout=30_000)
        window.tabs.setCurrentWidget(panel)  # reads the outbox again
        qtbot.waitUntil(lambda: "<b>1</b> waiting · <b>0</b> failed" in panel.outbox.text(),
                        timeout=10_000)
        assert panel.retry.isEnabled()  # it waits out a back-off: retry sends it now
        # the status bar and Statistics say the same as the Jira tab
        assert "1 waiting · 0 failed" in window.counters.jira.text()
        assert "Jira outbox 1 waiting · 0 failed" in window.stats.summary.text()
        panel.retry.click()
        qtbot.waitUntil(lambda: bool(panel.ticket_keys()), timeout=20_000)
        qtbot.waitUntil(lambda: panel.error.text() == "", timeout=10_000)
        qtbot.waitUntil(lambda: "<b>0</b> waiting" in panel.outbox.text(), timeout=10_000)
        assert not panel.retry.isEnabled()
    finally:
        window.close()
        demo.stop()

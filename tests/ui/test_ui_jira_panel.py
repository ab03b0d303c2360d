"""The Jira panel against the built-in sandbox over HTTP: Retry after Jira comes back, Sync
now, the automation log's reasons and its filter, and the item models."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlparse

from PySide6.QtCore import QObject, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices

from stacklens_desktop.jira.policy import AutomationConfig
from stacklens_desktop.jira_sandbox import JiraSandbox
from stacklens_desktop.ui.main_window import MainWindow
from stacklens_desktop.ui.outbox_model import STATE
from stacklens_desktop.ui.ticket_model import SINCE_FILING, UNREPORTED
from tests.jira_automation.helpers import adf_text, jira_client, sandbox_issues
from tests.ui.conftest import append, db_error, err, wait_for_row
from tests.ui.jira_window import CARD_DECLINED, SLOW_GATEWAY, jira_window, line


def _write(window: MainWindow, path: Path, text: str) -> None:
    path.write_text(text)
    window.add_source(str(path), from_start=True)


def _outbox_states(window: MainWindow) -> list[str]:
    model = window.jira.outbox_model
    return [model.index(r, STATE).data() for r in range(model.rowCount())]


def test_retry_files_the_ticket_once_the_sandbox_is_back(qtbot, tmp_path: Path) -> None:
    with jira_window(qtbot, tmp_path) as (window, demo):
        sandbox = demo.sandbox
        assert sandbox is not None
        port, user = urlparse(sandbox.url).port, sandbox.user
        sandbox.stop()  # Jira is down: the create waits out a back-off
        panel = window.jira
        window.tabs.setCurrentWidget(panel)
        _write(window, tmp_path / "pos.log", err(0))  # once: no update queued after filing
        qtbot.waitUntil(lambda: _outbox_states(window) == ["waiting"], timeout=30_000)
        assert panel.error.text().startswith("Last error: ")
        assert panel.outbox_model.row_at(0).last_error  # the row's own error is listed
        assert panel.retry.isEnabled()
        back = JiraSandbox(port=port or 0, user=user).start()
        try:
            panel.select_outbox(panel.outbox_model.ids())
            assert panel.retry_selected.isEnabled()
            panel.retry_selected.click()
            qtbot.waitUntil(lambda: bool(panel.ticket_keys()), timeout=20_000)
            qtbot.waitUntil(lambda: panel.outbox_model.rowCount() == 0, timeout=10_000)
            qtbot.waitUntil(lambda: panel.error.text() == "", timeout=10_000)
            assert "<b>0</b> waiting · <b>0</b> failed" in panel.outbox.text()
            assert not panel.retry.isEnabled()
            assert [i["key"] for i in back.state.issues.values()] == panel.ticket_keys()
        finally:
            back.stop()


def test_sync_now_shows_a_status_changed_in_jira(qtbot, tmp_path: Path) -> None:
    with jira_window(qtbot, tmp_path) as (window, demo):
        assert demo.sandbox is not None
        panel = window.jira
        window.tabs.setCurrentWidget(panel)
        _write(window, tmp_path / "pos.log", "".join(err(n) for n in range(3)))
        qtbot.waitUntil(lambda: bool(panel.ticket_keys()), timeout=30_000)
        key = panel.ticket_keys()[0]
        assert panel.ticket_status(key) == "filed"  # not read from Jira since filing
        jira_client(demo.sandbox).transition_to_category(key, "indeterminate")
        qtbot.mouseClick(panel.sync, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: panel.ticket_status(key) == "In Progress", timeout=20_000)
        qtbot.waitUntil(lambda: panel.sync.isEnabled(), timeout=10_000)
        assert panel.sync_state.text().startswith("Synced 1 ticket: 1 changed · statuses read ")
        row = panel.tickets_model.row_of(key)
        assert panel.tickets_model.index(row, 7).data() != "never"  # last sync
        assert panel.select_ticket(key)
        panel.pattern_button.click()  # from the ticket to its pattern
        assert window.tabs.currentWidget() is window.patterns
        pattern_id = panel.tickets_model.row_at(row).pattern_id
        qtbot.waitUntil(lambda: getattr(window.patterns.selected_row(), "id", 0) == pattern_id,
                        timeout=10_000)  # at once, or when the table has read the pattern
        assert "Product has no price" in window.patterns.selected_row().template


def test_the_count_since_filing_grows_with_new_occurrences(qtbot, tmp_path: Path) -> None:
    """Updates go out at once (no throttle): "Not yet in Jira" drops back to 0 when the
    ticket is updated, while "Since filing" keeps counting from the filing."""
    config = AutomationConfig(comment_throttle=timedelta(0))
    with jira_window(qtbot, tmp_path, config) as (window, demo):
        assert demo.sandbox is not None
        panel, model = window.jira, window.jira.tickets_model
        window.tabs.setCurrentWidget(panel)
        log = tmp_path / "pos.log"
        _write(window, log, "".join(err(n) for n in range(3)))
        qtbot.waitUntil(lambda: bool(panel.ticket_keys()), timeout=30_000)
        key = panel.ticket_keys()[0]
        qtbot.waitUntil(lambda: model.row_at(model.row_of(key)).count == 3, timeout=10_000)
        filed = model.row_at(model.row_of(key)).count_at_filing
        [issue] = sandbox_issues(demo.sandbox)  # the count the ticket told Jira when filed
        told = re.search(r"Occurrences: (\d+)", adf_text(issue["fields"]["description"]))
        assert told is not None and int(told.group(1)) == filed and 1 <= filed <= 3

        def since_filing() -> str:
            return model.index(model.row_of(key), SINCE_FILING).data()

        assert since_filing() == str(3 - filed)
        append(log, "".join(err(n) for n in range(3, 8)))  # five more occurrences
        qtbot.waitUntil(lambda: (model.row_at(model.row_of(key)).count,
                                 model.row_at(model.row_of(key)).unreported) == (8, 0),
                        timeout=30_000)  # counted, and told to Jira in a comment
        assert since_filing() == str(8 - filed)
        assert model.index(model.row_of(key), UNREPORTED).data() == "0"
        assert model.row_at(model.row_of(key)).count_at_filing == filed  # updates keep it
        assert panel.ticket_keys() == [key]
        [issue] = sandbox_issues(demo.sandbox)
        assert issue["comments"]  # the update did reach Jira


def test_the_automation_log_gives_each_decision_its_reason(qtbot, tmp_path: Path) -> None:
    config = AutomationConfig(min_occurrences=2)
    with jira_window(qtbot, tmp_path, config) as (window, _demo):
        panel = window.jira
        window.tabs.setCurrentWidget(panel)
        log = tmp_path / "pos.log"
        _write(window, log, err(1) + line(CARD_DECLINED, 2) + line(SLOW_GATEWAY, 3))
        qtbot.waitUntil(lambda: "skipped: below minimum" in panel.log_model.labels(),
                        timeout=30_000)
        append(log, err(4))  # the second occurrence: filed
        qtbot.waitUntil(lambda: "created" in panel.log_model.labels(), timeout=30_000)
        declined = wait_for_row(qtbot, window, "Card declined")
        window.triage(declined.id, "mute")
        qtbot.waitUntil(lambda: window.patterns.model.row_at(
            window.patterns.model.row_of(declined.id)).status == "muted", timeout=10_000)
        append(log, line(CARD_DECLINED, 5) + line(CARD_DECLINED, 6))
        qtbot.waitUntil(lambda: "skipped: muted" in panel.log_model.labels(), timeout=30_000)
        labels = panel.log_model.labels()
        assert {"skipped: low severity", "skipped: low confidence", "queued: file ticket",
                "skipped: below minimum", "created", "skipped: muted"} <= set(labels)
        assert labels.index("skipped: muted") < labels.index("created")  # newest first
        reasons = [panel.log_model.index(r, 3).data() for r in range(panel.log_model.rowCount())]
        assert "the pattern is muted: it is never filed or updated" in reasons
        assert any(r.startswith("low severity is not filed") for r in reasons)
        # the filter: by outcome, then by text
        panel.outcome_filter.setCurrentIndex(panel.outcome_filter.findData("skipped"))
        shown = [panel.log_filter.index(r, 1).data() for r in range(panel.log_filter.rowCount())]
        assert shown and all(label.startswith("skipped: ") for label in shown)
        panel.log_search.setText("MUTED")
        shown = [panel.log_filter.index(r, 1).data() for r in range(panel.log_filter.rowCount())]
        assert shown == ["skipped: muted"]
        panel.outcome_filter.setCurrentIndex(0)
        panel.log_search.setText("Card declined")
        shown = {panel.log_filter.index(r, 1).data() for r in range(panel.log_filter.rowCount())}
        assert shown == {"skipped: low severity", "skipped: muted"}


class _Browser(QObject):
    """Where QDesktopServices sends http(s) links in this test (Qt's own URL handler hook)."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url.toString())


def test_tickets_open_in_the_browser_and_the_models_pass_the_tester(
        qtbot, qtmodeltester, tmp_path: Path) -> None:
    browser = _Browser()
    QDesktopServices.setUrlHandler("http", browser, "open")
    try:
        with jira_window(qtbot, tmp_path) as (window, demo):
            assert demo.sandbox is not None
            demo.sandbox.add_fault(kind="status", status=400, method="POST", path=r"/issue$",
                                   times=1)
            panel = window.jira
            window.tabs.setCurrentWidget(panel)
            _write(window, tmp_path / "pos.log",
                   "".join(err(n) + db_error(n) for n in range(3)))
            qtbot.waitUntil(lambda: bool(panel.ticket_keys()) and "failed"
                            in _outbox_states(window), timeout=30_000)
            key = panel.ticket_keys()[0]
            assert panel.select_ticket(key)
            panel.open_button.click()
            qtbot.mouseClick(panel.tickets.viewport(), Qt.MouseButton.LeftButton,
                             pos=panel.tickets.visualRect(panel.tickets_model.index(0, 0))
                             .center())
            assert browser.opened == [panel.ticket_url(key)] * 2
            for model in (panel.tickets_model, panel.log_model, panel.log_filter,
                          panel.outbox_model):
                qtmodeltester.check(model)
    finally:
        QDesktopServices.unsetUrlHandler("http")

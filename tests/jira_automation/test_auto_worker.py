"""The Qt edge: the Jira worker in its own thread, observed through its signals only."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QMetaObject, Qt
from pytestqt.qtbot import QtBot

from stacklens_desktop.jira.config import JiraSettings
from stacklens_desktop.jira.policy import AutomationConfig
from stacklens_desktop.jira.ticket_service import TicketService
from stacklens_desktop.jira_sandbox import JiraSandbox
from stacklens_desktop.store import Store
from stacklens_desktop.workers.jira_worker import JiraWorker, start_jira_thread, stop_jira_thread
from tests.jira_automation.helpers import (
    Clock,
    PatternSpec,
    analyse,
    batch_for,
    client_factory,
    events_at,
    jira_client,
    seed_patterns,
)
from tests.qt_wait import wait_worker_signal

CONFIG = AutomationConfig()


def _service(store: Store, sandbox: JiraSandbox, token: str | None = None
             ) -> Callable[[], TicketService]:
    settings = JiraSettings(base_url=sandbox.url, username=sandbox.user.email,
                            project_key="DEMO", deployment="cloud")
    return lambda: TicketService(store.engine, client_factory(sandbox, token), CONFIG, settings)


def _worker(store: Store, sandbox: JiraSandbox, clock: Clock, token: str | None = None
            ) -> JiraWorker:
    now: Callable[[], datetime] = lambda: clock.now  # noqa: E731
    return JiraWorker(_service(store, sandbox, token), interval_ms=100, clock=now)


def test_worker_files_updates_and_stops_in_order(qtbot: QtBot, store: Store,
                                                 sandbox: JiraSandbox, clock: Clock) -> None:
    seed_patterns(store, 2, CONFIG, clock.now)
    worker = _worker(store, sandbox, clock)
    filed: list[tuple[int, str, str]] = []
    worker.ticket_filed.connect(lambda *args: filed.append(args))
    with wait_worker_signal(qtbot, worker.outbox_changed, 10_000,
                            check_params_cb=lambda waiting, failed: (waiting, failed) == (0, 0)):
        thread = start_jira_thread(worker)
    try:
        qtbot.waitUntil(lambda: len(filed) == 2, timeout=10_000)
        assert sorted(k for _, k, _ in filed) == ["DEMO-1", "DEMO-2"]
        assert all(url.startswith(sandbox.url + "/browse/") for _, _, url in filed)
        clock.advance(minutes=30)
        analyse(store, batch_for(PatternSpec(fingerprint="0000feedc0ffee0000"),
                                 events_at(100, 5, clock.now, "0000feedc0ffee0000")),
                CONFIG, clock.now)
        with wait_worker_signal(qtbot, worker.ticket_updated, 10_000,
                                check_params_cb=lambda pid, key, what: what == "commented"):
            # as the analysis worker's automation_decided signal would: queued into the thread
            QMetaObject.invokeMethod(worker, "wake", Qt.ConnectionType.QueuedConnection)
        jira_client(sandbox).transition_to_category("DEMO-2", "done")
        clock.advance(minutes=10)  # the periodic status sync is due
        with wait_worker_signal(qtbot, worker.ticket_updated, 10_000,
                                check_params_cb=lambda pid, key, what: what == "status:Done"):
            pass
    finally:
        with wait_worker_signal(qtbot, worker.stopped, 10_000):
            assert stop_jira_thread(worker, thread)
    assert thread.isFinished()


def test_worker_reports_a_wrong_token_once_and_keeps_the_rows(
        qtbot: QtBot, store: Store, sandbox: JiraSandbox, clock: Clock) -> None:
    seed_patterns(store, 1, CONFIG, clock.now)
    worker = _worker(store, sandbox, clock, token="bad-token-xyz")
    errors: list[str] = []
    worker.jira_error.connect(errors.append)
    with wait_worker_signal(qtbot, worker.jira_error, 10_000):
        thread = start_jira_thread(worker)
    try:
        with qtbot.assertNotEmitted(worker.jira_error, wait=500):  # more ticks, no repeats
            pass
        assert len(errors) == 1 and errors[0].startswith("401 Unauthorized")
        assert "bad-token-xyz" not in errors[0]
        assert sandbox.requests("/rest/api/3/issue") == []
    finally:
        assert stop_jira_thread(worker, thread)

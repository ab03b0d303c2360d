"""After a full run (filing, comments, sync, a 401, the CLI) the token is nowhere on disk."""

from __future__ import annotations

import base64
import logging
import logging.handlers
from collections.abc import Iterator
from pathlib import Path

import pytest

from stacklens_desktop.credentials import TokenStore
from stacklens_desktop.jira.config import JiraSettings
from stacklens_desktop.jira.policy import AutomationConfig
from stacklens_desktop.jira.ticket_service import TicketService, client_factory
from stacklens_desktop.jira_sandbox import JiraSandbox, SandboxUser
from stacklens_desktop.logs import setup_logging
from stacklens_desktop.store import Store
from tests.jira_automation.helpers import (
    Clock,
    PatternSpec,
    analyse,
    batch_for,
    events_at,
    jira_client,
    missing_price_event,
    seed_patterns,
)

TOKEN = "s3cr3t-T0ken-9f8e7d6c5b4a"
WRONG = "wr0ng-T0ken-1a2b3c4d5e6f"
CARD = "4111 1111 1111 1111"
POS_BEARER = "pos0bearer0abcdef123456"  # a secret of the POS, in its own log line
CONFIG = AutomationConfig()


@pytest.fixture
def app_log(data_dir: Path) -> Iterator[Path]:
    path = setup_logging(data_dir, logging.DEBUG)
    yield path
    root = logging.getLogger("stacklens")
    for handler in list(root.handlers):
        if isinstance(handler, logging.handlers.RotatingFileHandler) and \
                Path(handler.baseFilename) == path:
            root.removeHandler(handler)
            handler.close()


@pytest.fixture
def secret_sandbox(tmp_path: Path) -> Iterator[JiraSandbox]:
    user = SandboxUser(token=TOKEN)
    with JiraSandbox(state_file=tmp_path / "jira-state.json", user=user) as running:
        yield running


def _service(store: Store, sandbox: JiraSandbox, token: str) -> TicketService:
    settings = JiraSettings(base_url=sandbox.url, username=sandbox.user.email,
                            project_key="DEMO", deployment="cloud")
    tokens = TokenStore(env={"JIRA_API_TOKEN": token})
    return TicketService(store.engine, client_factory(settings, tokens), CONFIG, settings)


def _forms(secret: str, email: str) -> list[bytes]:
    basic = base64.b64encode(f"{email}:{secret}".encode())
    return [secret.encode(), basic]


def test_token_is_absent_from_the_data_dir_and_the_log(
        store: Store, secret_sandbox: JiraSandbox, clock: Clock, data_dir: Path,
        app_log: Path) -> None:
    sandbox = secret_sandbox
    wrong = _service(store, sandbox, WRONG)
    seed_patterns(store, 2, CONFIG, clock.now)
    assert wrong.tick(clock.now).drain.halted  # a 401 first, logged and stored
    wrong.close()
    service = _service(store, sandbox, TOKEN)
    card_event = missing_price_event(500, clock.now)
    card_event.raw += f" card={CARD} password=hunter2 Authorization: Bearer {POS_BEARER}"
    analyse(store, batch_for(PatternSpec(), [card_event]), CONFIG, clock.now)
    for minute in range(0, 60, 5):
        clock.advance(minutes=5)
        analyse(store, batch_for(PatternSpec(), events_at(minute * 10, 3, clock.now)), CONFIG,
                clock.now)
        service.tick(clock.now)
    jira_client(sandbox).transition_to_category("DEMO-3", "done")
    report = service.tick(clock.advance(minutes=10), force_sync=True)
    assert report.sync is not None and report.sync.resolved
    service.close()
    assert len(sandbox.state.issues) == 3
    store.engine.dispose()  # flush the WAL into the files we scan
    files = [p for p in data_dir.rglob("*") if p.is_file()]
    assert app_log in files and app_log.stat().st_size > 0
    assert b"401 Unauthorized" in app_log.read_bytes()
    for path in files:
        content = path.read_bytes()
        for form in _forms(TOKEN, sandbox.user.email) + _forms(WRONG, sandbox.user.email):
            assert form not in content, f"a token form leaked into {path}"
    sent = (Path(sandbox.state.path).read_text() if sandbox.state.path else "")
    for leaked in (TOKEN, CARD, "hunter2", POS_BEARER):
        assert leaked not in sent
    assert "1111" in sent  # the card's last four digits stay readable

"""configure + test + sync against the sandbox, with a wrong token first: the token is in the
keyring only, never in a file under the data dir (database, WAL, app log) or in Jira."""

from __future__ import annotations

import base64
from pathlib import Path

from stacklens_desktop.jira.policy import AutomationConfig
from stacklens_desktop.jira.stamps import utcnow
from stacklens_desktop.jira_sandbox import JiraSandbox
from stacklens_desktop.store import open_store
from tests.jira_automation.helpers import seed_patterns
from tests.jira_settings.conftest import TOKEN, WRONG, Cli


def _forms(secret: str, email: str) -> list[bytes]:
    """The token as typed and inside a Basic auth header."""
    return [secret.encode(), base64.b64encode(f"{email}:{secret}".encode())]


def _configure(cli: Cli, sandbox: JiraSandbox, token: str) -> None:
    code, out, err = cli("jira", "configure", "--url", sandbox.url, "--user",
                         sandbox.user.email, "--project", "DEMO", "--token-stdin",
                         stdin=token)
    assert code == 0, err
    assert token not in out + err


def test_token_never_lands_under_the_data_dir(
        cli: Cli, sandbox: JiraSandbox, data_dir: Path) -> None:
    store = open_store(data_dir)
    try:
        seed_patterns(store, 2, AutomationConfig(), utcnow())
    finally:
        store.close()
    _configure(cli, sandbox, WRONG)
    code, _out, err = cli("jira", "test")
    assert code == 1 and "HTTP 401" in err
    code, out, err = cli("jira", "sync")
    assert code == 1 and "401" in err and "2 waiting" in out
    seen = out + err
    _configure(cli, sandbox, TOKEN)
    code, out, err = cli("jira", "test")
    assert code == 0 and "token from keyring" in out
    seen += out + err
    code, out, err = cli("jira", "sync")
    assert code == 0, err
    # the operation that met the 401 waits out its backoff; the other one is filed now
    assert "filed DEMO-1" in out and "0 failed" in out
    seen += out + err
    assert len(sandbox.state.issues) >= 1

    files = [p for p in data_dir.rglob("*") if p.is_file()]
    app_log = data_dir / "logs" / "stacklens.log"
    assert app_log in files and b"401" in app_log.read_bytes()
    assert data_dir / "stacklens.db" in files
    for path in files:
        content = path.read_bytes()
        for form in _forms(TOKEN, sandbox.user.email) + _forms(WRONG, sandbox.user.email):
            assert form not in content, f"a token leaked into {path}"
    for secret in (TOKEN, WRONG):
        assert secret not in seen
        assert secret not in Path(str(sandbox.state.path)).read_text(encoding="utf-8")

"""``stacklens team``: init, logins, connect (keyring + profile), status; the agent's CLI."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from stacklens_desktop.cli.main import main
from stacklens_desktop.jira_sandbox import JiraSandbox
from stacklens_desktop.store.team.engine import parse_address
from stacklens_desktop.team.credentials import get_password
from stacklens_desktop.team.settings import saved_address
from tests.team.agentkit import agent_setup, append, pos_lines, stored_events
from tests.team.conftest import TeamDb


def run(monkeypatch: pytest.MonkeyPatch, stdin: str, *argv: str) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(stdin))
    return main(list(argv))


def admin_address(db: TeamDb) -> str:
    return f"postgresql://postgres@/{db.name}?host={db.cluster.root}&port={db.cluster.port}"


def test_init_add_connect_and_status(team_db: TeamDb, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    profile = str(tmp_path / "profile")
    admin = admin_address(team_db)
    assert run(monkeypatch, "\n", "team", "init", admin, "--retention-days", "14",
               "--password-stdin") == 0
    assert "events kept 14 days" in capsys.readouterr().out
    assert run(monkeypatch, "\nann-pw\n", "team", "add-desktop", admin, "desk_ann",
               "--password-stdin") == 0
    assert run(monkeypatch, "\nagent-pw\n", "team", "add-agent", admin, "agent_t7", "till-7",
               "--password-stdin") == 0
    address = team_db.url("desk_ann")
    assert run(monkeypatch, "ann-pw\n", "team", "connect", address, "--password-stdin",
               "--data-dir", profile) == 0
    assert "as desk_ann (desktop" in capsys.readouterr().out
    assert saved_address(Path(profile)) == address
    assert get_password(parse_address(address), env={}) == "ann-pw"
    assert "ann-pw" not in (Path(profile) / "team.json").read_text(encoding="utf-8")
    assert run(monkeypatch, "", "team", "status", "--data-dir", profile) == 0
    out = capsys.readouterr().out
    assert "till-7" in out and "idle" in out


def test_connect_refuses_an_agent_login(team_db: TeamDb, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    setup = agent_setup(team_db, tmp_path)
    code = run(monkeypatch, f"{setup.password}\n", "team", "connect", team_db.url(setup.role),
               "--password-stdin", "--data-dir", str(tmp_path / "p"))
    assert code == 2
    assert "not a desktop login" in capsys.readouterr().err


def test_wrong_password_is_one_line(team_db: TeamDb, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    setup = agent_setup(team_db, tmp_path)
    code = run(monkeypatch, "nope\n", "team", "connect", team_db.url(setup.role),
               "--password-stdin", "--data-dir", str(tmp_path / "p"))
    err = capsys.readouterr().err
    assert code == 2 and "password authentication failed" in err
    assert "Traceback" not in err


def test_agent_once_ships_and_reports(team_db: TeamDb, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    setup = agent_setup(team_db, tmp_path)
    text, errors = pos_lines(0, 300)
    append(setup.log_path, text)
    monkeypatch.setenv("STACKLENS_TEAM_PASSWORD", setup.password)
    assert main(["agent", "--config", str(setup.config_path), "--once",
                 "--data-dir", str(tmp_path / "profile")]) == 0
    assert stored_events(team_db.admin, setup.host)[:2] == (errors, errors)
    status = json.loads(setup.status_path.read_text(encoding="utf-8"))
    assert status["state"] == "shipping" and status["events"] == errors


def test_automate_once_files_from_the_team_store_and_needs_jira(
        team_db: TeamDb, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str], sandbox: JiraSandbox) -> None:
    from stacklens_desktop.store.team import schema
    from stacklens_desktop.store.team.ingest import apply_shipment
    from tests.team.teamjira import price_shipment

    with team_db.admin.begin() as conn:
        schema.add_desktop(conn, "desk_cli", "cli-pw")
        apply_shipment(conn, price_shipment("store-1-till-1", 0, 3))
    address, profile = team_db.url("desk_cli"), str(tmp_path / "profile")
    for name in ("JIRA_BASE_URL", "JIRA_USERNAME", "JIRA_PROJECT_KEY", "JIRA_API_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    assert run(monkeypatch, "cli-pw\n", "team", "automate", address, "--once",
               "--password-stdin", "--data-dir", profile) == 2
    assert "Jira is not set up" in capsys.readouterr().err
    monkeypatch.setenv("JIRA_BASE_URL", sandbox.url)
    monkeypatch.setenv("JIRA_USERNAME", sandbox.user.email)
    monkeypatch.setenv("JIRA_API_TOKEN", sandbox.user.token)
    monkeypatch.setenv("JIRA_PROJECT_KEY", "DEMO")
    assert run(monkeypatch, "cli-pw\n", "team", "automate", address, "--once",
               "--password-stdin", "--data-dir", profile) == 0
    out = capsys.readouterr().out
    assert "automation role: held by this process" in out and "filed DEMO-1" in out
    assert "outbox: 0 waiting, 0 failed" in out

"""Two desktops and two agents on one team store, all real processes: ``stacklens agent``
on two tills ships product 999's failing orders, two ``stacklens team automate`` contend
for the automation role. Exactly one Jira issue and one ticket row for the pattern; the
holder killed with SIGKILL is taken over within seconds and the successor comments on the
same issue; a third host spreads the pattern and escalates it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from stacklens_desktop.jira.policy import AutomationConfig
from stacklens_desktop.jira_sandbox import JiraSandbox
from stacklens_desktop.settings.access import save_policy
from stacklens_desktop.store.team import schema
from tests.jira_automation.helpers import adf_text, sandbox_issues
from tests.team.agentkit import AgentSetup, agent_setup, append
from tests.team.conftest import TeamDb

SEED = ('2026-12-06T10:{m:02d}:{s:02d}.000Z [ERROR] Product has no price: {{"orderId":'
        '"ORD-{n}","productId":999,"productName":"Premium Item","code":"MISSING_PRICE"}}\n')
DESK_PASSWORD = "desk-secret"
DEADLINE_S = 45.0
#: The fingerprint-free way to find the 999 pattern in the store.
PRICE_PATTERN = "SELECT id FROM pattern WHERE template LIKE 'Product has no price%%'"


def failing_orders(start: int, count: int) -> str:
    return "".join(SEED.format(m=n // 60 % 60, s=n % 60, n=n) for n in range(start, start + count))


class Proc:
    """A child process whose output lines are collected by a thread."""

    def __init__(self, args: list[str], env: dict[str, str]) -> None:
        self.popen = subprocess.Popen(args, env=env, stdout=subprocess.PIPE,
                                      stderr=subprocess.STDOUT, text=True)
        self.lines: list[str] = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.popen.stdout is not None
        for line in self.popen.stdout:
            self.lines.append(line.rstrip("\n"))

    def said(self, text: str) -> bool:
        return any(text in line for line in self.lines)

    def end(self, sig: int = signal.SIGTERM) -> int:
        if self.popen.poll() is None:
            self.popen.send_signal(sig)
        code = self.popen.wait(timeout=30)
        self._reader.join(timeout=5)
        if self.popen.stdout is not None:
            self.popen.stdout.close()
        return code


def wait_for(condition: Callable[[], bool], what: str, procs: list[Proc],
             timeout: float = DEADLINE_S) -> float:
    """Poll ``condition`` until it holds; returns the seconds it took."""
    started = time.monotonic()
    while not condition():
        if time.monotonic() - started > timeout:
            tails = "\n".join(f"--- {p.popen.args}:\n" + "\n".join(p.lines[-15:])
                              for p in procs)
            raise AssertionError(f"{what}: not within {timeout} s\n{tails}")
        time.sleep(0.05)
    return time.monotonic() - started


def stacklens(*args: str, env: dict[str, str]) -> Proc:
    return Proc([sys.executable, "-m", "stacklens_desktop", *args], env)


@pytest.fixture
def procs() -> Iterator[list[Proc]]:
    started: list[Proc] = []
    yield started
    for proc in started:
        proc.end(signal.SIGKILL)


def start_agent(setup: AgentSetup, tmp: Path, procs: list[Proc], *extra: str) -> Proc:
    env = dict(os.environ, STACKLENS_TEAM_PASSWORD=setup.password)
    proc = stacklens("agent", "--config", str(setup.config_path), "--data-dir",
                     str(tmp / "agent-profile"), *extra, env=env)
    procs.append(proc)
    return proc


def start_desktop(db: TeamDb, role: str, sandbox: JiraSandbox, tmp: Path,
                  procs: list[Proc]) -> Proc:
    env = dict(os.environ, STACKLENS_TEAM_PASSWORD=DESK_PASSWORD, JIRA_BASE_URL=sandbox.url,
               JIRA_USERNAME=sandbox.user.email, JIRA_API_TOKEN=sandbox.user.token,
               JIRA_PROJECT_KEY="DEMO")
    proc = stacklens("team", "automate", db.url(role), "--data-dir", str(tmp / role), env=env)
    procs.append(proc)
    return proc


def scalar_rows(db: TeamDb, sql: str) -> list[tuple]:
    with db.admin.connect() as conn:
        return [tuple(r) for r in conn.exec_driver_sql(sql)]


def comments(sandbox: JiraSandbox) -> list[str]:
    issues = sandbox_issues(sandbox)
    return [adf_text(c["body"]) for i in issues for c in i.get("comments") or []]


def test_two_desktops_two_agents_one_ticket_takeover_and_spread(
        team_db: TeamDb, sandbox: JiraSandbox, tmp_path: Path, procs: list[Proc]) -> None:
    save_policy(team_db.admin, AutomationConfig(comment_throttle=timedelta(0)))
    with team_db.admin.begin() as conn:
        for role in ("desk_a", "desk_b"):
            schema.add_desktop(conn, role, DESK_PASSWORD)
    tills = [agent_setup(team_db, tmp_path / h, host=h, poll_seconds=0.1)
             for h in ("store-1-till-1", "store-2-till-1")]
    for n, till in enumerate(tills):
        append(till.log_path, failing_orders(n * 1000, 6))
    desks = [start_desktop(team_db, role, sandbox, tmp_path, procs)
             for role in ("desk_a", "desk_b")]
    for till in tills:
        start_agent(till, tmp_path, procs)

    def one_holder() -> bool:
        return any(d.said("held by this process") for d in desks) and all(
            d.said("automation role:") for d in desks)

    wait_for(one_holder, "one desktop holds the role", procs)
    wait_for(lambda: len(sandbox_issues(sandbox)) >= 1, "a Jira issue", procs)
    wait_for(lambda: scalar_rows(team_db, "SELECT sum(count) FROM pattern_host")[0][0] == 12,
             "both tills shipped", procs)
    holder, other = sorted(desks, key=lambda d: not d.said("held by this process"))
    assert other.said("held by desk_a") or other.said("held by desk_b"), other.lines
    assert sum(d.said("held by this process") for d in desks) == 1

    # the holder dies: the other takes over within seconds, and files nothing twice
    holder.end(signal.SIGKILL)
    took = wait_for(lambda: other.said("held by this process"), "takeover", procs, 10.0)
    assert took < 5.0
    append(tills[0].log_path, failing_orders(100, 4))
    wait_for(lambda: len(comments(sandbox)) >= 1, "a comment on the same issue", procs)

    # a third host: the pattern is spread over three, escalates, and the ticket is told
    third = agent_setup(team_db, tmp_path / "store-3-till-1", host="store-3-till-1")
    append(third.log_path, failing_orders(3000, 2))
    assert start_agent(third, tmp_path, procs, "--once").popen.wait(timeout=60) == 0
    wait_for(lambda: any("spread across the fleet" in c for c in comments(sandbox)),
             "the escalation comment", procs)

    issues = sandbox_issues(sandbox)
    assert len(issues) == 1, [i["key"] for i in issues]
    price = scalar_rows(team_db, PRICE_PATTERN)
    assert len(price) == 1
    tickets = scalar_rows(team_db, "SELECT pattern_id, issue_key FROM ticket")
    assert tickets == [(price[0][0], issues[0]["key"])]
    assert scalar_rows(team_db, "SELECT escalation FROM pattern WHERE id = "
                       f"{price[0][0]}") == [("critical",)]
    assert other.end() == 0 and other.said("automation stopped")

"""Exactly-once through crashes, with real processes: the agent killed with SIGKILL while
it ships, and the PostgreSQL server restarted under a running agent."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from stacklens_desktop.store.team import fleet
from tests.team.agentkit import AgentSetup, agent_setup, append, pos_lines, stored_events
from tests.team.conftest import TeamDb

DEADLINE_S = 120.0


def start_agent(setup: AgentSetup, tmp_path: Path, *extra: str) -> subprocess.Popen[bytes]:
    env = dict(os.environ, STACKLENS_TEAM_PASSWORD=setup.password)
    return subprocess.Popen(
        [sys.executable, "-m", "stacklens_desktop", "agent", "--config",
         str(setup.config_path), "--data-dir", str(tmp_path / "profile"), *extra],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_until_shipped(db: TeamDb, setup: AgentSetup, agent: subprocess.Popen[bytes]) -> None:
    size = setup.log_path.stat().st_size
    deadline = time.monotonic() + DEADLINE_S
    while stored_events(db.admin, setup.host)[2] < size:
        if agent.poll() is not None:
            raise AssertionError(f"the agent ended: {agent.stderr.read().decode()[-2000:]}"
                                 if agent.stderr else "the agent ended")
        if time.monotonic() > deadline:
            raise AssertionError("the agent did not ship the whole file in time")
        time.sleep(0.1)


def test_kill_9_while_shipping_loses_and_repeats_nothing(team_db: TeamDb,
                                                         tmp_path: Path) -> None:
    setup = agent_setup(team_db, tmp_path)
    rng = random.Random(19)
    expected, line = 0, 0
    kills = mid_file = 0
    for _ in range(6):
        text, errors = pos_lines(line, 20_000)
        line += 20_000
        expected += errors
        append(setup.log_path, text)
        agent = start_agent(setup, tmp_path)
        # start-up plus some shipping: kill mid-stream (an idle machine ships 20,000 lines
        # in well under a second, so the kill comes early enough to land mid-file)
        time.sleep(rng.uniform(0.6, 1.6))
        if agent.poll() is None:
            agent.send_signal(signal.SIGKILL)
            kills += 1
        agent.wait()
        if agent.stderr:
            agent.stderr.close()
        mid_file += stored_events(team_db.admin, setup.host)[2] < setup.log_path.stat().st_size
    assert kills >= 4 and mid_file >= 2  # killed while it still had the file to ship
    partial = stored_events(team_db.admin, setup.host)
    assert partial[0] == partial[1]  # never a duplicate, even between kills
    final = start_agent(setup, tmp_path, "--once")
    _, err = final.communicate(timeout=DEADLINE_S)
    assert final.returncode == 0, err.decode()[-2000:]
    total, distinct, offset = stored_events(team_db.admin, setup.host)
    assert total == distinct == expected
    assert offset == setup.log_path.stat().st_size


def test_server_restart_under_a_running_agent(team_db: TeamDb, tmp_path: Path) -> None:
    setup = agent_setup(team_db, tmp_path, host="till-2")
    agent = start_agent(setup, tmp_path)
    try:
        expected, line = 0, 0
        for round_no in range(6):
            text, errors = pos_lines(line, 10_000, "till-2")
            line += 10_000
            expected += errors
            append(setup.log_path, text)
            time.sleep(0.5)
            if round_no in (1, 3):
                team_db.cluster.restart()  # fast shutdown: in-flight transactions die
            if round_no == 4:
                team_db.cluster.stop("immediate")  # a crash of the server itself
                time.sleep(1.0)
                team_db.cluster.start()
        wait_until_shipped(team_db, setup, agent)
        total, distinct, _ = stored_events(team_db.admin, setup.host)
        assert total == distinct == expected
    finally:
        agent.terminate()
        agent.communicate(timeout=30)


def test_two_agents_at_once_share_patterns_without_double_counts(team_db: TeamDb,
                                                                 tmp_path: Path) -> None:
    setups = [agent_setup(team_db, tmp_path / h, host=h) for h in ("till-a", "till-b")]
    expected = {}
    for setup in setups:
        text, errors = pos_lines(0, 30_000, setup.host)
        append(setup.log_path, text)
        expected[setup.host] = errors
    agents = [start_agent(s, tmp_path / s.host, "--once") for s in setups]
    for agent in agents:
        _, err = agent.communicate(timeout=DEADLINE_S)
        assert agent.returncode == 0, err.decode()[-2000:]
    for setup in setups:
        total, distinct, _ = stored_events(team_db.admin, setup.host)
        assert total == distinct == expected[setup.host]
    with team_db.admin.begin() as conn:
        fleet.roll_up_counts(conn)
        rows = conn.exec_driver_sql(
            "SELECT p.fingerprint, p.count, (SELECT sum(count) FROM pattern_host ph "
            "WHERE ph.pattern_id = p.id), (SELECT count(*) FROM event e "
            "WHERE e.pattern_id = p.id), (SELECT count(*) FROM pattern_host ph "
            "WHERE ph.pattern_id = p.id) FROM pattern p").all()
    assert len({r[0] for r in rows}) == len(rows)
    assert all(r[1] == r[2] == r[3] for r in rows), rows
    assert any(r[4] == 2 for r in rows)  # the same pattern seen on both hosts

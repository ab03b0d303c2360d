"""The agent in this process against a real server: each error once, and the spool while
the server is down (forwarded in order when it is back; bounded, with a clear state)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from stacklens_desktop.intelligence import build_judge
from stacklens_desktop.store.team.engine import make_team_engine, parse_address
from stacklens_desktop.team.agent import Agent
from stacklens_desktop.team.config import load_config
from tests.team.agentkit import SECRET, AgentSetup, agent_setup, append, pos_lines, stored_events
from tests.team.conftest import TeamDb


def make_agent(setup: AgentSetup, tmp_path: Path) -> Agent:
    config = load_config(setup.config_path)
    engine = make_team_engine(parse_address(config.store), setup.password)
    return Agent(config, engine, build_judge(tmp_path / "profile"))


def drain(agent: Agent) -> None:
    for _ in range(50):
        if agent.step() == 0 and agent.step() == 0:
            return
    raise AssertionError("the agent kept finding work")


@pytest.fixture
def setup(team_db: TeamDb, tmp_path: Path) -> AgentSetup:
    return agent_setup(team_db, tmp_path)


@pytest.fixture
def agent(setup: AgentSetup, tmp_path: Path) -> Iterator[Agent]:
    made = make_agent(setup, tmp_path)
    yield made
    made.close()


def test_each_error_arrives_once_and_scrubbed(team_db: TeamDb, setup: AgentSetup,
                                              agent: Agent) -> None:
    text, errors = pos_lines(0, 400)
    append(setup.log_path, text)
    drain(agent)
    drain(agent)
    assert stored_events(team_db.admin, "till-1")[:2] == (errors, errors)
    more, more_errors = pos_lines(400, 120)
    append(setup.log_path, more)
    drain(agent)
    total, distinct, offset = stored_events(team_db.admin, "till-1")
    assert total == distinct == errors + more_errors
    assert offset == setup.log_path.stat().st_size
    with team_db.admin.connect() as conn:
        leaked = conn.exec_driver_sql(
            "SELECT count(*) FROM event WHERE raw LIKE %s", (f"%{SECRET}%",)).scalar()
        state = conn.exec_driver_sql("SELECT state FROM agent").scalar()
    assert leaked == 0  # secrets are scrubbed on the host
    assert state == "shipping"


def test_store_down_spools_and_forwards_in_order(team_db: TeamDb, setup: AgentSetup,
                                                 agent: Agent) -> None:
    text, expected = pos_lines(0, 200)
    append(setup.log_path, text)
    drain(agent)
    team_db.cluster.stop()
    try:
        for start in range(200, 1000, 200):  # the server stays down through several polls
            text, errors = pos_lines(start, 200)
            expected += errors
            append(setup.log_path, text)
            drain(agent)
            assert agent.status.state == "spooling"
        assert setup.status()["state"] == "spooling" and setup.status()["spooled"] >= 4
        assert agent.spool.pending() >= 4
    finally:
        team_db.cluster.start()
    text, errors = pos_lines(1000, 100)
    expected += errors
    append(setup.log_path, text)
    drain(agent)
    assert agent.spool.pending() == 0 and agent.status.state == "shipping"
    total, distinct, offset = stored_events(team_db.admin, "till-1")
    assert total == distinct == expected
    assert offset == setup.log_path.stat().st_size
    with team_db.admin.connect() as conn:
        ids_by_offset = [r[0] for r in conn.exec_driver_sql(
            'SELECT id FROM event ORDER BY "offset"')]
    assert ids_by_offset == sorted(ids_by_offset)  # forwarded in file order


def test_full_spool_pauses_reading_then_catches_up(team_db: TeamDb, setup: AgentSetup,
                                                   tmp_path: Path) -> None:
    small = agent_setup(team_db, tmp_path, host="till-9", spool_max_mb=0.02)
    agent = make_agent(small, tmp_path)
    try:
        team_db.cluster.stop()
        expected = 0
        try:
            for start in range(0, 3000, 500):
                text, errors = pos_lines(start, 500, "till-9")
                expected += errors
                append(small.log_path, text)
                agent.step()
                agent.step()
            assert agent.status.state == "spool_full"
            assert small.status()["state"] == "spool_full"
            assert agent.spool.size_bytes() < 3 * 0.02 * 1024 * 1024
        finally:
            team_db.cluster.start()
        drain(agent)
        total, distinct, offset = stored_events(team_db.admin, "till-9")
        assert total == distinct == expected
        assert offset == small.log_path.stat().st_size
    finally:
        agent.close()

"""An agent's own scrub rules (``scrub`` in agent.json): what they name never leaves the
server, and a rule that cannot work stops the agent with a sentence, not a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from stacklens_desktop.intelligence import build_judge
from stacklens_desktop.store.team.engine import make_team_engine, parse_address
from stacklens_desktop.team.agent import Agent
from stacklens_desktop.team.config import AgentConfigError, load_config
from tests.team.agentkit import agent_setup, append
from tests.team.conftest import TeamDb

LOYALTY = "LY99887766"
EMPLOYEE = "EMP-123456"


def _with_scrub(config: Path, scrub: object) -> None:
    data = json.loads(config.read_text(encoding="utf-8"))
    data["scrub"] = scrub
    config.write_text(json.dumps(data), encoding="utf-8")


def _lines(count: int) -> str:
    return "".join(
        f"2026-12-06 10:00:{i:02d}.000 ERROR [till-1] Loyalty - points not booked for order "
        f"{i} loyalty_id={LOYALTY} cashier {EMPLOYEE}\n" for i in range(count))


def test_the_agents_own_rules_keep_named_values_on_the_server(team_db: TeamDb,
                                                              tmp_path: Path) -> None:
    setup = agent_setup(team_db, tmp_path)
    _with_scrub(setup.config_path, {"extra_keys": ["loyalty_id"],
                                    "extra_patterns": [r"EMP-\d{6}"]})
    config = load_config(setup.config_path)
    agent = Agent(config, make_team_engine(parse_address(config.store), setup.password),
                  build_judge(tmp_path / "profile"))
    try:
        append(setup.log_path, _lines(12))
        while agent.step():
            pass
    finally:
        agent.close()
    with team_db.admin.connect() as conn:
        events = conn.exec_driver_sql("SELECT count(*) FROM event").scalar()
        shipped = " ".join(str(v) for row in conn.exec_driver_sql(
            "SELECT raw, message, parameters, fields FROM event") for v in row)
        templates = " ".join(r[0] for r in conn.exec_driver_sql(
            "SELECT template || COALESCE(sample_text, '') || parameters_sample FROM pattern"))
    assert events == 12
    for secret in (LOYALTY, EMPLOYEE):
        assert secret not in shipped and secret not in templates
    assert "points not booked" in shipped  # the rest of the record is there


def test_a_rule_that_cannot_work_stops_the_agent_with_a_sentence(tmp_path: Path) -> None:
    config = tmp_path / "agent.json"
    config.write_text(json.dumps({"store": "postgresql://a@db/s", "sources": ["/x.log"],
                                  "scrub": {"extra_patterns": ["EMP-(\\d"]}}), encoding="utf-8")
    with pytest.raises(AgentConfigError, match="scrub rules are not usable: Pattern "):
        load_config(config)
    _with_scrub(config, ["loyalty_id"])
    with pytest.raises(AgentConfigError, match='"scrub" must be an object'):
        load_config(config)

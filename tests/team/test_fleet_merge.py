"""The fleet merge: a fault whose message names a per-host value (each till's printer) is
one pattern across the fleet, with one ticket, as one host's miner would make it."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine

from stacklens_desktop.core.analyzer import PatternJudge
from stacklens_desktop.intelligence import build_judge
from stacklens_desktop.store.team import fleet, schema
from stacklens_desktop.store.team.engine import make_team_engine, parse_address
from stacklens_desktop.team.agent import Agent
from stacklens_desktop.team.config import load_config
from stacklens_desktop.team.fleet_merge import FleetMerger
from tests.team.agentkit import agent_setup, append
from tests.team.conftest import TeamDb

TEMPLATE = "Connection to printer {} lost while printing receipt for basket"


def _lines(printer: str, count: int, start: int = 0) -> str:
    return "".join(f"2026-12-06 10:00:{(start + i) % 60:02d}.000 ERROR [pos] Printer - "
                   f"{TEMPLATE.format(printer)}\n" for i in range(count))


@pytest.fixture(scope="module")
def judge(tmp_path_factory: pytest.TempPathFactory) -> PatternJudge:
    return build_judge(tmp_path_factory.mktemp("profile"))


def _ship(db: TeamDb, tmp: Path, host: str, text: str, judge: PatternJudge) -> None:
    setup = agent_setup(db, tmp, host=host) if not (tmp / f"{host}.json").exists() else None
    config = load_config(tmp / f"{host}.json")
    append(Path(tmp / f"{host}.log"), text)
    agent = Agent(config, make_team_engine(parse_address(config.store), "agent-secret"), judge)
    try:
        while agent.step():
            pass
    finally:
        agent.close()
    del setup


def _desktop(db: TeamDb) -> Engine:
    with db.admin.begin() as conn:  # roles are the cluster's: (re)set its password here
        schema.add_desktop(conn, "merge_desk", "merge-secret")
    return make_team_engine(parse_address(db.url("merge_desk")), "merge-secret")


def _listed(engine: Engine) -> list[fleet.FleetPattern]:
    with engine.connect() as conn:
        return fleet.patterns(conn)


def test_per_host_values_fold_into_one_fleet_pattern(team_db: TeamDb, tmp_path: Path,
                                                     judge: PatternJudge) -> None:
    printers = {"store-1-till-1": ["alpha", "beta"], "store-2-till-1": ["gamma", "delta"]}
    for host, names in printers.items():
        _ship(team_db, tmp_path, host, "".join(_lines(n, 3) for n in names), judge)
    desktop = _desktop(team_db)
    try:
        assert len(_listed(desktop)) == 4  # no host saw enough printers to generalise
        merger = FleetMerger()
        with desktop.begin() as conn:
            touched = merger.run(conn)
        [merged] = _listed(desktop)
        assert touched == [merged.id]
        assert merged.template == TEMPLATE.format("<*>")
        assert (merged.count, merged.hosts) == (12, 2)
        with desktop.connect() as conn:
            detail = fleet.pattern_detail(conn, merged.id)
        assert detail is not None and len(detail.recent) == 12  # the events moved too
        assert sorted(h for h, _, _ in detail.per_host) == sorted(printers)

        # a host that still sends an old printer's fingerprint counts toward the fold
        _ship(team_db, tmp_path, "store-1-till-1", _lines("alpha", 2, 10), judge)
        [again] = _listed(desktop)
        assert (again.id, again.count) == (merged.id, 14)

        # a new till's printer joins on the next pass
        _ship(team_db, tmp_path, "store-3-till-1", _lines("epsilon", 2), judge)
        assert len(_listed(desktop)) == 2
        with desktop.begin() as conn:
            assert merger.run(conn) == [merged.id]
        [final] = _listed(desktop)
        assert (final.id, final.count, final.hosts) == (merged.id, 16, 3)
    finally:
        desktop.dispose()


def test_a_members_ticket_becomes_the_fleet_patterns(team_db: TeamDb, tmp_path: Path,
                                                    judge: PatternJudge) -> None:
    for host, name in (("till-a", "alpha"), ("till-b", "beta"), ("till-c", "gamma"),
                       ("till-d", "delta")):
        _ship(team_db, tmp_path, host, _lines(name, 2), judge)
    desktop = _desktop(team_db)
    try:
        with team_db.admin.begin() as conn:
            first = conn.exec_driver_sql("SELECT min(id) FROM pattern").scalar_one()
            conn.exec_driver_sql(
                "INSERT INTO ticket (pattern_id, issue_key, count_at_last_comment, "
                "last_event_id, reported_values, previous_keys) "
                "VALUES (%s, 'POS-7', 2, 0, '{}', '[]')", (first,))
            conn.exec_driver_sql(
                "INSERT INTO outbox (pattern_id, operation, payload, state, attempts) "
                "VALUES (%s, 'create', '{}', 'pending', 0)", (first + 1,))
        with desktop.begin() as conn:
            [target] = FleetMerger().run(conn)
        with desktop.connect() as conn:
            keys = conn.exec_driver_sql("SELECT pattern_id, issue_key FROM ticket").all()
            waiting = conn.exec_driver_sql(
                "SELECT count(*) FROM outbox WHERE state = 'pending'").scalar()
            aliases = conn.exec_driver_sql("SELECT count(*) FROM pattern_alias").scalar()
        assert keys == [(target, "POS-7")]
        assert waiting == 0  # a member's own create would have been a second ticket
        assert aliases == 4
    finally:
        desktop.dispose()


def test_an_agent_may_read_aliases_but_not_fold(team_db: TeamDb, tmp_path: Path,
                                                judge: PatternJudge) -> None:
    _ship(team_db, tmp_path, "till-x", _lines("alpha", 1), judge)
    agent = make_team_engine(parse_address(team_db.url("agent_till_x")), "agent-secret")
    try:
        with agent.connect() as conn:
            assert conn.exec_driver_sql("SELECT count(*) FROM pattern_alias").scalar() == 0
        with pytest.raises(Exception, match="permission denied"), agent.begin() as conn:
            conn.exec_driver_sql("INSERT INTO pattern_alias (pattern_id, fingerprint, "
                                 "target_id) VALUES (1, 'x', 1)")
    finally:
        agent.dispose()


def test_a_large_backlog_is_folded_over_several_passes(team_db: TeamDb, tmp_path: Path,
                                                      judge: PatternJudge) -> None:
    for name in ("alpha", "beta", "gamma", "delta", "epsilon"):  # one till each
        _ship(team_db, tmp_path, f"till-{name}", _lines(name, 2), judge)
    desktop = _desktop(team_db)
    try:
        merger = FleetMerger(budget=2)  # patterns folded per pass at most
        sizes = []
        for _ in range(3):
            with desktop.begin() as conn:
                merger.run(conn)
            sizes.append(len(_listed(desktop)))
            if not merger.behind:
                break
        # 5 variants: a new target + 2 folded, then 2 more, then the last one
        assert sizes == [4, 2, 1]
        assert not merger.behind and merger.waiting == frozenset()
        [merged] = _listed(desktop)
        assert merged.count == 10 and merged.template == TEMPLATE.format("<*>")
    finally:
        desktop.dispose()

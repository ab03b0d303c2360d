"""Least privilege enforced by the server, TLS with verify-full, the password from the
keyring: logins over TCP as the agent and desktop roles."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine
from sqlalchemy.exc import OperationalError, ProgrammingError

from stacklens_desktop.store.team import schema
from stacklens_desktop.store.team.engine import make_team_engine, parse_address
from stacklens_desktop.store.team.ingest import apply_shipment
from stacklens_desktop.store.team.triage import set_status, triage_history
from stacklens_desktop.team.credentials import get_password, set_password
from tests.team.conftest import TeamDb, postgres_bindir
from tests.team.pgcluster import PgCluster
from tests.team.test_team_schema import shipment
from tests.team.tlscerts import make_certificates


def login(db: TeamDb, role: str) -> Engine:
    url = parse_address(db.url(role))
    return make_team_engine(url, get_password(url, env={}))


@pytest.fixture
def roles(team_db: TeamDb) -> Iterator[tuple[Engine, Engine]]:
    with team_db.admin.begin() as conn:
        schema.add_agent(conn, "agent_a", "pw-a", "till-a")
        schema.add_agent(conn, "agent_b", "pw-b", "till-b")
        schema.add_desktop(conn, "desk_ann", "pw-ann")
    for role, password in (("agent_a", "pw-a"), ("desk_ann", "pw-ann")):
        set_password(parse_address(team_db.url(role)), password)  # the in-memory keyring
    agent, desktop = login(team_db, "agent_a"), login(team_db, "desk_ann")
    yield agent, desktop
    agent.dispose()
    desktop.dispose()


def test_agent_ships_its_own_host_only(roles: tuple[Engine, Engine]) -> None:
    agent, _ = roles
    with agent.begin() as conn:
        apply_shipment(conn, shipment("till-a", 0, 100, 2))
    with pytest.raises(ProgrammingError, match="row-level security"), agent.begin() as conn:
        apply_shipment(conn, shipment("till-b", 0, 100, 2))


def test_agent_is_refused_a_triage_change(roles: tuple[Engine, Engine]) -> None:
    agent, _ = roles
    with agent.begin() as conn:
        apply_shipment(conn, shipment("till-a", 0, 100, 2))
        pattern_id = conn.exec_driver_sql("SELECT id FROM pattern").scalar_one()
    with pytest.raises(ProgrammingError, match="permission denied"), agent.begin() as conn:
        set_status(conn, pattern_id, "acknowledged")
    for statement in ("DELETE FROM event", "UPDATE ticket SET status = 'x'",
                      "INSERT INTO outbox (pattern_id, operation, payload, state, attempts) "
                      "VALUES (1, 'create', '{}', 'pending', 0)"):
        with pytest.raises(ProgrammingError, match="permission denied"), \
                agent.begin() as conn:
            conn.exec_driver_sql(statement)


def test_desktop_changes_triage_and_is_named_but_writes_no_events(
        roles: tuple[Engine, Engine]) -> None:
    agent, desktop = roles
    with agent.begin() as conn:
        apply_shipment(conn, shipment("till-a", 0, 100, 2))
    with desktop.begin() as conn:
        pattern_id = conn.exec_driver_sql("SELECT id FROM pattern").scalar_one()
        set_status(conn, pattern_id, "acknowledged")
    with desktop.connect() as conn:
        history = triage_history(conn, pattern_id)
        status = conn.exec_driver_sql("SELECT status FROM pattern").scalar()
    assert status == "acknowledged"
    assert [(s, who) for s, who, _ in history] == [("acknowledged", "desk_ann")]
    with pytest.raises(ProgrammingError), desktop.begin() as conn:
        apply_shipment(conn, shipment("till-a", 100, 200, 1))


def test_address_with_a_password_is_refused() -> None:
    with pytest.raises(ValueError, match="keyring"):
        parse_address("postgresql://ann:secret@db/stacklens")


@pytest.fixture(scope="module")
def tls_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[PgCluster, Path]]:
    ca, cert, key = make_certificates(tmp_path_factory.mktemp("tls"))
    cluster = PgCluster(postgres_bindir())
    cluster.enable_tls(cert, key)
    cluster.start()
    try:
        admin = create_engine(cluster.admin_url())
        with admin.begin() as conn:
            schema.install(conn)
            schema.add_desktop(conn, "desk_tls", "pw-tls")
        admin.dispose()
        yield cluster, ca
    finally:
        cluster.destroy()


def test_tls_verify_full_with_the_team_ca(tls_cluster: tuple[PgCluster, Path],
                                          tmp_path: Path) -> None:
    cluster, ca = tls_cluster
    address = (f"postgresql://desk_tls@localhost:{cluster.port}/postgres"
               f"?sslmode=verify-full&sslrootcert={ca}")
    engine = make_team_engine(parse_address(address), "pw-tls")
    with engine.connect() as conn:
        used = conn.exec_driver_sql(
            "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").scalar()
    engine.dispose()
    assert used is True
    other_ca, _, _ = make_certificates(tmp_path / "other")
    wrong = make_team_engine(parse_address(address.replace(str(ca), str(other_ca))), "pw-tls")
    with pytest.raises(OperationalError, match="certificate verify failed"):
        wrong.connect().close()
    wrong.dispose()
    plain = make_team_engine(parse_address(
        f"postgresql://desk_tls@127.0.0.1:{cluster.port}/postgres?sslmode=disable"), "pw-tls")
    with pytest.raises(OperationalError, match="no encryption|pg_hba"):
        plain.connect().close()
    plain.dispose()


def test_agents_recurrence_reopens_without_a_right_on_status(
        roles: tuple[Engine, Engine], team_db: TeamDb) -> None:
    agent, _ = roles
    with agent.begin() as conn:
        apply_shipment(conn, shipment("till-a", 0, 100, 1, "fp-resolved"))
        apply_shipment(conn, shipment("till-a", 100, 200, 1, "fp-muted"))
    with team_db.admin.begin() as conn:
        conn.exec_driver_sql("UPDATE pattern SET status = 'resolved' "
                             "WHERE fingerprint = 'fp-resolved'")
        conn.exec_driver_sql("UPDATE pattern SET status = 'muted', "
                             "muted_until = '2000-01-01T00:00:00.000Z' "
                             "WHERE fingerprint = 'fp-muted'")
    with agent.begin() as conn:
        apply_shipment(conn, shipment("till-a", 200, 300, 1, "fp-resolved"))
        apply_shipment(conn, shipment("till-a", 300, 400, 1, "fp-muted"))
    with team_db.admin.connect() as conn:
        statuses = dict(conn.exec_driver_sql(
            "SELECT fingerprint, status FROM pattern").all())
    assert statuses == {"fp-resolved": "regression", "fp-muted": "new"}

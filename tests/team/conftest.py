"""A real PostgreSQL server for the team-mode tests (a throw-away cluster per session)."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine

from stacklens_desktop.jira_sandbox import JiraSandbox
from stacklens_desktop.store.team import paramstyle, schema
from tests.team.pgcluster import PgCluster, find_bindir

_names = itertools.count(1)


def postgres_bindir() -> Path:
    """The server binaries; a machine without them skips the team tests, except where
    ``STACKLENS_REQUIRE_POSTGRES`` is set (CI): there a missing server fails them."""
    bindir = find_bindir()
    if bindir is None:
        if os.environ.get("STACKLENS_REQUIRE_POSTGRES"):
            pytest.fail("STACKLENS_REQUIRE_POSTGRES is set but the PostgreSQL server "
                        "binaries are missing (make system-deps installs them)")
        pytest.skip("PostgreSQL server binaries are not installed (Debian: apt-get install "
                    "postgresql; .ci/run installs them)")
    return bindir


@pytest.fixture(scope="session")
def pg() -> Iterator[PgCluster]:
    cluster = PgCluster(postgres_bindir())
    cluster.start()
    try:
        yield cluster
    finally:
        cluster.destroy()


@dataclass
class TeamDb:
    cluster: PgCluster
    name: str
    admin: Engine

    def url(self, user: str) -> str:
        return self.cluster.tcp_url(user, self.name)


@pytest.fixture
def team_db(pg: PgCluster) -> Iterator[TeamDb]:
    """A fresh database with the team schema installed (the superuser is its owner)."""
    name = f"team{next(_names)}"
    pg.create_database(name)
    admin = create_engine(pg.admin_url(name), pool_pre_ping=True)
    paramstyle.install(admin)  # the owner may use the shared repositories too (settings)
    with admin.begin() as conn:
        schema.install(conn)
    try:
        yield TeamDb(pg, name, admin)
    finally:
        admin.dispose()


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[JiraSandbox]:
    """The Jira sandbox (a real local HTTP server) for the team automation tests."""
    with JiraSandbox(state_file=tmp_path / "sandbox.json") as running:
        yield running

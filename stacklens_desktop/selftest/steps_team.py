"""Self-test step for team mode: the PostgreSQL driver and the team schema are in the bundle.

No server is needed (an installed desktop seldom has one): the step loads psycopg's compiled
libpq wrapper, reads an address the way ``stacklens team connect`` does, and renders every
team table's DDL with PostgreSQL's dialect, which fails
when PyInstaller left out a module that team mode imports only at run time.
"""

from __future__ import annotations

from sqlalchemy.dialects import postgresql
from sqlalchemy.schema import CreateTable

from stacklens_desktop.selftest.context import SelfTestContext, StepFailed


def team_driver(ctx: SelfTestContext) -> str:
    import psycopg

    from stacklens_desktop.store.team.engine import parse_address
    from stacklens_desktop.store.team.tables import METADATA

    if psycopg.pq.__impl__ not in ("binary", "c"):
        raise StepFailed(f"psycopg runs on its pure-Python libpq binding ({psycopg.pq.__impl__})"
                         ": the bundle lacks psycopg_binary")
    url = parse_address("postgresql://desk@db.example:5432/stacklens?sslmode=verify-full")
    if url.drivername != "postgresql+psycopg":
        raise StepFailed(f"the team address uses {url.drivername}")
    dialect = postgresql.psycopg.dialect()
    for table in METADATA.sorted_tables:
        str(CreateTable(table).compile(dialect=dialect))
    version = psycopg.pq.version()
    libpq = f"{version // 10000}.{version % 10000}"
    return (f"psycopg {psycopg.__version__} ({psycopg.pq.__impl__}, libpq {libpq}); "
            f"{len(METADATA.sorted_tables)} team tables render")

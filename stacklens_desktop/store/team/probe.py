"""``Test connection``: does the address reach an installed team store, and as what role."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection

from stacklens_desktop.store.team.names import AGENT_ROLE, DESKTOP_ROLE


@dataclass(frozen=True, slots=True)
class Probe:
    server: str
    user: str
    role: str  # desktop / agent / owner / none
    schema_version: int | None
    tls: bool


def probe(conn: Connection) -> Probe:
    server = str(conn.exec_driver_sql("SHOW server_version").scalar())
    user = str(conn.exec_driver_sql("SELECT current_user").scalar())
    member = conn.exec_driver_sql(
        "SELECT pg_has_role(current_user, %s, 'MEMBER'), pg_has_role(current_user, %s, "
        "'MEMBER'), (SELECT rolsuper OR rolcreaterole FROM pg_roles WHERE rolname = "
        "current_user)", (DESKTOP_ROLE, AGENT_ROLE)).one() if _roles_exist(conn) else None
    role = "none"
    if member is not None:
        role = "owner" if member[2] else "desktop" if member[0] else \
            "agent" if member[1] else "none"
    tls = bool(conn.exec_driver_sql(
        "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").scalar())
    return Probe(server, user, role, schema_version(conn), tls)


def _roles_exist(conn: Connection) -> bool:
    return int(conn.exec_driver_sql(
        "SELECT count(*) FROM pg_roles WHERE rolname IN (%s, %s)",
        (AGENT_ROLE, DESKTOP_ROLE)).scalar_one()) == 2


def schema_version(conn: Connection) -> int | None:
    """The version the team store was installed at (None: not installed)."""
    if conn.exec_driver_sql("SELECT to_regclass('setting')").scalar() is None:
        return None
    value = conn.exec_driver_sql(
        "SELECT value FROM setting WHERE key = 'team.schema_version'").scalar()
    return int(value) if value is not None else None

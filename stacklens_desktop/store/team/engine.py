"""Engines on the team store: a ``postgresql://`` address plus the password from the keyring.

The address may carry libpq options (``sslmode=verify-full&sslrootcert=/path/ca.crt``); the
password is never part of it (it is passed apart, so it never lands in a settings file or a
log line that prints the address).
"""

from __future__ import annotations

from sqlalchemy import Engine, create_engine
from sqlalchemy.engine import URL, make_url

from stacklens_desktop.store.team import paramstyle

#: Seconds a connection attempt waits before the store counts as unreachable.
CONNECT_TIMEOUT_S = 5


class TeamAddressError(ValueError):
    """The text is not a usable ``postgresql://`` address (one readable line)."""


def parse_address(address: str) -> URL:
    """The address as a SQLAlchemy URL on the psycopg 3 driver, without a password."""
    try:
        url = make_url(address.strip())
    except Exception as exc:  # SQLAlchemy's ArgumentError and friends
        raise TeamAddressError(f"not a database address: {address!r}") from exc
    if url.get_backend_name() != "postgresql":
        raise TeamAddressError(f"the team store is PostgreSQL (postgresql://...), "
                               f"not {url.get_backend_name()}")
    if url.password:
        raise TeamAddressError("leave the password out of the address: it is asked once "
                               "and kept in the system keyring")
    if not url.username or not url.database:
        raise TeamAddressError("the address needs a user and a database: "
                               "postgresql://user@host:5432/database")
    return url.set(drivername="postgresql+psycopg")


def display_address(url: URL) -> str:
    """The address as shown to people (never with a password)."""
    return url.set(drivername="postgresql").render_as_string(hide_password=True)


def make_team_engine(url: URL, password: str | None, *, pool_size: int = 2,
                     application_name: str = "stacklens") -> Engine:
    connect_args: dict[str, object] = {"connect_timeout": CONNECT_TIMEOUT_S,
                                       "application_name": application_name}
    if password is not None:
        connect_args["password"] = password
    engine = create_engine(url, connect_args=connect_args, pool_size=pool_size,
                           pool_pre_ping=True)
    paramstyle.install(engine)  # the shared repositories' ``?`` statements run here too
    return engine

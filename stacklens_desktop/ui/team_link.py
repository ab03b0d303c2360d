"""The window's connection to the team store, opened in the store worker's thread (never on
the GUI thread): the address saved by ``stacklens team connect`` (``team.json``), the
password from the keyring, and a first round trip that says in one sentence why it failed
(unreachable, password refused, not installed, not a desktop login). No Qt here."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from stacklens_desktop.store.team.engine import (
    TeamAddressError,
    display_address,
    make_team_engine,
    parse_address,
)
from stacklens_desktop.store.team.probe import probe
from stacklens_desktop.team import settings
from stacklens_desktop.team.credentials import get_password


class TeamUnavailableError(Exception):
    """The team store could not be opened (``str()``: whole sentences for the window)."""


@dataclass(frozen=True)
class TeamLink:
    """An open team store: its engine (thread-safe) and what the live updates need."""

    address: str  # as shown to people: never with the password
    user: str
    engine: Engine
    password: str | None
    #: what Test connection reports: the login's role, the server's version, TLS or not
    role: str = "desktop"
    server: str = ""
    tls: bool = False

    @property
    def conninfo(self) -> str:
        """The libpq address of the listening connection (the password goes apart)."""
        return self.address

    def close(self) -> None:
        self.engine.dispose()


def saved_address(data_dir: Path) -> str | None:
    """The profile's team address (None: single-user mode)."""
    return settings.saved_address(data_dir)


def open_team(address: str, password: str | None = None) -> TeamLink:
    """Connect as a desktop login (``password`` None: the one in the keyring); raises
    :class:`TeamUnavailableError`."""
    try:
        url = parse_address(address)
    except TeamAddressError as exc:
        raise TeamUnavailableError(f"The team address is not usable: {exc}.") from None
    shown = display_address(url)
    password = password or get_password(url)
    if password is None:
        raise TeamUnavailableError(
            f"No password for {url.username} on {url.host} is in the system keyring: connect "
            "again (Settings, Team page, or stacklens team connect).")
    engine = make_team_engine(url, password)
    try:
        with engine.connect() as conn:
            found = probe(conn)
    except SQLAlchemyError as exc:
        engine.dispose()
        raise TeamUnavailableError(failure_sentence(exc, shown, str(url.username))) from None
    problem = None
    if found.schema_version is None:
        problem = f"{shown} holds no team store yet: its owner runs stacklens team init."
    elif found.role not in ("desktop", "owner"):
        problem = f"{found.user} is not a desktop login of the team store (it is: {found.role})."
    if problem is not None:
        engine.dispose()
        raise TeamUnavailableError(problem)
    return TeamLink(shown, found.user, engine, password, found.role, found.server, found.tls)


def failure_sentence(exc: BaseException, address: str, user: str) -> str:
    """Why a connection failed, as one sentence (psycopg's first line as the reason)."""
    reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
    if "password authentication failed" in reason or "no password supplied" in reason:
        return (f"The team store at {address} refused the password of {user}: connect again "
                "with the right one (Settings, Team page).")
    return f"The team store at {address} cannot be reached ({reason})."

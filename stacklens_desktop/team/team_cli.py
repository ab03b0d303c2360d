"""What ``stacklens team`` does (the argument parsing is in :mod:`..cli.cmd_team`)."""

from __future__ import annotations

import argparse
import socket
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import Connection, Engine
from sqlalchemy.engine import URL
from sqlalchemy.exc import SQLAlchemyError

from stacklens_desktop.paths import data_dir
from stacklens_desktop.store.team import fleet, partitions, schema
from stacklens_desktop.store.team.engine import (
    TeamAddressError,
    display_address,
    make_team_engine,
    parse_address,
)
from stacklens_desktop.store.team.probe import probe
from stacklens_desktop.team import automate_command, settings
from stacklens_desktop.team.credentials import get_password, set_password

AskPassword = Callable[[argparse.Namespace, str], str]
T = TypeVar("T")


class TeamCliError(Exception):
    """One readable line."""


def _url(address: str) -> URL:
    try:
        return parse_address(address)
    except TeamAddressError as exc:
        raise TeamCliError(str(exc)) from None


def _engine(args: argparse.Namespace, ask: AskPassword, address: str | None = None) -> Engine:
    url = _url(address or args.address)
    password = get_password(url)
    if password is None:
        password = ask(args, f"password of {url.username} on {url.host}: ")
    return make_team_engine(url, password)


def _failed(exc: SQLAlchemyError) -> TeamCliError:
    reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
    return TeamCliError(f"the team store refused: {reason}")


def _using(engine: Engine, fn: Callable[[Connection], T], *, write: bool = False) -> T:
    """``fn`` in one transaction (committed when ``write``), then the engine is closed."""
    try:
        with engine.begin() if write else engine.connect() as conn:
            return fn(conn)
    except SQLAlchemyError as exc:
        raise _failed(exc) from None
    finally:
        engine.dispose()


def init(args: argparse.Namespace, ask: AskPassword) -> int:
    def install(conn: Connection) -> int:
        schema.install(conn)
        if args.retention_days:
            partitions.set_retention_days(conn, args.retention_days)
        return partitions.retention_days(conn)

    days = _using(_engine(args, ask), install, write=True)
    print(f"team store ready (schema {schema.SCHEMA_VERSION}, events kept {days} days)")
    return 0


def _add_login(args: argparse.Namespace, ask: AskPassword, add: Callable) -> int:
    engine = _engine(args, ask)
    password = ask(args, f"new password of {args.role}: ")
    _using(engine, lambda conn: add(conn, password), write=True)
    print(f"login {args.role} ready")
    return 0


def add_agent(args: argparse.Namespace, ask: AskPassword) -> int:
    return _add_login(args, ask,
                      lambda conn, pw: schema.add_agent(conn, args.role, pw, args.host))


def add_desktop(args: argparse.Namespace, ask: AskPassword) -> int:
    return _add_login(args, ask, lambda conn, pw: schema.add_desktop(conn, args.role, pw))


def connect(args: argparse.Namespace, ask: AskPassword) -> int:
    url = _url(args.address)
    password = get_password(url) or ask(args, f"password of {url.username} on {url.host}: ")
    found = _using(make_team_engine(url, password), probe)
    if found.schema_version is None:
        raise TeamCliError("no team store there yet: its owner runs stacklens team init")
    if found.role not in ("desktop", "owner"):
        raise TeamCliError(f"{found.user} is not a desktop login (it is: {found.role})")
    set_password(url, password)
    settings.save_address(data_dir(args.data_dir), display_address(url))
    tls = "TLS" if found.tls else "no TLS"
    print(f"connected to {display_address(url)} as {found.user} ({found.role}, PostgreSQL "
          f"{found.server}, {tls}); the password is in the system keyring")
    return 0


def status(args: argparse.Namespace, ask: AskPassword) -> int:
    address = args.address or settings.saved_address(data_dir(args.data_dir))
    if not address:
        raise TeamCliError("not connected: stacklens team connect postgresql://...")
    rows = _using(_engine(args, ask, address), fleet.hosts)
    print(f"{'HOST':<24} {'AGENT':<11} {'SPOOLED':>7} {'SOURCES':>7}  LAST CONTACT")
    for row in rows:
        print(f"{row.host:<24} {row.state:<11} {row.spooled:>7} {row.sources:>7}  "
              f"{row.last_contact or '-'}")
    return 0


def automate(args: argparse.Namespace, ask: AskPassword) -> int:
    """Run the team's Jira automation here (see :mod:`.automate_command`)."""
    from stacklens_desktop.cli.cmd_jira_configure import profile_settings

    profile = data_dir(args.data_dir)
    address = args.address or settings.saved_address(profile)
    if not address:
        raise TeamCliError("not connected: stacklens team connect postgresql://... "
                           "(or give the address)")
    url = _url(address)
    password = get_password(url)
    if password is None:
        password = ask(args, f"password of {url.username} on {url.host}: ")
    engine = make_team_engine(url, password, application_name=_automation_name())
    try:
        return automate_command.automate(url, password, engine,
                                         profile_settings(profile), args.once)
    except automate_command.CommandError as exc:
        raise TeamCliError(str(exc)) from None
    finally:
        engine.dispose()


def _automation_name() -> str:
    """How other desktops see this holder (``pg_stat_activity.application_name``)."""
    return f"stacklens-automation {socket.gethostname()}"[:63]

"""``stacklens team ...``: set up and join a team store (PostgreSQL).

* ``init ADDRESS``: as the store's owner, create or upgrade the schema and roles.
* ``add-agent ADDRESS ROLE HOST`` / ``add-desktop ADDRESS ROLE``: logins (owner).
* ``connect ADDRESS``: test the connection, keep the password in the keyring and the
  address in the profile (this desktop now works on the team store).
* ``status``: every host with its agent's state and last contact.
* ``automate [ADDRESS]``: run the team's Jira automation (one holder per team; the others
  wait to take over); until SIGTERM/SIGINT, or ``--once``.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from stacklens_desktop.cli.main import UsageError, add_data_dir_argument


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("team", help="team mode: a shared PostgreSQL store")
    actions = parser.add_subparsers(dest="team_action", metavar="ACTION", required=True)
    init = actions.add_parser("init", help="create or upgrade the team store (owner)")
    init.add_argument("address")
    init.add_argument("--retention-days", type=int, default=None,
                      help="keep events this many days (whole daily partitions dropped)")
    agent = actions.add_parser("add-agent", help="a login for one server's agent (owner)")
    agent.add_argument("address")
    agent.add_argument("role")
    agent.add_argument("host")
    desk = actions.add_parser("add-desktop", help="a login for a person's desktop (owner)")
    desk.add_argument("address")
    desk.add_argument("role")
    connect = actions.add_parser("connect", help="use the team store from this desktop")
    connect.add_argument("address")
    status = actions.add_parser("status", help="hosts, their agents and last contact")
    status.add_argument("address", nargs="?")
    automate = actions.add_parser(
        "automate", help="run the team's Jira automation here (one holder per team)")
    automate.add_argument("address", nargs="?")
    automate.add_argument("--once", action="store_true",
                          help="one pass and one outbox drain if the role is free, then exit")
    for sub in (init, agent, desk, connect, status, automate):
        sub.add_argument("--password-stdin", action="store_true",
                         help="read the password (of the new login for add-*) from stdin")
        add_data_dir_argument(sub)
    parser.set_defaults(func=run)


def _read_password(args: argparse.Namespace, prompt: str) -> str:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    return getpass.getpass(prompt)


def run(args: argparse.Namespace) -> int:
    from stacklens_desktop.team import team_cli

    try:
        return int(getattr(team_cli, args.team_action.replace("-", "_"))(args, _read_password))
    except team_cli.TeamCliError as exc:
        raise UsageError(str(exc)) from None


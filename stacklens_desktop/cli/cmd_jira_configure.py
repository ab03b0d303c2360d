"""``stacklens jira configure``: the Jira connection saved in the profile, the token in the
OS keyring.

Settings (everything but the token) go to the store's ``setting`` table; the seed's
``JIRA_*`` variables override them at run time. ``--token-stdin`` puts the API token / PAT in
the OS keyring and nowhere else: without a keyring backend the command says so and stores
nothing. Hooked into ``cmd_jira``'s sub-commands by :func:`add_configure_parsers`.
"""

from __future__ import annotations

import argparse
import dataclasses
import getpass
import os
import sys
from pathlib import Path
from typing import Any

from stacklens_desktop.credentials import ENV_TOKEN, SERVICE_NAME, TokenStore, account_name
from stacklens_desktop.jira.config import DEPLOYMENTS, ENV_OVERRIDES, JiraSettings

EXIT_OK = 0
EXIT_FAIL = 1
EXIT_USAGE = 2

NO_KEYRING = (
    "no OS keyring available ({backend}): set JIRA_API_TOKEN for headless runs (it lives only "
    "in that shell session), or install and unlock a Secret Service (GNOME Keyring, KWallet) "
    "and run this again. The token was not stored anywhere; nothing was changed."
)
#: configure options that change a saved setting (dest name -> JiraSettings attribute)
FIELD_OPTIONS = {
    "url": "base_url", "user": "username", "project": "project_key", "issue_type": "issue_type",
    "deployment": "deployment", "assignee": "default_assignee", "redact_emails": "redact_emails",
}


def add_configure_parsers(actions: argparse._SubParsersAction) -> None:
    from stacklens_desktop.cli.cmd_jira_automation import add_automation_parser
    from stacklens_desktop.cli.main import add_data_dir_argument

    parser = actions.add_parser(
        "configure", help="save the Jira connection in the profile (token in the OS keyring)")
    parser.add_argument("--url", help="Jira base URL, e.g. https://yourco.atlassian.net")
    parser.add_argument("--user", help="account e-mail (Cloud) or user name (Data Center)")
    parser.add_argument("--project", help="project key the tickets go to, e.g. POS")
    parser.add_argument("--issue-type", help="issue type name (default Bug)")
    parser.add_argument("--deployment", choices=DEPLOYMENTS)
    parser.add_argument("--assignee", help='Cloud accountId / DC user name ("" clears)')
    parser.add_argument("--priority-map", metavar="SEV=NAME,...",
                        help="e.g. critical=Highest,high=High (merged into the saved map)")
    parser.add_argument("--components", metavar="A,B", help='component names ("" clears)')
    parser.add_argument("--custom-field", action="append", default=[], metavar="NAME=TEMPLATE",
                        help="set a custom field by name or id (NAME= removes it); repeatable")
    parser.add_argument("--redact-emails", action=argparse.BooleanOptionalAction, default=None,
                        help="mask e-mail addresses in tickets")
    parser.add_argument("--token-stdin", action="store_true",
                        help="read the API token / PAT from stdin into the OS keyring")
    parser.add_argument("--forget-token", action="store_true",
                        help="remove the stored token from the OS keyring")
    parser.add_argument("--show", action="store_true",
                        help="print the settings in effect (never the token)")
    add_data_dir_argument(parser)
    parser.set_defaults(func=run_configure)
    add_automation_parser(actions)


def profile_settings(data_dir: str | os.PathLike[str] | None) -> JiraSettings:
    """Saved settings of the profile with the environment on top; a profile without a
    database yet is not created just to be read."""
    from stacklens_desktop.paths import data_dir as resolve_data_dir
    from stacklens_desktop.paths import database_path
    from stacklens_desktop.settings.access import effective_jira
    from stacklens_desktop.store import open_store

    base = resolve_data_dir(data_dir)
    if not database_path(base).exists():
        return JiraSettings().with_env()
    store = open_store(base)
    try:
        return effective_jira(store.engine)
    finally:
        store.close()


def run_configure(args: argparse.Namespace) -> int:
    from stacklens_desktop.cli.profile import open_profile
    from stacklens_desktop.settings.access import load_jira, save_jira
    from stacklens_desktop.settings.problems import SettingsError

    base, store = open_profile(args)
    try:
        saved = load_jira(store.engine)
        try:
            changes = _changes(args, saved)
        except ValueError as exc:
            print(f"stacklens jira configure: {exc}", file=sys.stderr)
            return EXIT_USAGE
        if not changes and not args.token_stdin and not args.forget_token:
            return _show(base, saved)
        wanted = dataclasses.replace(saved, **changes)
        token = _read_token() if args.token_stdin else None
        if args.token_stdin and not token:
            print("stacklens jira configure: no token on stdin", file=sys.stderr)
            return EXIT_USAGE
        if token and not _keyring_ready():
            return EXIT_FAIL
        try:
            saved = save_jira(store.engine, wanted) if changes else saved
        except SettingsError as exc:
            print("FAILED: " + " ".join(exc.problems), file=sys.stderr)
            return EXIT_FAIL
        code = _store_token(saved, token, args.forget_token)
        if changes:
            print(f"Saved the Jira settings in {base}.")
        if args.show:
            _show(base, saved)
        return code
    finally:
        store.close()


def _changes(args: argparse.Namespace, saved: JiraSettings) -> dict[str, Any]:
    """The JiraSettings fields the options change; ValueError for malformed values."""
    out: dict[str, Any] = {
        attr: getattr(args, dest) for dest, attr in FIELD_OPTIONS.items()
        if getattr(args, dest) is not None
    }
    if args.priority_map is not None:
        pairs = _pairs(args.priority_map.split(","), "--priority-map")
        out["priority_map"] = {**saved.priority_map, **{k.lower(): v for k, v in pairs.items()}}
    if args.components is not None:
        out["components"] = tuple(c.strip() for c in args.components.split(",") if c.strip())
    if args.custom_field:
        merged = {**saved.custom_fields, **_pairs(args.custom_field, "--custom-field", True)}
        out["custom_fields"] = {k: v for k, v in merged.items() if v}
    return out


def _pairs(items: list[str], option: str, allow_empty: bool = False) -> dict[str, str]:
    """``NAME=VALUE`` items as a dict (blank items skipped)."""
    pairs: dict[str, str] = {}
    for item in (i.strip() for i in items):
        if not item:
            continue
        name, sep, value = item.partition("=")
        if not sep or not name.strip() or (not value.strip() and not allow_empty):
            raise ValueError(f"{option} wants NAME=VALUE, got {item!r}")
        pairs[name.strip()] = value.strip()
    return pairs


def _read_token() -> str:
    if sys.stdin.isatty():
        return getpass.getpass("Jira API token (not echoed): ").strip()
    return sys.stdin.read().strip()


def _keyring_ready() -> bool:
    from stacklens_desktop.credentials import keyring_status

    status = keyring_status()
    if not status.usable:
        print("stacklens jira configure: " + NO_KEYRING.format(backend=status.backend),
              file=sys.stderr)
    return status.usable


def _store_token(saved: JiraSettings, token: str | None, forget: bool) -> int:
    from stacklens_desktop.credentials import TokenSource
    from stacklens_desktop.logs import register_secret

    settings = saved.with_env()
    tokens = TokenStore(env={})
    if forget:
        tokens.delete(settings.site, settings.username)
        print(f"Removed the token of {account_name(settings.site, settings.username)} "
              "from the keyring.")
    if token is None:
        return EXIT_OK
    register_secret(token)
    if not settings.site:
        print("FAILED: set --url first: the token is stored per site and user", file=sys.stderr)
        return EXIT_FAIL
    if tokens.set(settings.site, settings.username, token) is not TokenSource.KEYRING:
        print("stacklens jira configure: " + NO_KEYRING.format(backend="keyring error"),
              file=sys.stderr)
        return EXIT_FAIL
    print(f'Stored the token in the OS keyring (service "{SERVICE_NAME}", account '
          f'"{account_name(settings.site, settings.username)}").')
    if os.environ.get(ENV_TOKEN):
        print(f"Note: {ENV_TOKEN} is set in this environment and wins over the keyring.")
    return EXIT_OK


def _show(base: Path, saved: JiraSettings) -> int:
    from stacklens_desktop.credentials import keyring_status
    from stacklens_desktop.settings.access import jira_problems

    settings = saved.with_env()
    print(f"Jira connection (profile {base}):")
    for label, attr in (("url", "base_url"), ("user", "username"), ("project", "project_key"),
                        ("issue type", "issue_type"), ("deployment", "deployment"),
                        ("assignee", "default_assignee")):
        print(f"  {label + ':':<12} {getattr(settings, attr) or '(not set)'}{_origin(attr)}")
    print(f"  {'priorities:':<12} " + ", ".join(f"{k}={v}" for k, v in
                                                 settings.priority_map.items()))
    print(f"  {'components:':<12} {', '.join(settings.components) or '(none)'}")
    for name, template in settings.custom_fields.items():
        print(f"  {'field:':<12} {name} = {template}")
    print(f"  {'redact mail:':<12} {'yes' if settings.redact_emails else 'no'}")
    print(f"  {'token:':<12} {_token_line(settings)}")
    status = keyring_status()
    if not status.usable:
        print(f"  {'keyring:':<12} none usable ({status.backend}); set {ENV_TOKEN} instead")
    for problem in jira_problems(settings):
        print(f"  problem: {problem}")
    return EXIT_OK


def _origin(attr: str) -> str:
    for var, target in ENV_OVERRIDES.items():
        if target == attr and os.environ.get(var):
            return f"  (from {var}, overrides the saved value)"
    return ""


def _token_line(settings: JiraSettings) -> str:
    """Where a token is found; the token itself is never printed."""
    from stacklens_desktop.credentials import TokenSource

    if not settings.site:
        return "none (no site set)"
    _token, source = TokenStore().get(settings.site, settings.username)
    account = account_name(settings.site, settings.username)
    return {
        TokenSource.ENVIRONMENT: f"found in the environment ({ENV_TOKEN})",
        TokenSource.KEYRING: f'found in the OS keyring (service "{SERVICE_NAME}", '
                             f'account "{account}")',
        TokenSource.SESSION: "found for this session only",
    }.get(source, f'none (store one with --token-stdin, or set {ENV_TOKEN})')

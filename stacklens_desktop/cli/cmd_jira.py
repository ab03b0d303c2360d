"""``stacklens jira test`` (connection check) and ``stacklens jira sandbox`` (local server)."""

from __future__ import annotations

import argparse
import sys

from stacklens_desktop.cli.argtypes import int_in_range
from stacklens_desktop.credentials import TokenStore

EXIT_OK = 0
EXIT_FAIL = 1


def register(subparsers: argparse._SubParsersAction) -> None:
    from stacklens_desktop.cli.main import add_data_dir_argument

    parser = subparsers.add_parser("jira", help="Jira connection test and the local sandbox")
    actions = parser.add_subparsers(dest="jira_command", metavar="ACTION")

    test = actions.add_parser("test", help="check the Jira connection (exit 0 ok / 1 failed)")
    test.add_argument("--url", help="Jira base URL (default: settings / JIRA_BASE_URL)")
    test.add_argument("--user", help="account e-mail (Cloud) or user name (DC)")
    test.add_argument("--deployment", choices=("auto", "cloud", "datacenter"), default=None)
    add_data_dir_argument(test)
    test.set_defaults(func=run_test)

    sandbox = actions.add_parser("sandbox", help="run the built-in Jira-compatible server")
    sandbox.add_argument("--host", default="127.0.0.1")
    sandbox.add_argument("--port", type=int_in_range(0, 65535, "port"), default=8089,
                         help="0 picks a free port")
    sandbox.add_argument("--state", metavar="FILE", help="JSON file that keeps the issues")
    sandbox.add_argument("--flavor", choices=("cloud", "datacenter"), default="cloud")
    sandbox.add_argument("--email", default=None, help="account e-mail the sandbox accepts")
    sandbox.add_argument("--token", default=None, help="API token / PAT the sandbox accepts")
    sandbox.set_defaults(func=run_sandbox)

    from stacklens_desktop.cli.cmd_jira_sync import add_sync_parser

    add_sync_parser(actions)
    from stacklens_desktop.cli.cmd_jira_configure import add_configure_parsers

    add_configure_parsers(actions)
    parser.set_defaults(func=lambda args: _usage(parser))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def run_test(args: argparse.Namespace) -> int:
    from stacklens_desktop.cli.cmd_jira_configure import profile_settings
    from stacklens_desktop.jira.client import JiraClient
    from stacklens_desktop.jira.errors import JiraError

    settings = profile_settings(args.data_dir)  # saved in the profile, JIRA_* win
    base_url = args.url or settings.base_url
    user = args.user or settings.username
    deployment = args.deployment or settings.deployment
    if not base_url:
        print("FAILED: no Jira URL (use --url, `stacklens jira configure` or JIRA_BASE_URL)",
              file=sys.stderr)
        return EXIT_FAIL
    token, source = TokenStore().get(base_url, user)
    if not token:
        print(
            f"FAILED: no API token for {user or '?'} at {base_url} "
            "(store one with `stacklens jira configure --token-stdin` or set JIRA_API_TOKEN)",
            file=sys.stderr,
        )
        return EXIT_FAIL
    try:
        client = JiraClient.connect(
            base_url, user, token, deployment=deployment, timeout=settings.timeout
        )
        try:
            me = client.myself()
        finally:
            client.close()
    except JiraError as exc:
        print(f"FAILED ({exc.code}): {exc.message}", file=sys.stderr)
        return EXIT_FAIL
    who = me.display_name + (f" <{me.email}>" if me.email else "")
    print(f"OK: {base_url} ({client.deployment.value}) as {who}; token from {source.value}")
    return EXIT_OK


def run_sandbox(args: argparse.Namespace) -> int:
    from stacklens_desktop.jira.sandbox import JiraSandbox, SandboxUser

    user = SandboxUser()
    if args.email:
        user.email = args.email
    if args.token:
        user.token = args.token
    sandbox = JiraSandbox(
        host=args.host, port=args.port, state_file=args.state, flavor=args.flavor, user=user
    )
    print(f"Jira sandbox ({args.flavor}) on {sandbox.url}", flush=True)
    print(f"  user: {user.email}; token: {'(from --token)' if args.token else user.token}")
    print(f"  state: {args.state or '(memory only)'}; Ctrl-C stops", flush=True)
    try:
        sandbox.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        sandbox.stop_serving()
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    """Run only the ``jira`` command (``python -m stacklens_desktop.cli.cmd_jira ...``)."""
    parser = argparse.ArgumentParser(prog="stacklens")
    register(parser.add_subparsers(dest="command", metavar="COMMAND"))
    args = parser.parse_args(["jira", *(sys.argv[1:] if argv is None else argv)])
    return int(args.func(args))


if __name__ == "__main__":
    raise SystemExit(main())

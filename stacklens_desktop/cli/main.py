"""Entry point of the ``stacklens`` command.

Each sub-command lives in its own module exposing ``register(subparsers)``, which adds its
parser and sets ``func`` to a ``run(args) -> int``. The list below is explicit on purpose.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from stacklens_desktop import __version__
from stacklens_desktop.errors import ExpectedFailure, database_failure, describe_os_error

#: Sub-command modules, in the order ``--help`` lists them.
COMMAND_MODULES: tuple[str, ...] = (
    "stacklens_desktop.cli.cmd_analyze",
    "stacklens_desktop.cli.cmd_templates",
    "stacklens_desktop.cli.cmd_watch",
    "stacklens_desktop.cli.cmd_correct",
    "stacklens_desktop.cli.cmd_stats",
    "stacklens_desktop.cli.cmd_backup",
    "stacklens_desktop.cli.cmd_scrub",
    "stacklens_desktop.cli.cmd_demo",
    "stacklens_desktop.cli.cmd_jira",
    "stacklens_desktop.cli.cmd_classify",
    "stacklens_desktop.cli.cmd_train",
    "stacklens_desktop.cli.cmd_gui",
    "stacklens_desktop.cli.cmd_agent",
    "stacklens_desktop.cli.cmd_team",
)

EXIT_OK = 0
EXIT_USAGE = 2


class UsageError(Exception):
    """Bad usage or unreadable input: printed as one line, exit code 2."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="stacklens",
        description="Catch production errors in logs and turn them into tickets.",
    )
    parser.add_argument("--version", action="version", version=f"stacklens {__version__}")
    parser.add_argument("--self-test", action="store_true",
                        help="check the installed app end to end in a temporary profile; "
                        "exit 0, or 1 naming the failed step")
    parser.add_argument("--demo", dest="top_demo", action="store_true",
                        help="the demo: the window with the POS till beside it and the "
                        "built-in Jira sandbox; without a display, the same in the terminal")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def add_data_dir_argument(parser: argparse.ArgumentParser) -> None:
    """Every command takes ``--data-dir`` (the profile)."""
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        default=None,
        help="profile folder (database, model cache, settings); default: $STACKLENS_DATA_DIR "
        "or the platform's user data dir",
    )


#: What ``stacklens`` with no arguments runs: the window (what a desktop launcher starts).
DEFAULT_COMMAND: list[str] = ["gui"]


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    given = sys.argv[1:] if argv is None else argv
    args = parser.parse_args(given or DEFAULT_COMMAND)
    if getattr(args, "self_test", False):
        from stacklens_desktop.selftest import run_self_test

        return run_self_test()
    if getattr(args, "top_demo", False) and not getattr(args, "func", None):
        from stacklens_desktop.cli.cmd_demo import run_demo

        args.command = "--demo"
        args.func = lambda a: run_demo(a, "stacklens --demo")
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    try:
        return int(args.func(args))
    except (UsageError, ExpectedFailure) as exc:
        print(f"stacklens {args.command}: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except OSError as exc:  # a read-only or full data dir, an unwritable log file ...
        print(f"stacklens {args.command}: {describe_os_error(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except Exception as exc:
        message = database_failure(exc)
        if message is None:
            raise
        print(f"stacklens {args.command}: {message}", file=sys.stderr)
        return EXIT_USAGE

"""``stacklens gui [--demo] [--data-dir DIR]``: the desktop window."""

from __future__ import annotations

import argparse

from stacklens_desktop.cli.cmd_demo import add_traffic_argument, run_demo
from stacklens_desktop.cli.display import has_display, no_display_reason
from stacklens_desktop.cli.main import UsageError, add_data_dir_argument
from stacklens_desktop.cli.profile import owning, profile_dir
from stacklens_desktop.logs import setup_logging


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("gui", help="open the desktop window")
    parser.add_argument(
        "--demo", action="store_true",
        help="throw-away profile, the POS till beside the window, the built-in Jira sandbox "
        "(nothing to set up); without a display, the same in the terminal")
    add_traffic_argument(parser)
    add_data_dir_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.demo:
        return run_demo(args, "stacklens gui --demo")
    if not has_display():  # Qt would abort the process (exit 134)
        raise UsageError(f"{no_display_reason()}: the window needs a screen; try "
                         "'stacklens watch PATH --headless' or 'stacklens --demo'")
    from stacklens_desktop.ui.app import run_gui  # Qt only when the window is wanted

    base = profile_dir(args)
    setup_logging(base)
    with owning(base, "stacklens gui"):
        return run_gui(base)

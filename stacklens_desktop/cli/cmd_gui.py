"""``stacklens gui [--demo] [--data-dir DIR]``: the desktop window."""

from __future__ import annotations

import argparse
from pathlib import Path

from stacklens_desktop.cli.main import add_data_dir_argument
from stacklens_desktop.cli.profile import owning, profile_dir
from stacklens_desktop.logs import setup_logging


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("gui", help="open the desktop window")
    parser.add_argument(
        "--demo", action="store_true",
        help="throw-away profile, built-in Jira sandbox and live POS traffic (nothing to set up)")
    add_data_dir_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from stacklens_desktop.ui.app import run_gui  # Qt only when the window is wanted

    if args.demo:  # a throw-away profile unless --data-dir names one to keep
        return run_gui(Path(args.data_dir).expanduser() if args.data_dir else None, demo=True)
    base = profile_dir(args)
    setup_logging(base)
    with owning(base, "stacklens gui"):
        return run_gui(base)

"""``stacklens templates FILE [--raw]``: mine every line; print line, pattern id, template."""

from __future__ import annotations

import argparse
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    from stacklens_desktop.cli.main import add_data_dir_argument

    parser = subparsers.add_parser("templates", help="print the mined template of every line")
    parser.add_argument("file", help="log file to mine")
    parser.add_argument("--raw", action="store_true", help="take each line as the message itself")
    add_data_dir_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    print("templates: not built yet", file=sys.stderr)
    return 2

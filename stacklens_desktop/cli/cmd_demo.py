"""``stacklens demo``: analyze the shipped POS sample log in a throw-away profile.

What ``make run`` starts until the desktop window lands: the whole headless pipeline
(reading, records, patterns, classifier, explanations, SQLite) on the simulator's log, with
the embedded defaults and nothing to configure.
"""

from __future__ import annotations

import argparse
import tempfile

from stacklens_desktop.cli import cmd_analyze
from stacklens_desktop.cli.main import add_data_dir_argument
from stacklens_desktop.paths import resources_dir

SAMPLE = "samples/pos-application.log"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("demo", help="analyze the bundled POS sample log")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    add_data_dir_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    sample = resources_dir() / SAMPLE
    print(f"StackLens demo: analyzing {sample}\n")
    with tempfile.TemporaryDirectory(prefix="stacklens-demo-") as scratch:
        demo_args = argparse.Namespace(
            files=[str(sample)], json=args.json, data_dir=args.data_dir or scratch,
        )
        return cmd_analyze.run(demo_args)

"""``stacklens demo`` and ``stacklens --demo``: the demo, with or without a screen.

``stacklens --demo`` (and ``stacklens gui --demo``) opens the window and the POS till beside
it when there is a display; without one it says so in one line and runs the same flow in the
terminal (``stacklens demo``): the Jira sandbox, the seed's orders with product 999, the
patterns with severity and explanation, and the ticket filed. ``stacklens demo --sample``
analyzes the shipped POS sample log instead.
"""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

from stacklens_desktop.cli import cmd_analyze
from stacklens_desktop.cli.argtypes import float_in_range
from stacklens_desktop.cli.display import has_display, no_display_reason
from stacklens_desktop.cli.main import add_data_dir_argument
from stacklens_desktop.paths import resources_dir

SAMPLE = "samples/pos-application.log"


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "demo", help="the demo in the terminal: sandbox, POS orders, patterns and a ticket")
    parser.add_argument("--sample", action="store_true",
                        help="analyze the bundled POS sample log instead")
    parser.add_argument("--json", action="store_true", help="with --sample: one JSON document")
    add_data_dir_argument(parser)
    parser.set_defaults(func=run)


def add_traffic_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--traffic", type=float_in_range(0.0, 20.0, "orders per second"), default=0.0,
        metavar="RATE", help="with --demo: background orders per second through the same "
        "till (fault-free: never product 999; default 0, none)")


def run(args: argparse.Namespace) -> int:
    if args.sample:
        return run_sample(args)
    from stacklens_desktop.cli import demo_terminal

    return demo_terminal.run(_base(args))


def run_demo(args: argparse.Namespace, command: str) -> int:
    """The window and the till with a display; else one line saying so, then the terminal's."""
    if not has_display():
        print(f"{command}: {no_display_reason()}; running the demo in the terminal.",
              flush=True)
        from stacklens_desktop.cli import demo_terminal

        return demo_terminal.run(_base(args))
    from stacklens_desktop.ui.app import run_gui  # Qt only when the window is wanted

    return run_gui(_base(args), demo=True, traffic=getattr(args, "traffic", 0.0))


def _base(args: argparse.Namespace) -> Path | None:
    """A throw-away profile unless ``--data-dir`` names one to keep."""
    data_dir = getattr(args, "data_dir", None)
    return Path(data_dir).expanduser() if data_dir else None


def run_sample(args: argparse.Namespace) -> int:
    sample = resources_dir() / SAMPLE
    print(f"StackLens demo: analyzing {sample}\n")
    with tempfile.TemporaryDirectory(prefix="stacklens-demo-") as scratch:
        demo_args = argparse.Namespace(
            files=[str(sample)], json=args.json, data_dir=args.data_dir or scratch,
        )
        return cmd_analyze.run(demo_args)

"""``stacklens stats [--json]``: what the store holds."""

from __future__ import annotations

import argparse
import json

from stacklens_desktop.cli.main import EXIT_OK, add_data_dir_argument
from stacklens_desktop.cli.profile import open_profile


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("stats", help="show what the store holds")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    add_data_dir_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from stacklens_desktop.store import queries

    _, store = open_profile(args)
    try:
        data = queries.stats(store.engine)
    finally:
        store.close()
    if args.json:
        print(json.dumps(data, indent=2))
        return EXIT_OK
    sev = ", ".join(f"{k} {v}" for k, v in data["patterns_by_severity"].items())
    print(f"events {data['events']}, patterns {data['patterns']} ({sev})")
    print(f"tickets {data['tickets']}, Jira operations pending {data['outbox_pending']}")
    for src in data["sources"]:
        reason = f" ({src['reason']})" if src["reason"] else ""
        print(f"  {src['path']}: {src['lines']} lines, offset {src['offset']}, "
              f"{src['state']}{reason}")
    return EXIT_OK

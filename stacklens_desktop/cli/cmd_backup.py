"""``stacklens backup PATH``: a consistent copy of the database, safe while the app runs."""

from __future__ import annotations

import argparse
from pathlib import Path

from stacklens_desktop.cli.main import EXIT_OK, UsageError, add_data_dir_argument
from stacklens_desktop.cli.profile import open_profile


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("backup", help="copy the database consistently")
    parser.add_argument("path", help="target file or folder")
    add_data_dir_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from stacklens_desktop.store import StoreError

    _, store = open_profile(args)
    try:
        target = store.backup(Path(args.path))
    except StoreError as exc:
        raise UsageError(str(exc)) from None
    finally:
        store.close()
    print(f"backup written to {target}")
    return EXIT_OK

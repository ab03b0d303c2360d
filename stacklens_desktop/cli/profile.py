"""Opening the profile (data dir, app log, store) for a CLI command, with readable failures."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from stacklens_desktop.cli.main import UsageError
from stacklens_desktop.logs import setup_logging
from stacklens_desktop.paths import data_dir

if TYPE_CHECKING:  # the store (SQLAlchemy) is imported when a command runs, not at --help
    from stacklens_desktop.store import Store


def profile_dir(args: argparse.Namespace) -> Path:
    try:
        return data_dir(getattr(args, "data_dir", None))
    except OSError as exc:
        raise UsageError(f"cannot use the data dir: {exc}") from None


def open_profile(args: argparse.Namespace) -> tuple[Path, Store]:
    """The data dir and its store; a corrupt database is moved aside with a message."""
    from stacklens_desktop.store import StoreError, open_store

    base = profile_dir(args)
    setup_logging(base)
    try:
        store = open_store(base)
    except StoreError as exc:
        raise UsageError(str(exc)) from None
    if store.recovered_from:
        print(f"stacklens: the database was damaged and has been moved to "
              f"{store.recovered_from}; a fresh one was started.", file=sys.stderr)
    return base, store

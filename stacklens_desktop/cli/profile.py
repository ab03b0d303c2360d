"""Opening the profile (data dir, app log, store) for a CLI command, with readable failures."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from stacklens_desktop.cli.main import UsageError
from stacklens_desktop.errors import describe_os_error
from stacklens_desktop.logs import setup_logging
from stacklens_desktop.paths import data_dir

if TYPE_CHECKING:  # the store (SQLAlchemy) is imported when a command runs, not at --help
    from stacklens_desktop.store import Store


def profile_dir(args: argparse.Namespace) -> Path:
    try:
        return data_dir(getattr(args, "data_dir", None))
    except OSError as exc:
        raise UsageError(f"cannot use the data dir: {describe_os_error(exc)}") from None


def open_profile(args: argparse.Namespace) -> tuple[Path, Store]:
    """The data dir and its store; a corrupt database is moved aside with a message."""
    from stacklens_desktop.store import StoreError, open_store

    base = profile_dir(args)
    try:
        setup_logging(base)
    except OSError as exc:
        raise UsageError(f"cannot write the app log: {describe_os_error(exc)}") from None
    try:
        store = open_store(base)
    except StoreError as exc:
        raise UsageError(str(exc)) from None
    if store.salvage:
        print(f"stacklens: {store.salvage.summary()}", file=sys.stderr)
    return base, store


@contextlib.contextmanager
def owning(base: Path, command: str) -> Iterator[None]:
    """Own the profile while the block runs (``watch``, the window): a second owner is
    refused with a one-line message naming the process that has it."""
    from stacklens_desktop import owner

    try:
        owner.claim(base, command)
    except owner.ProfileInUse as exc:
        raise UsageError(str(exc)) from None
    try:
        yield
    finally:
        owner.release(base)


def refuse_if_owned(base: Path, what: str) -> None:
    from stacklens_desktop import owner

    try:
        owner.refuse_if_owned_elsewhere(base, what)
    except owner.ProfileInUse as exc:
        raise UsageError(str(exc)) from None

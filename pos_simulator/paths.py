"""Where the POS simulator finds its catalog and writes its log, without importing the app.

The simulator is a program of its own: it shares only conventions with StackLens (the same
data dir, ``$STACKLENS_DATA_DIR`` or the platform's user data dir for "stacklens", so that
the demo's log lands where the app looks for it). A test keeps the two in step.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

ENV_DATA_DIR = "STACKLENS_DATA_DIR"


def resources_dir() -> Path:
    """The ``resources/`` folder: beside the package in a checkout, inside a bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """``override``, else ``$STACKLENS_DATA_DIR``, else the user data dir; created if missing."""
    chosen = override or os.environ.get(ENV_DATA_DIR)
    path = Path(chosen) if chosen else Path(platformdirs.user_data_dir("stacklens", "StackLens"))
    path = path.expanduser().resolve()
    path.mkdir(parents=True, exist_ok=True)
    return path

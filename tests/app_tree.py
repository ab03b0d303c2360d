"""A copy of the app's code and resources with some resources left out: how a test or a
benchmark runs the app as if a shipped file were missing (run it with ``python -P`` and
``PYTHONPATH`` set to the copy, or from inside it)."""

from __future__ import annotations

import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def copy_app_tree(dest: Path, *leave_out: str) -> Path:
    """``stacklens_desktop``, ``pos_simulator`` and ``resources`` (without the corpus
    generator's code and the glob patterns in ``leave_out``) copied into ``dest``."""
    for package in ("stacklens_desktop", "pos_simulator"):
        shutil.copytree(ROOT / package, dest / package,
                        ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "resources", dest / "resources",
                    ignore=shutil.ignore_patterns("*.py", *leave_out))
    return dest

"""Every command's parser is built at start (``stacklens --help``, and before ``analyze``
forks its scanning process): it must not import the heavy libraries the commands use."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("sqlalchemy", "sqlmodel", "pydantic", "numpy", "sklearn", "scipy", "keyring",
         "requests", "PySide6")

SCRIPT = f"""
import sys
from stacklens_desktop.cli.main import build_parser
build_parser()
print(sorted({{m.split(".")[0] for m in sys.modules}} & set({HEAVY!r})))
"""


def test_building_the_parser_imports_no_heavy_library() -> None:
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "[]"


def test_help_lists_the_commands() -> None:
    out = subprocess.run([sys.executable, "-m", "stacklens_desktop", "--help"],
                         capture_output=True, text=True, check=True).stdout
    for command in ("analyze", "templates", "stats", "classify", "train", "watch", "backup"):
        assert command in out

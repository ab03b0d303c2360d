"""The POS simulator is a program of its own: it imports nothing from ``stacklens_desktop``
and shares only conventions with it (the data dir, the resources folder)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

from pos_simulator import paths as pos_paths
from stacklens_desktop import paths as app_paths

PACKAGE = Path(pos_paths.__file__).resolve().parent


def test_no_module_imports_the_app() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            offenders += [f"{path.name}: {n}" for n in names if n.startswith("stacklens")]
    assert not offenders


def test_running_modules_load_nothing_of_the_app() -> None:
    modules = [p.relative_to(PACKAGE.parent).with_suffix("").as_posix().replace("/", ".")
               for p in PACKAGE.rglob("*.py")]
    code = ("import importlib, sys\n"
            f"for name in {modules!r}:\n"
            "    importlib.import_module(name.removesuffix('.__init__'))\n"
            "loaded = sorted(m for m in sys.modules if m.startswith('stacklens'))\n"
            "print(loaded)\n"
            "raise SystemExit(1 if loaded else 0)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=120, env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""})
    assert done.returncode == 0, done.stdout + done.stderr


def test_paths_follow_the_apps_conventions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch
                                           ) -> None:
    assert pos_paths.resources_dir() == app_paths.resources_dir()
    assert (pos_paths.resources_dir() / "catalog.json").exists()
    monkeypatch.setenv("STACKLENS_DATA_DIR", str(tmp_path / "profile"))
    assert pos_paths.data_dir() == app_paths.data_dir()
    monkeypatch.delenv("STACKLENS_DATA_DIR")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert pos_paths.data_dir() == app_paths.data_dir()
    assert pos_paths.data_dir(tmp_path / "x") == app_paths.data_dir(tmp_path / "x")

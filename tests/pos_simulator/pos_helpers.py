"""Shared constants and helpers of the POS simulator tests (a unique module name on purpose)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

FIXED_TIME = datetime(2026, 11, 25, 10, 0, 0, tzinfo=UTC)
TIMESTAMP = "2026-11-25T10:00:00.000Z"
REPO = Path(__file__).resolve().parents[2]
HEADER = r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z \[(DEBUG|INFO|WARN|ERROR)\] "


def log_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def subprocess_env(**extra: str) -> dict[str, str]:
    """The test's environment with the repository importable and unbuffered output."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    env["PYTHONUNBUFFERED"] = "1"
    env.update(extra)
    return env


def pos_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "pos_simulator", *args]


@contextmanager
def running(command: list[str], env: dict[str, str]) -> Iterator[subprocess.Popen[str]]:
    """A simulator subprocess, terminated and its pipes drained and closed at the end."""
    proc = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    try:
        yield proc
    finally:
        if proc.poll() is None:
            proc.terminate()
        try:
            proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()

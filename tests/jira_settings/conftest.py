"""Fixtures for the Jira settings tests: a clean environment, a profile, a sandbox with a
distinctive token, and the CLI run in this process (where the in-memory keyring is active)."""

from __future__ import annotations

import io
import logging
import logging.handlers
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import keyring
import pytest

from stacklens_desktop.cli.main import main as stacklens_main
from stacklens_desktop.credentials import ENV_TOKEN
from stacklens_desktop.jira.config import ENV_OVERRIDES
from stacklens_desktop.jira_sandbox import JiraSandbox, SandboxUser

TOKEN = "jira-S3cret-7c1d9e2f4a6b8"
WRONG = "jira-Wr0ng-0f9e8d7c6b5a4"

Cli = Callable[..., tuple[int, str, str]]


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """No ``JIRA_*`` variable of the machine leaks into a test."""
    for var in (*ENV_OVERRIDES, ENV_TOKEN):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture(autouse=True)
def memory_keyring() -> Iterator[None]:
    """The session's in-memory keyring (tests/conftest.py), emptied of what a test stored."""
    backend = keyring.get_keyring()
    stored = getattr(backend, "_store", None)
    before = dict(stored) if isinstance(stored, dict) else None
    yield
    if isinstance(stored, dict) and before is not None:
        stored.clear()
        stored.update(before)


@pytest.fixture
def data_dir(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "profile"
    path.mkdir()
    yield path
    root = logging.getLogger("stacklens")
    for handler in list(root.handlers):
        if isinstance(handler, logging.handlers.RotatingFileHandler) and \
                Path(handler.baseFilename).is_relative_to(path):
            root.removeHandler(handler)
            handler.close()


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[JiraSandbox]:
    with JiraSandbox(state_file=tmp_path / "jira-state.json",
                     user=SandboxUser(token=TOKEN)) as running:
        yield running


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        data_dir: Path) -> Cli:
    """``cli("jira", "test", stdin=...)`` -> (exit code, stdout, stderr), in this process."""

    def run(*argv: str, stdin: str = "") -> tuple[int, str, str]:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
        capsys.readouterr()
        code = stacklens_main([*argv, "--data-dir", str(data_dir)])
        out, err = capsys.readouterr()
        return code, out, err

    return run

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from stacklens_desktop.jira_sandbox import JiraSandbox
from stacklens_desktop.store import Store, open_store
from tests.jira_automation.helpers import Clock


def _contract() -> ModuleType:
    """helper-4's request validator (OpenAPI spec + ADF schema), shared, not copied."""
    loaded = sys.modules.get("jira_contract")
    if loaded is not None:
        return loaded
    path = Path(__file__).resolve().parents[1] / "jira" / "jira_contract.py"
    spec = importlib.util.spec_from_file_location("jira_contract", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["jira_contract"] = module
    spec.loader.exec_module(module)
    return module


def check_contract(server: JiraSandbox) -> int:
    """Validate every v3 request body the sandbox received; returns how many were checked."""
    contract = _contract()
    if not contract.available():
        return 0
    checked = 0
    for entry in server.requests():
        if contract.validate_request(entry.method, entry.path, entry.body):
            checked += 1
    return checked


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    path = tmp_path / "data"
    path.mkdir()
    return path


@pytest.fixture
def store(data_dir: Path) -> Iterator[Store]:
    opened = open_store(data_dir)
    yield opened
    opened.close()


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[JiraSandbox]:
    """A Cloud sandbox; every body it received is checked against the spec at teardown."""
    with JiraSandbox(state_file=tmp_path / "sandbox.json") as running:
        yield running
        check_contract(running)


@pytest.fixture
def clock() -> Clock:
    return Clock()

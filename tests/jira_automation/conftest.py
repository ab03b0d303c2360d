from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from stacklens_desktop.jira.sandbox import JiraSandbox
from stacklens_desktop.store import Store, open_store
from tests.jira_automation.helpers import Clock


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    opened = open_store(tmp_path / "data")
    yield opened
    opened.close()


@pytest.fixture
def sandbox(tmp_path: Path) -> Iterator[JiraSandbox]:
    with JiraSandbox(state_file=tmp_path / "sandbox.json") as running:
        yield running


@pytest.fixture
def clock() -> Clock:
    return Clock()

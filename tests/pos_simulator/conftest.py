"""Fixtures for the POS simulator tests: a shop writing to a real file with a fixed clock."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from pos_helpers import FIXED_TIME

from pos_simulator.catalog import Catalog, load_catalog
from pos_simulator.logwriter import PosLogWriter
from pos_simulator.shop import Shop


@pytest.fixture()
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture()
def log_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "pos-application.log"


@pytest.fixture()
def writer(log_path: Path) -> Iterator[PosLogWriter]:
    with PosLogWriter(log_path, clock=lambda: FIXED_TIME) as log:
        yield log


@pytest.fixture()
def shop(catalog: Catalog, writer: PosLogWriter) -> Shop:
    return Shop(catalog, writer, rng=random.Random(1))

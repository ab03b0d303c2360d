"""Opening a database whose schema is current does not import SQLModel (start-up time)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from stacklens_desktop.paths import database_path
from stacklens_desktop.store import StoreError, open_store
from stacklens_desktop.store.schema_version import SCHEMA_VERSION

SCRIPT = """
import sys
from pathlib import Path
from stacklens_desktop.store import open_store, queries
store = open_store(Path(sys.argv[1]))
print(queries.stats(store.engine)["events"])
store.close()
print(sorted(m for m in sys.modules if m.split(".")[0] in ("sqlmodel", "pydantic")))
"""


def test_current_database_opens_without_sqlmodel(tmp_path: Path) -> None:
    open_store(tmp_path).close()  # creates the tables and sets the version
    out = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path)], capture_output=True,
                         text=True, check=True).stdout.splitlines()
    assert out == ["0", "[]"]


def test_new_database_gets_every_table_and_the_version(tmp_path: Path) -> None:
    open_store(tmp_path).close()
    with sqlite3.connect(database_path(tmp_path)) as conn:
        tables = {name for (name,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
        (version,) = conn.execute("PRAGMA user_version").fetchone()
    assert {"source", "pattern", "event", "ticket", "feedback", "setting"} <= tables
    assert version == SCHEMA_VERSION


def test_database_from_a_newer_version_is_refused_untouched(tmp_path: Path) -> None:
    path = database_path(tmp_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    with pytest.raises(StoreError, match="newer StackLens"):
        open_store(tmp_path)
    with sqlite3.connect(path) as conn:
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    assert tables == 0  # nothing was created in it

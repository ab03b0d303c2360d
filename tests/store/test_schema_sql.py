"""The schema text the store creates new databases from matches the SQLModel tables."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

from sqlalchemy import create_engine
from sqlmodel import SQLModel

from stacklens_desktop.paths import database_path
from stacklens_desktop.store import ddl, open_store


def _shape(path: Path) -> dict[str, tuple]:
    """Tables with their columns, indexes and foreign keys, as SQLite reports them."""
    with sqlite3.connect(path) as conn:
        tables = [n for (n,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        shape = {}
        for table in tables:
            indexes = sorted(
                (name, unique, tuple(c[2] for c in conn.execute(f"PRAGMA index_info('{name}')")))
                for _, name, unique, *_ in conn.execute(f"PRAGMA index_list('{table}')"))
            shape[table] = (
                conn.execute(f"PRAGMA table_info('{table}')").fetchall(),
                indexes,
                sorted(conn.execute(f"PRAGMA foreign_key_list('{table}')").fetchall()),
            )
    return shape


def test_committed_schema_text_is_what_the_models_render() -> None:
    assert ddl.TARGET.read_text(encoding="utf-8") == ddl.render_module(), (
        "the SQLModel tables changed: run `python -m stacklens_desktop.store.ddl`")


def test_new_database_has_the_shape_sqlmodel_would_create(tmp_path: Path) -> None:
    open_store(tmp_path / "ours").close()
    reference = tmp_path / "reference.db"
    engine = create_engine(f"sqlite:///{reference}")
    SQLModel.metadata.create_all(engine)
    engine.dispose()
    ours = _shape(database_path(tmp_path / "ours"))
    assert ours == _shape(reference)
    assert {"event", "pattern", "source", "ticket", "outbox", "feedback"} <= set(ours)


def test_unversioned_database_gets_only_the_missing_tables(tmp_path: Path) -> None:
    path = database_path(tmp_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(path) as conn:  # an old profile: one table, rows, version 0
        conn.execute("CREATE TABLE setting (\"key\" VARCHAR NOT NULL, value VARCHAR NOT NULL, "
                     "PRIMARY KEY (\"key\"))")
        conn.execute("INSERT INTO setting VALUES ('theme', 'dark')")
    open_store(tmp_path).close()
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT value FROM setting").fetchall() == [("dark",)]
        assert conn.execute("SELECT count(*) FROM event").fetchone() == (0,)


SCRIPT = """
import sys
from pathlib import Path
from stacklens_desktop.store import open_store
open_store(Path(sys.argv[1])).close()
print(sorted(m for m in sys.modules if m.split(".")[0] in ("sqlmodel", "pydantic")))
"""


def test_new_database_is_created_without_importing_sqlmodel(tmp_path: Path) -> None:
    out = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path)], capture_output=True,
                         text=True, check=True).stdout.splitlines()
    assert out == ["[]"]
    assert database_path(tmp_path).stat().st_size > 0

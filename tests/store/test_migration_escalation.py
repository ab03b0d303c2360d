"""Schema 2: a schema-1 database gains the pattern's escalation columns and keeps its rows."""

from __future__ import annotations

import re
import sqlite3
from pathlib import Path

from stacklens_desktop.paths import database_path
from stacklens_desktop.store import open_store
from stacklens_desktop.store.engine import _ESCALATION_COLUMNS
from stacklens_desktop.store.schema_sql import SCHEMA_SQL


def _schema_1() -> str:
    """Today's statements without the escalation columns: the schema-1 file."""
    drop = "|".join(_ESCALATION_COLUMNS)
    return re.sub(rf"\n    ({drop}) VARCHAR,", "", SCHEMA_SQL)


def test_a_schema_1_database_is_migrated_in_place(tmp_path: Path) -> None:
    path = database_path(tmp_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(path) as conn:
        conn.executescript(_schema_1())
        conn.execute("INSERT INTO pattern (fingerprint, template, error_type, severity, "
                     "confidence, count, status, resolution_steps, parameters_sample) "
                     "VALUES ('f00d', 'Disk full', 'resource_exhaustion', 'critical', 0.9, 3, "
                     "'new', '[]', '[]')")
        conn.execute("PRAGMA user_version=1")
    columns = {row[1] for row in sqlite3.connect(path).execute("PRAGMA table_info(pattern)")}
    assert not set(_ESCALATION_COLUMNS) & columns
    open_store(tmp_path).close()
    with sqlite3.connect(path) as conn:
        (version,) = conn.execute("PRAGMA user_version").fetchone()
        row = conn.execute(
            "SELECT fingerprint, count, escalation, behaviour FROM pattern").fetchone()
    assert version >= 2
    assert row == ("f00d", 3, None, None)

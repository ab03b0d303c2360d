"""The files and globs the window watched last time (a JSON list in the ``setting`` table)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from sqlalchemy import Engine

from stacklens_desktop.store.executor import write

SOURCES_KEY = "ui.sources"


def saved_sources(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        raw = conn.exec_driver_sql(
            "SELECT value FROM setting WHERE key = ?", (SOURCES_KEY,)).scalar()
    try:
        value = json.loads(raw or "[]")
    except ValueError:
        return []
    return [str(p) for p in value] if isinstance(value, list) else []


def save_sources(engine: Engine, paths: Sequence[str]) -> None:
    write(engine, lambda conn: conn.exec_driver_sql(
        "INSERT INTO setting (key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (SOURCES_KEY, json.dumps(list(paths)))))

"""Live updates for desktops: LISTEN on the team store's channel, no polling.

Agents' shipments and triage changes announce themselves with ``pg_notify`` inside their
transaction (:func:`.ingest.notify`); PostgreSQL delivers the message to every listening
session when that transaction commits.
"""

from __future__ import annotations

import json
from typing import Any

import psycopg

from stacklens_desktop.store.team.schema import CHANNEL


class Listener:
    """A dedicated connection that listens (psycopg directly: SQLAlchemy pools do not keep
    a session's LISTEN)."""

    def __init__(self, conninfo: str, password: str | None = None) -> None:
        self._conn = psycopg.connect(conninfo, password=password, autocommit=True)
        self._conn.execute(f"LISTEN {CHANNEL}")

    def wait(self, timeout: float, stop_after: int | None = 1) -> list[dict[str, Any]]:
        """Messages that arrive within ``timeout`` seconds (at most ``stop_after``)."""
        return [json.loads(n.payload)
                for n in self._conn.notifies(timeout=timeout, stop_after=stop_after)]

    def close(self) -> None:
        self._conn.close()

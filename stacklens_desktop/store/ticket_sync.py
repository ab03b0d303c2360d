"""What a status sync records for tickets whose status did not change: when it was read."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import Connection

from stacklens_desktop.jira.stamps import iso
from stacklens_desktop.store.outbox import chunks


def stamp_synced(conn: Connection, pattern_ids: Sequence[int], now: datetime) -> None:
    """The tickets of ``pattern_ids`` had their status read from Jira at ``now``."""
    for chunk in chunks(list(pattern_ids)):
        marks = ",".join("?" * len(chunk))
        conn.exec_driver_sql(f"UPDATE ticket SET synced_at = ? WHERE pattern_id IN ({marks})",
                             (iso(now), *chunk))

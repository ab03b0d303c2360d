"""What the sources panel shows beside a file's state: lines read, events stored (an index
count per source), when StackLens last stored something read from it."""

from __future__ import annotations

from sqlalchemy import Engine


def source_activity(engine: Engine) -> dict[str, tuple[int, int, str | None]]:
    """Source path -> (lines, events, last write as stored in UTC)."""
    with engine.connect() as conn:
        return {path: (int(lines or 0), int(events or 0), updated)
                for path, lines, events, updated in conn.exec_driver_sql(
                    "SELECT s.path, s.lines, (SELECT COUNT(*) FROM event e "
                    "WHERE e.source_id = s.id), s.updated_at FROM source s")}

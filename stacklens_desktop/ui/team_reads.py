"""What the window reads from the team store, as the plain rows of :mod:`.rows` (no Qt, no
SQL): the shared reads of :mod:`.reads` with the team store's row columns, plus the fleet's
own figures (hosts, per-host counts, who triaged)."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from stacklens_desktop.store import queries
from stacklens_desktop.store.team import fleet, window_reads
from stacklens_desktop.ui import reads
from stacklens_desktop.ui.rows import (
    Breakdown,
    EventRow,
    HostGroup,
    HostSourceRow,
    PatternDetail,
    PatternRefresh,
    PatternRow,
)

if TYPE_CHECKING:
    from sqlalchemy import Engine


def pattern_page(engine: Engine, below_id: int | None, limit: int) -> list[PatternRow]:
    return reads.pattern_page(engine, below_id, limit, window_reads.ROW_SQL)


def refresh_patterns(engine: Engine, ids: Sequence[int], low_id: int,
                     known_count: int) -> PatternRefresh:
    return reads.refresh_patterns(engine, ids, low_id, known_count, window_reads.ROW_SQL,
                                  window_reads.LISTED)


def event_page(engine: Engine, below_id: int | None, limit: int) -> list[EventRow]:
    """The per-event view's page, each event with the host that logged it."""
    return reads.event_page(engine, below_id, limit, window_reads.EVENT_SQL)


def events_after(engine: Engine, above_id: int, limit: int) -> list[EventRow]:
    return reads.events_after(engine, above_id, limit, window_reads.EVENT_SQL)


def breakdown(engine: Engine) -> Breakdown:
    """The Statistics tab's types and top patterns on the fleet's counts."""
    return reads.breakdown(engine, patterns=window_reads.FLEET_PATTERNS)


def stats(engine: Engine) -> dict[str, Any]:
    """The status bar's and Statistics tab's figures, counting the patterns the list shows
    (not those the fleet merge folded into another)."""
    return queries.stats(engine, window_reads.LISTED)


def pattern_detail(engine: Engine, pattern_id: int) -> PatternDetail | None:
    """The shared detail plus the spread across hosts and the last triage (who, when)."""
    found = reads.pattern_detail(engine, pattern_id, row_sql=window_reads.ROW_SQL)
    if found is None:
        return None
    extras = window_reads.detail_extras(engine, pattern_id)
    return dataclasses.replace(found, per_host=extras.per_host,
                               last_triage=extras.last_triage)


def host_groups(engine: Engine) -> list[HostGroup]:
    """Every host with its agent's state and last contact, and its sources."""
    with engine.connect() as conn:
        hosts = fleet.hosts(conn)
    sources: dict[str, list[HostSourceRow]] = {}
    for s in window_reads.host_sources(engine):
        sources.setdefault(s.host, []).append(
            HostSourceRow(s.path, s.state, s.reason, s.lines, s.updated_at))
    return [HostGroup(h.host, h.state, h.reason, h.spooled, h.last_contact,
                      sources.get(h.host, [])) for h in hosts]

"""Sending a shipment to the team store in its own transaction, telling an unreachable
store (retry later, spool meanwhile) from a refusal (a bug or a missing privilege)."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.exc import InterfaceError, OperationalError

from stacklens_desktop.store.team import partitions
from stacklens_desktop.store.team.ingest import Applied, apply_shipment, report_agent_state
from stacklens_desktop.store.team.ingest import source_offsets as _source_offsets
from stacklens_desktop.team.shipment import Shipment


class StoreUnreachableError(Exception):
    """The team store did not answer (down, restarting, network): spool and retry. When it
    happened during COMMIT the outcome is unknown; the offset check settles it on retry."""


def _unreachable(exc: Exception) -> StoreUnreachableError:
    reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
    return StoreUnreachableError(reason)


def ship(engine: Engine, shipment: Shipment) -> Applied:
    try:
        with engine.begin() as conn:
            return apply_shipment(conn, shipment)
    except (OperationalError, InterfaceError) as exc:
        raise _unreachable(exc) from exc


def source_offsets(engine: Engine, host: str) -> dict[str, tuple[int, int, int | None]]:
    try:
        with engine.begin() as conn:
            partitions.ensure_partitions(conn)
            return _source_offsets(conn, host)
    except (OperationalError, InterfaceError) as exc:
        raise _unreachable(exc) from exc


def report_state(engine: Engine, host: str, state: str, reason: str | None,
                 spooled: int) -> None:
    try:
        with engine.begin() as conn:
            report_agent_state(conn, host, state, reason, spooled)
    except (OperationalError, InterfaceError) as exc:
        raise _unreachable(exc) from exc

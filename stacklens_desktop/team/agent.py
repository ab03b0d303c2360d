"""``stacklens agent``: follow a server's logs, analyze them here, ship to the team store.

Per poll: forward what the spool holds (oldest first), then read each source. A shipment
goes straight to the store when nothing is spooled; otherwise (or when the store does not
answer) it goes to the spool, behind what is there, so each source's shipments reach the
store in file order. The store applies a shipment only at its source's offset, in the same
transaction as its events: a replay is a duplicate, never a second copy.

States (the status file and the ``agent`` row): ``shipping``, ``spooling`` (store out of
reach, the spool is filling), ``spool_full`` (reading paused: the files keep the lines).
"""

from __future__ import annotations

import contextlib
import glob
import json
import logging
import os
import threading
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from sqlalchemy import Engine

from stacklens_desktop.core.analyzer import Analyzer, PatternJudge
from stacklens_desktop.core.scrub import scrubber_for
from stacklens_desktop.store.team.ingest import Applied, Outcome
from stacklens_desktop.store.team.shipping import (
    StoreUnreachableError,
    report_state,
    ship,
    source_offsets,
)
from stacklens_desktop.store.team.spool import Spool
from stacklens_desktop.team.config import AgentConfig
from stacklens_desktop.team.reader import Position, SourceReader
from stacklens_desktop.team.shipment import Shipment

log = logging.getLogger("stacklens.agent")


@dataclass
class AgentStatus:
    state: str = "starting"
    reason: str | None = None
    spooled: int = 0
    spool_bytes: int = 0
    shipped: int = 0
    events: int = 0


class Agent:
    def __init__(self, config: AgentConfig, engine: Engine, judge: PatternJudge) -> None:
        self.config = config
        self.engine = engine
        self.judge = judge
        self._scrubber = scrubber_for(config.scrub)  # compiled once, shared by the sources
        self.spool = Spool(config.spool, config.spool_max_bytes)
        self.readers: dict[str, SourceReader] = {}
        self.status = AgentStatus()
        self._stored: dict[str, tuple[int, int, int | None]] | None = None
        self._reported: tuple[str, int] | None = None

    # -- set-up ----------------------------------------------------------------------------
    def _make_analyzer(self, _path: str) -> Analyzer:
        return Analyzer(fmt=None, judge=self.judge, reference=date.today(),
                        scrubber=self._scrubber)

    def _paths(self) -> list[str]:
        found: list[str] = []
        for pattern in self.config.sources:
            matches = sorted(glob.glob(pattern)) if glob.has_magic(pattern) else [pattern]
            found += [str(Path(p).resolve()) for p in matches if os.path.isfile(p)]
        return found

    def _start_position(self, path: str) -> Position:
        """Spooled shipments wait: read on after them. Else the store's offset is the truth;
        unreachable, the last one it confirmed (a replay is refused as a duplicate)."""
        spooled = self.spool.position(path)
        if spooled is not None and self.spool.pending(path):
            return spooled
        if self._stored is None:
            try:
                self._stored = source_offsets(self.engine, self.config.host)
            except StoreUnreachableError as exc:
                log.warning("team store unreachable at start: %s", exc)
        if self._stored is not None:
            offset, lines, inode = self._stored.get(path, (0, 0, None))
            return Position(offset, lines, inode)
        return spooled or Position()

    def _discover(self) -> None:
        for path in self._paths():
            if path not in self.readers:
                self.readers[path] = SourceReader(self.config.host, path,
                                                  self._start_position(path),
                                                  self._make_analyzer)

    # -- one poll --------------------------------------------------------------------------
    def step(self) -> int:
        """Forward, then read every source once; returns how many shipments were made."""
        self._forward()
        self._discover()
        made = 0
        for reader in self.readers.values():
            if self.spool.full:
                self._set_state("spool_full", f"the spool holds {self.spool.size_bytes()} "
                                f"bytes (limit {self.spool.max_bytes}); reading paused")
                break
            shipment = reader.poll()
            if shipment is None:
                continue
            made += 1
            self._deliver(reader, shipment)
        if made == 0 and not self.spool.pending() and self.status.state != "spooling":
            self._set_state("shipping", None)
        self._publish()
        return made

    def _deliver(self, reader: SourceReader, shipment: Shipment) -> None:
        if self.spool.pending():
            self._to_spool(reader, shipment)
            return
        try:
            applied = ship(self.engine, shipment)
        except StoreUnreachableError as exc:
            self._set_state("spooling", f"team store unreachable: {exc}")
            self._to_spool(reader, shipment)
            return
        if applied.outcome is not Outcome.CONFLICT:
            reader.shipped(shipment)
        self._settle(reader, shipment, applied)
        self._set_state("shipping", None)

    def _to_spool(self, reader: SourceReader, shipment: Shipment) -> None:
        self.spool.append(shipment)
        reader.shipped(shipment)

    def _settle(self, reader: SourceReader | None, shipment: Shipment,
                applied: Applied) -> None:
        if applied.outcome is Outcome.CONFLICT:
            log.warning("%s: the store stands at offset %d, not %d; reading again from there",
                        shipment.path, applied.server_offset, shipment.start)
            self.spool.drop_source(shipment.path)
            if reader is not None:
                reader.reset(Position(applied.server_offset, applied.server_lines))
            return
        if applied.outcome is Outcome.APPLIED:
            self.status.shipped += 1
            self.status.events += len(shipment.events)
        if reader is not None and not self.spool.pending(shipment.path):
            self.spool.remember(shipment.path, reader.committed)

    def _forward(self) -> None:
        """Send the spool's shipments in order until it is empty or the store fails."""
        while (item := self.spool.oldest()) is not None:
            seq, shipment = item
            try:
                applied = ship(self.engine, shipment)
            except StoreUnreachableError as exc:
                self._set_state("spooling", f"team store unreachable: {exc}")
                return
            self.spool.remove(seq)
            self._settle(self.readers.get(shipment.path), shipment, applied)
        if self.status.state in ("spooling", "spool_full"):
            log.info("spool forwarded; shipping directly again")
            self._set_state("shipping", None)

    # -- state -----------------------------------------------------------------------------
    def _set_state(self, state: str, reason: str | None) -> None:
        if state != self.status.state:
            log.info("agent %s: %s%s", self.config.host, state, f" ({reason})" if reason else "")
        self.status.state, self.status.reason = state, reason

    def _publish(self) -> None:
        """The status file (always) and the store's agent row (when it changed and the store
        answers)."""
        self.status.spooled = self.spool.pending()
        self.status.spool_bytes = self.spool.size_bytes()
        if self.config.status_file is not None:
            data = dict(vars(self.status), host=self.config.host,
                        at=datetime.now(UTC).isoformat())
            tmp = self.config.status_file.with_name(self.config.status_file.name + ".tmp")
            tmp.write_text(json.dumps(data), encoding="utf-8")
            tmp.replace(self.config.status_file)
        key = (self.status.state, self.status.spooled)
        if key != self._reported and self.status.state != "spooling":
            # store out of reach: the status file says it; the row is reported once it answers
            with contextlib.suppress(StoreUnreachableError):
                report_state(self.engine, self.config.host, self.status.state,
                             self.status.reason, self.status.spooled)
                self._reported = key

    def run(self, stop: threading.Event) -> None:
        while not stop.is_set():
            if self.step() == 0:
                stop.wait(self.config.poll_seconds)

    def close(self) -> None:
        self.spool.close()
        self.engine.dispose()

"""What an agent ships for one source: the events and pattern counts read between two
offsets. The store applies a shipment only when its source stands at ``start`` (and moves
it to ``end`` in the same transaction): that is what makes a retry, a spool replay or a
restart after kill -9 apply each line exactly once."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from typing import Any

from stacklens_desktop.core.batch import Batch, EventRow, PatternDelta

#: PatternDelta fields a shipment carries (the escalation activity stays on the host).
_DELTA_FIELDS = ("fingerprint", "template", "count", "first_seen", "last_seen", "level",
                 "exception", "parameters", "sample_text", "host", "severity", "error_type",
                 "confidence", "root_cause", "resolution_steps")


@dataclass(slots=True)
class Shipment:
    host: str
    path: str
    start: int
    end: int
    lines: int
    inode: int | None = None
    format_name: str | None = None
    events: list[EventRow] = field(default_factory=list)
    patterns: list[PatternDelta] = field(default_factory=list)

    @classmethod
    def from_batch(cls, host: str, path: str, start: int, batch: Batch,
                   inode: int | None) -> Shipment:
        assert batch.position is not None
        return cls(host=host, path=path, start=start, end=batch.position.offset,
                   lines=batch.position.lines_added, inode=inode,
                   format_name=batch.position.format_name, events=list(batch.events),
                   patterns=list(batch.patterns.values()))

    def to_json(self) -> str:
        data: dict[str, Any] = {
            "host": self.host, "path": self.path, "start": self.start, "end": self.end,
            "lines": self.lines, "inode": self.inode, "format_name": self.format_name,
            "events": [asdict(e) for e in self.events],
            "patterns": [{k: getattr(p, k) for k in _DELTA_FIELDS} for p in self.patterns],
        }
        return json.dumps(data, default=str)

    @classmethod
    def from_json(cls, text: str) -> Shipment:
        data = json.loads(text)
        events = [EventRow(**e) for e in data.pop("events")]
        patterns = [PatternDelta(**p) for p in data.pop("patterns")]
        return cls(events=events, patterns=patterns, **data)

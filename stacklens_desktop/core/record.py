"""The log record: one logical entry of a log, possibly spanning several lines."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: Normalised levels, lowest first. Parsers map every dialect onto these names.
LEVELS: tuple[str, ...] = ("TRACE", "DEBUG", "INFO", "NOTICE", "WARN", "ERROR", "FATAL")
LEVEL_RANK: dict[str, int] = {name: rank for rank, name in enumerate(LEVELS)}
WARN_RANK = LEVEL_RANK["WARN"]


@dataclass(slots=True)
class Record:
    """One log record as parsed from a file.

    ``text`` is the raw text of the record (all its lines, newline-joined, no trailing
    newline). ``message`` is the first line's message part without the header (timestamp,
    level, logger). ``level`` is one of :data:`LEVELS` or ``None`` when the line has none.
    ``fields`` holds structured data: a JSON payload, JSON-lines keys, syslog structured data.
    ``exception`` and ``frames`` are set for stack traces: the (last, root-cause) exception
    class and the stack frames as written, top first.
    """

    text: str
    message: str
    level: str | None = None
    timestamp: str | None = None
    source: str | None = None
    host: str | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    exception: str | None = None
    frames: list[str] = field(default_factory=list)
    line_no: int = 0
    offset: int = 0
    end_offset: int = 0

    @property
    def level_rank(self) -> int:
        """Rank of the level in :data:`LEVELS`; -1 when the record has no level."""
        return LEVEL_RANK.get(self.level or "", -1)

    @property
    def is_multiline(self) -> bool:
        return "\n" in self.text

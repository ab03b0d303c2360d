"""The parsed header of one log line: what every format extracts."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Header:
    """Timestamp, level, source, host and message of a record's first line.

    Field order follows ``stacklens_desktop/CONTRACTS.md``: ``Header(timestamp, level,
    source, host, message, fields)``.

    ``timestamp`` is ISO-8601 when the written form could be converted (a year is known),
    else the text as written. ``level`` is one of :data:`stacklens_desktop.core.record.LEVELS`
    or None. ``source`` is the logger, program or module; ``message`` is the line without its
    header; ``fields`` holds structured data (JSON payloads and keys, syslog structured data,
    nginx context pairs, thread and pid numbers).
    """

    timestamp: str | None = None
    level: str | None = None
    source: str | None = None
    host: str | None = None
    message: str = ""
    fields: dict[str, Any] = field(default_factory=dict)

"""The POS log line: ``<ISO-8601 UTC ms>Z [LEVEL] <message>: <JSON payload>``.

A record may carry a stack trace; its lines follow the header line and have no timestamp, so
a log reader folds them into the record above. Line breaks inside a message, a trace line or a
payload string are written as escapes: text from a request cannot plant a line of its own.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

LEVELS: tuple[str, ...] = ("DEBUG", "INFO", "WARN", "ERROR")


def format_timestamp(moment: datetime) -> str:
    """``2026-11-25T10:00:00.000Z``: UTC, milliseconds, a literal ``Z`` as JavaScript writes."""
    utc = moment.astimezone(UTC)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


#: Characters some readers take for the end of a line (Python's ``splitlines``, editors):
#: text from a request must not start a line of its own in the log.
_LINE_BREAKS = str.maketrans({
    "\r": "\\r", "\n": "\\n", "\x0b": "\\x0b", "\x0c": "\\x0c", "\x1c": "\\x1c",
    "\x1d": "\\x1d", "\x1e": "\\x1e", "\x85": "\\x85", "\u2028": "\\u2028",
    "\u2029": "\\u2029",
})
#: The same in JSON strings, where json.dumps (without ensure_ascii) leaves them as they are.
_JSON_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028",
                                   "\u2029": "\\u2029"})


def one_line(text: str) -> str:
    """``text`` with every line break written as an escape (``\\n``): one log line."""
    return text.translate(_LINE_BREAKS)


def format_payload(payload: dict[str, Any]) -> str:
    """Compact JSON in insertion order, like ``JSON.stringify``, on one line."""
    text = json.dumps(payload, separators=(",", ":"), ensure_ascii=False, default=str)
    return text.translate(_JSON_LINE_BREAKS)


def format_record(
    moment: datetime,
    level: str,
    message: str,
    payload: dict[str, Any] | None = None,
    trace: Sequence[str] = (),
) -> str:
    """The full text of one record, newline-terminated (trace lines included)."""
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}")
    head = f"{format_timestamp(moment)} [{level}] {one_line(message)}"
    if payload is not None:
        head += ": " + format_payload(payload)
    return "\n".join([head, *(one_line(line) for line in trace)]) + "\n"

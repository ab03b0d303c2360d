"""The POS log line: ``<ISO-8601 UTC ms>Z [LEVEL] <message>: <JSON payload>``.

A record may carry a stack trace; its lines follow the header line unchanged and have no
timestamp, so a log reader folds them into the record above.
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


def format_payload(payload: dict[str, Any]) -> str:
    """Compact JSON in insertion order, like ``JSON.stringify``."""
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False, default=str)


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
    if "\n" in message:
        raise ValueError("a log message is one line; put details in the payload or trace")
    head = f"{format_timestamp(moment)} [{level}] {message}"
    if payload is not None:
        head += ": " + format_payload(payload)
    return "\n".join([head, *trace]) + "\n"

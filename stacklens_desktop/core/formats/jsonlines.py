"""JSON lines (bunyan, pino, zap, structlog, log4j2/logback JSON, ECS, GCP, journald -o json)."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from stacklens_desktop.core.formats.base import LogFormat
from stacklens_desktop.core.formats.header import Header
from stacklens_desktop.core.formats.levels import (
    normalize_level,
    numeric_level,
    spellings,
    warn_words,
)
from stacklens_desktop.core.formats.regexutil import bytes_regex, start_regex, word_trie
from stacklens_desktop.core.formats.timestamps import iso_any

#: Key names in order of preference; the first present (and usable) wins.
TIME_KEYS = ("@timestamp", "timestamp", "time", "ts", "t", "datetime", "date", "asctime",
             "timeMillis", "instant", "__REALTIME_TIMESTAMP")
LEVEL_KEYS = ("level", "severity", "lvl", "log.level", "levelname", "loglevel", "level_name",
              "@level", "PRIORITY")
MESSAGE_KEYS = ("msg", "message", "@message", "log", "event", "MESSAGE", "full_message",
                "short_message")
SOURCE_KEYS = ("logger", "logger_name", "loggerName", "name", "module", "source", "component",
               "SYSLOG_IDENTIFIER")
HOST_KEYS = ("host", "hostname", "host.name", "_HOSTNAME")

_ANY_CASE = spellings(("upper", "lower", "title"))
_WARN_VALUE = (
    rf' *: *(?:" *(?:{word_trie(warn_words(_ANY_CASE))}|[0-4]|[4-6]\d) *"'
    r"|[0-4](?![\d.])|[4-6]\d(?![\d.]))"
)


def warn_regex(keys: Sequence[str]) -> re.Pattern[bytes]:
    """``"<key>": "error"`` or a numeric level at WARN+ (syslog 0-4, bunyan 40-69)."""
    alternation = word_trie(keys)
    return bytes_regex('"' + alternation + '"' + _WARN_VALUE)


class JsonLinesFormat(LogFormat):
    """One JSON object per line; known keys fill the header, the rest goes to ``fields``.

    Nested objects stay as they are (``error``/``err`` with their ``stack``). ECS-style
    nested ``log: {level, logger}`` and ``host: {name}`` are looked into.
    """

    name = "jsonlines"
    start = start_regex(r"[ \t]*\{")

    def __init__(self, level_keys: Sequence[str] = LEVEL_KEYS) -> None:
        self.level_keys = tuple(level_keys)
        self.warn_or_above = warn_regex(self.level_keys)

    def parse(self, line: str) -> Header | None:
        text = line.strip()
        if not text.startswith("{") or not text.endswith("}"):
            return None
        try:
            obj = json.loads(text)
        except (ValueError, RecursionError):  # RecursionError: absurdly deep nesting
            return None
        return from_object(obj) if isinstance(obj, dict) else None

    def specialize(self, sample: Sequence[str]) -> LogFormat:
        """Scan for the one level key the file uses: a literal-led regex is much faster."""
        used: set[str] = set()
        for line in sample:
            text = line.strip()
            if text.startswith("{"):
                used.update(key for key in LEVEL_KEYS if f'"{key}"' in text)
        if len(used) != 1:
            return self
        return JsonLinesFormat(sorted(used))


def from_object(obj: dict[str, Any]) -> Header:
    rest = dict(obj)
    nested = rest.get("log") if isinstance(rest.get("log"), dict) else {}
    level_value = _take(rest, LEVEL_KEYS, (str, int))
    if level_value is None and nested:
        level_value = nested.get("level")
    source = _take(rest, SOURCE_KEYS, (str,))
    if source is None and nested and isinstance(nested.get("logger"), str):
        source = nested["logger"]
    return Header(
        message=(_take(rest, MESSAGE_KEYS, (str,)) or "").rstrip(),
        timestamp=iso_any(_take(rest, TIME_KEYS, (str, int, float, dict))),
        level=_level(level_value),
        source=source,
        host=_host(rest),
        fields=rest,
    )


def _take(obj: dict[str, Any], keys: Sequence[str], types: tuple[type, ...]) -> Any:
    """Pop and return the first key's value that has one of ``types``."""
    for key in keys:
        value = obj.get(key)
        if value is not None and isinstance(value, types) and not isinstance(value, bool):
            return obj.pop(key)
    return None


def _level(value: object) -> str | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return numeric_level(value)
    if isinstance(value, str):
        return normalize_level(value)
    return None


def _host(obj: dict[str, Any]) -> str | None:
    host = _take(obj, HOST_KEYS, (str,))
    if host is None and isinstance(obj.get("host"), dict):
        name = obj["host"].get("name") or obj["host"].get("hostname")
        return name if isinstance(name, str) else None
    return host


JSON_LINES = JsonLinesFormat()

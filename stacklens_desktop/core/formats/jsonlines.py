"""JSON lines (bunyan, pino, zap, structlog, log4j2/logback JSON, ECS, GCP, journald -o json)."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from stacklens_desktop.core.formats.base import LogFormat
from stacklens_desktop.core.formats.header import Header
from stacklens_desktop.core.formats.level_scales import LevelScale, scale_for_sample
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
             "timeMillis", "instant", "__REALTIME_TIMESTAMP", "TimeCreated")
LEVEL_KEYS = ("level", "severity", "lvl", "log.level", "levelname", "loglevel", "level_name",
              "@level", "PRIORITY")
MESSAGE_KEYS = ("msg", "message", "@message", "log", "event", "MESSAGE", "full_message",
                "short_message", "Message")
SOURCE_KEYS = ("logger", "logger_name", "loggerName", "name", "module", "source", "component",
               "SYSLOG_IDENTIFIER", "ProviderName")
HOST_KEYS = ("host", "hostname", "host.name", "_HOSTNAME")

_ANY_CASE = spellings(("upper", "lower", "title"))
_WARN_VALUE = (
    rf' *: *(?:" *(?:{word_trie(warn_words(_ANY_CASE))}|[0-4]|[4-6]\d) *"'
    r"|[0-4](?![\d.])|[4-6]\d(?![\d.]))"
)


def warn_regex(keys: Sequence[str], scale: LevelScale | None = None) -> re.Pattern[bytes]:
    """``"<key>": "error"`` or a level at WARN+ in ``scale`` (default: syslog 0-4 and
    bunyan 40-69, the numbers read without a declared scale)."""
    alternation = word_trie(keys)
    if scale is None:
        return bytes_regex('"' + alternation + '"' + _WARN_VALUE)
    words = word_trie([*warn_words(_ANY_CASE), *scale.warn_values()])
    numbers = r"[4-6]\d" if scale.step == 10 else word_trie(
        v for v in scale.warn_values() if v.isdigit()) or "(?!)"
    return bytes_regex(f'"{alternation}" *: *(?:" *(?:{words}) *"|(?:{numbers})(?![\\d.]))')


class JsonLinesFormat(LogFormat):
    """One JSON object per line; known keys fill the header, the rest goes to ``fields``.

    Nested objects stay as they are (``error``/``err`` with their ``stack``). ECS-style
    nested ``log: {level, logger}`` and ``host: {name}`` are looked into.
    """

    name = "jsonlines"
    start = start_regex(r"[ \t]*\{")

    def __init__(self, level_keys: Sequence[str] = LEVEL_KEYS,
                 scale: LevelScale | None = None) -> None:
        self.level_keys = tuple(level_keys)
        self.scale = scale
        self.warn_or_above = warn_regex(self.level_keys, scale)

    def parse(self, line: str) -> Header | None:
        text = line.strip()
        if not text.startswith("{") or not text.endswith("}"):
            return None
        try:
            obj = json.loads(text)
        except (ValueError, RecursionError):  # RecursionError: absurdly deep nesting
            return None
        return from_object(obj, self.level_keys, self.scale) if isinstance(obj, dict) else None

    def specialize(self, sample: Sequence[str]) -> LogFormat:
        """The level key and scale the file uses: a literal-led regex is much faster, and a
        numeric level means what its writer declares (Nextcloud's 1 is info, not alert)."""
        declared = scale_for_sample(_objects(sample))
        if declared is not None:
            return JsonLinesFormat([declared[0]], declared[1])
        used: set[str] = set()
        for line in sample:
            text = line.strip()
            if text.startswith("{"):
                used.update(key for key in LEVEL_KEYS if f'"{key}"' in text)
        if len(used) != 1:
            return self
        return JsonLinesFormat(sorted(used))


def _objects(sample: Sequence[str]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for line in sample:
        text = line.strip()
        if text.startswith("{") and text.endswith("}"):
            try:
                obj = json.loads(text)
            except (ValueError, RecursionError):
                continue
            if isinstance(obj, dict):
                out.append(obj)
    return out


def from_object(obj: dict[str, Any], level_keys: Sequence[str] = LEVEL_KEYS,
                scale: LevelScale | None = None) -> Header:
    rest = dict(obj)
    nested = rest.get("log") if isinstance(rest.get("log"), dict) else {}
    level_value = _take(rest, level_keys, (str, int))
    if level_value is None and nested:
        level_value = nested.get("level")
    source = _take(rest, SOURCE_KEYS, (str,))
    if source is None and nested and isinstance(nested.get("logger"), str):
        source = nested["logger"]
    return Header(
        message=(_take(rest, MESSAGE_KEYS, (str,)) or "").rstrip(),
        timestamp=iso_any(_take(rest, TIME_KEYS, (str, int, float, dict))),
        level=_level(level_value, scale),
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


def _level(value: object, scale: LevelScale | None = None) -> str | None:
    if scale is not None and isinstance(value, int | str) and not isinstance(value, bool):
        level = scale.read(value)
        if level is not None:
            return level
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

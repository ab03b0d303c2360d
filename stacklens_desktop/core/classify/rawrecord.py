"""Build a :class:`Record` from the raw text of one whole log record.

Used by ``stacklens classify`` and to turn corpus examples into records, so training and
prediction see records built the same way. The first line's header is parsed in its
own format (``core.formats``), as the analysis of a file parses it, else with a small
fallback (JSON lines, or a level keyword); the exception and frames come from :mod:`.stacktrace`.
"""

from __future__ import annotations

import json
import re
from typing import Any

from stacklens_desktop.core.formats import (
    PARSERS_VERSION,
    Header,
    line_format,
    parse_line,
)
from stacklens_desktop.core.record import Record
from stacklens_desktop.core.stacktrace import find_exception, find_frames

_LEVEL_WORD = re.compile(
    r"(?<![\w-])\[?(TRACE|DEBUG|INFO|NOTICE|WARN(?:ING)?|ERROR|ERR|FATAL|CRIT(?:ICAL)?|SEVERE|"
    r"PANIC|EMERG|ALERT)\]?(?![\w-])[:\s]*", re.I)
_LEVEL_ALIASES = {"WARNING": "WARN", "ERR": "ERROR", "CRIT": "FATAL", "CRITICAL": "FATAL",
                  "SEVERE": "FATAL", "PANIC": "FATAL", "EMERG": "FATAL", "ALERT": "FATAL"}
_JSON_MESSAGE_KEYS = ("msg", "message", "log", "MESSAGE", "@message", "text")
_JSON_LEVEL_KEYS = ("level", "severity", "lvl", "s", "levelname", "@level", "log.level")
_SHORT_LEVELS = {"E": "ERROR", "W": "WARN", "I": "INFO", "F": "FATAL", "D": "DEBUG"}
_PINO = {10: "TRACE", 20: "DEBUG", 30: "INFO", 40: "WARN", 50: "ERROR", 60: "FATAL"}


#: which parsers built the records: part of the model cache key
PARSER_ID = f"formats.parse_any/{PARSERS_VERSION}"


def normalise_level(value: object) -> str | None:
    """``"warning"``/``40``/``"W"`` -> ``"WARN"``; ``None`` when not a level."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _PINO.get(int(value) // 10 * 10)
    if not isinstance(value, str) or not value:
        return None
    word = value.strip().upper()
    if word in _SHORT_LEVELS:
        return _SHORT_LEVELS[word]
    word = _LEVEL_ALIASES.get(word, word)
    return word if word in ("TRACE", "DEBUG", "INFO", "NOTICE", "WARN", "ERROR", "FATAL") else None


def _from_json(line: str) -> tuple[str, str | None, dict[str, Any]] | None:
    if not line.startswith("{"):
        return None
    try:
        obj = json.loads(line)
    except ValueError:
        return None
    if not isinstance(obj, dict):
        return None
    message = next((str(obj[k]) for k in _JSON_MESSAGE_KEYS if isinstance(obj.get(k), str)), "")
    level = next((normalise_level(obj[k]) for k in _JSON_LEVEL_KEYS if k in obj), None)
    fields = {k: v for k, v in obj.items() if k not in _JSON_MESSAGE_KEYS}
    return message or line, level, fields


def _fallback_header(line: str) -> tuple[str, str | None, dict[str, Any]]:
    parsed = _from_json(line)
    if parsed:
        return parsed
    match = _LEVEL_WORD.search(line[:160])
    if not match:
        return line, None, {}
    return line[match.end():] or line, normalise_level(match.group(1)), {}


def _header(line: str) -> tuple[str, str | None, dict[str, Any]]:
    parsed = _from_json(line)
    if parsed:
        return parsed
    # the line's own format, as the analysis of a file reads it (message without the header,
    # level, payload fields): the model learns from the records it will be asked about
    header = parse_line(line)
    if header.level is not None or header.fields or header.message != line:
        return header.message, header.level, dict(header.fields)
    return _fallback_header(line)


_LEVEL_LINE = re.compile(r"^\s*(?:Level|Severity|level|severity)\s*[:=]\s*(\w+)\s*$", re.M)


def _level_in_body(text: str) -> str | None:
    """A ``Level: Warning`` line among the first lines (event-log style records)."""
    match = _LEVEL_LINE.search("\n".join(text.split("\n", 8)[1:8]))
    return normalise_level(match.group(1)) if match else None


def record_from_text(text: str) -> Record:
    """A record (message, level, fields, exception, frames) from one raw record's text."""
    text = text.rstrip("\n")
    first = text.split("\n", 1)[0]
    message, level, fields = _header(first)
    if not message.strip() and "\n" in text:  # as ``core.analyzer.to_record`` does
        header = line_format(first).complete(Header(level=level, fields=fields), text)
        message, level, fields = header.message, header.level or level, header.fields
    if level is None and "\n" in text:
        level = _level_in_body(text)
    if "\n" not in text and isinstance(fields.get("err"), dict):
        stack = fields["err"].get("stack")
        trace_text = stack if isinstance(stack, str) else ""
    else:
        trace_text = text
    frames = find_frames(trace_text) if trace_text else []
    # like the format parsers: exception/frames only for stack traces
    exception = find_exception(trace_text) if frames else None
    return Record(text=text, message=message, level=level, fields=fields,
                  exception=exception, frames=frames)

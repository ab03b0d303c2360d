"""Windows event logs exported as text (``wevtutil qe System /f:text``): one ``Event[N]:``
line, then ``  Key: value`` lines, then the description.

The first line says nothing but where a record starts, so :meth:`complete` reads the rest:
``Date`` is the time, ``Level`` the level, ``Source`` the source, ``Computer`` the host,
``Event ID`` and ``Log Name`` fields, and the description the message. The scan finds the
``Level:`` lines; the scanner widens each to its ``Event[N]:`` record.
"""

from __future__ import annotations

import re

from stacklens_desktop.core.formats.base import LogFormat
from stacklens_desktop.core.formats.header import Header
from stacklens_desktop.core.formats.levels import normalize_level
from stacklens_desktop.core.formats.regexutil import bytes_regex, start_regex

_EVENT = re.compile(r"Event\[(\d+)\]:\s*$")
_PAIR = re.compile(r"\s+([A-Za-z][A-Za-z ]*?):\s?(.*)$")
_LEVELS = {"Critical": "FATAL", "Error": "ERROR", "Warning": "WARN", "Information": "INFO",
           "Verbose": "DEBUG"}
_FIELDS = {"Event ID": "event_id", "Log Name": "log", "Task": "task", "Keyword": "keyword"}


class WindowsEventText(LogFormat):
    """``wevtutil`` text export."""

    name = "windows-event-text"
    start = start_regex(r"Event\[\d+\]:")
    warn_or_above = bytes_regex(r"  Level: (?:Warning|Error|Critical)\b")

    def parse(self, line: str) -> Header | None:
        return Header() if _EVENT.match(line.rstrip("\r\n")) else None

    def complete(self, header: Header, text: str) -> Header:
        lines = text.split("\n")
        if not _EVENT.match(lines[0]):
            return header
        done = Header(fields=dict(header.fields))
        for index, line in enumerate(lines[1:], 1):
            pair = _PAIR.match(line)
            if pair is None:
                continue
            key, value = pair.group(1), pair.group(2).strip()
            if key == "Description":
                done.message = value or _first_text(lines[index + 1:])
                break
            self._take(done, key, value)
        return done

    @staticmethod
    def _take(done: Header, key: str, value: str) -> None:
        if key == "Date":
            done.timestamp = value or None
        elif key == "Level":
            done.level = _LEVELS.get(value) or normalize_level(value)
        elif key == "Source":
            done.source = value or None
        elif key == "Computer":
            done.host = value or None
        elif key in _FIELDS and value and value != "N/A":
            done.fields[_FIELDS[key]] = int(value) if value.isdigit() else value


def _first_text(lines: list[str]) -> str:
    return next((line.strip() for line in lines if line.strip()), "")


WINDOWS_EVENT_TEXT = WindowsEventText()

"""Syslog: RFC 5424, and RFC 3164 / the BSD files in /var/log (with or without ``<PRI>``)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from stacklens_desktop.core.formats.base import LogFormat
from stacklens_desktop.core.formats.header import Header
from stacklens_desktop.core.formats.keywords import WARN_OR_ABOVE as KEYWORD_WARN
from stacklens_desktop.core.formats.keywords import keyword_level
from stacklens_desktop.core.formats.level_scales import SYSLOG as SYSLOG_SCALE
from stacklens_desktop.core.formats.regexutil import bytes_regex, start_regex, word_trie

#: Every priority (facility * 8 + severity) whose severity is warning (4) or worse.
_WARN_PRI = word_trie(str(pri) for pri in range(192) if pri % 8 <= 4)
PRI_WARN: re.Pattern[bytes] = bytes_regex(rf"<{_WARN_PRI}>")


def pri_level(pri: str | None) -> str | None:
    if pri is None or not pri.isdigit() or int(pri) > 191:
        return None
    return SYSLOG_SCALE.read(int(pri) % 8)


_NIL = "-"
_SD_ELEMENT = re.compile(r'\[([^\s\]=]+)((?:\s+[^\s=\]]+="(?:[^"\\]|\\.)*")*)\s*\]')
_SD_PARAM = re.compile(r'([^\s=\]]+)="((?:[^"\\]|\\.)*)"')
_SD_UNESCAPE = re.compile(r"\\([\"\\\]])")
_5424 = re.compile(
    r"<(?P<pri>\d{1,3})>(?P<ver>\d{1,2}) (?P<ts>\S+) (?P<host>\S+) (?P<app>\S+) (?P<procid>\S+)"
    # possessive quantifiers: a long run of "[" without "]" fails in linear time
    r' (?P<msgid>\S+) (?P<sd>-|(?:\[(?:[^\]"\\]++|"(?:[^"\\]++|\\.)*+"|\\.)*+\])++)'
    r"(?: (?P<msg>.*))?$"
)


def structured_data(text: str) -> dict[str, dict[str, str]]:
    """``[id k="v"][id2 ...]`` → ``{"id": {"k": "v"}, "id2": {...}}``."""
    out: dict[str, dict[str, str]] = {}
    for element in _SD_ELEMENT.finditer(text):
        params = {k: _SD_UNESCAPE.sub(r"\1", v) for k, v in _SD_PARAM.findall(element.group(2))}
        out[element.group(1)] = params
    return out


class Syslog5424(LogFormat):
    """``<165>1 2003-10-11T22:14:15.003Z host app procid msgid [sd] msg``."""

    name = "syslog-5424"
    start = start_regex(r"<\d{1,3}>\d{1,2} ")
    warn_or_above = PRI_WARN

    def parse(self, line: str) -> Header | None:
        m = _5424.match(line.rstrip("\r\n"))
        if m is None:
            return None
        fields: dict[str, object] = {}
        for key in ("procid", "msgid"):
            if m.group(key) != _NIL:
                fields[key] = m.group(key)
        if m.group("sd") != _NIL:
            fields.update(structured_data(m.group("sd")))
        message = (m.group("msg") or "").removeprefix("\ufeff")
        return Header(
            message=message,
            timestamp=_nil(m.group("ts")),
            level=pri_level(m.group("pri")),
            source=_nil(m.group("app")),
            host=_nil(m.group("host")),
            fields=fields,
        )


def _nil(value: str) -> str | None:
    return None if value == _NIL else value


_BSD_TS = (
    r"[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d"  # Oct 11 22:14:15 (no year: kept as written)
    r"|\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)"  # rsyslog's RFC 3339 files
)
_3164 = re.compile(
    rf"(?:<(?P<pri>\d{{1,3}})>)?(?P<ts>{_BSD_TS}) (?P<host>[^\s\[]\S*) "
    # the tag names a program (it starts with a letter): "192.168.1.9:2817" after a host is
    # an address, and such a line is not syslog (AWS ELB writes that shape)
    r"(?P<app>[A-Za-z_][^\s:\[]*)(?:\[(?P<pid>\d+)\])?: ?(?P<msg>.*)$"
)


class Syslog3164(LogFormat):
    """``<34>Oct 11 22:14:15 host su[123]: msg``; /var/log/syslog has no ``<PRI>``.

    Without a priority the level comes from keywords in the message (``error:``).
    """

    name = "syslog"
    start = start_regex(rf"(?:<\d{{1,3}}>)?(?:{_BSD_TS}) ")

    def __init__(self, warn_or_above: re.Pattern[bytes] | None = None) -> None:
        # Unspecialised: either priorities or keywords may carry the level.
        self.warn_or_above = warn_or_above or bytes_regex(
            "|".join([PRI_WARN.pattern.decode(), KEYWORD_WARN.pattern.decode()])
        )

    def parse(self, line: str) -> Header | None:
        m = _3164.match(line.rstrip("\r\n"))
        if m is None:
            return None
        pri, message = m.group("pri"), m.group("msg")
        ts = m.group("ts")
        return Header(
            message=message,
            timestamp=ts,
            level=pri_level(pri) if pri is not None else keyword_level(message),
            source=m.group("app"),
            host=m.group("host"),
            fields={"pid": int(m.group("pid"))} if m.group("pid") else {},
        )

    def specialize(self, sample: Sequence[str]) -> LogFormat:
        """Files either all carry ``<PRI>`` or none do: scan for one kind only."""
        parsed = [line for line in sample if self.parse(line) is not None]
        with_pri = sum(1 for line in parsed if line.startswith("<"))
        if not parsed or 0 < with_pri < len(parsed):
            return self
        return Syslog3164(PRI_WARN if with_pri else KEYWORD_WARN)


SYSLOG_5424 = Syslog5424()
SYSLOG = Syslog3164()

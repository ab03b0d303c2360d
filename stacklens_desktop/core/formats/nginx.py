"""nginx error log: ``2026/11/25 10:00:00 [error] 1234#1234: *5 msg, client: ..., host: "x"``."""

from __future__ import annotations

import re

from stacklens_desktop.core.formats.base import RegexFormat
from stacklens_desktop.core.formats.header import Header
from stacklens_desktop.core.formats.levels import spellings, warn_words
from stacklens_desktop.core.formats.regexutil import bytes_regex, start_regex, word_trie
from stacklens_desktop.core.formats.timestamps import iso_ymd

_LEVELS = spellings(("lower",), ("DEBUG", "INFO", "NOTICE", "WARN", "ERROR", "CRIT", "ALERT",
                                 "EMERG"))
_TS = r"\d{4}/\d\d/\d\d \d\d:\d\d:\d\d"
_LINE = (
    rf"(?P<ts>{_TS}) \[(?P<level>[a-z]+)\] (?:(?P<pid>\d+)#(?P<tid>\d+): )?"
    r"(?:\*(?P<connection>\d+) )?(?P<msg>.*)$"
)
#: nginx appends its context as ", key: value" pairs; the first key is one of these.
_CONTEXT_START = re.compile(
    r", (?=(?:client|server|login|upstream|request|host|referrer|subrequest): )"
)
_PAIR = re.compile(r', (?P<key>[a-z][a-z_]*): (?:"(?P<quoted>(?:[^"\\]|\\.)*)"|(?P<bare>[^,]*))')


def split_context(message: str) -> tuple[str, dict[str, str]]:
    """``(message, {"client": ..., "request": ...})``; unchanged when the tail is not pairs."""
    start = _CONTEXT_START.search(message)
    if start is None:
        return message, {}
    pairs: dict[str, str] = {}
    pos = start.start()
    while pos < len(message):
        m = _PAIR.match(message, pos)
        if m is None:
            return message, {}
        value = m.group("quoted")
        pairs[m.group("key")] = value.replace('\\"', '"') if value is not None else m.group("bare")
        pos = m.end()
    return message[: start.start()], pairs


class NginxErrorFormat(RegexFormat):
    def __init__(self) -> None:
        super().__init__(
            name="nginx-error",
            variants=[_LINE],
            start=start_regex(rf"{_TS} \["),
            warn_or_above=bytes_regex(r" \[" + word_trie(warn_words(_LEVELS)) + r"\] "),
            levels=_LEVELS,
            timestamp=iso_ymd,
        )

    def build(self, match: re.Match[str]) -> Header:
        header = super().build(match)
        header.source = "nginx"
        header.message, context = split_context(header.message)
        header.fields.update(context)
        return header


NGINX_ERROR = NginxErrorFormat()

"""log4j / logback layouts and the Spring Boot default console format."""

from __future__ import annotations

import re

from stacklens_desktop.core.formats.base import RegexFormat
from stacklens_desktop.core.formats.header import Header
from stacklens_desktop.core.formats.levels import spellings, warn_words
from stacklens_desktop.core.formats.regexutil import bytes_regex, start_regex, word_trie
from stacklens_desktop.core.formats.timestamps import iso_ymd

_LEVELS = spellings(words=("TRACE", "DEBUG", "INFO", "WARN", "WARNING", "ERROR", "FATAL",
                           "SEVERE", "FINE", "FINER", "FINEST", "CONFIG"))
_LVL = "|".join(sorted(_LEVELS, key=len, reverse=True))
_WARN = word_trie(warn_words(_LEVELS))
#: ``%d`` (``2026-11-25 10:00:00,123``), ISO8601 with ``T``/offset, or logback's time only.
_TS = r"(?:\d{4}-\d\d-\d\d[ T])?\d\d:\d\d:\d\d(?:[,.]\d{1,9})?(?:Z|[+-]\d\d:?\d\d)?"
_LOGGER = r"(?P<source>[\w$.]+)"


def _iso_or_time(ts: str) -> str:
    return iso_ymd(ts) if len(ts) > 10 and ts[4] == "-" else ts


_THREAD = r"\[(?P<thread>[^\]]*)\]"
_TAIL = r"(?::\d+)? +- (?P<msg>.*)$"  # logger, optional ":line", " - ", message
_LOG4J_VARIANTS = [
    # %d %-5p [%t] %c - %m   (log4j 1/2 classic)
    rf"(?P<ts>{_TS}) +(?P<level>{_LVL}) +{_THREAD} +{_LOGGER}{_TAIL}",
    # %d [%t] %-5level %logger{36} - %msg   (logback's default, log4j's "[%t] %-5p")
    rf"(?P<ts>{_TS}) +{_THREAD} +(?P<level>{_LVL}) +{_LOGGER}{_TAIL}",
    # %d %p %c{1.} [%t] %m   (log4j2's default pattern)
    rf"(?P<ts>{_TS}) +(?P<level>{_LVL}) +{_LOGGER} +{_THREAD} (?P<msg>.*)$",
    # %d %-5p %c - %m   (no thread)
    rf"(?P<ts>{_TS}) +(?P<level>{_LVL}) +{_LOGGER} +- (?P<msg>.*)$",
]

LOG4J = RegexFormat(
    name="log4j",
    variants=_LOG4J_VARIANTS,
    start=start_regex(rf"{_TS} "),
    # log4j and logback always write the level between spaces ("%-5p" pads with spaces).
    warn_or_above=bytes_regex(rf" {_WARN} "),
    levels=_LEVELS,
    timestamp=_iso_or_time,
)

_SPRING_TS = r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)?"
_SPRING = (
    rf"(?P<ts>{_SPRING_TS}) +(?P<level>{_LVL}) +(?P<pid>\d+) +--- +"
    # Tomcat's loggers hold brackets and slashes: o.a.c.c.C.[.[.[/].[dispatcherServlet]
    r"(?P<brackets>(?:\[[^\]]*+\] +)++)(?P<source>\S+) +: (?P<msg>.*)$"
)
_BRACKET = re.compile(r"\[([^\]]*)\]")
_CORRELATION = re.compile(r"\s*$|[0-9a-f]{16,32}-[0-9a-f]{8,16}\s*$")


class SpringBootFormat(RegexFormat):
    """``TS LEVEL PID --- [app] [thread] [correlation] logger : msg`` (Spring Boot 2 and 3)."""

    def __init__(self) -> None:
        super().__init__(
            name="spring-boot",
            variants=[_SPRING],
            start=start_regex(rf"{_SPRING_TS} +(?:{_LVL}) +\d+ +--- "),
            warn_or_above=bytes_regex(rf" {_WARN} +\d+ +--- "),
            levels=_LEVELS,
            timestamp=iso_ymd,
        )

    def build(self, match: re.Match[str]) -> Header:
        header = super().build(match)
        parts = [p.strip() for p in _BRACKET.findall(header.fields.pop("brackets", ""))]
        if len(parts) > 1 and _CORRELATION.match(parts[-1]):
            correlation = parts.pop()
            if correlation:
                header.fields["correlation"] = correlation
        if parts:
            header.fields["thread"] = parts.pop()
        if parts:
            header.fields["application"] = parts[0]
        return header


SPRING_BOOT = SpringBootFormat()

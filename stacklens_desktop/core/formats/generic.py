"""The fallback for unknown formats: a leading timestamp if any, level by keyword."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from stacklens_desktop.core.formats.base import LogFormat
from stacklens_desktop.core.formats.header import Header
from stacklens_desktop.core.formats.keywords import WARN_OR_ABOVE, keyword_level
from stacklens_desktop.core.formats.regexutil import start_regex
from stacklens_desktop.core.formats.timestamps import iso_compact, iso_ctime, iso_ymd, iso_yy
from stacklens_desktop.core.tracelines import CONTINUATION as TRACE_CONTINUATION

#: Timestamp families a line may start with: (name, pattern, conversion to ISO-8601).
FAMILIES: tuple[tuple[str, str, Callable[[str], str]], ...] = (
    ("iso", r"\d{4}[-/]\d\d[-/]\d\d[T ]\d\d:\d\d(?::\d\d(?:[.,]\d+)?)?(?: ?(?:Z|[+-]\d\d:?\d\d))?",
     iso_ymd),
    ("ctime", r"[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d(?:\.\d+)? \d{4}", iso_ctime),
    ("syslog", r"[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d(?:\.\d+)?", str),
    ("clf", r"\d\d/[A-Z][a-z]{2}/\d{4}:\d\d:\d\d:\d\d(?: [+-]\d{4})?", str),
    ("yymmdd", r"\d\d/\d\d/\d\d \d\d:\d\d:\d\d(?:[.,]\d+)?", iso_yy),  # Spark, Hadoop
    ("compact", r"\d{6} \d{6}(?:[.,]\d+)?", iso_compact),  # HDFS: 081109 203615
    ("time", r"\d\d:\d\d:\d\d(?:[.,]\d+)?", str),
)
_TS_PREFIX = re.compile(
    r"(?P<open>[\[(])?(?:"
    + "|".join(f"(?P<{name}>{pattern})" for name, pattern, _ in FAMILIES)
    + r")(?(open)[\])])(?![\w:])[\s|:-]*"
)
_CONVERT = {name: convert for name, _, convert in FAMILIES}

#: Lines that continue a record (stack frames, traceback lines ...): see ``core.tracelines``.
CONTINUATION = TRACE_CONTINUATION
_IS_CONTINUATION = start_regex(CONTINUATION)


def split_timestamp(line: str) -> tuple[str | None, str]:
    """``(ISO timestamp or the written one, rest of the line)``; ``(None, line)`` if none."""
    m = _TS_PREFIX.match(line)
    if m is None:
        return None, line
    family = next(name for name, _, _ in FAMILIES if m.group(name) is not None)
    return _CONVERT[family](m.group(family)), line[m.end():]


#: A full date and time inside a line's header (after a file name, a host, a pid): the
#: ISO shape only, looked for in the first :data:`_HEADER_CHARS` characters.
_INNER_ISO = re.compile(r"(?<![\w.:-])" + FAMILIES[0][1] + r"(?![\w:])")
_HEADER_CHARS = 80


def inner_timestamp(line: str) -> str | None:
    """The ISO date and time written inside the header of a line not led by one
    (``nova-api.log 2017-05-16 00:00:00.008 25746 INFO ...``), or None."""
    m = _INNER_ISO.search(line, 0, _HEADER_CHARS)
    return iso_ymd(m.group()) if m is not None and ":" in m.group() else None


class GenericFormat(LogFormat):
    """Every line parses: never None. ``start`` follows a timestamp family when the file's
    lines begin with one, else it takes any line that does not look like a continuation."""

    name = "generic"
    warn_or_above = WARN_OR_ABOVE

    def __init__(self, start_pattern: str | None = None) -> None:
        self.start = start_regex(start_pattern or f"(?!{CONTINUATION})")

    def parse(self, line: str) -> Header:
        line = line.rstrip("\r\n")
        timestamp, rest = split_timestamp(line)
        if timestamp is None:
            timestamp = inner_timestamp(line)
        return Header(message=rest.strip(), timestamp=timestamp, level=keyword_level(rest))

    def specialize(self, sample: Sequence[str]) -> LogFormat:
        """Lines led by one timestamp family: a record starts exactly at such a line.

        Counted among the lines that could begin a record: a sample that is mostly stack
        traces still has its records begin at the stamped lines."""
        sample = [line for line in sample
                  if not _IS_CONTINUATION.match(line.encode("utf-8", "replace"))] or sample
        counts = {name: 0 for name, _, _ in FAMILIES}
        for line in sample:
            m = _TS_PREFIX.match(line)
            if m is not None:
                counts[next(name for name in counts if m.group(name) is not None)] += 1
        family, hits = max(counts.items(), key=lambda item: item[1])
        if hits * 2 < len(sample):
            return self
        pattern = dict((name, pattern) for name, pattern, _ in FAMILIES)[family]
        return GenericFormat(rf"[\[(]?{pattern}")


GENERIC = GenericFormat()

"""Choosing a file's format from a sample, and parsing a line whatever happens."""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence

from stacklens_desktop.core.formats.apache import APACHE_ERROR
from stacklens_desktop.core.formats.base import LogFormat
from stacklens_desktop.core.formats.dotnet import MEL_CONSOLE, NLOG, SERILOG
from stacklens_desktop.core.formats.generic import CONTINUATION, GENERIC
from stacklens_desktop.core.formats.header import Header
from stacklens_desktop.core.formats.java import LOG4J, SPRING_BOOT
from stacklens_desktop.core.formats.jsonlines import JSON_LINES
from stacklens_desktop.core.formats.klog import KLOG
from stacklens_desktop.core.formats.levels import spellings, warn_words
from stacklens_desktop.core.formats.logfmt import LOGFMT
from stacklens_desktop.core.formats.mongodb import MONGODB_TEXT
from stacklens_desktop.core.formats.nginx import NGINX_ERROR
from stacklens_desktop.core.formats.pos import POS
from stacklens_desktop.core.formats.python_logging import ASCTIME, BASIC
from stacklens_desktop.core.formats.regexutil import bytes_regex, start_regex, word_trie
from stacklens_desktop.core.formats.ruby import RUBY_LOGGER
from stacklens_desktop.core.formats.sqlserver import SQLSERVER_ERRORLOG
from stacklens_desktop.core.formats.syslog import SYSLOG, SYSLOG_5424
from stacklens_desktop.core.formats.winevent import WINDOWS_EVENT_TEXT

#: Known formats, most specific first: on equal counts the earlier one wins (a log4j line
#: ``TS ERROR [main] c.s.Foo - msg`` also reads as Python's ``TS LEVEL [name] msg``).
FORMATS: tuple[LogFormat, ...] = (
    POS, SPRING_BOOT, LOG4J, ASCTIME, BASIC, SERILOG, NLOG, MEL_CONSOLE, RUBY_LOGGER, KLOG,
    MONGODB_TEXT,
    SQLSERVER_ERRORLOG, WINDOWS_EVENT_TEXT, NGINX_ERROR, APACHE_ERROR, SYSLOG_5424, SYSLOG,
    JSON_LINES, LOGFMT,
)
SAMPLE_SIZE = 50
#: A format must read at least this share of the sample's record-like lines.
MIN_SHARE = 0.2
_CONTINUATION = start_regex(CONTINUATION)
#: every spelling of a level at WARN or above, in any case (``ERR``, ``wrn``, ``Fatal`` ...)
_ANY_WARN_WORD = bytes_regex(word_trie(warn_words(spellings(("upper", "lower", "title")))))
#: ANSI colour and terminal codes (CSI sequences, OSC titles and links)
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")


def detect_format(sample_lines: Sequence[str], limit: int = SAMPLE_SIZE) -> LogFormat:
    """The format that parses most of the first ``limit`` non-empty lines, else generic.

    Stack frames and traceback lines parse in no format; they do not count against one.
    """
    raw = [line.rstrip("\r\n") for line in sample_lines if line.strip()][:limit]
    if not raw:
        return GENERIC
    sample = [strip_ansi(line) for line in raw]
    fmt = _best_format(sample)
    if sample == raw:
        return fmt
    if fmt is not GENERIC and not _starts_raw_lines(fmt, raw):
        fmt = GENERIC.specialize(sample)  # colour codes inside the header: stamps lead
    return _scanning_coloured_levels(fmt)


def _scanning_coloured_levels(fmt: LogFormat) -> LogFormat:
    """A copy whose chunk scan also finds level words wrapped in colour codes (``[\\x1b[31m
    ERR\\x1b[0m]``): the format's scan, or any WARN-or-above word (parsing confirms)."""
    wider = copy.copy(fmt)
    own = fmt.warn_or_above
    wider.warn_or_above = re.compile(
        b"(?:" + own.pattern + b")|(?:" + _ANY_WARN_WORD.pattern + b")", own.flags)
    return wider


def strip_ansi(text: str) -> str:
    """``text`` without ANSI colour and terminal codes."""
    return ANSI.sub("", text) if "\x1b" in text else text


def _starts_raw_lines(fmt: LogFormat, raw: Sequence[str]) -> bool:
    """Does the format's record start match the lines as written (codes and all)?"""
    heads = [line for line in raw if not _CONTINUATION.match(line.encode("utf-8", "replace"))]
    hits = sum(1 for line in heads if fmt.start.match(line.encode("utf-8", "replace")))
    return hits * 2 >= len(heads)


def _best_format(sample: list[str]) -> LogFormat:
    best, best_count = None, 0
    for fmt in FORMATS:
        count = sum(1 for line in sample if fmt.parse(line) is not None)
        if count > best_count:
            best, best_count = fmt, count
    heads = sum(1 for line in sample if not _CONTINUATION.match(line.encode("utf-8", "replace")))
    if best is None or best_count < MIN_SHARE * max(heads, 1):
        return GENERIC.specialize(sample)
    return best.specialize(sample)


def format_by_name(name: str) -> LogFormat:
    """The (unspecialised) format called ``name``; KeyError when unknown."""
    for fmt in (*FORMATS, GENERIC):
        if fmt.name == name:
            return fmt
    raise KeyError(name)


def line_format(line: str) -> LogFormat:
    """The first known format that reads ``line`` on its own, else the generic one."""
    return next((fmt for fmt in FORMATS if fmt.parse(line) is not None), GENERIC)


def parse_line(line: str) -> Header:
    """A line on its own (no file around it): its header in :func:`line_format`, the
    format :func:`detect_format` picks for a one-line sample. Stops at the first format
    that reads it: this runs per record in ``classify``."""
    for fmt in FORMATS:
        header = fmt.parse(line)
        if header is not None:
            return header
    return GENERIC.parse(line)


def parse_any(line: str, fmt: LogFormat | None = None) -> Header:
    """Never None: ``fmt``'s header if the line is one, else the generic reading."""
    if fmt is not None:
        header = fmt.parse(line)
        if header is not None:
            return header
    return GENERIC.parse(line)


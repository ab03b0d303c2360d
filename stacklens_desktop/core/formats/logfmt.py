"""logfmt (Go's logrus, go-kit, Heroku): ``time=... level=error msg="..." key=value``."""

from __future__ import annotations

import re
from collections.abc import Sequence

from stacklens_desktop.core.formats.base import LogFormat
from stacklens_desktop.core.formats.header import Header
from stacklens_desktop.core.formats.jsonlines import from_object
from stacklens_desktop.core.formats.levels import spellings, warn_words
from stacklens_desktop.core.formats.regexutil import bytes_regex, start_regex, word_trie

_PAIR = re.compile(r'([A-Za-z_@][\w.@/-]*)=("(?:[^"\\]|\\.)*"|[^\s"]*)(?:\s+|$)')
_ESCAPE = re.compile(r"\\(.)")
_HEADER_KEYS = frozenset({"level", "lvl", "severity", "msg", "message", "time", "ts", "t"})
LEVEL_KEYS = ("level", "lvl", "severity")
_ANY_CASE = spellings(("upper", "lower", "title"))


def warn_regex(keys: Sequence[str]) -> re.Pattern[bytes]:
    return bytes_regex(word_trie(keys) + '="?' + word_trie(warn_words(_ANY_CASE)) + r'(?=[\s"])')


def pairs(line: str) -> dict[str, str] | None:
    """The key=value pairs of ``line``, or None when the line is not made only of pairs."""
    out: dict[str, str] = {}
    pos, end = 0, len(line)
    while pos < end:
        m = _PAIR.match(line, pos)
        if m is None:
            return None
        value = m.group(2)
        if value.startswith('"'):
            value = _ESCAPE.sub(r"\1", value[1:-1])
        out[m.group(1)] = value
        pos = m.end()
    return out


class LogfmtFormat(LogFormat):
    """Known keys (as for JSON lines) fill the header; other pairs become ``fields``."""

    name = "logfmt"
    start = start_regex(r'[A-Za-z_@][\w.@/-]*=(?:"|[^\s"]*(?:\s|$))')

    def __init__(self, level_keys: Sequence[str] = LEVEL_KEYS) -> None:
        self.level_keys = tuple(level_keys)
        self.warn_or_above = warn_regex(self.level_keys)

    def parse(self, line: str) -> Header | None:
        found = pairs(line.strip())
        if not found or len(found) < 2 or _HEADER_KEYS.isdisjoint(found):
            return None
        return from_object(dict(found))

    def specialize(self, sample: Sequence[str]) -> LogFormat:
        used = {key for line in sample for key in LEVEL_KEYS if f"{key}=" in line}
        return LogfmtFormat(sorted(used)) if len(used) == 1 else self


LOGFMT = LogfmtFormat()

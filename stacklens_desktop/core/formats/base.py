"""The ``LogFormat`` interface and the regex-driven implementation most formats share."""

from __future__ import annotations

import copy
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence

from stacklens_desktop.core.formats.header import Header


class LogFormat(ABC):
    """One log format: header parsing plus two bytes regexes for scanning whole chunks.

    ``start`` is compiled with ``re.MULTILINE`` and begins with ``^``: ``start.match(chunk,
    pos)`` at a line start tells whether that line begins a new record (lines that do not
    are continuations: stack frames, traceback lines). Every line that :meth:`parse` accepts
    matches ``start``.

    ``warn_or_above`` finds, with ``finditer`` over a chunk, candidate lines at WARN level
    and above: each match starts inside such a line. It never misses a line that
    :meth:`parse` reads at WARN or above, but may hit a few other lines (a level word
    quoted in a message), so callers confirm with the parsed level. Patterns begin with a
    literal where possible so ``re`` can skip ahead quickly (see ``tests/bench``).
    """

    name: str
    start: re.Pattern[bytes]
    warn_or_above: re.Pattern[bytes]
    #: see :class:`~stacklens_desktop.core.scanner.ScanFormat`; most formats have none
    joins_next: re.Pattern[bytes] | None = None

    @abstractmethod
    def parse(self, line: str) -> Header | None:
        """The header of ``line``, or None when the line is not a header of this format."""

    def specialize(self, sample: Sequence[str]) -> LogFormat:
        """A variant tuned to a file's sample (e.g. its JSON level key); default: self."""
        return self

    def complete(self, header: Header, text: str) -> Header:
        """The header of the whole record ``text`` when its first line gave no message.

        By default the message is the first non-blank line below, read as this format's
        header when it is one: Rails logs an exception as ``FATAL -- :`` with the error on
        the next line, .NET's console logger indents the message under ``fail: Cat[0]``,
        SQL Server writes ``Error: 18456, Severity: 14, State: 8.`` and then the error's
        text. A format that writes its fields on the lines below reads them here instead.
        """
        for line in text.split("\n")[1:]:
            if line.strip():
                below = self.parse(line)
                header.message = (below.message.strip() if below else "") or line.strip()
                break
        return header

    def __repr__(self) -> str:
        return f"<LogFormat {self.name}>"


#: Builds the header from a match; the default takes the named groups.
HeaderBuilder = Callable[[re.Match[str]], Header]


class RegexFormat(LogFormat):
    """A format described by a few full-line regexes tried in order.

    Named groups ``ts``, ``level``, ``source``, ``host`` and ``msg`` fill the header; every
    other named group that matched goes into ``fields``. ``levels`` maps the level words
    this format writes to normalised levels; ``timestamp`` converts the written time.

    ``variant_warns`` (optional, one per variant) are narrower scan patterns: when a file's
    sample uses a single variant, :meth:`specialize` keeps only that variant and its scan
    pattern, which can lead with a longer literal and so run faster.
    """

    def __init__(
        self,
        name: str,
        variants: Sequence[str],
        start: re.Pattern[bytes],
        warn_or_above: re.Pattern[bytes],
        levels: dict[str, str],
        timestamp: Callable[[str], str] = str,
        variant_warns: Sequence[re.Pattern[bytes]] = (),
    ) -> None:
        self.name = name
        self.start = start
        self.warn_or_above = warn_or_above
        self._variants = tuple(re.compile(v) for v in variants)
        self._levels = levels
        self._timestamp = timestamp
        self._variant_warns = tuple(variant_warns)

    def specialize(self, sample: Sequence[str]) -> LogFormat:
        if not self._variant_warns:
            return self
        used = {self._variant_of(line) for line in sample} - {None}
        if len(used) != 1:
            return self
        index = used.pop()
        assert index is not None
        narrow = copy.copy(self)
        narrow._variants = (self._variants[index],)
        narrow._variant_warns = ()
        narrow.warn_or_above = self._variant_warns[index]
        return narrow

    def _variant_of(self, line: str) -> int | None:
        line = line.rstrip("\r\n")
        for index, regex in enumerate(self._variants):
            if regex.match(line):
                return index
        return None

    def parse(self, line: str) -> Header | None:
        line = line.rstrip("\r\n")
        for regex in self._variants:
            match = regex.match(line)
            if match is not None:
                return self.build(match)
        return None

    def build(self, match: re.Match[str]) -> Header:
        groups = match.groupdict()
        pop = groups.pop
        ts = pop("ts", None)
        word = pop("level", None)
        header = Header(
            self._timestamp(ts) if ts else None,
            self._levels.get(word) if word else None,
            pop("source", None),
            pop("host", None),
            pop("msg", None) or "",
        )
        if groups:  # most formats have no other groups: skip building an empty dict twice
            header.fields = {key: _field_value(val) for key, val in groups.items() if val}
        return header


def _field_value(text: str) -> str | int:
    """Numbers (pid, tid, connection) as ints; everything else as written."""
    return int(text) if text.isdigit() and len(text) < 19 else text.strip()

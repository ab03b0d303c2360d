"""Apache httpd error log, 2.4 (``[core:error] [pid N:tid M]``) and 2.2 (``[error]``) styles."""

from __future__ import annotations

import re

from stacklens_desktop.core.formats.base import RegexFormat
from stacklens_desktop.core.formats.header import Header
from stacklens_desktop.core.formats.levels import spellings, warn_words
from stacklens_desktop.core.formats.regexutil import bytes_regex, start_regex, word_trie
from stacklens_desktop.core.formats.timestamps import iso_ctime

_LEVELS = spellings(("lower",), ("EMERG", "ALERT", "CRIT", "ERROR", "WARN", "NOTICE", "INFO",
                                 "DEBUG", *(f"TRACE{n}" for n in range(1, 9))))
_TS = r"[A-Z][a-z]{2} [A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d(?:\.\d+)? \d{4}"
_LINE = (
    rf"\[(?P<ts>{_TS})\] \[(?:(?P<source>[\w-]*):)?(?P<level>[a-z]+\d?)\] "
    r"(?:\[pid (?P<pid>\d+)(?::tid (?P<tid>\d+))?\] )?(?P<msg>.*)$"
)
#: ``[client 1.2.3.4:5678] `` and ``[remote ...] `` may follow the pid or an OS error text.
_PEER = re.compile(r"\[(?P<key>client|remote) (?P<value>[^\]]+)\] ")
_CODE = re.compile(r"(?P<code>AH\d{5}): ")


class ApacheErrorFormat(RegexFormat):
    def __init__(self) -> None:
        super().__init__(
            name="apache-error",
            variants=[_LINE],
            start=start_regex(rf"\[{_TS}\] \["),
            warn_or_above=bytes_regex(r"[\[:]" + word_trie(warn_words(_LEVELS)) + r"\] "),
            levels=_LEVELS,
            timestamp=iso_ctime,
        )

    def build(self, match: re.Match[str]) -> Header:
        header = super().build(match)
        message = header.message
        for peer in _PEER.finditer(message):
            header.fields[peer.group("key")] = peer.group("value")
        message = _PEER.sub("", message)
        code = _CODE.search(message)
        if code is not None:
            header.fields["code"] = code.group("code")
            message = message[: code.start()] + message[code.end():]
        header.message = message
        if not header.source:
            header.source = None
        return header


APACHE_ERROR = ApacheErrorFormat()

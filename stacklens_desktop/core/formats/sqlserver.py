"""SQL Server's ``ERRORLOG``: ``2026-11-25 10:01:12.45 Logon       Login failed ...``.

An error is two lines with the same time and source: ``Error: 18456, Severity: 14, State:
8.`` then its text. The first line is a record start that takes the next line into its
record (``joins_next``); its header has no message of its own, so the record's message is
the text on the second line, and the error number, severity and state become fields. The
level follows the severity: up to 10 informational, 11-19 errors, 20-25 fatal. (The file
itself is usually UTF-16, which the readers transcode.)
"""

from __future__ import annotations

import re

from stacklens_desktop.core.formats.base import RegexFormat
from stacklens_desktop.core.formats.header import Header
from stacklens_desktop.core.formats.regexutil import bytes_regex, start_regex
from stacklens_desktop.core.formats.timestamps import iso_ymd

#: two digits of fractions: SQL Server's own, and what tells its lines from other logs'
_TS = r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d\d"
_ERROR_LINE = r"Error: \d+, Severity: \d+, State: \d+\.?"
_ERROR = re.compile(r"Error: (\d+), Severity: (\d+), State: (\d+)\.?\s*$")


def level_of(severity: int) -> str:
    if severity <= 10:
        return "INFO"
    return "ERROR" if severity <= 19 else "FATAL"


class SqlServerErrorLog(RegexFormat):
    """The ERRORLOG lines; error lines read as their error number, severity and state."""

    def __init__(self) -> None:
        super().__init__(
            name="sqlserver-errorlog",
            variants=[rf"(?P<ts>{_TS}) (?P<source>\S+) +(?P<msg>.*)$"],
            start=start_regex(rf"{_TS} \S+ "),
            warn_or_above=bytes_regex(r"Error: \d+, Severity: (?:1[1-9]|2\d),"),
            levels={},
            timestamp=iso_ymd,
        )
        self.joins_next = bytes_regex(rf"{_TS} \S+ +{_ERROR_LINE}[ \t\r]*$", re.MULTILINE)

    def build(self, match: re.Match[str]) -> Header:
        header = super().build(match)
        error = _ERROR.match(header.message)
        if error is not None:
            number, severity, state = (int(group) for group in error.groups())
            header.fields = {"error": number, "severity": severity, "state": state}
            header.level = level_of(severity)
            header.message = ""  # the error's text is the next line (the record's message)
        return header


SQLSERVER_ERRORLOG = SqlServerErrorLog()

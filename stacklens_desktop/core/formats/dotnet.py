""".NET logging: Serilog's default templates, NLog's default layout, the console logger.

(log4net's default ``%date [%thread] %-5level %logger - %message`` is log4j's layout and
reads as :data:`~stacklens_desktop.core.formats.java.LOG4J`.)
"""

from __future__ import annotations

from stacklens_desktop.core.formats.base import RegexFormat
from stacklens_desktop.core.formats.levels import spellings, warn_words
from stacklens_desktop.core.formats.regexutil import bytes_regex, start_regex, word_trie
from stacklens_desktop.core.formats.timestamps import iso_ymd

#: ``{Level:u3}``: VRB DBG INF WRN ERR FTL.
_U3 = spellings(words=("VRB", "DBG", "INF", "WRN", "ERR", "FTL"))
_U3_LVL = "|".join(_U3)
_U3_WARN = word_trie(warn_words(_U3))
#: ``yyyy-MM-dd HH:mm:ss.fff zzz`` (the offset is written ``+01:00``).
_SERILOG_TS = r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)?(?: [+-]\d\d:\d\d)?"
_CLOCK = r"\d\d:\d\d:\d\d"

_SERILOG_LAYOUTS: list[tuple[str, str]] = [
    # file sink: {Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {Message:lj}
    (rf"(?P<ts>{_SERILOG_TS}) \[(?P<level>{_U3_LVL})\] (?P<msg>.*)$", rf" \[{_U3_WARN}\] "),
    # console sink: [{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}
    (rf"\[(?P<ts>{_CLOCK}) (?P<level>{_U3_LVL})\] (?P<msg>.*)$", rf" {_U3_WARN}\] "),
]


def _serilog_time(ts: str) -> str:
    return iso_ymd(ts) if len(ts) > 8 else ts


SERILOG = RegexFormat(
    name="serilog",
    variants=[line for line, _ in _SERILOG_LAYOUTS],
    start=start_regex(rf"{_SERILOG_TS} \[|\[{_CLOCK} "),
    warn_or_above=bytes_regex(rf"[ \[]{_U3_WARN}\] "),
    levels=_U3,
    timestamp=_serilog_time,
    variant_warns=[bytes_regex(scan) for _, scan in _SERILOG_LAYOUTS],
)

#: ``${level:uppercase=true}``: NLog's level names.
_NLOG_LEVELS = spellings(words=("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL"))
_NLOG_WARN = word_trie(warn_words(_NLOG_LEVELS))

#: ``${longdate}|${level:uppercase=true}|${logger}|${message}`` (NLog's default layout).
NLOG = RegexFormat(
    name="nlog",
    variants=[rf"(?P<ts>\d{{4}}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+)\|(?P<level>"
              rf"{'|'.join(_NLOG_LEVELS)})\|(?P<source>[^|]*)\|(?P<msg>.*)$"],
    start=start_regex(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d+\|"),
    warn_or_above=bytes_regex(rf"\|{_NLOG_WARN}\|"),
    levels=_NLOG_LEVELS,
    timestamp=iso_ymd,
)

#: Microsoft.Extensions.Logging's console formatter: its four-letter level names.
_MEL_LEVELS = {"trce": "TRACE", "dbug": "DEBUG", "info": "INFO", "warn": "WARN",
               "fail": "ERROR", "crit": "FATAL"}

#: ``fail: Pos.Api.OrdersController[0]`` with the message indented on the next line (the
#: record's message is then that line, see ``core.analyzer``); an optional timestamp first
#: (``TimestampFormat``).
MEL_CONSOLE = RegexFormat(
    name="dotnet-console",
    variants=[rf"(?:(?P<ts>{_SERILOG_TS}) )?(?P<level>{'|'.join(_MEL_LEVELS)}): "
              r"(?P<source>[^\s\[]+)\[(?P<event_id>\d+)\](?: (?P<msg>.*))?$"],
    start=start_regex(rf"(?:{_SERILOG_TS} )?(?:{'|'.join(_MEL_LEVELS)}): [^\s\[]+\[\d+\]"),
    warn_or_above=bytes_regex(r"(?:warn|fail|crit): [^\s\[]+\[\d+\]"),
    levels=_MEL_LEVELS,
    timestamp=iso_ymd,
)

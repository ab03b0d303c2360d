"""Python ``logging`` output: the default ``LEVEL:name:msg`` and the usual asctime formats."""

from __future__ import annotations

from stacklens_desktop.core.formats.base import RegexFormat
from stacklens_desktop.core.formats.levels import spellings, warn_words
from stacklens_desktop.core.formats.regexutil import bytes_regex, start_regex, word_trie
from stacklens_desktop.core.formats.timestamps import iso_ymd

#: ``levelname`` values: upper case always (``logging.addLevelName`` aside).
_LEVELS = spellings(words=("CRITICAL", "FATAL", "ERROR", "WARNING", "WARN", "INFO", "DEBUG",
                           "NOTSET"))
_LVL = "|".join(sorted(_LEVELS, key=len, reverse=True))
_WARN = word_trie(warn_words(_LEVELS))
#: ``asctime``: ``2026-11-25 10:00:00,123`` by default; a ``T`` or ``.`` from custom datefmts.
_TS = r"\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:[,.]\d+)?"

#: ``%(levelname)s:%(name)s:%(message)s`` (``logging.basicConfig()``).
BASIC = RegexFormat(
    name="python-basic",
    variants=[rf"(?P<level>{_LVL}):(?P<source>[^:\s]*):(?P<msg>.*)$"],
    start=start_regex(rf"(?:{_LVL}):[^:\s]*:"),
    warn_or_above=bytes_regex(rf"{_WARN}:[^:\s]*:"),
    levels=_LEVELS,
)

#: (line regex, narrow scan regex) per asctime-led layout.
_LAYOUTS: list[tuple[str, str]] = [
    # %(asctime)s - %(name)s - %(levelname)s - %(message)s  (the logging cookbook's)
    (rf"(?P<ts>{_TS}) - (?P<source>\S+) - (?P<level>{_LVL}) - (?P<msg>.*)$", rf" - {_WARN} - "),
    # %(asctime)s - %(levelname)s - %(message)s
    (rf"(?P<ts>{_TS}) - (?P<level>{_LVL}) - (?P<msg>.*)$", rf" - {_WARN} - "),
    # %(asctime)s %(levelname)s [%(name)s] %(message)s  (also %(levelname)-8s)
    (rf"(?P<ts>{_TS}) (?P<level>{_LVL}) +\[(?P<source>[^\]\s]+)\] (?P<msg>.*)$",
     rf" {_WARN} +\["),
    # %(asctime)s [%(levelname)s] %(name)s: %(message)s
    (rf"(?P<ts>{_TS}) \[(?P<level>{_LVL})\] (?P<source>[\w.]+): (?P<msg>.*)$",
     rf" \[{_WARN}\] "),
    # Flask's default: [%(asctime)s] %(levelname)s in %(module)s: %(message)s
    (rf"\[(?P<ts>{_TS})\] (?P<level>{_LVL}) in (?P<source>[\w.]+): (?P<msg>.*)$",
     rf"\] {_WARN} in "),
    # %(asctime)s %(levelname)s %(name)s: %(message)s  (also %(levelname)-8s); logger names
    # start lower-case, so "ERROR Payment: declined" stays a message
    (rf"(?P<ts>{_TS}) (?P<level>{_LVL}) +(?P<source>[a-z_][\w.]*): (?P<msg>.*)$",
     rf" {_WARN} "),
    # Celery workers: [%(asctime)s: %(levelname)s/%(processName)s] %(message)s
    (rf"\[(?P<ts>{_TS}): (?P<level>{_LVL})/(?P<process>[^\]]+)\] (?P<msg>.*)$",
     rf": {_WARN}/"),
    # gunicorn: [%(asctime)s] [%(process)d] [%(levelname)s] %(message)s, time with its offset
    (rf"\[(?P<ts>{_TS}(?: [+-]\d{{4}})?)\] \[(?P<pid>\d+)\] \[(?P<level>{_LVL})\] "
     rf"(?P<msg>.*)$", rf"\] \[{_WARN}\] "),
]

#: The asctime-led formats (one file uses one of them: ``specialize`` narrows the scan).
ASCTIME = RegexFormat(
    name="python",
    variants=[line for line, _ in _LAYOUTS],
    start=start_regex(rf"\[?{_TS}[ \]:]"),
    # Every layout writes " LEVEL ", " [LEVEL] " or (Celery) ": LEVEL/": one pattern for all.
    warn_or_above=bytes_regex(rf"(?: \[?|: ){_WARN}[\]/ ]"),
    levels=_LEVELS,
    timestamp=iso_ymd,
    variant_warns=[bytes_regex(scan) for _, scan in _LAYOUTS],
)

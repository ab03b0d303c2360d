"""Level names of every dialect, normalised onto ``core.record.LEVELS``."""

from __future__ import annotations

from collections.abc import Iterable

from stacklens_desktop.core.formats.level_scales import numeric_default
from stacklens_desktop.core.record import LEVEL_RANK, WARN_RANK

#: Every spelling we accept (upper case) and the normalised level it means.
ALIASES: dict[str, str] = {
    "TRACE": "TRACE", "FINEST": "TRACE", "FINER": "TRACE", "VERBOSE": "TRACE", "VRB": "TRACE",
    **{f"TRACE{n}": "TRACE" for n in range(1, 9)},  # Apache trace1..trace8
    "DEBUG": "DEBUG", "FINE": "DEBUG", "CONFIG": "DEBUG", "DBG": "DEBUG", "NOTSET": "DEBUG",
    "INFO": "INFO", "INFORMATION": "INFO", "INFORMATIONAL": "INFO", "INF": "INFO",
    "NOTICE": "NOTICE",
    "WARN": "WARN", "WARNING": "WARN", "WRN": "WARN",
    "ERROR": "ERROR", "ERR": "ERROR",
    "FATAL": "FATAL", "CRITICAL": "FATAL", "CRIT": "FATAL", "SEVERE": "FATAL",
    "EMERG": "FATAL", "EMERGENCY": "FATAL", "ALERT": "FATAL", "PANIC": "FATAL",
    "DPANIC": "FATAL", "FTL": "FATAL",
}



def normalize_level(word: str) -> str | None:
    """Any case: ``"warning"`` → ``"WARN"``; numeric strings as :func:`numeric_level`."""
    level = ALIASES.get(word.strip().upper())
    if level is None and word.isdigit():
        return numeric_level(int(word))
    return level


def numeric_level(value: int) -> str | None:
    """0..7 are syslog severities (GELF, journald), 10..69 bunyan/pino levels (a format
    that declares its scale reads it instead: ``level_scales``)."""
    return numeric_default(value)


def is_warn_or_above(level: str | None) -> bool:
    return level is not None and LEVEL_RANK[level] >= WARN_RANK


def spellings(case_forms: Iterable[str] = ("upper",), words: Iterable[str] = ()) -> dict[str, str]:
    """Accepted spellings → normalised level, in the given letter cases only.

    Regex formats accept only the cases their writers use (log4j writes ``ERROR``, nginx
    ``error``). The WARN-or-above regex is built from the same table, so a line parses at
    WARN or above exactly when that regex can find its level word.
    """
    names = list(words) or list(ALIASES)
    table: dict[str, str] = {}
    for name in names:
        for case in case_forms:
            form = {"upper": name, "lower": name.lower(), "title": name.title()}[case]
            table[form] = ALIASES[name]
    return table


def warn_words(table: dict[str, str]) -> list[str]:
    """The spellings of ``table`` at WARN level and above."""
    return [word for word, level in table.items() if LEVEL_RANK[level] >= WARN_RANK]

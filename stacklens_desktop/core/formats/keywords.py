"""Level by keyword, for lines of no known format (and syslog lines without a priority).

Accepted forms, the leftmost one in the line wins: upper-case whole words (``ERROR``,
``WARNING``), bracketed words in upper, lower or title case (``[error]``, ``<Warn>``),
lower- or title-case words before a colon (``error:``, ``Warning:``), and key-value pairs
(``level=error``, ``severity: WARN``).
"""

from __future__ import annotations

import re

from stacklens_desktop.core.formats.levels import spellings, warn_words
from stacklens_desktop.core.formats.regexutil import bytes_regex, word_trie

WORDS = ("TRACE", "DEBUG", "INFO", "NOTICE", "WARN", "WARNING", "ERROR", "ERR", "FATAL",
         "CRITICAL", "CRIT", "SEVERE", "EMERG", "ALERT", "PANIC")
UPPER = spellings(("upper",), WORDS)
ANY_CASE = spellings(("upper", "lower", "title"), WORDS)
SMALL = spellings(("lower", "title"), WORDS)

_KEYWORD = re.compile(
    rf"(?<![\w-])(?P<u>{word_trie(UPPER)})(?![\w-])"
    rf"|[\[<(](?P<b>{word_trie(ANY_CASE)})[\]>)]"
    rf"|(?<![\w-])(?P<c>{word_trie(SMALL)}):"
    rf"|\b(?:level|lvl|severity|loglevel)[=:] ?\"?(?P<k>{word_trie(ANY_CASE)})\b"
)

#: Superset of the lines :func:`keyword_level` reads at WARN or above: any WARN+ spelling,
#: context ignored (the caller confirms with the parsed level).
WARN_OR_ABOVE: re.Pattern[bytes] = bytes_regex(word_trie(warn_words(ANY_CASE)))


def keyword_level(text: str) -> str | None:
    """The level named by the leftmost level keyword of ``text``, or None."""
    match = _KEYWORD.search(text)
    return None if match is None else ANY_CASE[match.group(match.lastgroup or "u")]

"""Masking: replace the variable parts of a message by ``<*>`` before clustering.

All rules live in ONE compiled alternation so a message is scanned once, in C. Every rule
matches only the variable text itself (context is expressed with look-arounds), so the
replacement is always the bare mask and the masked values come out in message order.
Alternatives are tried left to right at each position: the more specific shapes (URLs,
e-mails, UUIDs, timestamps, addresses, paths) come before the generic number rule.
"""

from __future__ import annotations

import re

MASK = "<*>"
#: Text that a message may contain literally and would be confused with a mask.
_LITERAL_MASK_STAND_IN = "<_>"

_RULES: tuple[tuple[str, str], ...] = (
    ("url", r"\b[a-zA-Z][a-zA-Z0-9+.\-]*://[^\s\"'<>]+"),
    ("email", r"\b[\w.+\-]+@[\w\-]+(?:\.[\w\-]+)+\b"),
    ("uuid", r"\b[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\b"),
    # a value after ``key=`` unless it is a plain word (``true``, ``ACTION_UP``, ``root``)
    ("key_value", r"(?<=[\w\]]=)(?![A-Za-z_]+(?:[\s,;&\"'()\[\]{}<>]|$))[^\s,;&\"'()\[\]{}<>]+"),
    (
        "datetime",
        r"\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}"
        r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![\w])",
    ),
    (
        "calendar_date",
        r"\b(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s+)?"
        r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:,?\s+\d{4})?"
        r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?(?:\s+(?:[A-Z]{1,4}T|UTC|GMT))?)?"
        r"(?:\s+\d{4})?(?![\w:])",
    ),
    ("time", r"(?<![\w:])\d{1,2}:\d{2}:\d{2}(?:[.,:]\d+)?(?![\w:])"),
    ("ipv4", r"(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?(?![\w.])"),
    ("ipv6_mac", r"(?<![\w:])(?:[0-9a-fA-F]{1,4}:){2,}[0-9a-fA-F]{1,4}(?![\w:])"),
    ("host_port", r"\b[A-Za-z][\w\-]*(?:\.[\w\-]+)+:\d{1,5}\b"),
    ("win_path", r"\b[A-Za-z]:\\[^\s\"'<>|,;]*"),
    ("unix_path", r"(?<![\w/.<])\.{0,2}(?:/[\w.\-@%+~$#]+){2,}/?(?:\?[^\s\"'<>]*)?"),
    ("hex", r"\b0[xX][0-9a-fA-F]+\b"),
    ("hex_id", r"\b(?=[A-Fa-f]*\d)(?:[0-9a-f]{6,}|[0-9A-F]{6,}|[0-9a-fA-F]{12,})\b"),
    (
        "quantity",
        r"[<>~]?\d+(?:\.\d+)?(?:\s?(?:[KMGTP]i?B|[kKMG]bps|ms|us|µs|ns|secs?|mins?)"
        r"|(?:[KMGTP]|s|h|d))\b",
    ),
    # one-word quoted values; longer quoted text goes through the other rules word by word
    ("double_quoted", r"(?<=\")[^\"\s]+(?=\")"),
    ("single_quoted", r"(?:(?<=^')|(?<=[\s=(\[,:]'))[^'\s]+(?='(?:\W|$))"),
    # any run of digits, also inside words: eth0 and eth1 are one shape (eth<*>)
    ("number", r"(?:(?<![A-Za-z0-9])-)?\d+(?:[.,]\d+)*"),
)

#: Leader dots (``depth..........0``) separate a label from its value.
_LEADER_DOTS = re.compile(r"\.{3,}")

MASK_PATTERN: re.Pattern[str] = re.compile("|".join(f"(?:{rule})" for _, rule in _RULES))


def mask(message: str) -> tuple[str, list[str]]:
    """Return ``(masked message, masked values in order)``.

    >>> mask("Product 999 has no price")
    ('Product <*> has no price', ['999'])
    """
    if MASK in message:
        message = message.replace(MASK, _LITERAL_MASK_STAND_IN)
    if "..." in message:
        message = _LEADER_DOTS.sub(" ", message)
    values: list[str] = []
    append = values.append

    def _replace(match: re.Match[str]) -> str:
        append(match.group())
        return MASK

    return MASK_PATTERN.sub(_replace, message), values

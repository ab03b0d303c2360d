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

#: ``(name, text the message must contain for the rule to apply, regex)``. Possessive
#: quantifiers (``++``) stop the engine from backtracking into runs that cannot match.
_RULES: tuple[tuple[str, str, str], ...] = (
    ("url", "://", r"\b[a-zA-Z][a-zA-Z0-9+.\-]*+://[^\s\"'<>]++"),
    # a bracketed or braced list, whatever its length: one value
    ("list", "", r"\[[^\[\],]*+,[^\[\]]*+\]|\{[^{},]*+,[^{}]*+\}|\[[\d\s.:;-]*+\]"),
    # user@database, object@identity: one value (an e-mail needs a dotted domain)
    ("user_at", "@", r"\b[A-Za-z_][\w.\-]*+@[\w\-]++(?![\w.@])"),
    ("email", "@", r"\b[\w.+\-]++@[\w\-]++(?:\.[\w\-]++)++"),
    ("uuid", "", r"\b[0-9a-fA-F]{8}(?:-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}\b"),
    (
        "datetime",
        "",
        r"\b\d{4}[-/.]\d{1,2}[-/.]\d{1,2}"
        r"(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?(?![\w])",
    ),
    (
        "calendar_date",
        "",
        r"\b(?=[A-Z][a-z])(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*+,?\s+)?"
        r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*+\.?\s+\d{1,2}(?:,?\s+\d{4})?"
        r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?(?:\s+(?:[A-Z]{1,4}T|UTC|GMT))?)?"
        r"(?:\s+\d{4})?(?![\w:])",
    ),
    ("time", "", r"(?<![\w:])\d{1,2}:\d{2}:\d{2}(?:[.,:]\d+)?(?![\w:])"),
    ("ipv4", "", r"(?<![\w.])\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?(?![\w.])"),
    ("ipv6_mac", "", r"(?<![\w:])(?:[0-9a-fA-F]{1,4}:){2,}[0-9a-fA-F]{1,4}(?![\w:])"),
    ("host_port", "", r"\b[A-Za-z][\w\-]*+(?:\.[\w\-]++)++:\d{1,5}\b"),
    # dotted names: hosts (db-1.shop.example), classes (org.apache.X); not constants that
    # end in an upper-case name (android.intent.action.SCREEN_ON)
    (
        "dotted_name",
        "",
        r"\b(?![\w\-$.]*?\.[A-Z][A-Z\d_]++(?![\w.\-$(]))"
        r"[A-Za-z_][\w\-$]*+(?:\.[A-Za-z_][\w\-$]*+){2,}+(?![\w.\-$(])",
    ),
    ("win_path", "\\", r"\b[A-Za-z]:\\[^\s\"'<>|,;]*+"),
    ("unix_path", "/", r"(?<![\w/.<])\.{0,2}(?:/[\w.\-@%+~$#]++){2,}/?(?:\?[^\s\"'<>]*+)?"),
    ("hex", "", r"\b0[xX][0-9a-fA-F]++\b"),
    # generated name suffixes (Kubernetes pods: web-7d9f8b6c4-x2z9k) and long base36 ids
    (
        "hash_id",
        "",
        r"(?<=[a-z\d]-)(?=[a-z]*+\d)(?=\d*+[a-z])[a-z\d]{5}(?![\w\-.])"
        r"|\b(?=[A-Za-z]*+\d)(?=\d*+[A-Za-z])[A-Za-z\d]{20,}\b",
    ),
    # hex ids need a digit and a letter (plain numbers go to the number rule, decimals too)
    (
        "hex_id",
        "",
        r"\b(?=[A-Fa-f]*+\d)(?=\d*+[A-Fa-f])(?:[0-9a-f]{6,}|[0-9A-F]{6,}|[0-9a-fA-F]{12,})\b",
    ),
    (
        "quantity",
        "",
        r"[<>~]?\d++(?:\.\d++)?(?:\s?(?:[KMGTP]?i?B|[kKMG]bps|ms|us|µs|ns|secs?|mins?)"
        r"|(?:[KMGTP]|s|h|d))\b",
    ),
    # one-word quoted values; longer quoted text goes through the other rules word by word
    # (a JSON key, quoted and followed by a colon, is structure and stays)
    ("double_quoted", '"', r"(?<=\")[^\"\s]++(?=\"(?!\s*:))"),
    ("single_quoted", "'", r"(?:(?<=^')|(?<=[\s=(\[,:]'))[^'\s]++(?='(?:\W|$))"),
    # any run of digits, also inside words: eth0 and eth1 are one shape (eth<*>)
    ("number", "", r"(?:(?<![A-Za-z0-9])-)?\d++(?:[.,]\d++)*+"),
)

#: Leader dots (``depth..........0``) separate a label from its value.
_LEADER_DOTS = re.compile(r"\.{3,}")
#: Digits right after a letter (``eth0``, ``an14``): the one rule that starts mid-word.
_IN_WORD_NUMBER = r"(?<=[A-Za-z])\d++(?:[.,]\d++)*+"
#: The "must contain" texts, in a fixed order (the key of a compiled variant): the rules'
#: and ``=`` (the key-value rule).
_NEEDS: tuple[str, ...] = ("://", "@", "=", "\\", "/", '"', "'")
assert {need for _, need, _ in _RULES if need} <= set(_NEEDS)


#: Which characters each rule can start on: L letter, D digit, P anything else.
_STARTS: dict[str, str] = {
    "url": "L", "email": "LDP", "uuid": "LD", "datetime": "D", "list": "P", "user_at": "L",
    "hash_id": "LD",
    "calendar_date": "L", "time": "D", "ipv4": "D", "ipv6_mac": "LD", "host_port": "L",
    "win_path": "L", "dotted_name": "L", "unix_path": "P", "hex": "D", "hex_id": "LD",
    "quantity": "DP",
    "double_quoted": "LDP", "single_quoted": "LDP", "number": "DP",
}
#: A plain word followed by a separator: no rule but calendar dates starts there.
_PLAIN_WORD = r"[A-Za-z]++(?:[\s,;!?)\]}]|$)"
#: The value after ``key=``, whatever it looks like (a word, hex without digits, nothing):
#: the key is the wording. Tried before every other rule.
_KEY_VALUE = (
    r"(?<=[\w\]]=)(?:[^\s,;&\"'()\[\]{}<>]++|(?=[\s,;&)\]}]|$))"
)
#: A letters-only name glued to a parenthesised ``key=value`` (``LOGIN(uid=0)``, or none
#: at all: ``(uid=0)``) is part of the value.
_GLUED_NAME = r"(?<!\S)[A-Za-z]*+(?=\([A-Za-z_]\w*+=[^\s()]*+\))"


def _alternation(rules: list[str]) -> str:
    return "|".join(f"(?:{rule})" for rule in rules)


def _compile(present: tuple[bool, ...]) -> re.Pattern[str]:
    """The combined pattern of the rules whose required text is present.

    Speed: the engine tries every alternative at every position, so positions are sorted
    first: inside a word (one look-behind fails), at a plain word (one look-ahead fails),
    then only the rules that can start on a letter, a digit, or another character.
    """
    have = {need for need, there in zip(_NEEDS, present, strict=True) if there}
    active = [(name, rule) for name, need, rule in _RULES if not need or need in have]

    def starting(kind: str) -> list[str]:
        return [rule for name, rule in active if kind in _STARTS[name]]

    calendar = dict(active)["calendar_date"]
    letters = [rule for rule in starting("L") if rule != calendar]
    branches = [
        f"(?=[A-Za-z])(?:{calendar}|(?!{_PLAIN_WORD})(?:{_alternation(letters)}))",
        f"(?=\\d)(?:{_alternation(starting('D'))})",
        f"(?![A-Za-z\\d\\s])(?:{_alternation(starting('P'))})",
    ]
    key_value = f"{_KEY_VALUE}|" if "=" in have else ""
    return re.compile(f"{key_value}{_GLUED_NAME}|(?<![A-Za-z])(?:{'|'.join(branches)})"
                      f"|{_IN_WORD_NUMBER}")


#: Compiled variants by which required texts a message contains (few in practice).
_VARIANTS: dict[tuple[bool, ...], re.Pattern[str]] = {}
MASK_PATTERN: re.Pattern[str] = _compile(tuple(True for _ in _NEEDS))
# pattern_for() spells the checks out (a generator costs more than the regex it saves)


def pattern_for(message: str) -> re.Pattern[str]:
    """The combined pattern with only the rules that can apply to ``message``."""
    present = (
        "://" in message,
        "@" in message,
        "=" in message,
        "\\" in message,
        "/" in message,
        '"' in message,
        "'" in message,
    )
    found = _VARIANTS.get(present)
    if found is None:
        found = _VARIANTS[present] = _compile(present)
    return found


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

    return pattern_for(message).sub(_replace, message), values

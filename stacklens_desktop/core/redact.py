"""Scrub secrets and personal data from text before it leaves the machine.

Every string that goes into a Jira ticket passes through :func:`redact`. The rules err on the
side of hiding: a false positive costs a few masked characters in a ticket, a false negative
leaks a card number or a credential to a third-party server.

Order matters: credentials embedded in URLs are removed before e-mail detection (``user:pw@host``
looks like an address), and card numbers are masked last so that digits inside an already
redacted secret are not counted twice.
"""

from __future__ import annotations

import re
from collections.abc import Callable

MASK = "[REDACTED]"
EMAIL_MASK = "[REDACTED-EMAIL]"

# 13-19 digits, optionally grouped by single spaces or dashes, not glued to other word chars.
_CARD = re.compile(r"(?<![\w-])\d(?:[ -]?\d){12,18}(?![\w-])")

# "scheme://user:password@host" -> keep scheme and user, hide the password.
_URL_CREDENTIALS = re.compile(r"(?i)\b([a-z][a-z0-9+.-]*://[^\s/:@]+):([^\s/@]+)@")

_AUTH_HEADER = re.compile(r"(?i)\b(bearer|basic|token)(\s+)([A-Za-z0-9\-._~+/]{8,}=*)")

# name = value / name: value / "name": "value" where the name looks like a secret holder.
_SECRET_NAME = (
    r"[\w.-]*?(?:api[_-]?key|apikey|access[_-]?key|secret[_-]?key|private[_-]?key|"
    r"client[_-]?secret|auth[_-]?token|access[_-]?token|refresh[_-]?token|api[_-]?token|"
    r"token|secret|passw(?:or)?d|passwd|pwd|passphrase|credentials?)"
)
_SECRET_QUOTED = re.compile(
    rf"(?i)\b({_SECRET_NAME})([\"']?\s*[:=]\s*)([\"'])((?:\\.|(?!\3).)+)(\3)"
)
_SECRET_PAIR = re.compile(rf"(?i)\b({_SECRET_NAME})([\"']?\s*[:=]\s*)([^\s\"'&,;<>)\]}}]+)")
# "the key 3fa9...": a long hex/base64 blob shortly after a key/token/secret word.
_SECRET_AFTER_WORD = re.compile(
    r"(?i)\b(key|token|secret|password)\b([^\w\n]{1,3}(?:is\s+|was\s+)?)"
    r"([A-Fa-f0-9]{24,}|[A-Za-z0-9+/_-]{24,}={0,2})"
)
# Well-known self-identifying token shapes (matched anywhere).
_KNOWN_TOKENS = re.compile(
    r"\b(?:"
    r"AT(?:ATT|CTT|OAT)[A-Za-z0-9_\-=+/]{20,}"  # Atlassian API / OAuth tokens
    r"|ATBB[A-Za-z0-9_\-]{20,}"  # Bitbucket app passwords
    r"|(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{8,}"  # Stripe keys
    r"|whsec_[A-Za-z0-9]{16,}"
    r"|AKIA[0-9A-Z]{16}"  # AWS access key id
    r"|gh[pousr]_[A-Za-z0-9]{30,}"  # GitHub tokens
    r"|xox[abprs]-[A-Za-z0-9-]{10,}"  # Slack tokens
    r"|eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}"  # JWT
    r")"
)
_EMAIL = re.compile(
    r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
)


def luhn_valid(digits: str) -> bool:
    """The Luhn checksum every payment card number satisfies."""
    total = 0
    for index, char in enumerate(reversed(digits)):
        value = ord(char) - 48
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


def _mask_card(match: re.Match[str]) -> str:
    text = match.group(0)
    digits = [c for c in text if c.isdigit()]
    if not 13 <= len(digits) <= 19 or not luhn_valid("".join(digits)):
        return text
    keep_from = len(digits) - 4
    out: list[str] = []
    seen = 0
    for char in text:
        if char.isdigit():
            out.append(char if seen >= keep_from else "*")
            seen += 1
        else:
            out.append(char)
    return "".join(out)


def _keep_groups(*groups: int) -> Callable[[re.Match[str]], str]:
    """Replacement that keeps the given groups and masks the last one."""

    def replace(match: re.Match[str]) -> str:
        if match.group(len(groups) + 1).startswith("[REDACTED"):
            return match.group(0)
        return "".join(match.group(g) for g in groups) + MASK

    return replace


def _mask_quoted(match: re.Match[str]) -> str:
    if match.group(4).startswith("[REDACTED"):
        return match.group(0)
    return f"{match.group(1)}{match.group(2)}{match.group(3)}{MASK}{match.group(5)}"


def redact(text: str, *, emails: bool = True) -> str:
    """Return ``text`` with card numbers, credentials and (optionally) e-mails masked.

    Card numbers (Luhn-valid, 13-19 digits, spaces/dashes allowed) keep their last four
    digits; everything else becomes ``[REDACTED]`` / ``[REDACTED-EMAIL]``.
    """
    if not text:
        return text
    text = _URL_CREDENTIALS.sub(lambda m: f"{m.group(1)}:{MASK}@", text)
    text = _KNOWN_TOKENS.sub(MASK, text)
    text = _AUTH_HEADER.sub(_keep_groups(1, 2), text)
    text = _SECRET_QUOTED.sub(_mask_quoted, text)
    text = _SECRET_PAIR.sub(_keep_groups(1, 2), text)
    text = _SECRET_AFTER_WORD.sub(_keep_groups(1, 2), text)
    if emails:
        text = _EMAIL.sub(EMAIL_MASK, text)
    return _CARD.sub(_mask_card, text)

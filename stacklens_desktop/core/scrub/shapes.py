"""Secrets recognised by their shape in free text, whatever (or wherever) their name.

Each rule names the lower-case snippets a text must contain for the rule to run at all
(none: digits only), so a line pays for the regexes it could match, not for all of them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from stacklens_desktop.core.scrub.entropy import looks_like_credential, looks_random
from stacklens_desktop.core.scrub.luhn import luhn_valid
from stacklens_desktop.core.scrub.marks import MARK, card_mark, mark

Replace = Callable[[re.Match[str], str], str]


@dataclass(frozen=True)
class Shape:
    name: str
    triggers: tuple[str, ...]  # lower-case snippets; empty: always run
    regex: re.Pattern[str]
    replace: Replace
    #: needs a run of 13+ digits (cards, track data): the digit pre-check stands for it
    digit_run: bool = False

    def applies(self, lower: str) -> bool:
        return self.trigger is None or self.trigger.search(lower) is not None

    @property
    def trigger(self) -> re.Pattern[str] | None:
        return _TRIGGERS.get(self.triggers)

    def sub(self, text: str, salt: str) -> str:
        return self.regex.sub(lambda m: self.replace(m, salt), text)


def _whole(kind: str) -> Replace:
    return lambda m, salt: mark(kind, m.group(0), salt)


def _pem(m: re.Match[str], salt: str) -> str:
    kind = "private key" if "PRIVATE" in m.group(1) else "pem block"
    return mark(kind, m.group(0), salt)


def _url_userinfo(m: re.Match[str], salt: str) -> str:
    scheme, user, password = m.group(1), m.group(2), m.group(3)
    if not password or MARK.fullmatch(password):
        return m.group(0)
    if looks_random(user):
        user = mark("token", user, salt)
    return f"{scheme}{user}:{mark('password', password, salt)}@"


def _url_token_user(m: re.Match[str], salt: str) -> str:
    if not looks_random(m.group(2)):
        return m.group(0)
    return f"{m.group(1)}{mark('token', m.group(2), salt)}@"


def _scheme(m: re.Match[str], salt: str) -> str:
    value = m.group(3)
    if not looks_like_credential(value):
        return m.group(0)
    kind = "token" if m.group(1).lower() == "bearer" else "credential"
    return f"{m.group(1)}{m.group(2)}{mark(kind, value, salt)}"


def _code_word(m: re.Match[str], salt: str) -> str:
    word = m.group(1).lower()
    kind = "pin" if word == "pin" else "otp" if word[0] in "ov" else "cvv"
    return f"{m.group(1)}{m.group(2)}{mark(kind, m.group(3), salt)}"


def _card(m: re.Match[str], salt: str) -> str:
    digits = "".join(c for c in m.group(0) if c.isdigit())
    if not 13 <= len(digits) <= 19 or not luhn_valid(digits):
        return m.group(0)
    return card_mark(digits)


def _near_word(m: re.Match[str], salt: str) -> str:
    value = m.group(3)
    if not looks_random(value):
        return m.group(0)
    return f"{m.group(1)}{m.group(2)}{mark('secret', value, salt)}"


def _aws_secret(m: re.Match[str], salt: str) -> str:
    return mark("aws secret", m.group(0), salt) if looks_random(m.group(0)) else m.group(0)


_KNOWN_TOKENS = (
    r"\b(?:(?:AKIA|ASIA|AGPA|AIDA|AROA)[0-9A-Z]{16}"  # AWS access key ids
    r"|AIza[0-9A-Za-z_-]{35}"  # Google API keys
    r"|ya29\.[0-9A-Za-z_-]{20,}"  # Google OAuth access tokens
    r"|AT(?:ATT|CTT|OAT)[A-Za-z0-9_\-=+/]{20,}|ATBB[A-Za-z0-9_\-]{20,}"  # Atlassian
    r"|(?:sk|rk|pk)_(?:live|test)_[A-Za-z0-9]{8,}|whsec_[A-Za-z0-9]{16,}"  # Stripe
    r"|gh[pousr]_[A-Za-z0-9]{30,}|github_pat_[A-Za-z0-9_]{30,}|glpat-[A-Za-z0-9_-]{20}"
    r"|xox[abprs]-[A-Za-z0-9-]{10,})"  # Slack
)
_KNOWN_TRIGGERS = ("akia", "asia", "agpa", "aida", "aroa", "aiza", "ya29", "atatt", "atctt",
                   "atoat", "atbb", "_live_", "_test_", "whsec", "ghp_", "gho_", "ghu_", "ghs_",
                   "ghr_", "github_pat", "glpat", "xox")

SHAPES: tuple[Shape, ...] = (
    Shape("pem", ("-----begin",), re.compile(
        r"-----BEGIN ([A-Z0-9 ]+)-----(?:.|\n)*?(?:-----END \1-----|$)"), _pem),
    Shape("url userinfo", ("://",), re.compile(
        r"(?i)\b([a-z][a-z0-9+.-]{1,20}://)([^\s:/?#@\"'<>\[\]]*):([^\s\"'<>]*)@"
        r"(?=[\w\[])"), _url_userinfo),
    Shape("url token user", ("://",), re.compile(
        r"(?i)\b([a-z][a-z0-9+.-]{1,20}://)([^\s:/?#@\"'<>\[\]]{16,})@(?=[\w\[])"),
        _url_token_user),
    Shape("jwt", ("eyj",), re.compile(
        r"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]*"), _whole("jwt")),
    Shape("known token", _KNOWN_TRIGGERS, re.compile(_KNOWN_TOKENS), _whole("token")),
    Shape("aws secret", ("aws", "akia", "asia"), re.compile(
        r"(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])"), _aws_secret),
    Shape("auth scheme", ("bearer", "basic", "digest", "negotiate"), re.compile(
        r"(?i)\b(bearer|basic|digest|negotiate)(\s+)([A-Za-z0-9._~+/-]+=*)"), _scheme),
    Shape("track 1", ("^",), re.compile(
        r"(?a)%?[Bb]\d{13,19}\^[^^\n]{2,26}\^\d{4}[^\s?\"']*\??"), _whole("track data"), True),
    Shape("track 2", ("=",), re.compile(
        r"(?a);?(?<![\w])\d{13,19}=\d{4}\d{0,40}\??"), _whole("track data"), True),
    Shape("code word", ("cvv", "cvc", "cvn", "cid", "csc", "security", "pin", "otp",
                        "one-time", "verification"), re.compile(
        r"(?i)\b(cvv2?|cvc2?|cvn|cid|csc|security code|pin|otp|one-time code|"
        r"verification code)\b((?:\s+(?:is|was|code))?\s*[:=#\"'-]?\s*\"?)(\d{3,8})\b"),
        _code_word),
    Shape("card", (), re.compile(r"(?a)(?<![\w-])\d(?:[ -]?\d){12,18}(?![\w-])"), _card, True),
    Shape("near word", ("key", "secret", "token", "pass", "credential"), re.compile(
        r"(?i)\b(api[ _-]?key|key|secret|token|password|passwd|credentials?)s?\b"
        r"((?:\s+(?:is|was))?[\s:=\"']{0,3})([A-Za-z0-9+/_.~-]{16,}={0,2})"), _near_word),
)

EMAIL = Shape("email", ("@",), re.compile(
    r"(?<![\w.+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"),
    _whole("email"))

_TRIGGERS: dict[tuple[str, ...], re.Pattern[str]] = {
    s.triggers: re.compile("|".join(re.escape(t) for t in s.triggers))
    for s in (*SHAPES, EMAIL) if s.triggers}

#: Lower-case snippets at least one of which any shape above needs (besides digits).
SHAPE_TRIGGERS: tuple[str, ...] = tuple(sorted(
    {t for s in SHAPES if not s.digit_run for t in s.triggers}))

"""Judging a field name: is the value under it a secret, and of what kind?

Names are compared after lower-casing and dropping separators (``API-Key``, ``api_key`` and
``apiKey`` are one name). A name is secret when it is on the list, when its last word (or
last two) is (``db_password``, ``x-auth-token``, ``card.cvv``), or when it contains one of
the unambiguous words (``passwordHash``). ``tokenType`` or ``cacheKey`` are not secret.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_WORDS = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")
#: a last word that names something about a secret, not the secret (``SharedAccessKeyName``)
_ABOUT = frozenset({"name", "type", "length", "len", "expiry", "expires", "expiration", "ttl",
                    "url", "uri", "path", "file", "header", "required", "enabled", "count",
                    "policy", "format", "version", "age", "reset", "changed", "hint"})
_STRONG = ("password", "passwd", "secret", "apikey", "privatekey", "accesskey",
           "credential", "passphrase")

#: (kind, words in the normalised name that give it); the first that matches wins.
_KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("password", ("pass", "pwd")),
    ("cvv", ("cvv", "cvc", "cvn", "cid", "csc", "securitycode")),
    ("track data", ("track",)),
    ("pin", ("pin",)),
    ("otp", ("otp", "onetime", "verification")),
    ("ssn", ("ssn", "socialsecurity", "nationalid")),
    ("private key", ("privatekey",)),
    ("cookie", ("cookie",)),
    ("session", ("sess", "sid")),
    ("token", ("token",)),
    ("credential", ("auth", "credential")),
    ("key", ("key", "sig")),
)


def normalise(name: str) -> str:
    return "".join(c for c in name.lower() if c.isalnum())


class KeyJudge:
    """Secret-or-not for field names, remembered per name (names repeat endlessly)."""

    def __init__(self, keys: Iterable[str]) -> None:
        self._names = frozenset(normalise(k) for k in keys)
        self._seen: dict[str, str | None] = {}

    def kind(self, name: str) -> str | None:
        """The kind of secret a value under ``name`` is, or None when it is not one."""
        seen = self._seen.get(name, "")
        if seen != "":
            return seen
        if len(self._seen) > 4096:
            self._seen.clear()
        kind = self._judge(name)
        self._seen[name] = kind
        return kind

    def _judge(self, name: str) -> str | None:
        norm = normalise(name)
        if not norm or not self._secret(name, norm):
            return None
        for kind, words in _KINDS:
            if any(w in norm for w in words):
                return kind
        return "secret"

    def _secret(self, name: str, norm: str) -> bool:
        if norm in self._names:
            return True
        words = [w.lower() for w in _WORDS.findall(name)]
        if not words or words[-1] in _ABOUT:
            return False
        if any(s in norm for s in _STRONG):
            return True
        last = words[-1]
        singular = last[:-1] if len(last) > 4 and last.endswith("s") else last  # "tokens"
        return (last in self._names or singular in self._names
                or "".join(words[-2:]) in self._names)

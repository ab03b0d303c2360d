"""The scrubber: every rule of one :class:`ScrubRules`, compiled once, applied to text,
structured fields and records.

A record without any trigger (a digit run long enough for a card, or a lower-case snippet
some rule needs: a secret name, ``://``, ``eyj``, ``bearer``...) is returned untouched after
the pre-check (:mod:`.precheck`): that is the cost of most error lines.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from stacklens_desktop.core.record import Record
from stacklens_desktop.core.scrub.keys import KeyJudge, normalise
from stacklens_desktop.core.scrub.marks import card_mark, is_inert, mark
from stacklens_desktop.core.scrub.pairs import scrub_pairs
from stacklens_desktop.core.scrub.precheck import Precheck
from stacklens_desktop.core.scrub.rules import DEFAULT_KEYS, DEFAULT_RULES, ScrubRules
from stacklens_desktop.core.scrub.shapes import EMAIL, SHAPE_TRIGGERS, SHAPES, Shape

#: Stems every spelling of a default key contains (``api-key``, ``apiKey``, ``API_KEY``...).
_KEY_STEMS = ("pass", "pwd", "secret", "token", "key", "auth", "cookie", "sess", "cvv", "cvc",
              "cvn", "cid", "csc", "secur", "pin", "otp", "ssn", "track", "sig",
              "credential", "onetime", "one_time", "verification", "social", "national",
              "connect.sid", "connectsid", "connect_sid",
              "\\u")


def _compile(pattern: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise ValueError(f"scrub pattern {pattern!r} is not a valid regular expression: "
                         f"{exc}") from None


class Scrubber:
    """Replaces secrets with marks (see :mod:`.marks`) by name and by shape."""

    def __init__(self, rules: ScrubRules = DEFAULT_RULES) -> None:
        self.rules = rules
        self._salt = rules.hash_salt
        self._judge = KeyJudge(DEFAULT_KEYS + rules.extra_keys)
        self._shapes: tuple[Shape, ...] = SHAPES + ((EMAIL,) if rules.emails else ())
        self._extra = tuple(_compile(p) for p in rules.extra_patterns)
        stems = set(_KEY_STEMS) | set(SHAPE_TRIGGERS) | {normalise(k) for k in rules.extra_keys}
        stems |= {k.lower() for k in rules.extra_keys}
        if rules.emails:
            stems.add("@")
        self.needed = Precheck(stems, self._extra)
        """Could a text hold anything this scrubber replaces? (False: certainly not.)"""

    def text(self, text: str) -> str:
        if not text or not self.needed(text):
            return text
        return self._scrub(text)

    def _scrub(self, text: str) -> str:
        lower = text.lower()
        salt = self._salt
        for shape in self._shapes:
            if shape.name == "jwt":  # names after PEM blocks and URLs, before the rest
                text = scrub_pairs(text, self._judge, salt)
            if shape.applies(lower):
                text = shape.sub(text, salt)
        for pattern in self._extra:
            text = pattern.sub(lambda m: mark("secret", m.group(0), salt), text)
        return text

    def fields(self, fields: dict[str, Any]) -> dict[str, Any]:
        """A copy of structured fields with secret values replaced (nested ones too)."""
        return {key: self._field(key, value) for key, value in fields.items()}

    def _field(self, key: Any, value: Any) -> Any:
        kind = self._judge.kind(key) if isinstance(key, str) else None
        if kind is not None:
            if value is None or isinstance(value, bool):
                return value
            flat = value if isinstance(value, str) else repr(value)
            return value if is_inert(flat) else mark(kind, flat, self._salt)
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, dict):
            return self.fields(value)
        if isinstance(value, list):
            return [self._field(None, v) for v in value]
        if isinstance(value, int) and not isinstance(value, bool) and value >= 10**12:
            scrubbed = self.text(str(value))
            return value if scrubbed == str(value) else scrubbed
        return value

    def pair(self, name: str, value: str) -> str:
        """A value shown beside its field name (a ticket's parameter table)."""
        kind = self._judge.kind(name)
        if kind is not None and not is_inert(value):
            return mark(kind, value, self._salt)
        return self.text(value)

    def record(self, record: Record) -> Record:
        """Scrub a record in place (text, message, fields) and return it."""
        if not self.needed(record.text):
            return record
        record.text = self._scrub(record.text)
        record.message = self.text(record.message)
        if record.fields:
            record.fields = self.fields(record.fields)
        return record


@lru_cache(maxsize=16)
def scrubber_for(rules: ScrubRules) -> Scrubber:
    """The compiled scrubber of ``rules`` (rules are frozen: one compile per distinct set)."""
    return Scrubber(rules)


__all__ = ["Scrubber", "card_mark", "scrubber_for"]

"""Scrubbing secrets and personal data before anything is stored, shown or sent.

By name (a declared key list, judged in JSON, logfmt, key=value, HTTP headers and structured
fields) and by shape (card numbers, track data, PEM blocks, JWTs, cloud keys, bearer/basic
credentials, URL userinfo, random-looking values next to key/secret/token words). A secret
becomes a mark that keeps its kind and a short stable hash: ``[password #a1b2]``,
``[card ••••1111]``.
"""

from __future__ import annotations

from stacklens_desktop.core.record import Record
from stacklens_desktop.core.scrub.rules import DEFAULT_KEYS, DEFAULT_RULES, ScrubRules
from stacklens_desktop.core.scrub.scrubber import Scrubber, scrubber_for


def scrub_text(text: str, rules: ScrubRules = DEFAULT_RULES) -> str:
    return scrubber_for(rules).text(text)


def scrub_record(record: Record, rules: ScrubRules = DEFAULT_RULES) -> Record:
    return scrubber_for(rules).record(record)


__all__ = ["DEFAULT_KEYS", "DEFAULT_RULES", "ScrubRules", "Scrubber", "scrub_record",
           "scrub_text", "scrubber_for"]

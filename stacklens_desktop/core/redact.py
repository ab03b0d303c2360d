"""Scrub secrets and personal data from text before it leaves the machine.

Every string that goes into a Jira ticket, the app's log or the console passes through
:func:`redact`: the same rules that scrub each record before it is stored
(:mod:`stacklens_desktop.core.scrub`), applied once more to whatever is rendered.
"""

from __future__ import annotations

from dataclasses import replace

from stacklens_desktop.core.scrub import DEFAULT_RULES, ScrubRules, scrubber_for
from stacklens_desktop.core.scrub.luhn import luhn_valid

__all__ = ["luhn_valid", "redact", "redact_with"]


def redact(text: str, *, emails: bool = True) -> str:
    """``text`` with card numbers, credentials and (optionally) e-mails replaced by marks."""
    rules = DEFAULT_RULES if emails else replace(DEFAULT_RULES, emails=False)
    return scrubber_for(rules).text(text)


def redact_with(text: str, rules: ScrubRules) -> str:
    return scrubber_for(rules).text(text)

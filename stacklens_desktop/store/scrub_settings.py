"""The user's scrubbing settings in the profile (extra keys and patterns, the e-mail switch).

Card numbers, security codes, PINs and track data are scrubbed whatever these say.
"""

from __future__ import annotations

import json

from sqlalchemy import Engine

from stacklens_desktop.core.scrub.rules import (
    SETTING_KEY,
    ScrubRules,
    rule_problems,
    rules_from_json,
    rules_to_json,
)
from stacklens_desktop.store.errors import StoreError
from stacklens_desktop.store.executor import write


class ScrubSettingsError(StoreError):
    """The rules cannot be saved; the message says why."""


def load_scrub_rules(engine: Engine) -> ScrubRules:
    """The saved rules, or the defaults when none (or nothing valid) are saved."""
    with engine.connect() as conn:
        raw = conn.exec_driver_sql(
            "SELECT value FROM setting WHERE key = ?", (SETTING_KEY,)).scalar()
    try:
        data = json.loads(raw) if raw else {}
    except ValueError:
        data = {}
    return rules_from_json(data) if isinstance(data, dict) else ScrubRules()


def save_scrub_rules(engine: Engine, rules: ScrubRules) -> ScrubRules:
    problems = rule_problems(rules)
    if problems:
        raise ScrubSettingsError(" ".join(problems))
    value = json.dumps(rules_to_json(rules))
    write(engine, lambda conn: conn.exec_driver_sql(
        "INSERT INTO setting (key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (SETTING_KEY, value)))
    return rules

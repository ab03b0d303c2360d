"""The automation policy's settings, kept as JSON in the store's ``setting`` table."""

from __future__ import annotations

import json

from sqlalchemy import Engine

from stacklens_desktop.jira.policy import AutomationConfig
from stacklens_desktop.store.executor import write

SETTING_KEY = "jira.automation"


def load_automation_config(engine: Engine) -> AutomationConfig:
    """The saved policy, or the seed's defaults when nothing (valid) is saved."""
    with engine.connect() as conn:
        raw = conn.exec_driver_sql(
            "SELECT value FROM setting WHERE key = ?", (SETTING_KEY,)
        ).scalar()
    if not raw:
        return AutomationConfig()
    try:
        return AutomationConfig.from_json(json.loads(raw))
    except (ValueError, TypeError, AttributeError):
        return AutomationConfig()


def save_automation_config(engine: Engine, config: AutomationConfig) -> None:
    write(engine, lambda conn: conn.exec_driver_sql(
        "INSERT INTO setting (key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (SETTING_KEY, json.dumps(config.to_json())),
    ))

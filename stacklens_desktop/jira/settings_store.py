"""Jira connection settings kept in the profile: JSON in the store's ``setting`` table.

Everything in :class:`JiraSettings` is saved under ``jira.connection``; the API token is not
part of it (it lives in the OS keyring, see :mod:`stacklens_desktop.credentials`). Callers
apply the seed's ``JIRA_*`` environment overrides on top with :meth:`JiraSettings.with_env`
(or :func:`effective_jira_settings`).
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Engine

from stacklens_desktop.jira.config import JiraSettings
from stacklens_desktop.store.executor import write

SETTING_KEY = "jira.connection"
SEVERITIES = ("critical", "high", "medium", "low")
PROJECT_KEY = re.compile(r"^[A-Z][A-Z0-9_]{0,254}$")
_TEXT_FIELDS = ("base_url", "username", "project_key", "issue_type", "deployment",
                "default_assignee")


class JiraSettingsError(ValueError):
    """The settings cannot be saved; ``problems`` are sentences for the UI/CLI."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__(" ".join(problems))
        self.problems = problems


def settings_to_json(settings: JiraSettings) -> dict[str, Any]:
    """The saved form. :class:`JiraSettings` has no token field, so none can be written."""
    return {
        "base_url": settings.base_url,
        "username": settings.username,
        "project_key": settings.project_key,
        "issue_type": settings.issue_type,
        "deployment": settings.deployment,
        "default_assignee": settings.default_assignee,
        "components": list(settings.components),
        "priority_map": dict(settings.priority_map),
        "custom_fields": dict(settings.custom_fields),
        "redact_emails": settings.redact_emails,
        "connect_timeout": settings.connect_timeout,
        "read_timeout": settings.read_timeout,
    }


def settings_from_json(data: Mapping[str, Any]) -> JiraSettings:
    """Missing or mistyped keys keep their defaults; unknown keys are ignored."""
    base = JiraSettings()
    changes: dict[str, Any] = {
        name: data[name] for name in _TEXT_FIELDS if isinstance(data.get(name), str)
    }
    if isinstance(data.get("components"), list):
        changes["components"] = tuple(str(c) for c in data["components"])
    for name in ("priority_map", "custom_fields"):
        if isinstance(data.get(name), dict):
            changes[name] = {str(k): str(v) for k, v in data[name].items()}
    if isinstance(data.get("redact_emails"), bool):
        changes["redact_emails"] = data["redact_emails"]
    for name in ("connect_timeout", "read_timeout"):
        value = data.get(name)
        if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
            changes[name] = float(value)
    return dataclasses.replace(base, **changes)


def normalized(settings: JiraSettings) -> JiraSettings:
    """Trimmed text, no trailing slash on the URL, an upper-case project key."""
    return dataclasses.replace(
        settings,
        base_url=settings.base_url.strip().rstrip("/"),
        username=settings.username.strip(),
        project_key=settings.project_key.strip().upper(),
        issue_type=settings.issue_type.strip(),
        default_assignee=settings.default_assignee.strip(),
    )


def validation_problems(settings: JiraSettings) -> list[str]:
    """:meth:`JiraSettings.problems` plus what only matters when saving."""
    out = settings.problems()
    if settings.project_key and not PROJECT_KEY.match(settings.project_key):
        out.append("Jira project key must be letters, digits or _ and start with a letter "
                   f"(got {settings.project_key!r}).")
    if not settings.issue_type:
        out.append("Issue type must not be empty.")
    unknown = sorted(set(settings.priority_map) - set(SEVERITIES))
    if unknown:
        out.append(f"Priority map has unknown severities: {', '.join(unknown)} "
                   f"(use {', '.join(SEVERITIES)}).")
    if any(not str(v).strip() for v in settings.priority_map.values()):
        out.append("Priority map values must not be empty.")
    if settings.connect_timeout <= 0 or settings.read_timeout <= 0:
        out.append("Timeouts must be positive.")
    return out


def load_jira_settings(engine: Engine) -> JiraSettings:
    """The saved settings (no environment overrides), or the defaults when none are saved."""
    with engine.connect() as conn:
        raw = conn.exec_driver_sql(
            "SELECT value FROM setting WHERE key = ?", (SETTING_KEY,)
        ).scalar()
    if not raw:
        return JiraSettings()
    try:
        data = json.loads(raw)
    except ValueError:
        return JiraSettings()
    return settings_from_json(data) if isinstance(data, dict) else JiraSettings()


def effective_jira_settings(engine: Engine, env: Mapping[str, str] | None = None) -> JiraSettings:
    """Saved settings with the seed's ``JIRA_*`` variables winning."""
    return load_jira_settings(engine).with_env(env)


def save_jira_settings(engine: Engine, settings: JiraSettings) -> JiraSettings:
    """Validate, normalise and save; returns what was saved. Raises :class:`JiraSettingsError`."""
    clean = normalized(settings)
    problems = validation_problems(clean)
    if problems:
        raise JiraSettingsError(problems)
    write(engine, lambda conn: conn.exec_driver_sql(
        "INSERT INTO setting (key, value) VALUES (?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (SETTING_KEY, json.dumps(settings_to_json(clean))),
    ))
    return clean

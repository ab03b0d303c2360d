"""What each section's stored JSON looks like per version, and how older forms are read.

Version 1 is what profiles held before the schema existed: the same keys, no ``version``
field, and the watched sources as a bare JSON list. Every document written now carries
``"version": SETTINGS_VERSION``. Reading is lenient (a value that no longer validates keeps
its default, so a bad saved value never stops the app); saving is strict.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from stacklens_desktop.settings.automation_section import AutomationSection
from stacklens_desktop.settings.jira_section import JiraSection
from stacklens_desktop.settings.problems import SettingsError, sentences
from stacklens_desktop.settings.scrub_section import ScrubSection
from stacklens_desktop.settings.sources_section import SourcesSection

SETTINGS_VERSION = 2

#: The ``setting`` table's key of each section (the keys of version 1, kept).
JIRA_KEY = "jira.connection"
AUTOMATION_KEY = "jira.automation"
SCRUB_KEY = "scrub.rules"
SOURCES_KEY = "ui.sources"
SECTIONS: dict[str, type[BaseModel]] = {
    JIRA_KEY: JiraSection, AUTOMATION_KEY: AutomationSection, SCRUB_KEY: ScrubSection,
    SOURCES_KEY: SourcesSection,
}
S = TypeVar("S", bound=BaseModel)


def _sources_v1(data: Any) -> dict[str, Any]:
    return {"paths": [str(p) for p in data]} if isinstance(data, list) else {}


#: Per key, the step from version 1 to 2 (sections whose shape did not change: none).
_FROM_V1: dict[str, Callable[[Any], Any]] = {SOURCES_KEY: _sources_v1}


def stored_version(data: Any) -> int:
    if isinstance(data, dict) and isinstance(data.get("version"), int):
        return int(data["version"])
    return 1


def upgrade(key: str, data: Any) -> dict[str, Any]:
    """The stored JSON of ``key`` in the current shape (newer versions: read as they are)."""
    if stored_version(data) < 2:
        data = _FROM_V1.get(key, lambda d: d)(data)
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if k != "version"}


def decode(key: str, raw: str | None) -> BaseModel:
    """The section stored under ``key``; defaults for what is missing or no longer valid."""
    model = SECTIONS[key]
    try:
        data = upgrade(key, json.loads(raw)) if raw else {}
    except ValueError:
        data = {}
    return lenient(model, data)


def lenient(model: type[S], data: dict[str, Any]) -> S:
    """Validate; every top-level field that fails is dropped (its default is used)."""
    for _attempt in range(len(model.model_fields) + 1):
        try:
            return model.model_validate(data, context={"lenient": True})
        except ValidationError as exc:
            bad = {str(e["loc"][0]) for e in exc.errors() if e["loc"]}
            if not bad & set(data):
                break
            data = {k: v for k, v in data.items() if k not in bad}
    return model()


def strict(model: type[S], data: dict[str, Any]) -> S:
    """Validate for saving; :class:`SettingsError` with sentences when something is wrong."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        raise SettingsError(sentences(exc)) from None


def encode(section: BaseModel) -> str:
    return json.dumps({"version": SETTINGS_VERSION, **section.model_dump(mode="json")})


def outdated(raw: str | None) -> bool:
    """A stored document older than this version (to rewrite when the profile opens)."""
    if not raw:
        return False
    try:
        return stored_version(json.loads(raw)) < SETTINGS_VERSION
    except ValueError:
        return False

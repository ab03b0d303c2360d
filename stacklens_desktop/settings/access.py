"""Reading and saving the profile's settings on an engine (the SQL is in
:mod:`stacklens_desktop.store.settings_repo`). Each ``save_*`` validates first and raises
:class:`~stacklens_desktop.settings.problems.SettingsError` with sentences."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TypeVar

from pydantic import BaseModel
from sqlalchemy import Engine

from stacklens_desktop.core.scrub.rules import ScrubRules
from stacklens_desktop.jira.config import JiraSettings
from stacklens_desktop.jira.policy import AutomationConfig
from stacklens_desktop.settings.app_settings import AppSettings
from stacklens_desktop.settings.automation_section import AutomationSection
from stacklens_desktop.settings.jira_section import JiraSection
from stacklens_desktop.settings.problems import SettingsError
from stacklens_desktop.settings.scrub_section import ScrubSection
from stacklens_desktop.settings.sources_section import SourcesSection
from stacklens_desktop.settings.versions import (
    AUTOMATION_KEY,
    JIRA_KEY,
    SCRUB_KEY,
    SECTIONS,
    SOURCES_KEY,
    decode,
    encode,
    outdated,
    strict,
)
from stacklens_desktop.store import settings_repo

S = TypeVar("S", bound=BaseModel)


def load_settings(engine: Engine) -> AppSettings:
    """Every section in one query (defaults for what is not saved)."""
    raw = settings_repo.read_values(engine, SECTIONS)
    return AppSettings.model_validate({
        "jira": decode(JIRA_KEY, raw.get(JIRA_KEY)),
        "automation": decode(AUTOMATION_KEY, raw.get(AUTOMATION_KEY)),
        "scrub": decode(SCRUB_KEY, raw.get(SCRUB_KEY)),
        "sources": decode(SOURCES_KEY, raw.get(SOURCES_KEY)),
    })


def _load(engine: Engine, key: str, model: type[S]) -> S:
    section = decode(key, settings_repo.read_values(engine, [key]).get(key))
    assert isinstance(section, model)
    return section


def load_jira(engine: Engine) -> JiraSettings:
    """The saved connection (no environment overrides)."""
    return _load(engine, JIRA_KEY, JiraSection).to_runtime()


def effective_jira(engine: Engine, env: Mapping[str, str] | None = None) -> JiraSettings:
    """The saved connection with the seed's ``JIRA_*`` variables winning."""
    return load_jira(engine).with_env(env)


def load_policy(engine: Engine) -> AutomationConfig:
    """The saved automation policy; read per tick by the workers, so edits apply at once."""
    return _load(engine, AUTOMATION_KEY, AutomationSection).to_runtime()


def load_scrub(engine: Engine) -> ScrubRules:
    return _load(engine, SCRUB_KEY, ScrubSection).to_runtime()


def load_sources(engine: Engine) -> list[str]:
    return list(_load(engine, SOURCES_KEY, SourcesSection).paths)


def _save(engine: Engine, key: str, section: BaseModel) -> None:
    settings_repo.save_value(engine, key, encode(section))


def jira_problems(settings: JiraSettings) -> list[str]:
    """Why ``settings`` cannot be saved or used (sentences), or nothing."""
    try:
        return _complete(settings).to_runtime().problems()
    except SettingsError as exc:
        return exc.problems


def _complete(settings: JiraSettings) -> JiraSection:
    section = strict(JiraSection, JiraSection.fields_of(settings))
    problems = section.to_runtime().problems()
    if problems:
        raise SettingsError(problems)
    return section


def save_jira(engine: Engine, settings: JiraSettings) -> JiraSettings:
    """Validate (well-formed and complete), normalise, save; returns what was saved."""
    section = _complete(settings)
    _save(engine, JIRA_KEY, section)
    return section.to_runtime()


def save_policy(engine: Engine, config: AutomationConfig) -> AutomationConfig:
    section = strict(AutomationSection, AutomationSection.fields_of(config))
    _save(engine, AUTOMATION_KEY, section)
    return section.to_runtime()


def save_scrub(engine: Engine, rules: ScrubRules) -> ScrubRules:
    section = strict(ScrubSection, ScrubSection.fields_of(rules))
    _save(engine, SCRUB_KEY, section)
    return section.to_runtime()


def save_sources(engine: Engine, paths: Sequence[str]) -> None:
    _save(engine, SOURCES_KEY, SourcesSection(paths=tuple(paths)))


def migrate(engine: Engine) -> list[str]:
    """Rewrite every section stored by an older version in the current form; the keys done."""
    raw = settings_repo.read_values(engine, SECTIONS)
    done = [key for key, text in raw.items() if outdated(text)]
    for key in done:
        _save(engine, key, decode(key, raw[key]))
    return done

"""The profile: its folder and files, its store, and its settings (with change notification).

Opened once per process, off the GUI thread (the window's store worker, ``watch``), it is the
one place the app saves settings through, so every listener hears of every change made in
this process. Workers that act per tick also read the policy from the database each time
(:meth:`Profile.policy`), which covers edits made by another process (``stacklens jira
automation`` while ``watch`` runs).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from stacklens_desktop.core.scrub.rules import ScrubRules
from stacklens_desktop.jira.config import JiraSettings
from stacklens_desktop.jira.policy import AutomationConfig
from stacklens_desktop.paths import database_path, logs_dir
from stacklens_desktop.settings import access
from stacklens_desktop.settings.app_settings import AppSettings
from stacklens_desktop.settings.observers import Listener, SettingsObservers
from stacklens_desktop.settings.versions import (
    AUTOMATION_KEY,
    JIRA_KEY,
    SCRUB_KEY,
    SOURCES_KEY,
)
from stacklens_desktop.store import Store, StoreError, open_store

log = logging.getLogger("stacklens.profile")


class Profile:
    def __init__(self, data_dir: Path, store: Store) -> None:
        self.data_dir = data_dir
        self.store = store
        self._observers = SettingsObservers()

    @classmethod
    def open(cls, data_dir: Path) -> Profile:
        """Open the store and bring settings saved by an older version to the current form."""
        profile = cls(data_dir, open_store(data_dir))
        try:
            migrated = access.migrate(profile.engine)
        except (StoreError, SQLAlchemyError) as exc:  # read-only profile: read them as they are
            log.warning("settings not migrated: %s", exc)
        else:
            if migrated:
                log.info("settings migrated to the current version: %s", ", ".join(migrated))
        return profile

    # -- paths -------------------------------------------------------------------------
    @property
    def database(self) -> Path:
        return database_path(self.data_dir)

    @property
    def logs(self) -> Path:
        return logs_dir(self.data_dir)

    @property
    def engine(self) -> Engine:
        return self.store.engine

    # -- settings ----------------------------------------------------------------------
    @property
    def settings(self) -> AppSettings:
        """Every section as saved now (one query)."""
        return access.load_settings(self.engine)

    def jira_settings(self) -> JiraSettings:
        """The saved connection with the seed's ``JIRA_*`` variables winning."""
        return access.effective_jira(self.engine)

    def policy(self) -> AutomationConfig:
        return access.load_policy(self.engine)

    def scrub_rules(self) -> ScrubRules:
        return access.load_scrub(self.engine)

    def save_jira(self, settings: JiraSettings) -> JiraSettings:
        saved = access.save_jira(self.engine, settings)
        self._changed(JIRA_KEY)
        return saved

    def save_policy(self, config: AutomationConfig) -> AutomationConfig:
        saved = access.save_policy(self.engine, config)
        self._changed(AUTOMATION_KEY)
        return saved

    def save_scrub(self, rules: ScrubRules) -> ScrubRules:
        saved = access.save_scrub(self.engine, rules)
        self._changed(SCRUB_KEY)
        return saved

    def save_sources(self, paths: Sequence[str]) -> None:
        access.save_sources(self.engine, paths)
        self._changed(SOURCES_KEY)

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Hear of every section saved through this profile; returns the unsubscriber."""
        return self._observers.subscribe(listener)

    def _changed(self, key: str) -> None:
        self._observers.notify(key, self.settings)

    def close(self) -> None:
        self.store.close()

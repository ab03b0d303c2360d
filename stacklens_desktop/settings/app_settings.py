"""Every section of the profile's settings at one moment (what the dialog edits)."""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict, Field

from stacklens_desktop.core.scrub.rules import ScrubRules
from stacklens_desktop.jira.config import JiraSettings
from stacklens_desktop.jira.policy import AutomationConfig
from stacklens_desktop.settings.automation_section import AutomationSection
from stacklens_desktop.settings.jira_section import JiraSection
from stacklens_desktop.settings.scrub_section import ScrubSection
from stacklens_desktop.settings.sources_section import SourcesSection
from stacklens_desktop.settings.versions import SETTINGS_VERSION


class AppSettings(BaseModel):
    model_config = ConfigDict(frozen=True)

    version: int = SETTINGS_VERSION
    jira: JiraSection = Field(default_factory=JiraSection)
    automation: AutomationSection = Field(default_factory=AutomationSection)
    scrub: ScrubSection = Field(default_factory=ScrubSection)
    sources: SourcesSection = Field(default_factory=SourcesSection)

    def jira_settings(self, env: Mapping[str, str] | None = None) -> JiraSettings:
        """The saved connection with the seed's ``JIRA_*`` variables winning."""
        return self.jira.to_runtime().with_env(env)

    @property
    def policy(self) -> AutomationConfig:
        return self.automation.to_runtime()

    @property
    def scrub_rules(self) -> ScrubRules:
        return self.scrub.to_runtime()

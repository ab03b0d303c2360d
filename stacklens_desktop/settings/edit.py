"""What the settings dialog saves in one go, and its validation (pure: no store, no Qt)."""

from __future__ import annotations

from dataclasses import dataclass

from stacklens_desktop.core.scrub.rules import ScrubRules
from stacklens_desktop.jira.config import JiraSettings
from stacklens_desktop.jira.policy import AutomationConfig
from stacklens_desktop.settings.access import jira_problems
from stacklens_desktop.settings.automation_section import AutomationSection
from stacklens_desktop.settings.problems import SettingsError
from stacklens_desktop.settings.scrub_section import ScrubSection
from stacklens_desktop.settings.versions import strict


@dataclass(frozen=True)
class SettingsEdit:
    """``jira`` None: the connection was left as it was (nothing to validate or save)."""

    policy: AutomationConfig
    scrub: ScrubRules
    jira: JiraSettings | None = None

    def problems(self) -> list[str]:
        """Every sentence that stops the save, page by page."""
        out = jira_problems(self.jira) if self.jira is not None else []
        for model, fields in ((AutomationSection, AutomationSection.fields_of(self.policy)),
                              (ScrubSection, ScrubSection.fields_of(self.scrub))):
            try:
                strict(model, fields)
            except SettingsError as exc:
                out += exc.problems
        return out

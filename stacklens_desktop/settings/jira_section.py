"""The saved Jira connection (never the token: that lives in the OS keyring)."""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, StrictBool, field_validator

from stacklens_desktop.jira.config import DEPLOYMENTS, JiraSettings
from stacklens_desktop.jira.payloads import DEFAULT_PRIORITIES
from stacklens_desktop.jira.site_url import url_problem

SEVERITIES = ("critical", "high", "medium", "low")
PROJECT_KEY = re.compile(r"^[A-Z][A-Z0-9_]{0,254}$")


class JiraSection(BaseModel):
    """Field by field what :class:`JiraSettings` holds. Empty is valid (Jira not set up);
    whether it is complete enough to use is :meth:`JiraSettings.problems`."""

    model_config = ConfigDict(frozen=True, extra="ignore", str_strip_whitespace=True)

    base_url: str = ""
    username: str = ""
    project_key: str = ""
    issue_type: str = "Bug"
    deployment: str = "auto"
    default_assignee: str = ""
    components: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    priority_map: dict[str, str] = Field(default_factory=lambda: dict(DEFAULT_PRIORITIES))
    custom_fields: dict[str, str] = Field(default_factory=dict)
    redact_emails: StrictBool = True
    connect_timeout: float = 5.0
    read_timeout: float = 30.0

    @field_validator("base_url")
    @classmethod
    def _url(cls, value: str) -> str:
        value = value.rstrip("/")
        problem = url_problem(value) if value else None
        if problem:
            raise ValueError(problem)
        return value

    @field_validator("project_key")
    @classmethod
    def _project(cls, value: str) -> str:
        value = value.upper()
        if value and not PROJECT_KEY.match(value):
            raise ValueError("Jira project key must be letters, digits or _ and start with a "
                             f"letter (got {value!r}).")
        return value

    @field_validator("issue_type")
    @classmethod
    def _issue_type(cls, value: str) -> str:
        if not value:
            raise ValueError("Issue type must not be empty.")
        return value

    @field_validator("deployment")
    @classmethod
    def _deployment(cls, value: str) -> str:
        if value not in DEPLOYMENTS:
            raise ValueError(f"Deployment must be one of {', '.join(DEPLOYMENTS)}.")
        return value

    @field_validator("priority_map")
    @classmethod
    def _priorities(cls, value: dict[str, str]) -> dict[str, str]:
        unknown = sorted(set(value) - set(SEVERITIES))
        if unknown:
            raise ValueError(f"Priority map has unknown severities: {', '.join(unknown)} "
                             f"(use {', '.join(SEVERITIES)}).")
        if any(not v.strip() for v in value.values()):
            raise ValueError("Priority map values must not be empty.")
        return {k: v.strip() for k, v in value.items()}

    @field_validator("labels")
    @classmethod
    def _labels(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        spaced = [label for label in value if not label or any(c.isspace() for c in label)]
        if spaced:
            raise ValueError("Jira labels cannot be empty or contain spaces: "
                             f"{', '.join(repr(label) for label in spaced)}.")
        return value

    @field_validator("connect_timeout", "read_timeout")
    @classmethod
    def _timeout(cls, value: float) -> float:
        if value <= 0:
            raise ValueError("Timeouts must be positive.")
        return value

    def to_runtime(self) -> JiraSettings:
        return JiraSettings(
            base_url=self.base_url, username=self.username, project_key=self.project_key,
            issue_type=self.issue_type, deployment=self.deployment,
            default_assignee=self.default_assignee, components=tuple(self.components),
            labels=tuple(self.labels),
            priority_map=dict(self.priority_map), custom_fields=dict(self.custom_fields),
            redact_emails=self.redact_emails, connect_timeout=self.connect_timeout,
            read_timeout=self.read_timeout)

    @staticmethod
    def fields_of(settings: JiraSettings) -> dict[str, Any]:
        """The saved fields of ``settings``, not yet validated."""
        return {name: getattr(settings, name) for name in JiraSection.model_fields}

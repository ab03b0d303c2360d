"""Jira connection settings (never the token) and the seed's environment overrides."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, field

from stacklens_desktop.jira.payloads import DEFAULT_PRIORITIES, TicketOptions
from stacklens_desktop.jira.site_url import url_problem

ENV_OVERRIDES = {
    "JIRA_BASE_URL": "base_url",
    "JIRA_USERNAME": "username",
    "JIRA_PROJECT_KEY": "project_key",
    "JIRA_DEFAULT_ASSIGNEE": "default_assignee",
}
DEPLOYMENTS = ("auto", "cloud", "datacenter")


@dataclass(frozen=True)
class JiraSettings:
    """What the user configures for Jira. The token lives in :mod:`credentials` only."""

    base_url: str = ""
    username: str = ""  # Cloud: account e-mail; DC: user name (informational with a PAT)
    project_key: str = ""
    issue_type: str = "Bug"
    deployment: str = "auto"  # auto / cloud / datacenter
    default_assignee: str = ""  # Cloud accountId / DC user name
    components: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()  # added to every ticket, beside the app's own
    priority_map: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_PRIORITIES))
    custom_fields: Mapping[str, str] = field(default_factory=dict)
    redact_emails: bool = True
    connect_timeout: float = 5.0
    read_timeout: float = 30.0

    @property
    def configured(self) -> bool:
        return bool(self.base_url and self.project_key)

    @property
    def site(self) -> str:
        return self.base_url.rstrip("/")

    @property
    def timeout(self) -> tuple[float, float]:
        return (self.connect_timeout, self.read_timeout)

    def with_env(self, env: Mapping[str, str] | None = None) -> JiraSettings:
        """A copy where the ``JIRA_*`` variables that are set (non-empty) win."""
        env = os.environ if env is None else env
        found = {attr: env[var].strip() for var, attr in ENV_OVERRIDES.items() if env.get(var)}
        return dataclasses.replace(
            self,
            base_url=found.get("base_url", self.base_url),
            username=found.get("username", self.username),
            project_key=found["project_key"].upper() if "project_key" in found
            else self.project_key,
            default_assignee=found.get("default_assignee", self.default_assignee),
        )

    def ticket_options(self) -> TicketOptions:
        return TicketOptions(
            project_key=self.project_key,
            issue_type=self.issue_type,
            priority_map=dict(self.priority_map),
            assignee=self.default_assignee or None,
            components=tuple(self.components),
            extra_labels=tuple(self.labels),
            custom_fields=dict(self.custom_fields),
            redact_emails=self.redact_emails,
        )

    def problems(self) -> list[str]:
        """What is missing or wrong, as sentences for the UI/CLI."""
        out = []
        if not self.base_url:
            out.append("Jira URL is not set (settings or JIRA_BASE_URL).")
        elif url_problem(self.base_url):
            out.append(str(url_problem(self.base_url)))
        if not self.username and self.deployment != "datacenter":
            out.append("Jira user (account e-mail) is not set (settings or JIRA_USERNAME).")
        if not self.project_key:
            out.append("Jira project key is not set (settings or JIRA_PROJECT_KEY).")
        if self.deployment not in DEPLOYMENTS:
            out.append(f"Deployment must be one of {', '.join(DEPLOYMENTS)}.")
        return out

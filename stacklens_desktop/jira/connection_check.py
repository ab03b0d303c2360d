"""Test connection: what the site says about the settings, as one exact reason. No Qt.

The order follows what can go wrong first: the URL (never sends a token over plain http to
another machine), the token, reaching the site (network, TLS), Jira being there at all
(``serverInfo``, which also tells Cloud from Data Center), the credentials (``/myself``: 401,
403), the project (createmeta: 404) and the issue type. On success it returns what the dialog
offers to pick from: the projects, the issue types, the priorities and the custom fields of
the create screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from enum import StrEnum

from stacklens_desktop.jira import errors
from stacklens_desktop.jira.backoff import RetryPolicy
from stacklens_desktop.jira.client import JiraClient, detect_deployment
from stacklens_desktop.jira.config import JiraSettings
from stacklens_desktop.jira.models import Deployment
from stacklens_desktop.jira.site_url import url_problem
from stacklens_desktop.jira.transport import JiraTransport

#: A test answers within seconds: no long back-off on a throttled site.
CHECK_POLICY = RetryPolicy(max_retries=1, max_delay=2.0)


class CheckCode(StrEnum):
    OK = "ok"
    BAD_URL = "bad_url"
    PLAIN_HTTP = "plain_http"
    NO_TOKEN = "no_token"
    TLS = "tls"
    NETWORK = "network"
    NOT_JIRA = "not_jira"
    UNAUTHORIZED = "unauthorized"
    FORBIDDEN = "forbidden"
    PROJECT_NOT_FOUND = "project_not_found"
    ISSUE_TYPE_NOT_ALLOWED = "issue_type_not_allowed"
    OTHER = "other"


@dataclass(frozen=True)
class SiteFacts:
    """What the site offers, for the dialog's pickers."""

    deployment: str = ""  # cloud / datacenter
    display_name: str = ""
    projects: tuple[tuple[str, str], ...] = ()  # (key, name)
    issue_types: tuple[str, ...] = ()
    priorities: tuple[str, ...] = ()
    custom_fields: tuple[tuple[str, str], ...] = ()  # (field id, name) on the create screen


@dataclass(frozen=True)
class ConnectionCheck:
    code: CheckCode
    message: str
    facts: SiteFacts = field(default_factory=SiteFacts)

    @property
    def ok(self) -> bool:
        return self.code is CheckCode.OK


def _fail(code: CheckCode, message: str, facts: SiteFacts | None = None) -> ConnectionCheck:
    return ConnectionCheck(code, message, facts or SiteFacts())


def check_connection(settings: JiraSettings, token: str | None) -> ConnectionCheck:
    """Every step against the site; the first failure is the answer."""
    url = settings.base_url.strip().rstrip("/")
    if not url:
        return _fail(CheckCode.BAD_URL, "Enter the Jira site URL (https://…).")
    problem = url_problem(url)
    if problem:
        plain = url.lower().startswith("http://")
        return _fail(CheckCode.PLAIN_HTTP if plain else CheckCode.BAD_URL, problem)
    if not token:
        return _fail(CheckCode.NO_TOKEN, "No API token / PAT: enter one (it goes to the "
                                         "system keyring) or set JIRA_API_TOKEN.")
    try:
        return _check(url, settings, token)
    except errors.JiraError as exc:
        return _failure(exc, url)


def _check(url: str, settings: JiraSettings, token: str) -> ConnectionCheck:
    deployment = _deployment(url, settings)
    client = JiraClient.connect(url, settings.username, token, deployment=deployment,
                                timeout=settings.timeout, policy=CHECK_POLICY)
    try:
        me = client.myself()
        facts = SiteFacts(deployment=deployment.value, display_name=me.display_name,
                          projects=tuple(client.projects()))
        if not settings.project_key:
            return ConnectionCheck(CheckCode.OK, f"Connected as {me.display_name} "
                                   f"({_flavour(deployment)}). Pick a project.", facts)
        return _check_project(client, settings, facts)
    finally:
        client.close()


def _deployment(url: str, settings: JiraSettings) -> Deployment:
    probe = JiraTransport(url, None, timeout=settings.timeout, policy=CHECK_POLICY)
    try:
        try:
            return detect_deployment(probe)
        except errors.JiraNotFoundError:
            raise errors.JiraConfigError(
                f"no Jira answers at {url} (serverInfo not found): check the URL") from None
    finally:
        probe.close()


def _check_project(client: JiraClient, settings: JiraSettings,
                   facts: SiteFacts) -> ConnectionCheck:
    key = settings.project_key.upper()
    try:
        types = client.create_issue_types(key)
    except errors.JiraNotFoundError:
        return _fail(CheckCode.PROJECT_NOT_FOUND,
                     f"Project {key} was not found, or {facts.display_name} cannot create "
                     "issues in it.", facts)
    names = tuple(t.name for t in types if not t.subtask)
    facts = replace(facts, issue_types=names)
    chosen = next((t for t in types if t.name.lower() == settings.issue_type.lower()), None)
    if chosen is None:
        return _fail(CheckCode.ISSUE_TYPE_NOT_ALLOWED,
                     f"Issue type {settings.issue_type!r} cannot be created in {key} "
                     f"(allowed: {', '.join(names) or 'none'}).", facts)
    screen = client.create_fields(key, chosen.id)
    priority = screen.get("priority")
    facts = replace(
        facts, priorities=priority.allowed_names if priority is not None else (),
        custom_fields=tuple((f.field_id, f.name) for f in screen.values()
                            if f.field_id.startswith("customfield_")))
    return ConnectionCheck(CheckCode.OK, f"Connected as {facts.display_name} "
                           f"({_flavour(client.deployment)}); {key} accepts "
                           f"{chosen.name} issues.", facts)


def _flavour(deployment: Deployment) -> str:
    return "Jira Cloud" if deployment is Deployment.CLOUD else "Jira Data Center"


def _failure(exc: errors.JiraError, url: str) -> ConnectionCheck:
    if isinstance(exc, errors.JiraAuthError):
        return _fail(CheckCode.UNAUTHORIZED, "401 Unauthorized: Jira did not accept the user "
                     "and token (check the e-mail or user name, and that the token is valid).")
    if isinstance(exc, errors.JiraForbiddenError):
        return _fail(CheckCode.FORBIDDEN, "403 Forbidden: the user may not use the API "
                     "(permissions, or the account is locked: log in once in the browser).")
    if isinstance(exc, errors.JiraConnectionError):
        if "TLS/SSL" in exc.message:
            return _fail(CheckCode.TLS, f"TLS error talking to {url}: the certificate is not "
                         "trusted or the site does not speak https on this port.")
        return _fail(CheckCode.NETWORK, f"Network error: {exc.message}.")
    if isinstance(exc, errors.JiraConfigError):
        return _fail(CheckCode.NOT_JIRA, exc.message[0].upper() + exc.message[1:] + ".")
    return _fail(CheckCode.OTHER, f"Jira answered with an error: {exc.message}")

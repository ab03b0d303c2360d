"""Cached site metadata (issue types, create screens, fields) and create-payload preparation.

Metadata changes rarely; fetching it once per client keeps the request count (and the rate
limit budget) low when many tickets are filed.
"""

from __future__ import annotations

import threading

from stacklens_desktop.jira import errors
from stacklens_desktop.jira.client import JiraClient
from stacklens_desktop.jira.models import CreateField, FieldInfo, IssueTypeInfo
from stacklens_desktop.jira.payloads import CreatePayload, TicketOptions, build_create_payload
from stacklens_desktop.jira.report import TicketReport


class MetadataCache:
    """Per-client cache of createmeta and the field list (thread-safe)."""

    def __init__(self, client: JiraClient) -> None:
        self.client = client
        self._lock = threading.Lock()
        self._types: dict[str, list[IssueTypeInfo]] = {}
        self._screens: dict[tuple[str, str], dict[str, CreateField]] = {}
        self._fields: list[FieldInfo] | None = None

    def issue_type(self, project: str, wanted: str) -> IssueTypeInfo:
        """The project's issue type by id or (case-insensitive) name."""
        with self._lock:
            types = self._types.get(project)
        if types is None:
            types = self.client.create_issue_types(project)
            with self._lock:
                self._types[project] = types
        for info in types:
            if info.id == wanted or info.name.casefold() == wanted.casefold():
                return info
        names = ", ".join(t.name for t in types) or "none (no create permission?)"
        raise errors.JiraConfigError(
            f"project {project} has no issue type {wanted!r}; available: {names}"
        )

    def create_fields(self, project: str, issue_type_id: str) -> dict[str, CreateField]:
        key = (project, issue_type_id)
        with self._lock:
            cached = self._screens.get(key)
        if cached is None:
            cached = self.client.create_fields(project, issue_type_id)
            with self._lock:
                self._screens[key] = cached
        return cached

    def fields(self) -> list[FieldInfo]:
        with self._lock:
            cached = self._fields
        if cached is None:
            cached = self.client.fields()
            with self._lock:
                self._fields = cached
        return cached


def prepare_create(
    cache: MetadataCache, report: TicketReport, options: TicketOptions
) -> CreatePayload:
    """Build the create body against the live create screen of the project + issue type."""
    issue_type = cache.issue_type(options.project_key, options.issue_type)
    screen = cache.create_fields(options.project_key, issue_type.id)
    infos = cache.fields() if options.custom_fields else []
    return build_create_payload(
        report,
        options,
        cache.client.deployment,
        issue_type_id=issue_type.id,
        create_fields=screen,
        field_infos=infos,
    )

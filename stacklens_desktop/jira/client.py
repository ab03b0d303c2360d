"""Jira operations for StackLens, over Cloud REST v3 or Data Center REST v2.

The client speaks JSON dictionaries for request bodies (built by :mod:`payloads`) and returns
the small value types of :mod:`models`. It does not decide anything: dedupe, throttling of
comments and the outbox live above it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import quote

from stacklens_desktop.jira import errors
from stacklens_desktop.jira.auth import TokenAuth
from stacklens_desktop.jira.backoff import RetryPolicy
from stacklens_desktop.jira.models import (
    CreateField,
    Deployment,
    FieldInfo,
    IssueRef,
    IssueState,
    IssueTypeInfo,
    JiraUser,
    Transition,
)
from stacklens_desktop.jira.search import search_issues
from stacklens_desktop.jira.transport import DEFAULT_TIMEOUT, JiraTransport

STATE_FIELDS = ("summary", "status", "labels")
_META_PAGE = 200


def detect_deployment(transport: JiraTransport) -> Deployment:
    """Ask ``/rest/api/2/serverInfo`` (served by both flavours): ``Cloud`` or anything else."""
    info = transport.json("GET", "/rest/api/2/serverInfo") or {}
    kind = str(info.get("deploymentType", "")).lower()
    return Deployment.CLOUD if kind == "cloud" else Deployment.DATA_CENTER


class JiraClient:
    """One authenticated connection to a Jira site."""

    def __init__(self, transport: JiraTransport, deployment: Deployment) -> None:
        self.transport = transport
        self.deployment = deployment
        self.api = deployment.api_prefix

    @classmethod
    def connect(
        cls,
        base_url: str,
        username: str,
        token: str,
        *,
        deployment: Deployment | str | None = None,
        timeout: tuple[float, float] = DEFAULT_TIMEOUT,
        policy: RetryPolicy | None = None,
    ) -> JiraClient:
        """Build a client; detect the deployment unless it is given ("auto"/None detects)."""
        if not token:
            raise errors.JiraConfigError("no Jira API token / PAT configured")
        chosen = None if deployment in (None, "", "auto") else Deployment(deployment)
        if chosen is None:
            probe = JiraTransport(base_url, None, timeout=timeout, policy=policy)
            try:
                chosen = detect_deployment(probe)
            finally:
                probe.close()
        transport = JiraTransport(
            base_url, TokenAuth(chosen, username, token), timeout=timeout, policy=policy
        )
        return cls(transport, chosen)

    def close(self) -> None:
        self.transport.close()

    def __repr__(self) -> str:
        return f"JiraClient({self.transport.base_url!r}, {self.deployment.value})"

    @property
    def is_cloud(self) -> bool:
        return self.deployment is Deployment.CLOUD

    def browse_url(self, key: str) -> str:
        return f"{self.transport.base_url}/browse/{key}"

    # -- identity -------------------------------------------------------------------------

    def myself(self) -> JiraUser:
        """The connection test: 200 with the user, or :class:`JiraAuthError`."""
        return JiraUser.from_json(self.transport.json("GET", f"{self.api}/myself") or {})

    # -- issues ---------------------------------------------------------------------------

    def create_issue(self, body: dict[str, Any]) -> IssueRef:
        """``POST /issue``. Not idempotent: an unknown outcome raises AmbiguousWriteError."""
        data = self.transport.json("POST", f"{self.api}/issue", body=body, idempotent=False)
        if not isinstance(data, dict) or not data.get("key"):
            raise errors.JiraServerError("create issue: Jira's answer has no issue key")
        return IssueRef(
            id=str(data.get("id", "")), key=str(data["key"]), self_url=str(data.get("self", ""))
        )

    def get_issue(self, key: str, fields: Sequence[str] = STATE_FIELDS) -> IssueState:
        data = self.transport.json(
            "GET", f"{self.api}/issue/{_seg(key)}", params={"fields": ",".join(fields)}
        )
        return IssueState.from_json(data or {})

    def edit_issue(
        self,
        key: str,
        *,
        fields: dict[str, Any] | None = None,
        update: dict[str, list[dict[str, Any]]] | None = None,
    ) -> None:
        """``PUT /issue/{key}`` (204). A field may be in ``fields`` or ``update``, not both."""
        body: dict[str, Any] = {}
        if fields:
            body["fields"] = fields
        if update:
            body["update"] = update
        self.transport.request("PUT", f"{self.api}/issue/{_seg(key)}", body=body)

    def add_comment(self, key: str, body: dict[str, Any] | str) -> str:
        """Add a comment (ADF doc on Cloud, wiki string on DC); returns the comment id."""
        data = self.transport.json(
            "POST", f"{self.api}/issue/{_seg(key)}/comment", body={"body": body}, idempotent=False
        )
        return str((data or {}).get("id", ""))

    # -- workflow ---------------------------------------------------------------------------

    def transitions(self, key: str) -> list[Transition]:
        data = self.transport.json("GET", f"{self.api}/issue/{_seg(key)}/transitions") or {}
        return [Transition.from_json(t) for t in data.get("transitions") or ()]

    def transition(self, key: str, transition_id: str) -> None:
        body = {"transition": {"id": transition_id}}
        self.transport.request("POST", f"{self.api}/issue/{_seg(key)}/transitions", body=body)

    def transition_to_category(self, key: str, categories: str | Iterable[str]) -> Transition:
        """Move the issue to the first available status in the wanted category (in the order
        given, e.g. ``("new", "indeterminate")`` to reopen). Ids are looked up, never assumed."""
        wanted = [categories] if isinstance(categories, str) else list(categories)
        available = self.transitions(key)
        for category in wanted:
            for candidate in available:
                if candidate.to_category == category:
                    self.transition(key, candidate.id)
                    return candidate
        offered = ", ".join(f"{t.name}->{t.to_category}" for t in available) or "none"
        raise errors.NoTransitionError(
            f"{key}: no transition to status category {'/'.join(wanted)} (available: {offered})"
        )

    # -- search -----------------------------------------------------------------------------

    def search(
        self,
        jql: str,
        *,
        fields: Sequence[str] = STATE_FIELDS,
        reconcile_ids: Sequence[int | str] = (),
        page_size: int = 50,
        max_pages: int = 100,
    ) -> list[IssueState]:
        """All issues matching ``jql`` (bounded JQL, please), paging until the last page."""
        pages = search_issues(
            self.transport,
            self.deployment,
            jql,
            fields=fields,
            reconcile_ids=reconcile_ids,
            page_size=page_size,
            max_pages=max_pages,
        )
        return [IssueState.from_json(issue) for page in pages for issue in page]

    # -- metadata ---------------------------------------------------------------------------

    def fields(self) -> list[FieldInfo]:
        data = self.transport.json("GET", f"{self.api}/field") or []
        return [FieldInfo.from_json(f) for f in data if isinstance(f, dict)]

    def projects(self, max_pages: int = 20) -> list[tuple[str, str]]:
        """(key, name) of every project the user can see: Cloud pages ``/project/search``,
        Data Center lists ``/project``."""
        if not self.is_cloud:
            data = self.transport.json("GET", f"{self.api}/project") or []
            return [(str(p.get("key", "")), str(p.get("name", ""))) for p in data
                    if isinstance(p, dict) and p.get("key")]
        out: list[tuple[str, str]] = []
        for _ in range(max_pages):
            page = self.transport.json("GET", f"{self.api}/project/search",
                                       params={"startAt": len(out), "maxResults": 50}) or {}
            values = [p for p in page.get("values") or () if isinstance(p, dict)]
            out += [(str(p.get("key", "")), str(p.get("name", ""))) for p in values]
            if not values or page.get("isLast", True):
                break
        return out

    def create_issue_types(self, project: str) -> list[IssueTypeInfo]:
        path = f"{self.api}/issue/createmeta/{_seg(project)}/issuetypes"
        return [
            IssueTypeInfo(
                id=str(v.get("id", "")),
                name=str(v.get("name", "")),
                subtask=bool(v.get("subtask", False)),
            )
            for v in self._meta_pages(path, "issueTypes")
        ]

    def create_fields(self, project: str, issue_type_id: str) -> dict[str, CreateField]:
        """The create screen of a project + issue type, by field id."""
        path = f"{self.api}/issue/createmeta/{_seg(project)}/issuetypes/{_seg(issue_type_id)}"
        found = [CreateField.from_json(v) for v in self._meta_pages(path, "fields")]
        return {f.field_id: f for f in found if f.field_id}

    def _meta_pages(self, path: str, cloud_key: str, max_pages: int = 50) -> list[dict[str, Any]]:
        """createmeta pages: Cloud lists items under ``issueTypes``/``fields``, DC under
        ``values`` (with ``isLast``); both page with ``startAt``/``maxResults``/``total``."""
        out: list[dict[str, Any]] = []
        start = 0
        for _ in range(max_pages):
            params = {"startAt": start, "maxResults": _META_PAGE}
            data = self.transport.json("GET", path, params=params) or {}
            values = [
                v for v in data.get(cloud_key) or data.get("values") or () if isinstance(v, dict)
            ]
            out += values
            start += len(values)
            total = data.get("total")
            if (
                not values
                or data.get("isLast") is True
                or (isinstance(total, int) and start >= total)
            ):
                break
        return out


def _seg(value: str) -> str:
    """One URL path segment (issue keys and ids are safe, but be strict anyway)."""
    return quote(str(value), safe="")

"""Paged JQL search: Cloud's cursor-based ``/search/jql`` and Data Center's ``/search``.

Cloud (``POST /rest/api/3/search/jql``): ``nextPageToken`` cursor, no ``total``, only ids
unless ``fields`` is given, ``reconcileIssues`` (<= 50 ids) for read-after-write consistency.
Data Center (``POST /rest/api/2/search``): ``startAt``/``maxResults``/``total``.

Loops are defensive (real integrations looped forever on these): stop on a missing/empty
token, ``isLast``, an empty page or a repeated token, and cap the number of pages.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from stacklens_desktop.jira.models import Deployment
from stacklens_desktop.jira.transport import JiraTransport

MAX_RECONCILE = 50


def cloud_search_body(
    jql: str,
    fields: Sequence[str],
    page_size: int,
    token: str | None,
    reconcile_ids: Sequence[int | str],
) -> dict[str, Any]:
    """A ``SearchAndReconcileRequestBean`` (no ``startAt``: the bean forbids it)."""
    body: dict[str, Any] = {"jql": jql, "fields": list(fields), "maxResults": page_size}
    if token:
        body["nextPageToken"] = token
    ids = [int(i) for i in reconcile_ids if str(i).isdigit()][-MAX_RECONCILE:]
    if ids:
        body["reconcileIssues"] = ids
    return body


def search_issues(
    transport: JiraTransport,
    deployment: Deployment,
    jql: str,
    *,
    fields: Sequence[str],
    reconcile_ids: Sequence[int | str] = (),
    page_size: int = 50,
    max_pages: int = 100,
) -> Iterator[list[dict[str, Any]]]:
    """Yield pages of raw issue JSON objects."""
    if deployment is Deployment.CLOUD:
        yield from _cloud_pages(transport, jql, fields, reconcile_ids, page_size, max_pages)
    else:
        yield from _dc_pages(transport, jql, fields, page_size, max_pages)


def _cloud_pages(
    transport: JiraTransport,
    jql: str,
    fields: Sequence[str],
    reconcile_ids: Sequence[int | str],
    page_size: int,
    max_pages: int,
) -> Iterator[list[dict[str, Any]]]:
    token: str | None = None
    seen_tokens: set[str] = set()
    for _ in range(max_pages):
        body = cloud_search_body(jql, fields, page_size, token, reconcile_ids)
        data = transport.json("POST", "/rest/api/3/search/jql", body=body, idempotent=True) or {}
        issues = [i for i in data.get("issues") or () if isinstance(i, dict)]
        if issues:
            yield issues
        token = data.get("nextPageToken") or None
        if not issues or data.get("isLast") is True or not token or token in seen_tokens:
            return
        seen_tokens.add(token)


def _dc_pages(
    transport: JiraTransport,
    jql: str,
    fields: Sequence[str],
    page_size: int,
    max_pages: int,
) -> Iterator[list[dict[str, Any]]]:
    start = 0
    for _ in range(max_pages):
        body = {"jql": jql, "startAt": start, "maxResults": page_size, "fields": list(fields)}
        data = transport.json("POST", "/rest/api/2/search", body=body, idempotent=True) or {}
        issues = [i for i in data.get("issues") or () if isinstance(i, dict)]
        if issues:
            yield issues
        start += len(issues)
        total = data.get("total")
        if not issues or (isinstance(total, int) and start >= total):
            return

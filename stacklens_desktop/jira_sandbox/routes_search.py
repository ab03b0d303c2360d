"""Search routes: Cloud's ``/search/jql`` (cursor, reconcile), DC's ``/search`` (startAt),
and the 410 Cloud gives for the removed ``/search``."""

from __future__ import annotations

import base64
import hashlib
import json
import time
from typing import TYPE_CHECKING, Any

from stacklens_desktop.jira_sandbox.http_types import Reply, Request, error_reply
from stacklens_desktop.jira_sandbox.jql import JqlError, parse
from stacklens_desktop.jira_sandbox.render import field_list, issue_json

if TYPE_CHECKING:
    from stacklens_desktop.jira_sandbox.app import SandboxApp

CLOUD_KEYS = {
    "jql",
    "fields",
    "maxResults",
    "nextPageToken",
    "expand",
    "properties",
    "fieldsByKeys",
    "reconcileIssues",
}
REMOVED = (
    "The requested API has been removed. Please migrate to the /rest/api/3/search/jql API. "
    "A full migration guideline is available at "
    "https://developer.atlassian.com/changelog/#CHANGE-2046"
)
BAD_TOKEN = "The provided next page token is invalid or expired."


def _params(req: Request) -> dict[str, Any]:
    """Body of a POST, or the query string of a GET, as one dict."""
    if req.method == "POST":
        return req.body if isinstance(req.body, dict) else {}
    out: dict[str, Any] = {k: v[0] for k, v in req.query.items()}
    if "reconcileIssues" in req.query:
        out["reconcileIssues"] = [
            int(x)
            for v in req.query["reconcileIssues"]
            for x in v.split(",")
            if x.strip().isdigit()
        ]
    return out


def _token(offset: int, jql: str) -> str:
    digest = hashlib.sha1(jql.encode()).hexdigest()[:10]
    raw = json.dumps({"o": offset, "q": digest}).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def _offset(token: str, jql: str) -> int | None:
    try:
        raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        data = json.loads(raw)
        if data["q"] != hashlib.sha1(jql.encode()).hexdigest()[:10]:
            return None
        return int(data["o"])
    except (ValueError, KeyError, TypeError):
        return None


def _matching(app: SandboxApp, jql: str, reconcile: set[str]) -> list[dict[str, Any]] | Reply:
    try:
        query = parse(jql)
    except JqlError as exc:
        return error_reply(400, [str(exc)])
    horizon = time.time() - app.index_lag
    with app.state.lock:
        visible = [
            i for i in app.state.issues.values() if i["created"] <= horizon or i["id"] in reconcile
        ]
        return query.sort([i for i in visible if query.matches(i)])


def search_jql(app: SandboxApp, req: Request) -> Reply:
    params = _params(req)
    unknown = sorted(set(params) - CLOUD_KEYS)
    if unknown:
        return error_reply(400, [f'Unrecognized field "{unknown[0]}" (not marked as ignorable)'])
    reconcile = params.get("reconcileIssues") or []
    if not isinstance(reconcile, list) or len(reconcile) > 50:
        return error_reply(400, ["reconcileIssues accepts at most 50 issue ids"])
    jql = str(params.get("jql") or "")
    found = _matching(app, jql, {str(x) for x in reconcile})
    if isinstance(found, Reply):
        return found
    wanted = field_list(params.get("fields"), ["id"])
    id_only = wanted in (["id"], ["key"], ["id", "key"])
    size = max(1, min(int(params.get("maxResults") or 50), 5000 if id_only else 100))
    offset = 0
    if params.get("nextPageToken"):
        decoded = _offset(str(params["nextPageToken"]), jql)
        if decoded is None:
            return error_reply(400, [BAD_TOKEN])
        offset = decoded
    page = found[offset : offset + size]
    data: dict[str, Any] = {
        "issues": [issue_json(i, wanted, app.user, app.base_url, app.cloud) for i in page],
        "isLast": offset + size >= len(found),
    }
    if not data["isLast"]:
        data["nextPageToken"] = _token(offset + size, jql)
    return Reply(200, data)


def search_old(app: SandboxApp, req: Request) -> Reply:
    """Cloud: 410 Gone. Data Center: the startAt-paged search."""
    if app.cloud:
        return error_reply(410, [REMOVED])
    params = _params(req)
    found = _matching(app, str(params.get("jql") or ""), set())
    if isinstance(found, Reply):
        return found
    try:
        start = int(params.get("startAt") or 0)
        size = max(1, min(int(params.get("maxResults") or 50), 1000))
    except (TypeError, ValueError):
        return error_reply(400, ["startAt and maxResults must be numbers"])
    wanted = field_list(params.get("fields"), ["*navigable"])
    page = found[start : start + size]
    return Reply(
        200,
        {
            "startAt": start,
            "maxResults": size,
            "total": len(found),
            "issues": [issue_json(i, wanted, app.user, app.base_url, app.cloud) for i in page],
        },
    )

"""Identity and metadata routes: myself, serverInfo, field list, createmeta, /browse page."""

from __future__ import annotations

import html
from typing import TYPE_CHECKING, Any

from stacklens_desktop import __version__
from stacklens_desktop.jira_sandbox import catalog
from stacklens_desktop.jira_sandbox.http_types import Reply, Request, error_reply
from stacklens_desktop.jira_sandbox.render import jira_time, user_json

if TYPE_CHECKING:
    from stacklens_desktop.jira_sandbox.app import SandboxApp

MAX_META_PAGE = 200


def server_info(app: SandboxApp, req: Request) -> Reply:
    if app.cloud:
        data = {
            "baseUrl": app.base_url,
            "version": "1001.0.0-SNAPSHOT",
            "versionNumbers": [1001, 0, 0],
            "deploymentType": "Cloud",
            "buildNumber": 100290,
            "serverTitle": "StackLens Jira sandbox",
        }
    else:
        data = {
            "baseUrl": app.base_url,
            "version": "9.12.0",
            "versionNumbers": [9, 12, 0],
            "deploymentType": "Server",
            "buildNumber": 9120000,
            "serverTitle": "StackLens Jira sandbox (Data Center)",
        }
    data["sandbox"] = f"StackLens {__version__}"
    return Reply(200, data)


def myself(app: SandboxApp, req: Request) -> Reply:
    return Reply(200, user_json(app.user, app.base_url, app.cloud))


def fields(app: SandboxApp, req: Request) -> Reply:
    out = []
    for field in catalog.FIELDS:
        clause = (
            [field["id"]]
            if not field["custom"]
            else [f"cf[{field['schema']['customId']}]", field["name"]]
        )
        out.append(
            {
                **field,
                "key": field["id"],
                "navigable": True,
                "orderable": True,
                "searchable": True,
                "clauseNames": clause,
            }
        )
    return Reply(200, out)


def _page(app: SandboxApp, req: Request, items: list[dict[str, Any]], key: str) -> Reply:
    try:
        start = int(req.arg("startAt", "0") or 0)
        size = int(req.arg("maxResults", "50") or 50)
    except ValueError:
        return error_reply(400, ["startAt and maxResults must be numbers"])
    if size > MAX_META_PAGE:
        return error_reply(
            400, [f"Parameter 'maxResults' must not exceed the limit '{MAX_META_PAGE}'"]
        )
    chunk = items[start : start + size]
    data: dict[str, Any] = {"maxResults": size, "startAt": start, "total": len(items)}
    if app.cloud:
        data[key] = chunk
    else:
        data.update(values=chunk, isLast=start + len(chunk) >= len(items))
    return Reply(200, data)


def _project_json(app: SandboxApp, key: str) -> dict[str, Any]:
    project = catalog.PROJECTS[key]
    return {"id": project["id"], "key": key, "name": project["name"],
            "self": f"{app.base_url}/rest/api/2/project/{project['id']}"}


def projects(app: SandboxApp, req: Request) -> Reply:
    """``GET /project``: every project the user can see (Data Center's list)."""
    return Reply(200, [_project_json(app, key) for key in catalog.PROJECTS])


def project_search(app: SandboxApp, req: Request) -> Reply:
    """``GET /project/search``: Cloud's paged list (``values``, ``isLast``)."""
    items = [_project_json(app, key) for key in catalog.PROJECTS]
    start = int(req.arg("startAt", "0") or 0)
    size = int(req.arg("maxResults", "50") or 50)
    chunk = items[start:start + size]
    return Reply(200, {"startAt": start, "maxResults": size, "total": len(items),
                       "isLast": start + len(chunk) >= len(items), "values": chunk})


def _project_or_404(project: str) -> str | None:
    upper = project.upper()
    if upper in catalog.PROJECTS:
        return upper
    return next((k for k, p in catalog.PROJECTS.items() if p["id"] == project), None)


def createmeta_types(app: SandboxApp, req: Request) -> Reply:
    if _project_or_404(req.params["project"]) is None:
        return error_reply(404, [f"No project could be found with key '{req.params['project']}'."])
    items = [
        {**t, "self": f"{app.base_url}/rest/api/3/issuetype/{t['id']}"} for t in catalog.ISSUE_TYPES
    ]
    return _page(app, req, items, "issueTypes")


def createmeta_fields(app: SandboxApp, req: Request) -> Reply:
    if _project_or_404(req.params["project"]) is None:
        return error_reply(404, [f"No project could be found with key '{req.params['project']}'."])
    type_id = req.params["type"]
    if type_id not in catalog.SCREENS:
        return error_reply(404, ["Issue type with id '" + type_id + "' does not exist."])
    items = []
    for field_id in catalog.SCREENS[type_id]:
        meta = catalog.FIELDS_BY_ID[field_id]
        item = {
            "fieldId": field_id,
            "key": field_id,
            "name": meta["name"],
            "required": field_id in catalog.REQUIRED,
            "hasDefaultValue": field_id == "priority",
            "operations": ["set", "add", "remove"]
            if meta["schema"]["type"] == "array"
            else ["set"],
            "schema": meta["schema"],
        }
        allowed = catalog.allowed_values(field_id)
        if allowed is not None:
            item["allowedValues"] = allowed
        items.append(item)
    return _page(app, req, items, "fields")


def _plain(value: Any) -> str:
    """Readable text of an ADF document (or a wiki string) for the HTML page."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict):
        if value.get("type") == "text":
            return str(value.get("text", ""))
        if value.get("type") == "hardBreak":
            return "\n"
        inner = "".join(_plain(c) for c in value.get("content") or [])
        block = value.get("type") in ("paragraph", "heading", "codeBlock", "listItem", "rule")
        return inner + ("\n" if block else "")
    return ""


#: the issue page reads like a ticket in a browser (the demo's links open it)
PAGE_STYLE = (
    "<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;"
    "padding:0 1rem;color:#172b4d;line-height:1.45}"
    "header{color:#5e6c84;font-size:.9rem;border-bottom:1px solid #dfe1e6;padding-bottom:.5rem}"
    "h1{font-size:1.5rem}pre{white-space:pre-wrap;background:#f4f5f7;padding:1rem;"
    "border-radius:4px}b.status,b.priority{background:#dfe1e6;padding:0 .4rem;"
    "border-radius:3px}</style>"
)


def browse(app: SandboxApp, req: Request) -> Reply:
    issue = app.state.find(req.params["key"])
    if issue is None:
        page = "<html><head><title>Issue not found</title></head><body>Not found</body></html>"
        return Reply(404, page, content_type="text/html;charset=UTF-8")
    fields = issue["fields"]
    status, _ = catalog.STATUSES[issue["status"]]
    priority_id = fields.get("priority", catalog.DEFAULT_PRIORITY)
    priority = next((p["name"] for p in catalog.PRIORITIES if p["id"] == priority_id), "")
    comments = "".join(
        f"<li><pre>{html.escape(_plain(c['body']))}</pre><small>{jira_time(c['created'])}</small></li>"
        for c in issue["comments"]
    )
    page = (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>[{issue['key']}] "
        f"{html.escape(fields.get('summary', ''))}</title>{PAGE_STYLE}</head><body>"
        f"<header>Jira sandbox (built into StackLens) · project {html.escape(issue['project'])}"
        f"</header><h1>{issue['key']}: {html.escape(fields.get('summary', ''))}</h1>"
        f"<p>Status: <b class='status'>{html.escape(status)}</b> · Priority: "
        f"<b class='priority'>{html.escape(priority)}</b> · Labels: "
        f"{html.escape(', '.join(fields.get('labels') or []))}</p>"
        f"<pre class='description'>{html.escape(_plain(fields.get('description')))}</pre>"
        f"<h2>Comments ({len(issue['comments'])})</h2><ol>{comments}</ol></body></html>"
    )
    return Reply(200, page, content_type="text/html;charset=UTF-8")

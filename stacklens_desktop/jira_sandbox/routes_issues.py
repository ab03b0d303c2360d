"""Issue routes: create, get, edit, comments, transitions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from stacklens_desktop.jira_sandbox import catalog
from stacklens_desktop.jira_sandbox.http_types import Reply, Request, error_reply
from stacklens_desktop.jira_sandbox.render import comment_json, field_list, issue_json
from stacklens_desktop.jira_sandbox.validate import check_fields, rich_text

if TYPE_CHECKING:
    from stacklens_desktop.jira_sandbox.app import SandboxApp

NOT_FOUND = "Issue does not exist or you do not have permission to see it."


def _issue_or_404(app: SandboxApp, req: Request) -> tuple[dict[str, Any] | None, Reply | None]:
    issue = app.state.find(req.params["key"])
    if issue is None:
        return None, error_reply(404, [NOT_FOUND])
    return issue, None


def _project_and_type(fields: dict[str, Any]) -> tuple[str | None, str | None, dict[str, str]]:
    errors: dict[str, str] = {}
    project = fields.get("project")
    if not isinstance(project, dict):
        project = {}
    key = project.get("key") or next(
        (k for k, p in catalog.PROJECTS.items() if p["id"] == str(project.get("id"))), None
    )
    if key not in catalog.PROJECTS:
        errors["project"] = "valid project is required"
        key = None
    wanted = fields.get("issuetype")
    if not isinstance(wanted, dict):
        wanted = {}
    type_id = next(
        (
            t["id"]
            for t in catalog.ISSUE_TYPES
            if wanted.get("id") == t["id"] or wanted.get("name") == t["name"]
        ),
        None,
    )
    if type_id is None:
        errors["issuetype"] = "Specify an issue type"
    return key, type_id, errors


def create_issue(app: SandboxApp, req: Request) -> Reply:
    body = req.body if isinstance(req.body, dict) else None
    if body is None or not isinstance(body.get("fields"), dict):
        return error_reply(400, ["Can not deserialize instance of IssueUpdateDetails"])
    fields = body["fields"]
    project, type_id, errors = _project_and_type(fields)
    stored: dict[str, Any] = {}
    if type_id is not None:
        stored, field_errors = check_fields(fields, type_id, req.version, app.user, app.cloud)
        errors.update(field_errors)
        for required in catalog.REQUIRED - {"project", "issuetype"}:
            if required not in fields and required not in errors:
                errors[required] = "You must specify a summary of the issue."
    if errors or project is None or type_id is None:
        return error_reply(400, [], errors)
    issue = app.state.create(project, type_id, stored)
    return Reply(
        201,
        {
            "id": issue["id"],
            "key": issue["key"],
            "self": f"{app.base_url}/rest/api/{req.version}/issue/{issue['id']}",
        },
    )


def get_issue(app: SandboxApp, req: Request) -> Reply:
    issue, missing = _issue_or_404(app, req)
    if missing:
        return missing
    assert issue is not None
    wanted = field_list(req.arg("fields"), None)
    return Reply(200, issue_json(issue, wanted, app.user, app.base_url, app.cloud))


def edit_issue(app: SandboxApp, req: Request) -> Reply:
    issue, missing = _issue_or_404(app, req)
    if missing:
        return missing
    assert issue is not None
    body = req.body if isinstance(req.body, dict) else {}
    fields = body.get("fields") or {}
    update = body.get("update") or {}
    both = set(fields) & set(update)
    if both:
        return error_reply(
            400, [], {f: "Field cannot be in both 'fields' and 'update'" for f in both}
        )
    stored, errors = check_fields(fields, issue["issuetype"], req.version, app.user, app.cloud)
    labels = list(stored.get("labels", issue["fields"].get("labels") or []))
    for op in update.get("labels", []):
        if not isinstance(op, dict):
            errors["labels"] = "data was not an object"
        elif "add" in op and op["add"] not in labels:
            labels.append(op["add"])
        elif "remove" in op and op["remove"] in labels:
            labels.remove(op["remove"])
        elif "set" in op:
            labels = list(op["set"])
    unknown = set(update) - {"labels"}
    errors.update({f: "Operation not supported by the sandbox" for f in unknown})
    if errors:
        return error_reply(400, [], errors)
    with app.state.lock:
        issue["fields"].update(stored)
        issue["fields"]["labels"] = labels
        app.state.touch(issue)
    return Reply(204)


def add_comment(app: SandboxApp, req: Request) -> Reply:
    issue, missing = _issue_or_404(app, req)
    if missing:
        return missing
    assert issue is not None
    if not isinstance(req.body, dict) or req.body.get("body") in (None, ""):
        return error_reply(400, [], {"comment": "Comment body can not be empty!"})
    body, problem = rich_text(req.body["body"], req.version)
    if problem:
        return error_reply(400, [], {"comment": problem})
    comment = app.state.add_comment(issue, body, app.user.account_id)
    return Reply(201, comment_json(comment, app.user, app.base_url, app.cloud))


def list_comments(app: SandboxApp, req: Request) -> Reply:
    issue, missing = _issue_or_404(app, req)
    if missing:
        return missing
    assert issue is not None
    comments = [comment_json(c, app.user, app.base_url, app.cloud) for c in issue["comments"]]
    return Reply(
        200,
        {"comments": comments, "startAt": 0, "maxResults": len(comments), "total": len(comments)},
    )


def _available(issue: dict[str, Any], base_url: str) -> list[dict[str, Any]]:
    """Global transitions to every status except the current one."""
    out = []
    for transition_id, (name, target) in catalog.TRANSITIONS.items():
        if target != issue["status"]:
            out.append(
                {
                    "id": transition_id,
                    "name": name,
                    "hasScreen": False,
                    "isAvailable": True,
                    "isGlobal": True,
                    "isInitial": False,
                    "to": catalog.status_json(target, base_url),
                }
            )
    return out


def get_transitions(app: SandboxApp, req: Request) -> Reply:
    issue, missing = _issue_or_404(app, req)
    if missing:
        return missing
    assert issue is not None
    return Reply(200, {"expand": "transitions", "transitions": _available(issue, app.base_url)})


def do_transition(app: SandboxApp, req: Request) -> Reply:
    issue, missing = _issue_or_404(app, req)
    if missing:
        return missing
    assert issue is not None
    body = req.body if isinstance(req.body, dict) else {}
    wanted = str((body.get("transition") or {}).get("id", ""))
    if not wanted:
        return error_reply(400, ["Missing 'transition' identifier"])
    match = next((t for t in _available(issue, app.base_url) if t["id"] == wanted), None)
    if match is None:
        return error_reply(400, [f"Transition id '{wanted}' is not valid for this issue."])
    with app.state.lock:
        issue["status"] = match["to"]["id"]
        app.state.touch(issue)
    return Reply(204)

"""JSON shapes of the sandbox's answers (issues, users, comments), as real Jira returns them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from stacklens_desktop.jira_sandbox import catalog
from stacklens_desktop.jira_sandbox.state import SandboxUser

_NAVIGABLE_EXTRA = ("status", "issuetype", "project", "created", "updated", "comment")


def jira_time(epoch: float) -> str:
    """Jira's timestamp format, e.g. ``2025-04-30T10:10:10.000+0000``."""
    moment = datetime.fromtimestamp(epoch, UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}+0000"


def user_json(user: SandboxUser, base_url: str, cloud: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "self": f"{base_url}/rest/api/2/user",
        "displayName": user.display_name,
        "emailAddress": user.email,
        "active": True,
        "timeZone": "Etc/UTC",
    }
    if cloud:
        data.update(accountId=user.account_id, accountType="atlassian")
    else:
        data.update(name=user.name, key=user.name)
    return data


def comment_json(comment: dict[str, Any], user: SandboxUser, base_url: str, cloud: bool) -> dict:
    author = user_json(user, base_url, cloud)
    return {
        "id": comment["id"],
        "self": f"{base_url}/rest/api/3/comment/{comment['id']}",
        "author": author,
        "updateAuthor": author,
        "body": comment["body"],
        "created": jira_time(comment["created"]),
        "updated": jira_time(comment["created"]),
        "jsdPublic": True,
    }


def all_fields(issue: dict[str, Any], user: SandboxUser, base_url: str, cloud: bool) -> dict:
    stored = issue["fields"]
    fields: dict[str, Any] = {k: v for k, v in stored.items() if k.startswith("customfield_")}
    types = {t["id"]: t for t in catalog.ISSUE_TYPES}
    project = catalog.PROJECTS[issue["project"]]
    priority_id = stored.get("priority", catalog.DEFAULT_PRIORITY)
    priority = next(p for p in catalog.PRIORITIES if p["id"] == priority_id)
    fields.update(
        summary=stored.get("summary", ""),
        description=stored.get("description"),
        labels=list(stored.get("labels") or []),
        priority={"self": f"{base_url}/rest/api/3/priority/{priority_id}", **priority},
        assignee=user_json(user, base_url, cloud) if stored.get("assignee") else None,
        components=[{"name": c} for c in stored.get("components") or []],
        issuetype=dict(types[issue["issuetype"]]),
        project={"id": project["id"], "key": issue["project"], "name": project["name"]},
        status=catalog.status_json(issue["status"], base_url),
        created=jira_time(issue["created"]),
        updated=jira_time(issue["updated"]),
        comment={
            "comments": [comment_json(c, user, base_url, cloud) for c in issue["comments"]],
            "total": len(issue["comments"]),
            "startAt": 0,
            "maxResults": len(issue["comments"]),
        },
    )
    return fields


def issue_json(
    issue: dict[str, Any],
    wanted: list[str] | None,
    user: SandboxUser,
    base_url: str,
    cloud: bool,
) -> dict[str, Any]:
    """An ``IssueBean``; ``wanted`` is the ``fields`` list (None/``*all`` = every field)."""
    data: dict[str, Any] = {
        "id": issue["id"],
        "key": issue["key"],
        "self": f"{base_url}/rest/api/3/issue/{issue['id']}",
    }
    if wanted == ["id"] or wanted == []:
        return {"id": issue["id"]}
    fields = all_fields(issue, user, base_url, cloud)
    if wanted and not {"*all", "*navigable"} & set(wanted):
        excluded = {w[1:] for w in wanted if w.startswith("-")}
        fields = {k: v for k, v in fields.items() if k in wanted and k not in excluded}
    data["fields"] = fields
    return data


def field_list(raw: str | list[str] | None, default: list[str] | None) -> list[str] | None:
    """The ``fields`` parameter as a list (comma-separated string or JSON array)."""
    if raw is None:
        return default
    items = raw.split(",") if isinstance(raw, str) else [str(x) for x in raw]
    return [x.strip() for x in items if x.strip()]

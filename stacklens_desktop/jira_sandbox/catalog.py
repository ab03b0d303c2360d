"""The fixed shape of the sandbox site: projects, issue types, workflow, fields, screens.

Ids and names follow what real Cloud sites return (status categories ``new`` id 2,
``indeterminate`` id 4, ``done`` id 3), so the client cannot lean on sandbox-only shortcuts.
The ``Task`` create screen deliberately lacks ``priority`` and the custom fields, to exercise
"set only what createmeta allows".
"""

from __future__ import annotations

from typing import Any

PROJECTS: dict[str, dict[str, str]] = {
    "DEMO": {"id": "10000", "name": "StackLens Demo"},
    "POS": {"id": "10001", "name": "Point of Sale"},
}

ISSUE_TYPES: list[dict[str, Any]] = [
    {"id": "10004", "name": "Bug", "subtask": False, "description": "A problem."},
    {"id": "10002", "name": "Task", "subtask": False, "description": "A task."},
]

CATEGORIES: dict[str, dict[str, Any]] = {
    "new": {"id": 2, "key": "new", "colorName": "blue-gray", "name": "To Do"},
    "indeterminate": {
        "id": 4,
        "key": "indeterminate",
        "colorName": "yellow",
        "name": "In Progress",
    },
    "done": {"id": 3, "key": "done", "colorName": "green", "name": "Done"},
}

# status id -> (name, category key)
STATUSES: dict[str, tuple[str, str]] = {
    "10000": ("To Do", "new"),
    "3": ("In Progress", "indeterminate"),
    "10001": ("Done", "done"),
}
INITIAL_STATUS = "10000"

# transition id -> (name, target status id); all are global (available from other statuses)
TRANSITIONS: dict[str, tuple[str, str]] = {
    "11": ("Back to To Do", "10000"),
    "21": ("Start Progress", "3"),
    "31": ("Done", "10001"),
}

PRIORITIES: list[dict[str, str]] = [
    {"id": "1", "name": "Highest"},
    {"id": "2", "name": "High"},
    {"id": "3", "name": "Medium"},
    {"id": "4", "name": "Low"},
    {"id": "5", "name": "Lowest"},
]
DEFAULT_PRIORITY = "3"

_CF = "com.atlassian.jira.plugin.system.customfieldtypes"

FIELDS: list[dict[str, Any]] = [
    {
        "id": "summary",
        "name": "Summary",
        "custom": False,
        "schema": {"type": "string", "system": "summary"},
    },
    {
        "id": "description",
        "name": "Description",
        "custom": False,
        "schema": {"type": "string", "system": "description"},
    },
    {
        "id": "labels",
        "name": "Labels",
        "custom": False,
        "schema": {"type": "array", "items": "string", "system": "labels"},
    },
    {
        "id": "priority",
        "name": "Priority",
        "custom": False,
        "schema": {"type": "priority", "system": "priority"},
    },
    {
        "id": "assignee",
        "name": "Assignee",
        "custom": False,
        "schema": {"type": "user", "system": "assignee"},
    },
    {
        "id": "components",
        "name": "Components",
        "custom": False,
        "schema": {"type": "array", "items": "component", "system": "components"},
    },
    {
        "id": "issuetype",
        "name": "Issue Type",
        "custom": False,
        "schema": {"type": "issuetype", "system": "issuetype"},
    },
    {
        "id": "project",
        "name": "Project",
        "custom": False,
        "schema": {"type": "project", "system": "project"},
    },
    {
        "id": "status",
        "name": "Status",
        "custom": False,
        "schema": {"type": "status", "system": "status"},
    },
    {
        "id": "customfield_10050",
        "name": "Error Fingerprint",
        "custom": True,
        "schema": {"type": "string", "custom": f"{_CF}:textfield", "customId": 10050},
    },
    {
        "id": "customfield_10051",
        "name": "Affected Host",
        "custom": True,
        "schema": {"type": "string", "custom": f"{_CF}:textfield", "customId": 10051},
    },
    {
        "id": "customfield_10052",
        "name": "Error Details",
        "custom": True,
        "schema": {"type": "string", "custom": f"{_CF}:textarea", "customId": 10052},
    },
    {
        "id": "customfield_10053",
        "name": "Detected Severity",
        "custom": True,
        "schema": {"type": "option", "custom": f"{_CF}:select", "customId": 10053},
    },
]
FIELDS_BY_ID = {f["id"]: f for f in FIELDS}
RICH_TEXT_FIELDS = {"description", "customfield_10052"}

COMPONENTS = ["Checkout", "Catalog", "Payments"]
SELECT_OPTIONS = {"customfield_10053": ["critical", "high", "medium", "low"]}

_COMMON = ["project", "issuetype", "summary", "description", "labels"]
SCREENS: dict[str, list[str]] = {
    "10004": _COMMON
    + [
        "priority",
        "assignee",
        "components",
        "customfield_10050",
        "customfield_10051",
        "customfield_10052",
        "customfield_10053",
    ],
    "10002": _COMMON,
}
REQUIRED = {"project", "issuetype", "summary"}


def allowed_values(field_id: str) -> list[dict[str, str]] | None:
    if field_id == "priority":
        return [dict(p) for p in PRIORITIES]
    if field_id == "components":
        return [{"id": str(20000 + i), "name": n} for i, n in enumerate(COMPONENTS)]
    if field_id in SELECT_OPTIONS:
        return [{"id": str(30000 + i), "value": v} for i, v in enumerate(SELECT_OPTIONS[field_id])]
    return None


def status_json(status_id: str, base_url: str) -> dict[str, Any]:
    name, category = STATUSES[status_id]
    return {
        "self": f"{base_url}/rest/api/3/status/{status_id}",
        "id": status_id,
        "name": name,
        "statusCategory": dict(CATEGORIES[category]),
    }

"""Field validation for create and edit, with Jira's own error keys and (English) messages.

Returns the normalised stored values plus an ``errors`` mapping (field id -> message); the
caller answers 400 ``{"errorMessages": [], "errors": {...}}`` when it is not empty.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from stacklens_desktop.jira_sandbox import catalog
from stacklens_desktop.jira_sandbox.adf_check import adf_problems
from stacklens_desktop.jira_sandbox.state import SandboxUser

NOT_ON_SCREEN = "Field '{0}' cannot be set. It is not on the appropriate screen, or unknown."
NOT_ADF = "Operation value must be an Atlassian Document (see the Atlassian Document Format)"
NOT_STRING = "Operation value must be a string"


def rich_text(value: Any, version: int) -> tuple[Any, str | None]:
    """v3 wants a valid ADF document, v2 a string."""
    if version == 3:
        if not isinstance(value, dict):
            return None, NOT_ADF
        problems = adf_problems(value)
        if problems:
            return None, "Invalid Atlassian Document: " + "; ".join(problems)
        return value, None
    if not isinstance(value, str):
        return None, NOT_STRING
    return value, None


def _summary(value: Any, _v: int, _u: SandboxUser, _c: bool) -> tuple[Any, str | None]:
    if not isinstance(value, str) or not value.strip():
        return None, "You must specify a summary of the issue."
    if "\n" in value or "\r" in value:
        return None, "The summary is invalid because it contains newline characters."
    if len(value) > 255:
        return None, "Summary can't exceed 255 characters."
    return value, None


def _labels(value: Any, _v: int, _u: SandboxUser, _c: bool) -> tuple[Any, str | None]:
    if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
        return None, "data was not an array"
    for label in value:
        if any(ch.isspace() for ch in label):
            return None, f"The label '{label}' contains spaces which is invalid."
        if len(label) > 255:
            return None, (
                f"The label '{label[:20]}…' exceeds the maximum length for a single label of "
                "255 characters."
            )
    return list(dict.fromkeys(value)), None


def _priority(value: Any, _v: int, _u: SandboxUser, _c: bool) -> tuple[Any, str | None]:
    if isinstance(value, dict):
        for p in catalog.PRIORITIES:
            if value.get("id") == p["id"] or value.get("name") == p["name"]:
                return p["id"], None
    return None, "Specify a valid value for priority"


def _assignee(value: Any, _v: int, user: SandboxUser, cloud: bool) -> tuple[Any, str | None]:
    if value is None:
        return None, None
    if not isinstance(value, dict):
        return None, "data was not an object"
    if cloud:
        if "name" in value or "key" in value:
            return (
                None,
                "'accountId' must be the only user identifying query parameter in "
                "GDPR strict mode.",
            )
        if value.get("accountId") != user.account_id:
            return None, f"User '{value.get('accountId')}' cannot be assigned issues."
        return user.account_id, None
    if "name" not in value:
        return None, "expected Object containing a 'name' property"
    if value["name"] != user.name:
        return None, f"User '{value['name']}' does not exist."
    return user.name, None


def _components(value: Any, _v: int, _u: SandboxUser, _c: bool) -> tuple[Any, str | None]:
    if not isinstance(value, list):
        return None, "data was not an array"
    names = []
    known = {c["id"]: c["name"] for c in catalog.allowed_values("components") or []}
    for item in value:
        if not isinstance(item, dict):
            return None, "data was not an object"
        name = item.get("name") or known.get(str(item.get("id", "")))
        if name not in known.values():
            return None, f"Component name '{name}' is not valid"
        names.append(name)
    return names, None


Checker = Callable[[Any, int, SandboxUser, bool], tuple[Any, str | None]]
_CHECKERS: dict[str, Checker] = {
    "summary": _summary,
    "labels": _labels,
    "priority": _priority,
    "assignee": _assignee,
    "components": _components,
}


def check_field(
    field_id: str, value: Any, version: int, user: SandboxUser, cloud: bool
) -> tuple[Any, str | None]:
    if field_id in catalog.RICH_TEXT_FIELDS:
        return rich_text(value, version)
    if field_id in _CHECKERS:
        return _CHECKERS[field_id](value, version, user, cloud)
    meta = catalog.FIELDS_BY_ID.get(field_id)
    if meta is None:
        return None, NOT_ON_SCREEN.format(field_id)
    if meta["schema"]["type"] == "option":
        options = catalog.SELECT_OPTIONS.get(field_id, [])
        if isinstance(value, dict) and value.get("value") in options:
            return value, None
        return None, f"Option value '{value}' is not valid"
    if not isinstance(value, str):
        return None, NOT_STRING
    if len(value) > 255:
        return None, "The entered text is too long. It exceeds the allowed limit of 255 characters."
    return value, None


def check_fields(
    fields: dict[str, Any],
    issuetype_id: str,
    version: int,
    user: SandboxUser,
    cloud: bool,
) -> tuple[dict[str, Any], dict[str, str]]:
    """Validate the settable fields of a create/edit (not project/issuetype)."""
    screen = set(catalog.SCREENS.get(issuetype_id, ()))
    stored: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for field_id, value in fields.items():
        if field_id in ("project", "issuetype"):
            continue
        if field_id not in screen:
            errors[field_id] = NOT_ON_SCREEN.format(field_id)
            continue
        clean, problem = check_field(field_id, value, version, user, cloud)
        if problem:
            errors[field_id] = problem
        else:
            stored[field_id] = clean
    return stored, errors

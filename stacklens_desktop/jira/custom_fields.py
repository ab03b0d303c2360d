"""Custom field mapping: find the instance id by name and shape the value by field type.

Custom field ids (``customfield_10050``) differ per site, so settings name fields as an admin
sees them; names are not unique, so a field on the create screen wins over one that is not.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from stacklens_desktop.jira.adf import to_adf
from stacklens_desktop.jira.document import para
from stacklens_desktop.jira.models import CreateField, Deployment, FieldInfo

_TEXTAREA = "com.atlassian.jira.plugin.system.customfieldtypes:textarea"


def resolve_field(
    wanted: str,
    field_infos: Sequence[FieldInfo],
    create_fields: Mapping[str, CreateField] | None = None,
) -> FieldInfo | None:
    """The field named ``wanted`` (or with that id); None when unknown."""
    by_id = {f.id: f for f in field_infos}
    if wanted in by_id:
        return by_id[wanted]
    if wanted.startswith("customfield_"):
        return FieldInfo(id=wanted, name=wanted, custom=True, schema_type="string")
    matches = [f for f in field_infos if f.name.casefold() == wanted.casefold()]
    if create_fields is not None:
        on_screen = [f for f in matches if f.id in create_fields]
        matches = on_screen or matches
    return matches[0] if matches else None


def custom_field_value(info: FieldInfo, value: str, deployment: Deployment) -> Any:
    """The JSON value Jira expects for this field type."""
    if info.custom_type == _TEXTAREA:
        return to_adf([para(value)]) if deployment is Deployment.CLOUD else value
    kind = info.schema_type
    if kind == "number":
        try:
            return float(value)
        except ValueError:
            return None
    if kind == "option":
        return {"value": value}
    if kind == "user":
        return {"accountId": value} if deployment is Deployment.CLOUD else {"name": value}
    if kind == "array":
        if info.items == "option":
            return [{"value": value}]
        if info.items in ("component", "version"):
            return [{"name": value}]
        return [value.replace(" ", "-")] if info.items == "string" else [value]
    return value

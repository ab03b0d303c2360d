"""Small value types the Jira client returns (parsed from Jira's JSON, defensively)."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class Deployment(StrEnum):
    """Which Jira flavour the site is: Cloud speaks v3 + ADF, Data Center v2 + wiki markup."""

    CLOUD = "cloud"
    DATA_CENTER = "datacenter"

    @property
    def api_prefix(self) -> str:
        return "/rest/api/3" if self is Deployment.CLOUD else "/rest/api/2"


#: Jira's three status categories, by their stable ``key`` (names are localised).
CATEGORY_NEW = "new"
CATEGORY_IN_PROGRESS = "indeterminate"
CATEGORY_DONE = "done"


@dataclass(frozen=True)
class JiraUser:
    """The authenticated user (``/myself``)."""

    display_name: str
    account_id: str | None = None  # Cloud
    name: str | None = None  # Data Center user name
    email: str | None = None

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> JiraUser:
        return cls(
            display_name=str(data.get("displayName") or data.get("name") or "?"),
            account_id=data.get("accountId"),
            name=data.get("name"),
            email=data.get("emailAddress"),
        )


@dataclass(frozen=True)
class IssueRef:
    """A created issue. Keep the numeric ``id``: keys change when issues move projects."""

    id: str
    key: str
    self_url: str = ""


@dataclass(frozen=True)
class IssueState:
    """An issue's identity and status, as returned by get-issue and search."""

    id: str
    key: str
    status: str
    category: str  # new / indeterminate / done ("" when not returned)
    summary: str = ""
    labels: tuple[str, ...] = ()

    @property
    def is_done(self) -> bool:
        return self.category == CATEGORY_DONE

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> IssueState:
        fields = data.get("fields") or {}
        status = fields.get("status") or {}
        category = status.get("statusCategory") or {}
        return cls(
            id=str(data.get("id", "")),
            key=str(data.get("key", "")),
            status=str(status.get("name", "")),
            category=str(category.get("key", "")),
            summary=str(fields.get("summary") or ""),
            labels=tuple(str(x) for x in fields.get("labels") or ()),
        )


@dataclass(frozen=True)
class Transition:
    """A workflow transition available from the issue's current status."""

    id: str
    name: str
    to_status: str
    to_category: str

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Transition:
        target = data.get("to") or {}
        return cls(
            id=str(data.get("id", "")),
            name=str(data.get("name", "")),
            to_status=str(target.get("name", "")),
            to_category=str((target.get("statusCategory") or {}).get("key", "")),
        )


@dataclass(frozen=True)
class FieldInfo:
    """One entry of ``GET /field``: used to map custom field names to instance ids."""

    id: str
    name: str
    custom: bool
    schema_type: str = ""
    items: str = ""
    custom_type: str = ""

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> FieldInfo:
        schema = data.get("schema") or {}
        return cls(
            id=str(data.get("id", "")),
            name=str(data.get("name", "")),
            custom=bool(data.get("custom", False)),
            schema_type=str(schema.get("type", "")),
            items=str(schema.get("items", "")),
            custom_type=str(schema.get("custom", "")),
        )


@dataclass(frozen=True)
class IssueTypeInfo:
    id: str
    name: str
    subtask: bool = False


@dataclass(frozen=True)
class CreateField:
    """A field on a project + issue type's create screen (createmeta)."""

    field_id: str
    name: str
    required: bool = False
    has_default: bool = False
    allowed_names: tuple[str, ...] = ()
    schema_type: str = ""
    operations: tuple[str, ...] = field(default=())

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> CreateField:
        allowed = data.get("allowedValues") or ()
        names = tuple(
            str(v.get("name") or v.get("value") or "") for v in allowed if isinstance(v, dict)
        )
        return cls(
            field_id=str(data.get("fieldId") or data.get("key") or ""),
            name=str(data.get("name", "")),
            required=bool(data.get("required", False)),
            has_default=bool(data.get("hasDefaultValue", False)),
            allowed_names=names,
            schema_type=str((data.get("schema") or {}).get("type", "")),
            operations=tuple(str(o) for o in data.get("operations") or ()),
        )

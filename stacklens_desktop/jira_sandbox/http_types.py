"""Request/reply values passed between the socket layer and the sandbox's route functions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Request:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]  # lower-case names
    body: Any = None  # parsed JSON, or the raw text when not JSON
    params: dict[str, str] = field(default_factory=dict)  # route groups
    user: str | None = None  # authenticated account (set by the app)

    @property
    def version(self) -> int:
        """REST API version of the route (2 or 3); 0 for non-API routes."""
        return int(self.params.get("v", 0) or 0)

    def arg(self, name: str, default: str | None = None) -> str | None:
        values = self.query.get(name)
        return values[0] if values else default


@dataclass
class Reply:
    status: int
    body: Any = None  # dict/list -> JSON, str -> text/html as content_type says
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str = "application/json;charset=UTF-8"


def error_reply(
    status: int, messages: list[str] | None = None, errors: dict[str, str] | None = None
) -> Reply:
    """Jira's ``ErrorCollection`` body."""
    return Reply(status, {"errorMessages": list(messages or []), "errors": dict(errors or {})})

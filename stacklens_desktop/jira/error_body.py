"""Turn a Jira error response into a readable one-line message.

Jira answers errors in several shapes: the ``ErrorCollection`` JSON
(``{"errorMessages": [...], "errors": {field: msg}}``), ``{"message": ...}`` /
``{"errorMessage": ...}``, an XML ``<status>`` document, an HTML error page from a proxy, or
plain text. Parse all of them defensively; never trust the body to be well-formed.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from xml.etree import ElementTree

MAX_DETAIL = 400

_HINTS = {
    400: "Jira rejected the request",
    401: "authentication failed: check the user/e-mail and the API token or PAT",
    403: "permission denied for this user",
    404: "not found, or not visible to this user",
    409: "conflicting concurrent update",
    410: "this Jira API has been removed",
    413: "a per-issue limit was reached",
    422: "Jira configuration prevents this operation",
    429: "rate limited by Jira",
}


@dataclass
class ParsedError:
    """What could be read from an error body."""

    messages: list[str] = field(default_factory=list)
    field_errors: dict[str, str] = field(default_factory=dict)

    def detail(self) -> str:
        parts = list(self.messages)
        parts += [f"{name}: {text}" for name, text in self.field_errors.items()]
        return "; ".join(p for p in parts if p)


def parse_error_body(body: bytes | str, content_type: str = "") -> ParsedError:
    """Best-effort extraction of error messages from any error body shape."""
    text = body.decode("utf-8", "replace") if isinstance(body, bytes) else body
    text = text.strip()
    if not text:
        return ParsedError()
    if text[0] in "{[":
        parsed = _from_json(text)
        if parsed is not None:
            return parsed
    if text.startswith("<"):
        if "html" in content_type.lower() or re.match(r"(?is)<!doctype html|<html", text):
            return ParsedError(messages=[_from_html(text)])
        parsed = _from_xml(text)
        if parsed is not None:
            return parsed
        return ParsedError(messages=[_from_html(text)])
    return ParsedError(messages=[_squash(text)])


def _from_json(text: str) -> ParsedError | None:
    try:
        data = json.loads(text)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return ParsedError(messages=[_squash(str(data))])
    result = ParsedError()
    for key in ("message", "errorMessage"):
        if isinstance(data.get(key), str):
            result.messages.append(_squash(data[key]))
    messages = data.get("errorMessages")
    if isinstance(messages, list):
        result.messages += [_squash(str(m)) for m in messages if m]
    errors = data.get("errors")
    if isinstance(errors, dict):
        result.field_errors = {str(k): _squash(str(v)) for k, v in errors.items()}
    return result


def _from_xml(text: str) -> ParsedError | None:
    try:
        root = ElementTree.fromstring(text)
    except ElementTree.ParseError:
        return None
    message = root.findtext("message") or root.findtext(".//message")
    return ParsedError(messages=[_squash(message or "".join(root.itertext()))])


def _from_html(text: str) -> str:
    title = re.search(r"(?is)<title[^>]*>(.*?)</title>", text)
    if title and title.group(1).strip():
        return _squash(html.unescape(title.group(1)))
    body = re.sub(r"(?is)<(script|style)[^>]*>.*?</\1>", " ", text)
    return _squash(html.unescape(re.sub(r"<[^>]+>", " ", body)))


def _squash(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_DETAIL else text[: MAX_DETAIL - 1] + "…"


def describe_status(status: int) -> str:
    """A short English hint for a status, independent of the body's language."""
    if status in _HINTS:
        return _HINTS[status]
    if status >= 500:
        return "Jira server error"
    return "request failed"


def error_message(method: str, path: str, status: int, parsed: ParsedError) -> str:
    """``POST /rest/api/3/issue -> 400 (Jira rejected the request): summary: too long``."""
    base = f"{method} {path} -> HTTP {status} ({describe_status(status)})"
    detail = parsed.detail()
    return f"{base}: {detail}" if detail else base

"""Checks the HTTP API makes before it reads a request (the simulator's own copy: it
imports nothing from StackLens).

The API listens on loopback, but a web page in the user's browser can still reach 127.0.0.1:
a ``Host`` that is not this machine and an ``Origin`` that is not a local page are refused.
Sizes are checked before a body is read; JSON that is too deep or holds NaN/Infinity is
refused before it reaches the shop.
"""

from __future__ import annotations

import ipaddress
import json
from email.message import Message
from http import HTTPStatus
from typing import Any
from urllib.parse import urlsplit

from pos_simulator.api_requests import BadRequest

MAX_BODY = 1024 * 1024
MAX_DEPTH = 32


def is_loopback(host: str) -> bool:
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_origin(headers: Message[str, str], any_host: bool) -> None:
    host = headers.get("Host", "")
    if not any_host and not is_loopback(urlsplit(f"//{host}").hostname or ""):
        raise BadRequest("FORBIDDEN_HOST", f"Host {host[:80]!r} is not this machine",
                         HTTPStatus.FORBIDDEN)
    origin = headers.get("Origin")
    if origin is not None and not is_loopback(urlsplit(origin).hostname or ""):
        raise BadRequest("FORBIDDEN_ORIGIN", f"requests from {origin[:80]!r} are not accepted",
                         HTTPStatus.FORBIDDEN)


def content_length(headers: Message[str, str]) -> int:
    if "chunked" in headers.get("Transfer-Encoding", "").lower():
        raise BadRequest("LENGTH_REQUIRED", "send a Content-Length (no chunked bodies)",
                         HTTPStatus.LENGTH_REQUIRED)
    raw = (headers.get("Content-Length") or "").strip()
    if not raw:
        return 0
    if not raw.isdigit():
        raise BadRequest("BAD_CONTENT_LENGTH", f"bad Content-Length {raw[:40]!r}")
    length = int(raw)
    if length > MAX_BODY:
        raise BadRequest("BODY_TOO_LARGE", f"body of {length} bytes is over {MAX_BODY}",
                         HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
    return length


def _constant(name: str) -> Any:
    raise BadRequest("MALFORMED_JSON", f"{name} is not a number JSON allows")


def parse_json(raw: bytes) -> Any:
    """The body as JSON: UTF-8, at most :data:`MAX_DEPTH` deep, no NaN or Infinity."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadRequest("MALFORMED_JSON", f"Request body is not UTF-8: {exc}") from None
    if _depth(text) > MAX_DEPTH:
        raise BadRequest("MALFORMED_JSON", f"JSON nested deeper than {MAX_DEPTH} levels")
    try:
        return json.loads(text, parse_constant=_constant)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise BadRequest("MALFORMED_JSON", f"Request body is not valid JSON: {exc}") from None


def _depth(text: str) -> int:
    """Deepest bracket nesting outside strings."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest

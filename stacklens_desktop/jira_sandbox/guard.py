"""What the sandbox checks before it reads a request: who it is for, where it comes from, how
big it is, and whether its body is JSON it can hold.

The sandbox listens on loopback; a web page in the user's browser can still send requests to
127.0.0.1 (or to a name it made resolve there). A ``Host`` that is not a loopback name and an
``Origin`` that is not a loopback page are refused, so a page cannot reset the sandbox or file
issues in it. Every refusal is a 4xx reply, never an exception that ends the handler.
"""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from stacklens_desktop.jira_sandbox.http_types import Reply, error_reply

MAX_BODY = 1024 * 1024
MAX_DEPTH = 64


class Refused(Exception):
    """A request the sandbox answers with ``reply`` and does not process."""

    def __init__(self, reply: Reply) -> None:
        super().__init__(str(reply.body))
        self.reply = reply


def _refuse(status: int, message: str) -> Refused:
    return Refused(error_reply(status, [message]))


def is_loopback(host: str) -> bool:
    host = host.strip("[]").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_origin(headers: Mapping[str, str], any_host: bool) -> None:
    """``Host`` must name this machine (unless remote use was allowed); an ``Origin`` header,
    when a browser sent one, must be a page served from this machine."""
    host = headers.get("host", "")
    if not any_host and not is_loopback(urlsplit(f"//{host}").hostname or ""):
        raise _refuse(403, f"Host {host!r} is not this machine")
    origin = headers.get("origin")
    if origin is not None and not is_loopback(urlsplit(origin).hostname or ""):
        raise _refuse(403, f"requests from the web page {origin!r} are not accepted")


def content_length(headers: Mapping[str, str]) -> int:
    """The body size the client announced, within :data:`MAX_BODY`."""
    if "chunked" in headers.get("transfer-encoding", "").lower():
        raise _refuse(411, "a Content-Length is required (chunked bodies are not accepted)")
    raw = headers.get("content-length", "").strip()
    if not raw:
        return 0
    if not raw.isdigit():
        raise _refuse(400, f"bad Content-Length {raw[:40]!r}")
    length = int(raw)
    if length > MAX_BODY:
        raise _refuse(413, f"body of {length} bytes is over the {MAX_BODY} byte limit")
    return length


def _no_constants(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def parse_body(raw: bytes) -> Any:
    """JSON (without NaN/Infinity, at most :data:`MAX_DEPTH` deep), or the text when the
    body does not look like JSON; None when empty."""
    text = raw.decode("utf-8", "replace")
    if not text.strip():
        return None
    if text.lstrip()[:1] not in ("{", "["):
        return text
    if _depth(text) > MAX_DEPTH:
        raise _refuse(400, f"JSON nested deeper than {MAX_DEPTH} levels")
    try:
        return json.loads(text, parse_constant=_no_constants)
    except (ValueError, RecursionError) as exc:
        raise _refuse(400, f"malformed JSON body: {str(exc)[:120]}") from None


def _depth(text: str) -> int:
    """Deepest bracket nesting outside strings (a bound checked before parsing)."""
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

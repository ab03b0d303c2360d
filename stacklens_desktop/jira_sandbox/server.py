"""The socket side of the sandbox: a ``ThreadingHTTPServer`` that applies faults and logs.

Start it in-process (tests: ``with JiraSandbox() as sb: sb.url``) or from the CLI
(``stacklens jira sandbox --port P --state FILE``).
"""

from __future__ import annotations

import json
import logging
import math
import socket
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from stacklens_desktop.jira_sandbox.app import SandboxApp
from stacklens_desktop.jira_sandbox.faults import FaultRule
from stacklens_desktop.jira_sandbox.guard import (
    Refused,
    check_origin,
    content_length,
    is_loopback,
    parse_body,
)
from stacklens_desktop.jira_sandbox.http_types import Reply, Request, error_reply
from stacklens_desktop.jira_sandbox.state import SandboxState, SandboxUser

log = logging.getLogger("stacklens.jira.sandbox")

_FAULT_BODIES: dict[int, Reply] = {
    401: Reply(
        401,
        {"message": "Client must be authenticated to access this resource.", "status-code": 401},
    ),
    403: error_reply(403, ["You do not have permission to perform this operation."]),
    404: error_reply(404, ["Issue does not exist or you do not have permission to see it."]),
    429: Reply(429, {"errorMessages": ["Rate limit exceeded."], "errors": {}}),
    500: error_reply(500, ["Internal server error"]),
    502: Reply(
        502,
        "<html><head><title>502 Bad Gateway</title></head><body>Bad Gateway</body></html>",
        content_type="text/html",
    ),
    503: Reply(
        503,
        "<html><head><title>503 Service Unavailable</title></head><body>Down for "
        "maintenance</body></html>",
        content_type="text/html",
    ),
    504: Reply(
        504,
        "<html><head><title>504 Gateway Timeout</title></head></html>",
        content_type="text/html",
    ),
}


def fault_reply(rule: FaultRule) -> Reply:
    template = _FAULT_BODIES.get(rule.status, error_reply(rule.status, ["Sandbox fault"]))
    reply = Reply(rule.status, template.body, dict(template.headers), template.content_type)
    if rule.body is not None:
        reply.body = rule.body
        reply.content_type = "application/json" if not isinstance(rule.body, str) else "text/plain"
    if rule.retry_after is not None:
        reply.headers["Retry-After"] = _header_seconds(rule.retry_after)
    return reply


def _header_seconds(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server
    #: seconds a client may take to send a request (a stalled body does not hold a thread)
    timeout = 60
    #: a malformed request line is answered with a real status line (no HTTP/0.9 replies)
    default_request_version = "HTTP/1.1"

    def setup(self) -> None:
        super().setup()
        # Headers and body go out in separate writes; without NODELAY, Nagle + delayed ACK
        # add ~40 ms to every keep-alive answer.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def do_GET(self) -> None:  # noqa: N802 (http.server API)
        self._serve()

    do_POST = do_PUT = do_DELETE = do_GET  # noqa: N815

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        log.debug("%s " + format, self.address_string(), *args)

    def _read(self) -> Request:
        """The request, checked (Host, Origin, size) before its body is read."""
        headers = {k.lower(): v for k, v in self.headers.items()}
        check_origin(headers, self.server.any_host)
        length = content_length(headers)
        raw = self.rfile.read(length) if length else b""
        if len(raw) < length:
            raise Refused(error_reply(400, ["the body ended before its Content-Length"]))
        parts = urlsplit(self.path)
        return Request(self.command, parts.path, parse_qs(parts.query), headers, parse_body(raw))

    def _serve(self) -> None:
        """Any request gets an answer and the handler lives on, whatever the client sent."""
        try:
            self._serve_checked()
        except Refused as refused:
            self.close_connection = True  # the body may be unread: this connection is done
            self._write(refused.reply)
        except Exception:  # a sandbox bug must look like a Jira 500, not kill the thread
            log.exception("sandbox failed on %s %s", self.command, self.path[:200])
            self.close_connection = True
            self._write(error_reply(500, ["Internal server error (sandbox)"]))

    def _serve_checked(self) -> None:
        arrived = time.monotonic()  # request line + headers parsed, body not yet read
        app = self.server.app
        req = self._read()
        if req.path.startswith("/_sandbox/"):
            self._write(app.handle(req))
            return
        entry = app.log.record(
            arrived=arrived,
            peer=f"{self.client_address[0]}:{self.client_address[1]}",
            method=req.method,
            path=req.path,
            query=req.query,
            body=req.body,
            user_agent=req.headers.get("user-agent", ""),
            auth_scheme=req.headers.get("authorization", " ").split(" ", 1)[0],
        )
        blocked = app.faults.blocked_for()
        if blocked > 0:
            entry.early = True
            reply = fault_reply(FaultRule("rate_limit", status=429, retry_after=math.ceil(blocked)))
            self._answer(entry, reply)
            return
        rule = app.faults.take(req.method, req.path)
        if rule is not None:
            entry.fault = rule.kind
            if rule.kind == "slow":
                time.sleep(rule.delay)
            elif rule.kind == "drop_before":
                self._drop()
                return
            elif rule.kind in ("status", "rate_limit"):
                if rule.retry_after is not None and rule.status in (429, 503):
                    app.faults.block(rule.retry_after)
                self._answer(entry, fault_reply(rule))
                return
        reply = self._safe_handle(req)
        if rule is not None and rule.kind == "drop_after":
            entry.status = reply.status
            self._drop()
            return
        self._answer(entry, reply)

    def _safe_handle(self, req: Request) -> Reply:
        try:
            return self.server.app.handle(req)
        except Exception:  # a sandbox bug must look like a Jira 500, not kill the thread
            log.exception("sandbox handler failed for %s %s", req.method, req.path)
            return error_reply(500, ["Internal server error (sandbox)"])

    def _answer(self, entry: Any, reply: Reply) -> None:
        entry.status = reply.status
        retry_after = reply.headers.get("Retry-After")
        entry.retry_after = float(retry_after) if retry_after is not None else None
        entry.answered_mono = time.monotonic()
        self._write(reply)

    def _write(self, reply: Reply) -> None:
        if reply.body is None:
            payload = b""
        elif isinstance(reply.body, str):
            payload = reply.body.encode("utf-8")
        else:
            payload = json.dumps(reply.body).encode("utf-8")
        try:
            self.send_response(reply.status)
            if payload:
                self.send_header("Content-Type", reply.content_type)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def _drop(self) -> None:
        """Close the TCP connection without any answer."""
        self.close_connection = True
        try:
            self.connection.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], app: SandboxApp, any_host: bool) -> None:
        super().__init__(address, _Handler)
        self.app = app
        self.any_host = any_host  # bound beyond loopback on purpose: any Host header goes

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hung up mid-answer is not an error worth a traceback."""
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


class JiraSandbox:
    """A local Jira-compatible server (Cloud v3 subset, or ``flavor="datacenter"`` for v2)."""

    def __init__(
        self,
        *,
        host: str = "127.0.0.1",
        port: int = 0,
        state_file: Path | str | None = None,
        flavor: str = "cloud",
        user: SandboxUser | None = None,
        allow_remote: bool = False,
    ) -> None:
        """``allow_remote``: listen on a non-loopback ``host`` (refused otherwise: anyone on
        the network could then read and change the sandbox's issues)."""
        if flavor not in ("cloud", "datacenter"):
            raise ValueError("flavor must be 'cloud' or 'datacenter'")
        remote = not is_loopback(host)
        if remote and not allow_remote:
            raise ValueError(f"refusing to listen on {host}: the sandbox is for this machine "
                             "(127.0.0.1); allow_remote / --allow-remote to override")
        if remote:
            print(f"warning: the Jira sandbox listens on {host}: reachable from the network",
                  file=sys.stderr)
        state = SandboxState.open(Path(state_file) if state_file else None)
        self.app = SandboxApp(state=state, user=user or SandboxUser(), flavor=flavor)
        self._server = _Server((host, port), self.app, any_host=remote)
        bound_host, bound_port = self._server.socket.getsockname()[:2]
        self.url = f"http://{bound_host}:{bound_port}"
        self.app.base_url = self.url
        self._thread: threading.Thread | None = None

    @property
    def state(self) -> SandboxState:
        return self.app.state

    @property
    def user(self) -> SandboxUser:
        return self.app.user

    def start(self) -> JiraSandbox:
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="jira-sandbox",
            daemon=True,
        )
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        self._server.serve_forever()

    def stop(self) -> None:
        """Stop the background thread started by :meth:`start` and close the socket."""
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self._server.server_close()

    def stop_serving(self) -> None:
        """Close the socket after :meth:`serve_forever` returned (CLI use)."""
        self._server.server_close()

    def __enter__(self) -> JiraSandbox:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- conveniences for tests -------------------------------------------------------------

    def add_fault(self, **rule: Any) -> None:
        self.app.faults.add(FaultRule.from_json(rule))

    def clear_faults(self) -> None:
        self.app.faults.clear()

    def requests(self, path_contains: str = "") -> list[Any]:
        return [e for e in self.app.log.snapshot() if path_contains in e.path]

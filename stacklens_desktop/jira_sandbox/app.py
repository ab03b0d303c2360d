"""The sandbox's request handling without sockets: routing, authentication, XSRF check.

Faults and the request log sit in :mod:`server` (they need the connection); everything here is
a plain function of a :class:`Request`.
"""

from __future__ import annotations

import base64
import hmac
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from stacklens_desktop.jira_sandbox import routes_admin, routes_issues, routes_meta, routes_search
from stacklens_desktop.jira_sandbox.faults import FaultBoard
from stacklens_desktop.jira_sandbox.http_types import Reply, Request, error_reply
from stacklens_desktop.jira_sandbox.request_log import RequestLog
from stacklens_desktop.jira_sandbox.state import SandboxState, SandboxUser

Handler = Callable[["SandboxApp", Request], Reply]

_API = r"/rest/api/(?P<v>[23])"
_KEY = r"(?P<key>[A-Za-z0-9_-]+)"
# (method, path regex, handler, needs auth)
ROUTES: list[tuple[str, re.Pattern[str], Handler, bool]] = [
    (m, re.compile(p + r"/?$"), h, a)
    for m, p, h, a in [
        ("GET", _API + "/serverInfo", routes_meta.server_info, False),
        ("GET", _API + "/myself", routes_meta.myself, True),
        ("GET", _API + "/field", routes_meta.fields, True),
        ("GET", _API + "/project", routes_meta.projects, True),
        ("GET", _API + "/project/search", routes_meta.project_search, True),
        (
            "GET",
            _API + r"/issue/createmeta/(?P<project>[^/]+)/issuetypes",
            routes_meta.createmeta_types,
            True,
        ),
        (
            "GET",
            _API + r"/issue/createmeta/(?P<project>[^/]+)/issuetypes/(?P<type>[^/]+)",
            routes_meta.createmeta_fields,
            True,
        ),
        ("POST", _API + "/issue", routes_issues.create_issue, True),
        ("GET", _API + f"/issue/{_KEY}", routes_issues.get_issue, True),
        ("PUT", _API + f"/issue/{_KEY}", routes_issues.edit_issue, True),
        ("POST", _API + f"/issue/{_KEY}/comment", routes_issues.add_comment, True),
        ("GET", _API + f"/issue/{_KEY}/comment", routes_issues.list_comments, True),
        ("GET", _API + f"/issue/{_KEY}/transitions", routes_issues.get_transitions, True),
        ("POST", _API + f"/issue/{_KEY}/transitions", routes_issues.do_transition, True),
        ("GET", _API + "/search/jql", routes_search.search_jql, True),
        ("POST", _API + "/search/jql", routes_search.search_jql, True),
        ("GET", _API + "/search", routes_search.search_old, True),
        ("POST", _API + "/search", routes_search.search_old, True),
        ("GET", f"/browse/{_KEY}", routes_meta.browse, False),
        ("GET", "/_sandbox/faults", routes_admin.list_faults, True),
        ("POST", "/_sandbox/faults", routes_admin.add_faults, True),
        ("DELETE", "/_sandbox/faults", routes_admin.clear_faults, True),
        ("GET", "/_sandbox/requests", routes_admin.list_requests, True),
        ("DELETE", "/_sandbox/requests", routes_admin.clear_requests, True),
        ("GET", "/_sandbox/issues", routes_admin.list_issues, True),
        ("POST", "/_sandbox/config", routes_admin.set_config, True),
        ("POST", "/_sandbox/reset", routes_admin.reset, True),
    ]
]

UNAUTHENTICATED = {
    "message": "Client must be authenticated to access this resource.",
    "status-code": 401,
}


@dataclass
class SandboxApp:
    state: SandboxState
    user: SandboxUser = field(default_factory=SandboxUser)
    flavor: str = "cloud"  # or "datacenter"
    base_url: str = "http://127.0.0.1"
    index_lag: float = 0.0  # seconds before a new issue is visible to search
    faults: FaultBoard = field(default_factory=FaultBoard)
    log: RequestLog = field(default_factory=RequestLog)

    @property
    def cloud(self) -> bool:
        return self.flavor == "cloud"

    def route(self, req: Request) -> tuple[Handler, bool] | None:
        for method, pattern, handler, needs_auth in ROUTES:
            match = pattern.match(req.path)
            if match and method == req.method:
                req.params = match.groupdict()
                return handler, needs_auth
        return None

    def handle(self, req: Request) -> Reply:
        found = self.route(req)
        if found is None:
            return error_reply(404, [f"null for uri: {self.base_url}{req.path}"])
        handler, needs_auth = found
        if req.version == 3 and not self.cloud:
            return error_reply(404, [f"null for uri: {self.base_url}{req.path}"])
        if needs_auth and not self.admin_token_ok(req):
            denied = self.authenticate(req)
            if denied is not None:
                return denied
        return handler(self, req)

    def admin_token_ok(self, req: Request) -> bool:
        """Admin routes (``/_sandbox/*``) also take the token alone, as ``X-Sandbox-Token``."""
        given = req.headers.get("x-sandbox-token", "")
        return (req.path.startswith("/_sandbox/") and bool(given)
                and hmac.compare_digest(given.encode(), self.user.token.encode()))

    def authenticate(self, req: Request) -> Reply | None:
        """Cloud: Basic e-mail + API token. DC: Bearer PAT. Browser-like writes: XSRF 403."""
        header = req.headers.get("authorization", "")
        if self.cloud:
            ok = (
                header
                == "Basic "
                + base64.b64encode(f"{self.user.email}:{self.user.token}".encode()).decode()
            )
        else:
            ok = header == f"Bearer {self.user.token}"
        if not ok:
            headers = {} if self.cloud else {"X-Seraph-LoginReason": "AUTHENTICATED_FAILED"}
            return Reply(401, dict(UNAUTHENTICATED), headers=headers)
        agent = req.headers.get("user-agent", "")
        if req.method in ("POST", "PUT", "DELETE") and "Mozilla" in agent:
            return Reply(403, "XSRF check failed", content_type="text/plain;charset=UTF-8")
        req.user = self.user.email
        return None

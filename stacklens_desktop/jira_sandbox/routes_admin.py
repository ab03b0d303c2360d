"""``/_sandbox/*``: switch faults, read the request log, tune index lag, reset state."""

from __future__ import annotations

from typing import TYPE_CHECKING

from stacklens_desktop.jira_sandbox.faults import FaultRule
from stacklens_desktop.jira_sandbox.http_types import Reply, Request, error_reply

if TYPE_CHECKING:
    from stacklens_desktop.jira_sandbox.app import SandboxApp


def list_faults(app: SandboxApp, req: Request) -> Reply:
    return Reply(200, {"rules": app.faults.describe(), "blocked_for": app.faults.blocked_for()})


def add_faults(app: SandboxApp, req: Request) -> Reply:
    """Body: one rule object, or ``{"rules": [...]}``."""
    body = req.body if isinstance(req.body, dict) else {}
    raw = body.get("rules") if "rules" in body else [body]
    try:
        rules = [FaultRule.from_json(r) for r in raw or []]
    except (TypeError, ValueError) as exc:
        return error_reply(400, [f"bad fault rule: {exc}"])
    for rule in rules:
        app.faults.add(rule)
    return Reply(200, {"rules": app.faults.describe()})


def clear_faults(app: SandboxApp, req: Request) -> Reply:
    app.faults.clear()
    return Reply(204)


def list_requests(app: SandboxApp, req: Request) -> Reply:
    return Reply(200, {"requests": app.log.as_json()})


def clear_requests(app: SandboxApp, req: Request) -> Reply:
    app.log.clear()
    return Reply(204)


def list_issues(app: SandboxApp, req: Request) -> Reply:
    with app.state.lock:
        return Reply(200, {"issues": list(app.state.issues.values())})


def set_config(app: SandboxApp, req: Request) -> Reply:
    body = req.body if isinstance(req.body, dict) else {}
    if "index_lag" in body:
        app.index_lag = float(body["index_lag"])
    return Reply(200, {"index_lag": app.index_lag, "flavor": app.flavor})


def reset(app: SandboxApp, req: Request) -> Reply:
    app.state.reset()
    app.faults.clear()
    app.log.clear()
    return Reply(204)

"""A triage action on the team store: through :func:`.store.team.triage.set_status`, which
logs the login and the time and announces the change to every desktop (no Qt)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING

from stacklens_desktop.store.team.triage import request_ticket, set_status

if TYPE_CHECKING:
    from sqlalchemy import Engine

#: action -> (status stored, what the window says)
_ACTIONS = {
    "acknowledge": ("acknowledged", "acknowledged"),
    "resolve": ("resolved", "resolved (a new occurrence marks it a regression)"),
    "reopen": ("new", "marked new"),
}


def team_triage(engine: Engine, pattern_id: int, action: str,
                duration: timedelta | None) -> str:
    """Store the action; returns what was done, as the window says it."""
    if action == "ticket":  # the team's automation holder files it (this desktop or another)
        request = request_ticket(engine, pattern_id, datetime.now(UTC))
        what = "filing its ticket" if request.operation == "create" else \
            f"Jira {request.operation}"
        return f"{what} now" if request.queued else f"{what}: due now"
    until = None
    if action == "mute":
        status = "muted"
        if duration is not None:
            moment = datetime.now(UTC) + duration
            until = moment.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z"
        done = f"muted until {until[:16].replace('T', ' ')} UTC" if until else "muted for good"
    else:
        status, done = _ACTIONS[action]
    with engine.begin() as conn:
        set_status(conn, pattern_id, status, until)
    return done

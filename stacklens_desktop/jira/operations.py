"""Executing one outbox row against Jira: create (with dedupe), comment, reopen, new linked.

Every step that Jira has acknowledged is committed locally at once (the ticket row right after
the 201, the comment watermark right after the comment), so a crash or an error later in the
same operation never repeats it.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, Engine

from stacklens_desktop.jira import dedupe, ticket_text
from stacklens_desktop.jira.client import JiraClient
from stacklens_desktop.jira.document import Span, para
from stacklens_desktop.jira.errors import AmbiguousWriteError, JiraConfigError, JiraError
from stacklens_desktop.jira.metadata import MetadataCache, prepare_create
from stacklens_desktop.jira.models import IssueState
from stacklens_desktop.jira.payloads import TicketOptions, build_comment, render
from stacklens_desktop.jira.policy import STATUS_FRESH, AutomationConfig, RegressionMode
from stacklens_desktop.store import audit, jira_status, outbox, ticket_text_reads, tickets
from stacklens_desktop.store.executor import write
from stacklens_desktop.store.outbox import OutboxRow
from stacklens_desktop.wording import plural

log = logging.getLogger("stacklens.jira.outbox")
REOPEN_CATEGORIES = ("new", "indeterminate")



@dataclass(frozen=True)
class Outcome:
    """What happened; ``event`` is for the worker's signals: (kind, pattern id, key, url)."""

    note: str
    event: tuple[str, int, str, str] | None = None
    postponed_until: datetime | None = None


@dataclass
class Context:
    engine: Engine
    client: JiraClient
    meta: MetadataCache
    options: TicketOptions
    config: AutomationConfig
    now: datetime


def run(ctx: Context, row: OutboxRow) -> Outcome:
    handlers: dict[str, Callable[[Context, OutboxRow], Outcome]] = {
        "create": run_create,
        "new_linked": run_create,
        "comment": run_comment,
        "reopen": run_reopen,
    }
    handler = handlers.get(row.operation)
    if handler is None:
        why = f"unknown operation {row.operation!r}"
        write(ctx.engine, lambda conn: outbox.fail(conn, row.id, ctx.now, why))
        return Outcome(why)
    return handler(ctx, row)


# -- create ---------------------------------------------------------------------------------


def run_create(ctx: Context, row: OutboxRow) -> Outcome:
    linked = row.operation == "new_linked"
    with ctx.engine.connect() as conn:
        current = tickets.load(conn, row.pattern_id)
        fingerprint = ticket_text_reads.fingerprint(conn, row.pattern_id)
        recent = tickets.recent_issue_ids(conn)
    if current and current.issue_key and not linked:
        return _finish(ctx, row, f"already filed as {current.issue_key}", "noop")
    exclude = set(current.previous_keys) if current else set()
    previous = current.issue_key if linked and current else None
    if previous:
        exclude.add(previous)
    found = dedupe.find_existing(
        ctx.client,
        ctx.options.project_key,
        fingerprint,
        reconcile_ids=recent,
        exclude_keys=exclude,
        open_only=linked,
    )
    if found is not None:
        return _adopt(ctx, row, found, previous)
    with ctx.engine.connect() as conn:
        report, coverage = ticket_text.load_report(conn, row.pattern_id)
    payload = prepare_create(ctx.meta, report, ctx.options)
    if payload.missing_required:
        raise JiraConfigError(
            f"project {ctx.options.project_key} requires fields StackLens cannot fill: "
            f"{', '.join(payload.missing_required)} (map them in the Jira settings)"
        )
    ref = ctx.client.create_issue(payload.body)
    issue = IssueState(id=ref.id, key=ref.key, status="", category="new")
    url = ctx.client.browse_url(ref.key)
    note = f"filed {ref.key}" + (f" (regression of {previous})" if previous else "")
    if payload.dropped:
        note += f"; not on the create screen, left out: {', '.join(payload.dropped)}"

    def record(conn: Connection) -> None:  # committed as soon as the 201 is in
        tickets.record_filed(conn, row.pattern_id, issue, url, coverage, ctx.now, previous)
        outbox.finish(conn, row.id, ctx.now, note)
        audit.write(conn, row.pattern_id, ctx.now, "filed", note, "filed")

    write(ctx.engine, record)
    if previous:
        _link(ctx, ref.key, previous)
    log.info("pattern %s: %s", row.pattern_id, note)
    return Outcome(note, ("filed", row.pattern_id, ref.key, url))


def _adopt(ctx: Context, row: OutboxRow, found: IssueState, previous: str | None) -> Outcome:
    """A ticket with the pattern's label exists already: use it instead of filing another."""
    url = ctx.client.browse_url(found.key)
    note = (
        f"found existing {found.key} ({found.status or 'status unknown'}) by its "
        "dedupe label; adopted it instead of filing a duplicate"
    )

    def record(conn: Connection) -> None:
        _, coverage = ticket_text.load_report(conn, row.pattern_id)
        tickets.record_filed(conn, row.pattern_id, found, url, coverage, ctx.now, previous)
        outbox.finish(conn, row.id, ctx.now, note)
        audit.write(conn, row.pattern_id, ctx.now, "adopted", note, "adopted")

    write(ctx.engine, record)
    log.info("pattern %s: %s", row.pattern_id, note)
    return Outcome(note, ("filed", row.pattern_id, found.key, url))


def _link(ctx: Context, new_key: str, previous: str) -> None:
    """Relate the regression ticket to the old one; a comment when links are unavailable."""
    body = {
        "type": {"name": "Relates"},
        "inwardIssue": {"key": new_key},
        "outwardIssue": {"key": previous},
    }
    try:
        ctx.client.transport.request("POST", f"{ctx.client.api}/issueLink", body=body)
        return
    except JiraError as exc:
        log.info(
            "issue link %s -> %s not created (%s); commenting instead",
            new_key,
            previous,
            exc.message,
        )
    text = render(
        [
            para(
                "Regression of ",
                Span(previous, code=True),
                ": the error came back after that ticket was done.",
            )
        ],
        ctx.client.deployment,
    )
    try:
        ctx.client.add_comment(new_key, text)
    except JiraError as exc:
        log.warning("could not note the regression link on %s: %s", new_key, exc.message)


# -- comment and reopen -----------------------------------------------------------------------


def run_comment(ctx: Context, row: OutboxRow) -> Outcome:
    with ctx.engine.connect() as conn:
        ticket = tickets.load(conn, row.pattern_id)
    if ticket is None or not ticket.issue_key:
        return _finish(ctx, row, "no ticket to comment on", "noop")
    due = ticket.last_update_at + ctx.config.comment_throttle if ticket.last_update_at else None
    if row.payload.get("escalation"):
        due = None  # an escalation is told at once
    stale = ticket.synced_at is None or ctx.now - ticket.synced_at > STATUS_FRESH
    if due is not None and due > ctx.now and not stale:
        return _throttle(ctx, row, ticket, due)
    if _closed_in_jira(ctx, row, ticket):  # closed meanwhile and the error goes on
        return _regression(ctx, row, ticket)
    if due is not None and due > ctx.now:
        return _throttle(ctx, row, ticket, due)
    return _comment(ctx, row, ticket, regression=False, finish=True)


def _closed_in_jira(ctx: Context, row: OutboxRow, ticket: tickets.TicketRow) -> bool:
    """Read the ticket's status now (a recurrence on a ticket closed since the last sync is a
    regression at once, not after the comment throttle)."""
    state = ctx.client.get_issue(ticket.issue_key or "")
    write(ctx.engine, lambda conn: tickets.record_status(conn, row.pattern_id, state.status,
                                                         state.category, ctx.now))
    return state.is_done


def _throttle(ctx: Context, row: OutboxRow, ticket: tickets.TicketRow,
              due: datetime) -> Outcome:
    write(ctx.engine, lambda conn: outbox.postpone(conn, row.id, ctx.now, due, None))
    return Outcome(f"comment on {ticket.issue_key} throttled", postponed_until=due)


def run_reopen(ctx: Context, row: OutboxRow) -> Outcome:
    with ctx.engine.connect() as conn:
        ticket = tickets.load(conn, row.pattern_id)
    if ticket is None or not ticket.issue_key:
        return _finish(ctx, row, "no ticket to reopen", "noop")
    return _regression(ctx, row, ticket)


def _regression(ctx: Context, row: OutboxRow, ticket: tickets.TicketRow) -> Outcome:
    if ctx.config.regression_mode is RegressionMode.NEW_LINKED:
        payload = {**row.payload, "previous_key": ticket.issue_key}
        def convert(conn: Connection) -> None:
            outbox.convert(conn, row.id, "new_linked", payload, ctx.now, ctx.now)
            outbox.keep_in_flight(conn, row.id)

        write(ctx.engine, convert)
        return run_create(
            ctx,
            OutboxRow(
                row.id, row.pattern_id, "new_linked", payload, "in_flight", row.attempts, None, None
            ),
        )
    key = ticket.issue_key or ""
    if not row.payload.get("commented"):
        _comment(ctx, row, ticket, regression=True, finish=False)
    moved = ctx.client.transition_to_category(key, REOPEN_CATEGORIES)
    note = f"regression: commented on {key} and moved it to {moved.to_status}"

    def record(conn: Connection) -> None:
        tickets.record_status(conn, row.pattern_id, moved.to_status, moved.to_category, ctx.now)
        jira_status.reopen_resolved(conn, row.pattern_id)
        outbox.finish(conn, row.id, ctx.now, note)
        audit.write(conn, row.pattern_id, ctx.now, "reopened", note, "reopened")

    write(ctx.engine, record)
    log.info("pattern %s: %s", row.pattern_id, note)
    return Outcome(note, ("reopened", row.pattern_id, key, ticket.url or ""))


def _comment(
    ctx: Context, row: OutboxRow, ticket: tickets.TicketRow, *, regression: bool, finish: bool
) -> Outcome:
    key = ticket.issue_key or ""
    with ctx.engine.connect() as conn:
        update, coverage = ticket_text.load_update(
            conn,
            row.pattern_id,
            ticket.count_reported,
            ticket.last_event_id,
            ticket.reported_values,
            regression,
        )
    if row.payload.get("escalation"):
        update = dataclasses.replace(update, escalation=str(row.payload["escalation"]))
    if update.count_since_last <= 0 and not regression:
        return _finish(ctx, row, f"nothing new to tell on {key}", "noop")
    body = build_comment(update, ctx.client.deployment, emails=ctx.options.redact_emails,
                         rules=ctx.options.scrub_rules)
    try:
        ctx.client.add_comment(key, body)
    except AmbiguousWriteError as exc:
        # Comments are sent at most once: the watermark stays, so the next comment covers
        # these occurrences again rather than risking a duplicate now.
        note = f"comment on {key}: outcome unknown, not re-sent ({exc.message})"
        def unknown(conn: Connection) -> None:
            _after_comment(conn, row, finish, note, ctx.now)
            audit.write(conn, row.pattern_id, ctx.now, "comment_unknown", note, "comment_unknown")

        write(ctx.engine, unknown)
        return Outcome(note)
    note = f"commented on {key}: {plural(update.count_since_last, 'new occurrence')}"
    def record(conn: Connection) -> None:
        tickets.record_comment(conn, row.pattern_id, coverage, ctx.now)
        _after_comment(conn, row, finish, note, ctx.now)
        audit.write(conn, row.pattern_id, ctx.now, "commented", note, "commented")

    write(ctx.engine, record)
    return Outcome(note, ("updated", row.pattern_id, key, ticket.url or ""))


def _after_comment(
    conn: Connection, row: OutboxRow, finish: bool, note: str, now: datetime
) -> None:
    """A plain comment ends its row; a regression's comment is marked so a retry of the
    transition does not comment twice."""
    if finish:
        outbox.finish(conn, row.id, now, note)
    else:
        outbox.replace_payload(conn, row.id, {**row.payload, "commented": True})


def _finish(ctx: Context, row: OutboxRow, note: str, code: str) -> Outcome:
    def record(conn: Connection) -> None:
        outbox.finish(conn, row.id, ctx.now, note)
        audit.write(conn, row.pattern_id, ctx.now, code, note, code)

    write(ctx.engine, record)
    return Outcome(note)

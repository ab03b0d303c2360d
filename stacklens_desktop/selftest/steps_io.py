"""Self-test steps: the file watcher, a ticket into the built-in Jira sandbox, the keyring."""

from __future__ import annotations

import time

from stacklens_desktop.selftest.context import SelfTestContext, StepFailed

#: the watcher must see an appended line within this many seconds
WATCH_TIMEOUT = 10.0
PROJECT = "DEMO"


def watch_file(ctx: SelfTestContext) -> str:
    """Start the watcher on a temporary file, append a line, see it, stop the watcher."""
    from stacklens_desktop.watch.start import StartAt
    from stacklens_desktop.watch.watchset import WatchSet

    path = ctx.need_profile() / "watched.log"
    path.write_text("2026-12-06T10:00:00.000Z [INFO] till started\n", encoding="utf-8")
    # polling every 60 s: a line seen within the timeout came through the native watcher
    watch = WatchSet(poll_interval=60.0)
    try:
        watch.add_file(path, start=StartAt.END)
        watch.drain(0.5)  # the initial reconcile
        started = time.perf_counter()
        with path.open("a", encoding="utf-8") as out:
            out.write("2026-12-06T10:00:01.000Z [ERROR] Receipt printer offline\n")
        results = watch.drain(WATCH_TIMEOUT)
        seconds = time.perf_counter() - started
    finally:
        watch.close()
    lines = sum(r.line_count for r in results)
    if lines != 1:
        raise StepFailed(f"expected 1 appended line within {WATCH_TIMEOUT:.0f} s, got {lines}")
    return f"appended line seen in {seconds * 1000:.0f} ms; watcher stopped"


def file_ticket(ctx: SelfTestContext) -> str:
    """The missing-price pattern becomes one ticket in the sandbox, through the automation
    policy, the outbox and the Jira client (real HTTP on 127.0.0.1)."""
    from stacklens_desktop.jira.automation import automate
    from stacklens_desktop.jira.config import JiraSettings
    from stacklens_desktop.jira.stamps import utcnow
    from stacklens_desktop.jira.ticket_service import TicketService, client_factory
    from stacklens_desktop.selftest.jira_site import JiraSandbox
    from stacklens_desktop.settings.access import load_policy
    from stacklens_desktop.ui.demo import SessionTokens

    if ctx.store is None or ctx.missing_price is None:
        raise StepFailed("no analyzed pattern to file (an earlier step failed)")
    sandbox = JiraSandbox().start()
    ctx.cleanups.append(sandbox.stop)
    tokens = SessionTokens()
    tokens.set(sandbox.url, sandbox.user.email, sandbox.user.token)
    settings = JiraSettings(base_url=sandbox.url, username=sandbox.user.email,
                            project_key=PROJECT)
    engine, now = ctx.store.engine, utcnow()
    config = load_policy(engine)
    pattern_id = ctx.missing_price["id"]
    ctx.store.write(lambda conn: automate(conn, [pattern_id], config, now))
    service = TicketService(engine, client_factory(settings, tokens), config, settings)
    try:
        report = service.tick(now)
    finally:
        service.close()
    issues = list(sandbox.state.issues.values())
    if len(issues) != 1 or report.drain.done != 1:
        problem = report.drain.halted or (report.drain.errors or ["no ticket decided"])[0]
        raise StepFailed(f"expected 1 ticket, got {len(issues)}: {problem}")
    return f"{issues[0]['key']}: {issues[0]['fields']['summary'][:60]}"


def keyring_backend(ctx: SelfTestContext) -> str:
    """Which keyring backend the app would keep the Jira token in (reported, not required:
    a machine without a Secret Service keeps the token for the session only)."""
    from stacklens_desktop.credentials import keyring_status

    status = keyring_status()
    return f"{status.backend} ({'usable' if status.usable else 'not usable: session only'})"

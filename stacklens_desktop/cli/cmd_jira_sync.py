"""``stacklens jira sync``: one status sync and one outbox drain, then a summary.

Hooked into ``cmd_jira``'s sub-commands by :func:`add_sync_parser`. Connection settings come
from the profile (``stacklens jira configure``) with the seed's environment (``JIRA_BASE_URL``,
``JIRA_USERNAME``, ``JIRA_API_TOKEN``, ``JIRA_PROJECT_KEY``) winning; the automation policy
from the store's settings.
"""

from __future__ import annotations

import argparse
import sys

from stacklens_desktop.jira.stamps import utcnow
from stacklens_desktop.wording import plural

EXIT_OK = 0
EXIT_FAIL = 1


def add_sync_parser(actions: argparse._SubParsersAction) -> None:
    from stacklens_desktop.cli.main import add_data_dir_argument

    sync = actions.add_parser(
        "sync", help="refresh ticket statuses and send the pending Jira operations once")
    sync.add_argument("--retry-failed", action="store_true",
                      help="put failed operations back in the queue first")
    add_data_dir_argument(sync)
    sync.set_defaults(func=run_sync)


def run_sync(args: argparse.Namespace) -> int:
    from stacklens_desktop.cli.main import UsageError
    from stacklens_desktop.cli.profile import refuse_if_owned
    from stacklens_desktop.credentials import TokenStore
    from stacklens_desktop.errors import describe_os_error
    from stacklens_desktop.jira.ticket_service import TicketService, client_factory
    from stacklens_desktop.logs import setup_logging
    from stacklens_desktop.paths import data_dir
    from stacklens_desktop.settings.access import effective_jira, load_policy
    from stacklens_desktop.store import open_store
    from stacklens_desktop.store.outbox import counts, retry_failed

    try:
        base = data_dir(args.data_dir)
        setup_logging(base)
    except OSError as exc:
        raise UsageError(f"cannot use the data dir: {describe_os_error(exc)}") from None
    refuse_if_owned(base, "syncing Jira and sending its outbox")
    store = open_store(base)
    try:
        settings = effective_jira(store.engine)  # saved, JIRA_* win
        problems = settings.problems()
        if problems:
            print("FAILED: " + " ".join(problems), file=sys.stderr)
            return EXIT_FAIL
        now = utcnow()
        if args.retry_failed:
            retry_failed(store.engine, now)
        service = TicketService(store.engine, client_factory(settings, TokenStore()),
                                load_policy(store.engine), settings)
        try:
            report = service.tick(now, force_sync=True)
        finally:
            service.close()
        waiting, failed = counts(store.engine)
    finally:
        store.close()
    return _print(report, waiting, failed)


def _print(report: object, waiting: int, failed: int) -> int:
    from stacklens_desktop.jira.ticket_service import TickReport

    assert isinstance(report, TickReport)
    drain = report.drain
    for kind, _pattern, key, url in drain.events:
        print(f"{kind} {key} {url}")
    if report.sync is not None:
        print(f"status sync: {plural(report.sync.checked, 'ticket')} checked, "
              f"{len(report.sync.changed)} changed, {len(report.sync.resolved)} resolved")
    print(f"outbox: {drain.done} sent, {waiting} waiting, {failed} failed")
    problem = drain.halted or report.sync_error or (drain.errors[0] if drain.errors else None)
    if problem:
        print(f"FAILED: {problem}", file=sys.stderr)
        return EXIT_FAIL
    return EXIT_OK

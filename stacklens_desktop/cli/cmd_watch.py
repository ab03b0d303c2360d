"""``stacklens watch PATH... --headless``: the live pipeline without a window.

Runs a QCoreApplication event loop with the same watcher and analysis workers as the app.
Prints one line per new pattern and a stats line every few seconds, or with ``--jsonl`` one
JSON object per stored event as soon as it is committed. Ctrl-C / SIGTERM stop it cleanly:
every batch already read is committed before it exits.
"""

from __future__ import annotations

import argparse
import glob
import json
import signal
import sys
from dataclasses import asdict
from pathlib import Path

from stacklens_desktop.cli.argtypes import int_in_range
from stacklens_desktop.cli.main import EXIT_OK, UsageError, add_data_dir_argument
from stacklens_desktop.cli.profile import open_profile, owning

STATS_EVERY_MS = 5000
SIGNAL_POLL_MS = 200


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("watch", help="follow log files live and store their errors")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or glob patterns")
    parser.add_argument("--headless", action="store_true", help="no window (required for now)")
    parser.add_argument("--jsonl", action="store_true",
                        help="print one JSON object per stored event")
    parser.add_argument("--from-start", action="store_true",
                        help="read new sources from their first byte (import their history)")
    parser.add_argument("--poll-only", action="store_true",
                        help="do not use inotify (network and bind mounts)")
    parser.add_argument("--record-wait", type=int_in_range(0, 60_000, "wait in ms"), metavar="MS",
                        help="how long an open record waits for more lines, every source of "
                             "this run (default: the profile's watch.json, else 250)")
    parser.add_argument("--no-automation", action="store_true",
                        help="never file Jira tickets from this run")
    add_data_dir_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if not args.headless:
        raise UsageError("the desktop window is not available yet: add --headless")
    base, store = open_profile(args)
    store.close()
    with owning(base, "stacklens watch"):
        return _watch(args, base)


def _watch(args: argparse.Namespace, base: Path) -> int:
    from PySide6.QtCore import QCoreApplication, QTimer

    from stacklens_desktop.watch.record_waits import RecordWaits, WaitSettingsError
    from stacklens_desktop.workers.jira_automation import build_automation, jira_settings
    from stacklens_desktop.workers.live_monitor import LiveMonitor

    try:
        waits = RecordWaits.load(base)
    except WaitSettingsError as exc:
        raise UsageError(str(exc)) from None
    if args.record_wait is not None:
        waits = RecordWaits(default_s=args.record_wait / 1000)
    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    jira = None if args.no_automation else build_automation(base, jira_settings(base))
    monitor = LiveMonitor(base, use_inotify=not args.poll_only,
                          automation=jira.hook if jira else None, record_waits=waits)
    printer = _Printer(base, args.jsonl)
    if jira is not None:
        monitor.analysis.automation_decided.connect(jira.worker.wake)
        jira.worker.ticket_filed.connect(printer.ticket)
        jira.worker.jira_error.connect(printer.failure)
        jira.start()
    monitor.analysis.events_stored.connect(printer.events)
    monitor.analysis.patterns_changed.connect(printer.patterns)
    monitor.analysis.stats_changed.connect(printer.remember_stats)
    monitor.analysis.source_state_changed.connect(printer.source_state)
    monitor.analysis.failed.connect(printer.failure)
    monitor.analysis.write_blocked.connect(printer.blocked)
    monitor.analysis.write_resumed.connect(printer.resumed)
    _stop_on_signals(app)
    keepalive = QTimer()  # lets Python run its signal handlers inside the Qt loop
    keepalive.timeout.connect(lambda: None)
    keepalive.start(SIGNAL_POLL_MS)
    ticker = QTimer()
    ticker.timeout.connect(printer.print_stats)
    if not args.jsonl:
        ticker.start(STATS_EVERY_MS)
    monitor.start()
    for path in args.paths:
        monitor.add(path, from_start=args.from_start)
        _say_if_nothing_matches(path)
    app.exec()
    monitor.stop()
    if jira is not None:
        jira.stop()
    if not args.jsonl:
        printer.print_stats()
    return EXIT_OK


def _say_if_nothing_matches(pattern: str) -> None:
    """A glob that matches no file yet is watched all the same: say so (a plain path that
    does not exist gets its "waiting for file" state from the watcher)."""
    if not any(ch in pattern for ch in "*?["):
        return
    absolute = str(Path(pattern).expanduser().absolute())
    if not glob.glob(absolute):
        print(f"source {absolute}: waiting (no file matches yet)", file=sys.stderr, flush=True)


def _stop_on_signals(app) -> None:
    """Ctrl-C / SIGTERM end the event loop. Queued as a zero timer, not called: a signal that
    arrives before ``app.exec()`` runs (while watching starts) would otherwise be a quit of a
    loop not yet running, lost, and the process would hang."""
    from PySide6.QtCore import QTimer

    def handler(_signum: int, _frame: object) -> None:
        QTimer.singleShot(0, app.quit)

    signal.signal(signal.SIGINT, handler)
    signal.signal(signal.SIGTERM, handler)


class _Printer:
    """Everything the headless watch prints, on the main thread."""

    def __init__(self, data_dir: Path, jsonl: bool) -> None:
        self._data_dir = data_dir
        self._jsonl = jsonl
        self._stats: dict | None = None

    def events(self, events: list) -> None:
        if not self._jsonl:
            return
        from stacklens_desktop.core.scrub import scrubber_for
        from stacklens_desktop.core.scrub.rules import DEFAULT_RULES

        scrub = scrubber_for(DEFAULT_RULES)  # again: stored rows were scrubbed on the way in
        out = sys.stdout
        for event in events:
            # message, raw text and fields: by name and by shape, nested values too
            out.write(json.dumps(scrub.fields(asdict(event)), default=str) + "\n")
        out.flush()

    def patterns(self, changes: list) -> None:
        if self._jsonl:
            return
        new = [c for c in changes if c.is_new]
        if not new:
            return
        from stacklens_desktop.core.redact import redact
        from stacklens_desktop.store import open_store, queries

        store = open_store(self._data_dir)
        try:
            found = queries.pattern_summaries(store.engine, [c.pattern_id for c in new])
            for change in new:
                row = found.get(change.pattern_id)
                if row:
                    print(f"new pattern {change.fingerprint} [{row[0].upper()}] {row[1]} "
                          f"({row[2]:.2f}): {redact(row[3])}", flush=True)
        finally:
            store.close()

    def ticket(self, pattern_id: int, key: str, url: str) -> None:
        if not self._jsonl:
            print(f"ticket {key} for pattern {pattern_id}: {url}", flush=True)

    def remember_stats(self, stats: dict) -> None:
        self._stats = stats

    def print_stats(self) -> None:
        if self._stats is None:
            return
        s = self._stats
        sev = " ".join(f"{k}={v}" for k, v in s["patterns_by_severity"].items())
        print(f"stats: events={s['events']} patterns={s['patterns']} ({sev}) "
              f"tickets={s['tickets']} outbox_pending={s['outbox_pending']}", flush=True)

    def source_state(self, path: str, state: str, reason: str) -> None:
        if not self._jsonl:
            detail = f" ({reason})" if reason else ""
            print(f"source {path}: {state}{detail}", file=sys.stderr, flush=True)

    def blocked(self, reason: str, _paths: list) -> None:
        print(f"stacklens watch: {reason}", file=sys.stderr, flush=True)

    def resumed(self) -> None:
        print("stacklens watch: writing again; everything read meanwhile is stored",
              file=sys.stderr, flush=True)

    def failure(self, message: str) -> None:
        print(f"stacklens watch: {message}", file=sys.stderr, flush=True)

"""The demo without a screen: the window's flow, told in the terminal.

A throw-away profile, the built-in Jira sandbox as the Jira site, the POS shop writing its log,
and the app's own live pipeline (watcher and analysis threads, Jira automation and worker)
on a ``QCoreApplication``, which needs no display. The seed's orders are placed (product 999
among them), and once the ticket is filed the patterns are printed with their severity,
explanation and ticket key.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stacklens_desktop.cli.main import EXIT_OK
from stacklens_desktop.logs import setup_logging

if TYPE_CHECKING:  # Qt loads when the demo runs
    from stacklens_desktop.cli.demo_progress import Progress

#: everything (start-up included) must be done by then, else the demo says what is missing
DEADLINE_MS = 90_000
EXIT_FAILED = 1


def run(base: Path | None = None, *, seed: int | None = 7) -> int:
    """The whole demo; exit 0 once a ticket is filed and the outbox is empty."""
    from pos_simulator.shop import Latency
    from stacklens_desktop.ui.demo import DemoEnvironment

    demo = DemoEnvironment(base, seed=seed, latency=Latency()).start()
    try:
        assert demo.sandbox is not None
        setup_logging(demo.data_dir)
        print(f"Jira sandbox: {demo.sandbox.url} (project {demo.settings.project_key})")
        print(f"POS log:      {demo.log_path}", flush=True)
        progress = _run_pipeline(demo)
        return _report(demo, progress)
    finally:
        demo.stop()


def _run_pipeline(demo: Any) -> Progress:  # noqa: ANN401 - DemoEnvironment (loaded lazily)
    from PySide6.QtCore import QCoreApplication, QTimer

    from stacklens_desktop.cli.demo_progress import Progress, ProgressReceiver
    from stacklens_desktop.workers.jira_automation import build_automation
    from stacklens_desktop.workers.live_monitor import LiveMonitor

    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    jira = build_automation(demo.data_dir, demo.settings, demo.tokens)
    if jira is None:
        raise RuntimeError("the demo's Jira sandbox settings were refused")
    monitor = LiveMonitor(demo.data_dir, automation=jira.hook)
    progress = Progress()
    receiver = ProgressReceiver(progress, app.quit)  # a main-thread QObject: queued calls
    monitor.analysis.automation_decided.connect(jira.worker.wake)
    jira.worker.ticket_filed.connect(receiver.filed)
    jira.worker.outbox_changed.connect(receiver.outbox)
    jira.worker.jira_error.connect(receiver.problem)
    monitor.analysis.failed.connect(receiver.problem)
    deadline = QTimer()
    deadline.setSingleShot(True)
    deadline.timeout.connect(app.quit)
    jira.start()
    monitor.start()
    try:
        monitor.add(str(demo.log_path), from_start=True)
        _place_orders(demo)
        deadline.start(DEADLINE_MS)
        app.exec()
    finally:
        deadline.stop()
        monitor.stop()
        jira.stop()
    return progress


def _place_orders(demo: Any) -> None:  # noqa: ANN401 - DemoEnvironment
    from pos_simulator.window.money import fmt_money
    from stacklens_desktop.ui.demo_orders import seed_orders

    shop = demo.shop
    currency = shop.catalog.store.currency
    print("\nPlacing the seed's orders:")
    for request in seed_orders(shop.catalog, demo.seed):
        names = ", ".join(_product_name(shop.catalog, line.product_id)
                          for line in request.items)
        result = shop.place_order(request)
        outcome = (f"completed, {fmt_money(result.total, currency)}" if result.ok
                   else f"FAILED {result.code}: {result.message}")
        print(f"  {result.order_id}  {names}: {outcome}")
    print("\nWatching the POS log…", flush=True)


def _product_name(catalog: Any, product_id: int) -> str:  # noqa: ANN401 - Catalog
    product = catalog.by_id(product_id)
    return f"{product.name} ({product_id})" if product is not None else f"#{product_id}"


def _report(demo: Any, progress: Progress) -> int:  # noqa: ANN401 - DemoEnvironment
    from stacklens_desktop.store import open_store, queries

    store = open_store(demo.data_dir)
    try:
        patterns = queries.ranked_patterns(store.engine)
    finally:
        store.close()
    print(f"\nDetected {len(patterns)} error pattern{'' if len(patterns) == 1 else 's'}:\n")
    for pattern in patterns:
        _print_pattern(pattern, progress.tickets.get(pattern["id"]))
    if not progress.done:
        why = "; ".join(dict.fromkeys(progress.errors)) or "nothing reported"
        print(f"stacklens demo: no ticket filed within {DEADLINE_MS // 1000} s ({why})",
              file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


def _print_pattern(pattern: dict[str, Any], ticket: tuple[str, str] | None) -> None:
    print(f"[{pattern['severity'].upper()}] {pattern['error_type']} "
          f"(confidence {pattern['confidence']:.2f}) x{pattern['count']}")
    print(f"    {pattern['template']}")
    if pattern["root_cause"]:
        print(f"    Explanation: {pattern['root_cause']}")
    for number, step in enumerate(pattern["resolution_steps"], 1):
        print(f"      {number}. {step}")
    print(f"    Jira: {ticket[0]} {ticket[1]}" if ticket else "    Jira: not filed (policy)")
    print()

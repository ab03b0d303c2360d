"""``pos-simulator`` / ``python -m pos_simulator``: window, HTTP API or headless traffic."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
from pathlib import Path

from pos_simulator.cli import build_parser
from pos_simulator.config import resolve_log_path, resolve_port
from pos_simulator.faults import Fault
from pos_simulator.headless import run_headless
from pos_simulator.http_api import PosHttpServer, start_api
from pos_simulator.http_guard import is_loopback
from pos_simulator.logwriter import LogUnavailableError
from pos_simulator.runtime import ShopOptions, open_shop
from pos_simulator.shop import Latency, Shop
from pos_simulator.traffic import TrafficGenerator, even_rates

DEFAULT_HEADLESS_ORDERS = 100
WINDOW_LATENCY = Latency(card_auth_s=0.4, gateway_timeout_s=2.0)


def _options(args: argparse.Namespace, log_path: Path, latency: Latency) -> ShopOptions:
    return ShopOptions(
        log_path=log_path,
        max_bytes=args.max_bytes,
        backups=args.backups,
        latency=latency,
        seed=args.seed,
    )


def _start_http(args: argparse.Namespace, shop: Shop) -> PosHttpServer | None:
    if args.http is None:
        return None
    server = start_api(shop, resolve_port(None if args.http < 0 else args.http), args.host,
                       allow_remote=args.allow_remote)
    print(f"pos-simulator: serving {server.url}/api (log: {shop.log.path})", flush=True)
    return server


def _stop_on_signals(stop: threading.Event) -> None:
    """Ctrl-C or SIGTERM ends the run cleanly: the summary is printed, the log closed."""
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: stop.set())


def run_headless_mode(args: argparse.Namespace, log_path: Path) -> int:
    try:
        shop = open_shop(_options(args, log_path, Latency()))
    except LogUnavailableError as exc:
        print(f"pos-simulator: {exc}", file=sys.stderr)
        return 1
    server = _start_http(args, shop)
    orders = args.orders
    if orders is None:
        orders = -1 if server else DEFAULT_HEADLESS_ORDERS
    rates: dict[Fault, float] = even_rates(args.fault_rate)
    rates.update(dict(args.fault))
    stop = threading.Event()
    _stop_on_signals(stop)
    try:
        if orders >= 0:
            shop.log_started("headless", seed=args.seed, orders=orders, rate=args.rate)
            traffic = TrafficGenerator(shop.catalog, args.seed, rates)
            stats = run_headless(shop, traffic, orders, args.rate, stop=stop)
            print(f"pos-simulator: {stats.summary(shop.log.lines_written)}", flush=True)
        if server:
            stop.wait()
    finally:
        if server:
            server.stop()
        shop.log.close()
    return 0


def _bind_refused(args: argparse.Namespace) -> bool:
    """A non-loopback ``--host`` needs ``--allow-remote`` (and gets a warning with it)."""
    if args.http is None or is_loopback(args.host):
        return False
    if not args.allow_remote:
        print(f"pos-simulator: refusing to serve on {args.host}: the API is for this machine "
              "(127.0.0.1); add --allow-remote to serve the network", file=sys.stderr)
        return True
    print(f"pos-simulator: warning: serving on {args.host}, reachable from the network",
          file=sys.stderr)
    return False


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if _bind_refused(args):
        return 2
    try:
        log_path = resolve_log_path(args.log, args.data_dir)
    except OSError as exc:
        print(f"pos-simulator: cannot prepare the data dir: {exc}", file=sys.stderr)
        return 1
    if args.headless:
        return run_headless_mode(args, log_path)
    from pos_simulator.window.app import run_window  # Qt only when a window is wanted

    latency = Latency() if args.no_latency else WINDOW_LATENCY
    return run_window(_options(args, log_path, latency), args)


if __name__ == "__main__":
    sys.exit(main())

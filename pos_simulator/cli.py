"""Command-line options of ``pos-simulator``."""

from __future__ import annotations

import argparse

from pos_simulator import __version__
from pos_simulator.faults import Fault
from pos_simulator.logwriter import DEFAULT_BACKUPS, DEFAULT_MAX_BYTES


def _fault_rate(text: str) -> tuple[Fault, float]:
    name, sep, value = text.partition("=")
    if not sep:
        raise argparse.ArgumentTypeError("expected NAME=RATE, e.g. card-declined=0.05")
    try:
        return Fault.from_cli_name(name), _probability(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def _probability(text: str) -> float:
    value = float(text)
    if not 0.0 <= value <= 1.0:
        raise argparse.ArgumentTypeError(f"{text} is not between 0 and 1")
    return value


def _non_negative(text: str) -> float:
    value = float(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text} is negative")
    return value


def build_parser() -> argparse.ArgumentParser:
    faults = ", ".join(f.cli_name for f in Fault)
    parser = argparse.ArgumentParser(
        prog="pos-simulator",
        description="A point-of-sale till (window, HTTP API or headless traffic) writing the "
        "log StackLens watches.",
    )
    parser.add_argument("--version", action="version", version=f"pos-simulator {__version__}")
    parser.add_argument("--headless", action="store_true", help="no window: generate traffic")
    parser.add_argument("--orders", type=int, default=None, metavar="N",
                        help="orders to generate (headless; 0 = until stopped; default 100)")
    parser.add_argument("--rate", type=_non_negative, default=5.0, metavar="R",
                        help="orders per second (headless; 0 = as fast as possible)")
    parser.add_argument("--fault-rate", type=_probability, default=0.1, metavar="F",
                        help="share of orders with an injected fault, spread over all faults")
    parser.add_argument("--fault", type=_fault_rate, action="append", default=[],
                        metavar="NAME=RATE", help=f"rate of one fault (repeatable): {faults}")
    parser.add_argument("--seed", type=int, default=None, metavar="S",
                        help="seed: the same seed gives the same orders and faults")
    parser.add_argument("--log", default=None, metavar="PATH",
                        help="log file (default $DEMO_POS_LOG_FILE or "
                        "<data dir>/data/pos-application.log)")
    parser.add_argument("--data-dir", default=None, metavar="DIR",
                        help="StackLens profile folder (for the default log path)")
    parser.add_argument("--http", nargs="?", type=int, const=-1, default=None, metavar="PORT",
                        help="serve the HTTP API (bare --http: $DEMO_POS_PORT or 3001)")
    parser.add_argument("--host", default="127.0.0.1", help="HTTP bind address")
    parser.add_argument("--allow-remote", action="store_true",
                        help="serve the API on a --host other than loopback (reachable from "
                        "the network: anyone there can place orders)")
    parser.add_argument("--max-bytes", type=int, default=DEFAULT_MAX_BYTES, metavar="N",
                        help="rotate the log when it would exceed N bytes (0 = never)")
    parser.add_argument("--backups", type=int, default=DEFAULT_BACKUPS, metavar="N",
                        help="rotated files to keep")
    parser.add_argument("--no-latency", action="store_true",
                        help="window: no simulated card-authorisation wait")
    return parser

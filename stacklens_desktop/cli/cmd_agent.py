"""``stacklens agent --config agent.json``: the headless team agent of one server."""

from __future__ import annotations

import argparse
import logging
import signal
import threading
from pathlib import Path

from stacklens_desktop.cli.main import EXIT_OK, UsageError, add_data_dir_argument


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "agent", help="team mode: watch this server's logs and ship them to the team store")
    parser.add_argument("--config", required=True, metavar="FILE",
                        help="the agent's JSON configuration (store, sources, spool)")
    parser.add_argument("--once", action="store_true",
                        help="read and ship what is there now, then exit")
    add_data_dir_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from stacklens_desktop.intelligence import build_judge
    from stacklens_desktop.paths import data_dir
    from stacklens_desktop.store.team.engine import (
        TeamAddressError,
        make_team_engine,
        parse_address,
    )
    from stacklens_desktop.team.agent import Agent
    from stacklens_desktop.team.config import load_config
    from stacklens_desktop.team.credentials import get_password

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    config = load_config(Path(args.config))
    try:
        url = parse_address(config.store)
    except TeamAddressError as exc:
        raise UsageError(str(exc)) from None
    engine = make_team_engine(url, get_password(url), application_name="stacklens-agent")
    agent = Agent(config, engine, build_judge(data_dir(args.data_dir)))
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        if args.once:  # poll until a round ships nothing
            shipped = agent.step()
            while shipped:
                shipped = agent.step()
        else:
            agent.run(stop)
    finally:
        agent.close()
    return EXIT_OK

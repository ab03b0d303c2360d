"""Where the POS writes and listens: command line first, then the seed's environment names."""

from __future__ import annotations

import os
from pathlib import Path

from pos_simulator.paths import data_dir

ENV_LOG_FILE = "DEMO_POS_LOG_FILE"
ENV_PORT = "DEMO_POS_PORT"
DEFAULT_PORT = 3001
LOG_NAME = "pos-application.log"


def default_log_path(data_dir_override: str | None = None) -> Path:
    """``<StackLens data dir>/data/pos-application.log`` (the seed's relative path)."""
    return data_dir(data_dir_override) / "data" / LOG_NAME


def resolve_log_path(cli_value: str | None, data_dir_override: str | None = None) -> Path:
    chosen = cli_value or os.environ.get(ENV_LOG_FILE)
    if chosen:
        return Path(chosen).expanduser()
    return default_log_path(data_dir_override)


def resolve_port(cli_value: int | None) -> int:
    """``--http PORT`` wins; a bare ``--http`` takes ``DEMO_POS_PORT``, else 3001."""
    if cli_value is not None:
        return cli_value
    env = os.environ.get(ENV_PORT, "").strip()
    if env:
        try:
            return int(env)
        except ValueError:
            raise ValueError(f"{ENV_PORT}={env!r} is not a port number") from None
    return DEFAULT_PORT

"""The agent's configuration: one JSON file per server (``stacklens agent --config``).

Example::

    {"host": "store-042-till-1",
     "store": "postgresql://agent_s042t1@db.example:5432/stacklens?sslmode=verify-full&sslrootcert=/etc/stacklens/ca.crt",
     "sources": ["/var/log/pos/*.log"],
     "spool": "/var/lib/stacklens/spool.db", "spool_max_mb": 256, "poll_seconds": 1.0,
     "scrub": {"extra_keys": ["loyalty_id"], "extra_patterns": ["EMP-\\d{6}"]}}

``scrub`` adds to the default rules (card data, tokens, passwords... are always scrubbed),
as the Privacy settings of a desktop profile do: the agent scrubs every record before it is
mined, spooled or shipped, so the secrets it names never leave the server.

The password is not in it: ``STACKLENS_TEAM_PASSWORD`` (a systemd credential or a root-only
environment file) or the OS keyring (``stacklens team password``).
"""

from __future__ import annotations

import json
import socket
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from stacklens_desktop.core.scrub.rules import DEFAULT_RULES, ScrubRules
from stacklens_desktop.errors import ExpectedFailure
from stacklens_desktop.settings.problems import sentences
from stacklens_desktop.settings.scrub_section import ScrubSection


class AgentConfigError(ExpectedFailure):
    """The configuration file is missing or wrong (one readable line)."""


@dataclass(frozen=True)
class AgentConfig:
    store: str
    sources: list[str]
    spool: Path
    host: str = field(default_factory=socket.gethostname)
    spool_max_bytes: int = 256 * 1024 * 1024
    poll_seconds: float = 1.0
    status_file: Path | None = None
    scrub: ScrubRules = DEFAULT_RULES


def load_config(path: Path) -> AgentConfig:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise AgentConfigError(f"cannot read {path}: {exc.strerror or exc}") from None
    except json.JSONDecodeError as exc:
        raise AgentConfigError(f"{path} is not JSON: {exc}") from None
    if not isinstance(data, dict) or not data.get("store") or not data.get("sources"):
        raise AgentConfigError(f"{path} needs at least \"store\" and \"sources\"")
    spool = Path(data.get("spool") or path.with_name("spool.db"))
    status = data.get("status_file")
    return AgentConfig(
        store=str(data["store"]), sources=[str(s) for s in data["sources"]],
        spool=spool, host=str(data.get("host") or socket.gethostname()),
        spool_max_bytes=int(float(data.get("spool_max_mb", 256)) * 1024 * 1024),
        poll_seconds=float(data.get("poll_seconds", 1.0)),
        status_file=Path(status) if status else spool.with_name("agent-status.json"),
        scrub=_scrub_rules(path, data.get("scrub")))


def _scrub_rules(path: Path, data: object) -> ScrubRules:
    """The ``scrub`` section, checked as strictly as a saved profile setting: an agent that
    would ship what it was told to scrub does not start."""
    if data is None:
        return DEFAULT_RULES
    if not isinstance(data, dict):
        raise AgentConfigError(f"{path}: \"scrub\" must be an object with extra_keys, "
                               "extra_patterns and emails")
    try:
        return ScrubSection.model_validate(data).to_runtime()
    except ValidationError as exc:
        raise AgentConfigError(f"{path}: the scrub rules are not usable: "
                               + " ".join(sentences(exc))) from None

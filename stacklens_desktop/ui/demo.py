"""Demo mode without Qt: a throw-away profile, the Jira sandbox as the site, and the POS shop.

The sandbox listens on an ephemeral 127.0.0.1 port; its token lives in a memory-only token
store (never the keyring, settings or disk). One :class:`~pos_simulator.shop.Shop` writes
``<profile>/data/pos-application.log``: the demo's POS window sells through it, and so does the
optional background traffic (off by default; when on, slow and fault-free, so never product
999): one log writer, whatever writes orders. The story is the user's: they ring up "Premium
Item" (999, no price) in the till, and its error, explanation and ticket follow.
"""

from __future__ import annotations

import json
import logging
import shutil
import tempfile
import threading
from pathlib import Path

from pos_simulator.config import LOG_NAME
from pos_simulator.headless import run_headless
from pos_simulator.runtime import ShopOptions, open_shop
from pos_simulator.shop import Latency, Shop
from pos_simulator.traffic import TrafficGenerator
from stacklens_desktop.credentials import TokenSource, TokenStore, account_name
from stacklens_desktop.jira.config import JiraSettings
from stacklens_desktop.jira_sandbox import JiraSandbox

log = logging.getLogger("stacklens.ui.demo")

DEMO_PROJECT = "DEMO"
#: ``--traffic``: background orders per second (fault-free: they never ring up product 999)
TRAFFIC_RATE = 0.5
#: The till feels like one: a short card authorisation, a gateway that hangs for a while.
TILL_LATENCY = Latency(card_auth_s=0.4, gateway_timeout_s=2.0)
#: The POS writes each record with its trace in one flushed write: a record can close after
#: a short quiet gap (the default 250 ms waits for traces written line by line).
RECORD_WAIT_MS = 30


class SessionTokens(TokenStore):
    """Tokens held in this process's memory only: no environment, no keyring."""

    def __init__(self) -> None:
        super().__init__(env={})
        self._tokens: dict[str, str] = {}

    def get(self, site: str, user: str) -> tuple[str | None, TokenSource]:
        token = self._tokens.get(account_name(site, user))
        return (token, TokenSource.SESSION) if token else (None, TokenSource.NONE)

    def set(self, site: str, user: str, token: str) -> TokenSource:
        self._tokens[account_name(site, user)] = token
        return TokenSource.SESSION

    def delete(self, site: str, user: str) -> None:
        self._tokens.pop(account_name(site, user), None)


class DemoEnvironment:
    """``start()`` → profile, sandbox and traffic running; ``stop()`` removes them all."""

    def __init__(self, base: Path | None = None, *, rate: float = 0.0,
                 seed: int | None = 7, latency: Latency = TILL_LATENCY) -> None:
        """``rate``: background orders per second (0, the default: none, the user sells)."""
        self._own_dir = base is None
        self.data_dir = Path(base) if base else Path(tempfile.mkdtemp(prefix="stacklens-demo-"))
        self.log_path = self.data_dir / "data" / LOG_NAME
        self.rate = rate
        self.seed = seed
        self.latency = latency
        self.tokens = SessionTokens()
        self.sandbox: JiraSandbox | None = None
        self.shop: Shop | None = None
        self._stop = threading.Event()
        self._traffic: threading.Thread | None = None

    @property
    def settings(self) -> JiraSettings:
        assert self.sandbox is not None, "start() first"
        return JiraSettings(base_url=self.sandbox.url, username=self.sandbox.user.email,
                            project_key=DEMO_PROJECT)

    def start(self) -> DemoEnvironment:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.sandbox = JiraSandbox().start()  # port 0: ephemeral, 127.0.0.1, memory only
        self.tokens.set(self.sandbox.url, self.sandbox.user.email, self.sandbox.user.token)
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        self._write_record_wait()
        self.shop = open_shop(ShopOptions(log_path=self.log_path, seed=self.seed,
                                          latency=self.latency))
        log.info("demo: profile %s, Jira sandbox %s, POS log %s", self.data_dir,
                 self.sandbox.url, self.log_path)
        return self

    def _write_record_wait(self) -> None:
        """The profile's ``watch.json``: the POS log's records close after a short gap."""
        settings = {"record_wait_ms": {str(self.log_path.absolute()): RECORD_WAIT_MS}}
        (self.data_dir / "watch.json").write_text(json.dumps(settings), encoding="utf-8")

    def start_traffic(self) -> None:
        """Background orders until ``stop()`` when ``rate`` > 0, through the same shop (one
        writer); fault-free, so never product 999. Call after the log is watched."""
        if self._traffic is not None or self.shop is None or self.rate <= 0:
            return
        traffic = TrafficGenerator(self.shop.catalog, self.seed, {})
        shop = self.shop
        shop.log_started("demo", seed=self.seed, orders=0, rate=self.rate)
        self._traffic = threading.Thread(
            target=run_headless, args=(shop, traffic, 0, self.rate),
            kwargs={"stop": self._stop}, name="demo-pos-traffic", daemon=True)
        self._traffic.start()

    def stop(self) -> None:
        self._stop.set()
        if self._traffic is not None:
            self._traffic.join(timeout=10)
            self._traffic = None
        if self.shop is not None:
            self.shop.log.close()
            self.shop = None
        if self.sandbox is not None:
            self.sandbox.stop()
            self.sandbox = None
        if self._own_dir:
            shutil.rmtree(self.data_dir, ignore_errors=True)

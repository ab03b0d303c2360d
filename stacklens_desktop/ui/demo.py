"""Demo mode without Qt: a throw-away profile, the Jira sandbox as the site, and POS traffic.

The sandbox listens on an ephemeral 127.0.0.1 port; its token lives in a memory-only token
store (never the keyring, settings or disk). The POS simulator's headless traffic generator
writes ``<profile>/data/pos-application.log`` in a thread, with product 999 (no price) among
the failures, so patterns, classification, explanations and a ticket appear within seconds.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
from pathlib import Path

from pos_simulator.config import LOG_NAME
from pos_simulator.faults import Fault
from pos_simulator.headless import run_headless
from pos_simulator.runtime import ShopOptions, open_shop
from pos_simulator.shop import Shop
from pos_simulator.traffic import TrafficGenerator, even_rates
from stacklens_desktop.credentials import TokenSource, TokenStore, account_name
from stacklens_desktop.jira.config import JiraSettings
from stacklens_desktop.jira_sandbox import JiraSandbox

log = logging.getLogger("stacklens.ui.demo")

DEMO_PROJECT = "DEMO"
DEMO_RATE = 4.0  # orders per second
DEMO_FAULT_RATE = 0.15  # spread over every fault
DEMO_MISSING_PRICE_RATE = 0.12  # product 999 rung up


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

    def __init__(self, base: Path | None = None, *, rate: float = DEMO_RATE,
                 seed: int | None = 7) -> None:
        self._own_dir = base is None
        self.data_dir = Path(base) if base else Path(tempfile.mkdtemp(prefix="stacklens-demo-"))
        self.log_path = self.data_dir / "data" / LOG_NAME
        self.rate = rate
        self.seed = seed
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
        self.shop = open_shop(ShopOptions(log_path=self.log_path, seed=self.seed))
        log.info("demo: profile %s, Jira sandbox %s, POS log %s", self.data_dir,
                 self.sandbox.url, self.log_path)
        return self

    def start_traffic(self) -> None:
        """Orders until ``stop()``; call after the log is watched (it is read from start)."""
        if self._traffic is not None or self.shop is None:
            return
        rates = even_rates(DEMO_FAULT_RATE)
        rates[Fault.MISSING_PRICE] = rates[Fault.MISSING_PRICE] + DEMO_MISSING_PRICE_RATE
        traffic = TrafficGenerator(self.shop.catalog, self.seed, rates)
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

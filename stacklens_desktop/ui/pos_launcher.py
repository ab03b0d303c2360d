"""Tools → "Open the POS simulator": the till window, writing the log the app watches."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QObject

from pos_simulator.runtime import ShopOptions, TillFactory
from pos_simulator.shop import Latency, Shop
from pos_simulator.window.main_window import PosWindow

log = logging.getLogger("stacklens.ui.pos")

#: The till feels like one: a short card authorisation, a gateway that hangs for a while.
TILL_LATENCY = Latency(card_auth_s=0.4, gateway_timeout_s=2.0)


class PosLauncher(QObject):
    def __init__(self, log_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_path = log_path
        self.window: PosWindow | None = None
        #: a running shop the till sells through (the demo's): then it opens no writer
        self.shop: Shop | None = None

    def share(self, shop: Shop) -> None:
        """Sell through ``shop`` (already writing ``log_path``) instead of a new writer."""
        self.shop = shop
        self.log_path = shop.log.path

    def open(self) -> PosWindow | None:
        """Show the till (one at a time); None when it could not start."""
        if self.window is not None and self.window.isVisible():
            self.window.raise_()
            self.window.activateWindow()
            return self.window
        self.close()
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        factory = TillFactory(ShopOptions(log_path=self.log_path, latency=TILL_LATENCY))
        self.window = PosWindow(factory, self.log_path, shop=self.shop)
        self.window.show()
        log.info("POS simulator window opened, writing %s", self.log_path)
        return self.window

    def close(self) -> None:
        """Close the till: it stops its worker thread and closes its log."""
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
            self.window = None

"""The failures a real till has, and which of them are switched on.

Three arise from the input (a product without a price, an unknown product or barcode, more
than the stock on hand); the others are injected into the order flow where a real system
would fail. Every fault has a stable ``code`` that appears in the log payload and the API.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from enum import Enum


@dataclass(frozen=True)
class FaultInfo:
    code: str
    label: str
    http_status: int
    from_input: bool


class Fault(Enum):
    """Each member's value describes the fault (code, label, HTTP status)."""

    MISSING_PRICE = FaultInfo("MISSING_PRICE", "Product without a price (999)", 400, True)
    UNKNOWN_PRODUCT = FaultInfo("PRODUCT_NOT_FOUND", "Unknown product / barcode", 404, True)
    OUT_OF_STOCK = FaultInfo("OUT_OF_STOCK", "Out of stock", 409, True)
    GATEWAY_TIMEOUT = FaultInfo("PAYMENT_GATEWAY_TIMEOUT", "Payment gateway timeout", 504, False)
    CARD_DECLINED = FaultInfo("CARD_DECLINED", "Card declined", 402, False)
    PRINTER_OFFLINE = FaultInfo("PRINTER_OFFLINE", "Receipt printer offline", 201, False)
    DB_LOCK_TIMEOUT = FaultInfo("DB_LOCK_TIMEOUT", "Database lock timeout", 503, False)
    TAX_SERVICE_ERROR = FaultInfo("TAX_SERVICE_ERROR", "Tax service returns 500", 502, False)
    CONFIG_MISSING = FaultInfo("CONFIG_MISSING", "Tax rate missing for region", 500, False)

    @property
    def code(self) -> str:
        return self.value.code

    @property
    def label(self) -> str:
        return self.value.label

    @property
    def http_status(self) -> int:
        return self.value.http_status

    @property
    def cli_name(self) -> str:
        """``gateway-timeout`` style, for ``--fault NAME=RATE``."""
        return self.name.lower().replace("_", "-")

    @classmethod
    def from_cli_name(cls, name: str) -> Fault:
        key = name.strip().upper().replace("-", "_")
        try:
            return cls[key]
        except KeyError:
            known = ", ".join(f.cli_name for f in cls)
            raise ValueError(f"unknown fault {name!r}; known: {known}") from None


class FaultSwitches:
    """Faults switched on for every order (the window's fault-injection menu). Thread-safe."""

    def __init__(self) -> None:
        self._on: set[Fault] = set()
        self._lock = threading.Lock()

    def set(self, fault: Fault, enabled: bool) -> None:
        with self._lock:
            if enabled:
                self._on.add(fault)
            else:
                self._on.discard(fault)

    def enabled(self) -> frozenset[Fault]:
        with self._lock:
            return frozenset(self._on)

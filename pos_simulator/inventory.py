"""Stock on hand per product, shared by every channel (window, HTTP, headless)."""

from __future__ import annotations

import threading
from collections.abc import Iterable

from pos_simulator.catalog import Catalog


class Inventory:
    def __init__(self, catalog: Catalog) -> None:
        self._on_hand: dict[int, int] = {p.id: p.stock for p in catalog.products}
        self._lock = threading.Lock()

    def on_hand(self, product_id: int) -> int:
        with self._lock:
            return self._on_hand.get(product_id, 0)

    def snapshot(self) -> dict[int, int]:
        with self._lock:
            return dict(self._on_hand)

    def take(self, lines: Iterable[tuple[int, int]]) -> None:
        """Decrement stock for ``(product id, quantity)`` lines (checked by the caller)."""
        with self._lock:
            for product_id, qty in lines:
                self._on_hand[product_id] = self._on_hand.get(product_id, 0) - qty

    def add(self, product_id: int, qty: int) -> int:
        with self._lock:
            self._on_hand[product_id] = self._on_hand.get(product_id, 0) + qty
            return self._on_hand[product_id]

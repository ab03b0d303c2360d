"""Headless traffic: N orders at R orders per second (R = 0: as fast as possible)."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from pos_simulator.shop import Shop
from pos_simulator.traffic import TrafficGenerator

RESTOCK_BELOW = 6


@dataclass
class HeadlessStats:
    orders: int = 0
    completed: int = 0
    failed: int = 0
    codes: Counter[str] = field(default_factory=Counter)
    elapsed_s: float = 0.0

    def summary(self, lines: int) -> str:
        codes = ", ".join(f"{code}={n}" for code, n in sorted(self.codes.items())) or "none"
        rate = self.orders / self.elapsed_s if self.elapsed_s > 0 else float("inf")
        return (
            f"{self.orders} orders ({self.completed} completed, {self.failed} failed) "
            f"in {self.elapsed_s:.2f} s ({rate:.1f}/s), {lines} log lines; faults: {codes}"
        )


def replenish(shop: Shop, below: int = RESTOCK_BELOW) -> None:
    """A delivery for every priced product running low, back to its catalog stock."""
    on_hand = shop.inventory.snapshot()
    for product in shop.catalog.priced():
        if on_hand.get(product.id, 0) < below:
            shop.restock(product.id, product.stock - on_hand.get(product.id, 0))


def run_headless(
    shop: Shop,
    traffic: TrafficGenerator,
    orders: int,
    rate: float,
    stop: threading.Event | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> HeadlessStats:
    """Place ``orders`` orders (0: until ``stop`` is set), order *i* due at ``i / rate``.

    Scheduling against the start time (not sleeping a fixed gap after each order) keeps the
    average rate exact even though each order takes some time itself.
    """
    stop = stop or threading.Event()
    stats = HeadlessStats()
    start = clock()
    index = 0
    while (orders <= 0 or index < orders) and not stop.is_set():
        if rate > 0:
            delay = start + index / rate - clock()
            if delay > 0 and stop.wait(delay):
                break
        result = shop.place_order(traffic.next_request())
        stats.orders += 1
        if result.ok:
            stats.completed += 1
        else:
            stats.failed += 1
        if result.code:
            stats.codes[result.code] += 1
        replenish(shop)
        index += 1
    stats.elapsed_s = clock() - start
    return stats

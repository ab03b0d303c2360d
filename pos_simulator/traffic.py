"""Seeded shop traffic: the same seed gives the same orders, payments and faults.

Every random choice for an order is drawn from one ``random.Random`` in a fixed order, so a
run is reproducible whatever the timing (only the timestamps differ between runs).
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from decimal import Decimal

from pos_simulator.catalog import Catalog
from pos_simulator.faults import Fault
from pos_simulator.orders import LineRequest, OrderRequest
from pos_simulator.payment import CardPayment, CashPayment, Payment

TEST_CARDS = (
    "4111 1111 1111 1111",
    "4012 8888 8888 1881",
    "5555 5555 5555 4444",
    "5105 1051 0510 5100",
    "3782 822463 10005",
    "4242 4242 4242 4242",
)
NOTES = (Decimal(5), Decimal(10), Decimal(20), Decimal(50), Decimal(100), Decimal(200))


def even_rates(total: float) -> dict[Fault, float]:
    """``--fault-rate F``: F spread evenly over every fault."""
    share = max(0.0, total) / len(Fault)
    return {fault: share for fault in Fault}


class TrafficGenerator:
    def __init__(
        self,
        catalog: Catalog,
        seed: int | None,
        fault_rates: Mapping[Fault, float],
        card_share: float = 0.6,
        max_lines: int = 4,
        max_quantity: int = 3,
    ) -> None:
        self._catalog = catalog
        self._rng = random.Random(seed)
        self._priced = catalog.priced()
        self._rates = [(f, max(0.0, fault_rates.get(f, 0.0))) for f in Fault]
        self._card_share = card_share
        self._max_lines = max_lines
        self._max_quantity = max_quantity

    def next_request(self) -> OrderRequest:
        rng = self._rng
        order_id = f"ORD-{rng.getrandbits(40):010X}"
        count = rng.randint(1, self._max_lines)
        products = rng.sample(self._priced, k=min(count, len(self._priced)))
        items = tuple(LineRequest(p.id, rng.randint(1, self._max_quantity)) for p in products)
        payment = self._payment(items)
        fault = self._fault()
        return OrderRequest(
            items=items,
            payment=payment,
            channel="headless",
            order_id=order_id,
            inject=frozenset({fault}) if fault else frozenset(),
        )

    def _payment(self, items: tuple[LineRequest, ...]) -> Payment:
        rng = self._rng
        if rng.random() < self._card_share:
            return CardPayment(rng.choice(TEST_CARDS))
        if rng.random() < 0.5:
            return CashPayment()
        estimate = sum(
            (self._price(item.product_id) * item.quantity for item in items), Decimal(0)
        ) * Decimal("1.25")
        note = next((n for n in NOTES if n >= estimate), None)
        return CashPayment(tendered=note)

    def _price(self, product_id: int) -> Decimal:
        product = self._catalog.by_id(product_id)
        return product.price if product and product.price is not None else Decimal(0)

    def _fault(self) -> Fault | None:
        total = sum(rate for _, rate in self._rates)
        draw = self._rng.random()
        if total <= 0:
            return None
        scale = max(1.0, total)  # rates adding up to more than 1 are taken as weights
        cumulative = 0.0
        for fault, rate in self._rates:
            cumulative += rate / scale
            if draw < cumulative:
                return fault
        return None

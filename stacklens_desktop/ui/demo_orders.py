"""The orders the terminal demo places: the seed's traffic, with "Premium Item" rung up.

Plain Python (no Qt). A seeded run of fault-free orders, as the till would take them, with one
order that adds product 999 (no price) to a priced product: what the window's user is asked to
try, so that the terminal tells the same story.
"""

from __future__ import annotations

from dataclasses import replace

from pos_simulator.catalog import Catalog
from pos_simulator.orders import LineRequest, OrderRequest
from pos_simulator.payment import CashPayment
from pos_simulator.traffic import TrafficGenerator

UNPRICED_PRODUCT = 999
SEED_ORDERS = 6
#: where in the run the unpriced product is rung up (0-based)
UNPRICED_AT = 3


def seed_orders(catalog: Catalog, seed: int | None = 7,
                count: int = SEED_ORDERS) -> list[OrderRequest]:
    """``count`` orders; the one at :data:`UNPRICED_AT` has product 999 in its cart."""
    traffic = TrafficGenerator(catalog, seed, {})  # no injected faults
    orders = [traffic.next_request() for _ in range(count)]
    at = min(UNPRICED_AT, count - 1)
    first_priced = catalog.priced()[0].id
    orders[at] = replace(  # the generator's order id: every id in the run differs
        orders[at], items=(LineRequest(first_priced, 1), LineRequest(UNPRICED_PRODUCT, 1)),
        payment=CashPayment(), channel="till")
    return orders

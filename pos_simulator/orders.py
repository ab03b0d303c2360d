"""What comes into the till (an order request) and what comes out (an order result)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from pos_simulator.faults import Fault
from pos_simulator.payment import CashPayment, Payment

COMPLETED = "COMPLETED"
FAILED = "FAILED"


@dataclass(frozen=True)
class LineRequest:
    product_id: int
    quantity: int


@dataclass(frozen=True)
class OrderRequest:
    """An order as a channel hands it to the shop.

    ``inject`` lists faults to force on this order only (headless traffic plans them per
    order); ``region`` overrides the store's tax region; ``order_id`` lets a seeded
    generator choose ids so that a run is reproducible.
    """

    items: tuple[LineRequest, ...]
    payment: Payment = field(default_factory=CashPayment)
    channel: str = "till"
    region: str | None = None
    order_id: str | None = None
    inject: frozenset[Fault] = frozenset()


@dataclass(frozen=True)
class SoldLine:
    product_id: int
    name: str
    unit_price: Decimal
    quantity: int

    @property
    def amount(self) -> Decimal:
        return self.unit_price * self.quantity


@dataclass
class OrderResult:
    order_id: str
    status: str
    channel: str
    code: str | None = None
    message: str = ""
    http_status: int = 201
    lines: list[SoldLine] = field(default_factory=list)
    subtotal: Decimal | None = None
    tax: Decimal | None = None
    total: Decimal | None = None
    payment_method: str | None = None
    card_masked: str | None = None
    receipt_no: str | None = None
    receipt_printed: bool = False
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return self.status == COMPLETED

    def to_json(self) -> dict[str, Any]:
        """The API body: the order for a success, the seed's error object for a failure."""
        if not self.ok:
            return {
                "orderId": self.order_id,
                "status": "failed",
                "code": self.code,
                "message": self.message,
                **self.details,
            }
        return {
            "orderId": self.order_id,
            "status": "completed",
            "items": [
                {
                    "productId": line.product_id,
                    "name": line.name,
                    "quantity": line.quantity,
                    "price": float(line.unit_price),
                }
                for line in self.lines
            ],
            "subtotal": _num(self.subtotal),
            "tax": _num(self.tax),
            "total": _num(self.total),
            "payment": {"method": self.payment_method, "card": self.card_masked},
            "receiptNo": self.receipt_no,
            "receiptPrinted": self.receipt_printed,
            **({"warning": self.message, "code": self.code} if self.code else {}),
        }


def _num(value: Decimal | None) -> float | None:
    return None if value is None else float(value)

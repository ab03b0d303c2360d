"""The till's cart before the order is placed (plain Python; the window shows it)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from pos_simulator.catalog import Product
from pos_simulator.orders import LineRequest
from pos_simulator.pricing import Totals, compute_totals


@dataclass
class CartLine:
    product: Product
    quantity: int

    @property
    def amount(self) -> Decimal | None:
        price = self.product.price
        return None if price is None else price * self.quantity


class Cart:
    """Products in the order they were added; adding a product again raises its quantity."""

    def __init__(self) -> None:
        self._lines: dict[int, CartLine] = {}

    @property
    def lines(self) -> list[CartLine]:
        return list(self._lines.values())

    def __len__(self) -> int:
        return len(self._lines)

    def add(self, product: Product, quantity: int = 1) -> CartLine:
        line = self._lines.get(product.id)
        if line is None:
            line = self._lines[product.id] = CartLine(product, 0)
        line.quantity += quantity
        return line

    def set_quantity(self, product_id: int, quantity: int) -> None:
        """Quantity 0 or less removes the line."""
        if quantity <= 0:
            self._lines.pop(product_id, None)
        elif product_id in self._lines:
            self._lines[product_id].quantity = quantity

    def remove(self, product_id: int) -> None:
        self._lines.pop(product_id, None)

    def remove_sold(self, sold: tuple[LineRequest, ...]) -> None:
        """Take out what an order sold, keeping anything scanned while it was processing."""
        for item in sold:
            line = self._lines.get(item.product_id)
            if line is not None:
                self.set_quantity(item.product_id, line.quantity - item.quantity)

    def clear(self) -> None:
        self._lines.clear()

    def items(self) -> tuple[LineRequest, ...]:
        return tuple(LineRequest(line.product.id, line.quantity) for line in self._lines.values())

    def has_unpriced(self) -> bool:
        return any(line.product.price is None for line in self._lines.values())

    def totals(self, tax_rate: Decimal) -> Totals:
        """The preview the till shows; unpriced items count as 0 until the backend refuses."""
        return compute_totals(
            ((line.product.price or Decimal(0), line.quantity) for line in self._lines.values()),
            tax_rate,
        )

"""Money arithmetic: line totals, tax per region, rounding to cents (half up, as tills do)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")


def to_cents(amount: Decimal) -> Decimal:
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


class TaxRateMissing(LookupError):
    """No tax rate is configured for the region (a configuration fault)."""

    def __init__(self, region: str) -> None:
        super().__init__(f"no tax rate configured for region {region!r}")
        self.region = region


@dataclass(frozen=True)
class Totals:
    subtotal: Decimal
    tax_rate: Decimal
    tax: Decimal
    total: Decimal


def tax_rate_for(rates: dict[str, Decimal], region: str) -> Decimal:
    try:
        return rates[region]
    except KeyError:
        raise TaxRateMissing(region) from None


def compute_totals(lines: Iterable[tuple[Decimal, int]], rate: Decimal) -> Totals:
    """Totals of ``(unit price, quantity)`` lines: tax is computed once on the subtotal."""
    subtotal = to_cents(sum((price * qty for price, qty in lines), Decimal("0")))
    tax = to_cents(subtotal * rate)
    return Totals(subtotal=subtotal, tax_rate=rate, tax=tax, total=subtotal + tax)

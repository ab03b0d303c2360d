"""Formatting amounts for display."""

from __future__ import annotations

from decimal import Decimal

SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "CAD": "$"}


def fmt_money(amount: Decimal | None, currency: str = "USD") -> str:
    if amount is None:
        return "no price"
    return f"{SYMBOLS.get(currency, '')}{amount:,.2f}"

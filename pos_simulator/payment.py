"""Payment methods and card-number handling. A full card number never reaches the log."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


def card_digits(number: str) -> str:
    return "".join(ch for ch in number if ch.isdigit())


def mask_card(number: str) -> str:
    """``4111 1111 1111 1111`` → ``************1111`` (only the last four digits stay)."""
    digits = card_digits(number)
    if len(digits) <= 4:
        return "*" * len(digits)
    return "*" * (len(digits) - 4) + digits[-4:]


def luhn_valid(number: str) -> bool:
    digits = card_digits(number)
    if not 12 <= len(digits) <= 19:
        return False
    total = 0
    for index, ch in enumerate(reversed(digits)):
        value = int(ch)
        if index % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def card_brand(number: str) -> str:
    digits = card_digits(number)
    if digits.startswith("4"):
        return "VISA"
    if digits[:2] in {"51", "52", "53", "54", "55"} or digits[:2] == "22":
        return "MASTERCARD"
    if digits[:2] in {"34", "37"}:
        return "AMEX"
    return "OTHER"


@dataclass(frozen=True)
class CashPayment:
    """Cash; ``tendered`` ``None`` means the exact amount was handed over."""

    tendered: Decimal | None = None
    method: str = "cash"


@dataclass(frozen=True)
class CardPayment:
    number: str
    method: str = "card"

    @property
    def masked(self) -> str:
        return mask_card(self.number)

    def __repr__(self) -> str:  # never print a full card number, even in a debugger
        return f"CardPayment(number={self.masked!r})"


Payment = CashPayment | CardPayment

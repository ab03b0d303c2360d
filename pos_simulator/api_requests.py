"""Turning an API request body into an :class:`OrderRequest`, with clear 400 reasons."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from pos_simulator.orders import LineRequest, OrderRequest
from pos_simulator.payment import CardPayment, CashPayment, Payment


class BadRequest(ValueError):
    """The request cannot become an order; ``code`` and ``status`` (4xx) go into the answer."""

    def __init__(self, code: str, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.code = code
        self.status = int(status)


#: the most a cash payment may tender (a number beyond it is a typo or an attack)
MAX_TENDER = Decimal("1000000")
_LINE_BREAKS = frozenset("\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


def _int_field(obj: dict[str, Any], key: str, default: int | None = None) -> int:
    value = obj.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadRequest("INVALID_ORDER", f"'{key}' must be an integer, got {value!r}")
    return value


def _payment(raw: Any) -> Payment:
    if raw is None:
        return CashPayment()
    if not isinstance(raw, dict):
        raise BadRequest("INVALID_PAYMENT", "'payment' must be an object")
    method = raw.get("method", "cash")
    if method == "card":
        number = raw.get("cardNumber")
        if not isinstance(number, str) or not number.strip():
            raise BadRequest("INVALID_PAYMENT", "card payment needs 'cardNumber'")
        return CardPayment(number)
    if method == "cash":
        tendered = raw.get("tendered")
        if tendered is None:
            return CashPayment()
        if isinstance(tendered, bool) or not isinstance(tendered, int | float | str):
            raise BadRequest("INVALID_PAYMENT", "'tendered' must be a number")
        try:
            amount = Decimal(str(tendered))
        except InvalidOperation:
            raise BadRequest("INVALID_PAYMENT", "'tendered' must be a number") from None
        if not amount.is_finite() or not 0 <= amount <= MAX_TENDER:
            raise BadRequest("INVALID_PAYMENT",
                             f"'tendered' must be a finite amount from 0 to {MAX_TENDER}")
        return CashPayment(amount)
    raise BadRequest("INVALID_PAYMENT", f"unknown payment method {method!r}")


def order_from_json(body: Any) -> OrderRequest:
    """``{"items":[{"productId":1,"quantity":1}], "payment":{...}, "region":"US-NY"}``."""
    if not isinstance(body, dict) or not isinstance(body.get("items"), list):
        raise BadRequest("INVALID_ORDER", "body must be an object with an 'items' list")
    items: list[LineRequest] = []
    for raw in body["items"]:
        if not isinstance(raw, dict):
            raise BadRequest("INVALID_ORDER", "each item must be an object")
        items.append(LineRequest(_int_field(raw, "productId"), _int_field(raw, "quantity", 1)))
    region = body.get("region")
    if region is not None and (not isinstance(region, str) or len(region) > 32
                               or any(c in _LINE_BREAKS or not c.isprintable() for c in region)):
        raise BadRequest("INVALID_ORDER", "'region' must be a short one-line string")
    return OrderRequest(
        items=tuple(items), payment=_payment(body.get("payment")), channel="api", region=region
    )

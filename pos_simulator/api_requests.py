"""Turning an API request body into an :class:`OrderRequest`, with clear 400 reasons."""

from __future__ import annotations

import json
from decimal import Decimal, InvalidOperation
from typing import Any

from pos_simulator.orders import LineRequest, OrderRequest
from pos_simulator.payment import CardPayment, CashPayment, Payment


class BadRequest(ValueError):
    """The body cannot become an order; ``code`` goes into the 400 answer."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


def parse_json(raw: bytes) -> Any:
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadRequest("MALFORMED_JSON", f"Request body is not valid JSON: {exc}") from exc


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
        try:
            return CashPayment(Decimal(str(tendered)))
        except InvalidOperation:
            raise BadRequest("INVALID_PAYMENT", "'tendered' must be a number") from None
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
    if region is not None and not isinstance(region, str):
        raise BadRequest("INVALID_ORDER", "'region' must be a string")
    return OrderRequest(
        items=tuple(items), payment=_payment(body.get("payment")), channel="api", region=region
    )

"""The till: takes an order through pricing, stock, tax, payment and the receipt printer.

Each step writes the log lines a real backend writes; a failing step logs its error (with a
stack trace where the real service would print one) and raises :class:`OrderFailed`, which
:meth:`Shop.place_order` turns into a failed :class:`OrderResult`.
"""

from __future__ import annotations

import hashlib
import random
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, NoReturn

from pos_simulator.catalog import Catalog, Product
from pos_simulator.failures import FailureReport, OrderFailed
from pos_simulator.faults import Fault, FaultSwitches
from pos_simulator.inventory import Inventory
from pos_simulator.logwriter import PosLogWriter
from pos_simulator.orders import (
    COMPLETED,
    FAILED,
    LineRequest,
    OrderRequest,
    OrderResult,
    SoldLine,
)
from pos_simulator.payment import CardPayment, card_brand, luhn_valid
from pos_simulator.pricing import TaxRateMissing, Totals, compute_totals, tax_rate_for

UNKNOWN_IDS = (1042, 2077, 3150, 4711, 5005)  # ids keyed in by hand that no product has
DECLINES = (("insufficient_funds", "51"), ("do_not_honor", "05"), ("expired_card", "54"))


@dataclass(frozen=True)
class Latency:
    """Simulated waits (seconds): card authorisation, and a gateway that never answers."""

    card_auth_s: float = 0.0
    gateway_timeout_s: float = 0.0


@dataclass
class _Checkout:
    """The order in progress: its id, request and the faults forced on it."""

    order_id: str
    request: OrderRequest
    faults: frozenset[Fault]
    items: tuple[LineRequest, ...]
    fail: FailureReport

    def forced(self, fault: Fault) -> bool:
        return fault in self.faults


def stable_pick(key: str, options: Sequence[Any]) -> Any:
    """The same key always picks the same option (keeps seeded runs reproducible)."""
    digest = hashlib.sha256(key.encode()).digest()
    return options[int.from_bytes(digest[:4], "big") % len(options)]


class Shop:
    """One till. Thread-safe: orders from the window, HTTP and headless run one at a time."""

    def __init__(
        self,
        catalog: Catalog,
        log: PosLogWriter,
        switches: FaultSwitches | None = None,
        latency: Latency = Latency(),
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
    ) -> None:
        self.catalog = catalog
        self.log = log
        self.switches = switches or FaultSwitches()
        self.inventory = Inventory(catalog)
        self.latency = latency
        self._sleep = sleep
        self._rng = rng or random.Random()
        self._lock = threading.RLock()
        self._receipt_seq = 0
        self._listeners: list[Callable[[OrderResult], None]] = []

    # -- public API -------------------------------------------------------------------------

    def add_listener(self, callback: Callable[[OrderResult], None]) -> None:
        """``callback(result)`` after every order, on the thread that placed it."""
        self._listeners.append(callback)

    def remove_listener(self, callback: Callable[[OrderResult], None]) -> None:
        """Stop calling ``callback`` (a window closing over a shop that lives on)."""
        if callback in self._listeners:
            self._listeners.remove(callback)

    def place_order(self, request: OrderRequest) -> OrderResult:
        with self._lock:
            order_id = request.order_id or self._new_order_id()
            faults = request.inject | self.switches.enabled()
            items = request.items + self._injected_items(order_id, faults, request.items)
            report = FailureReport(self.log, order_id, self._where())
            checkout = _Checkout(order_id, request, faults, items, report)
            try:
                result = self._run(checkout)
            except OrderFailed as failure:
                result = OrderResult(
                    order_id=order_id,
                    status=FAILED,
                    channel=request.channel,
                    code=failure.code,
                    message=str(failure),
                    http_status=failure.http_status,
                    details=failure.details,
                )
        for callback in tuple(self._listeners):  # one may be removed meanwhile
            callback(result)
        return result

    def replace_log(self, log: PosLogWriter) -> None:
        """Write to another file from the next record on (the old writer is closed)."""
        with self._lock:
            old, self.log = self.log, log
        old.close()

    def scan(self, barcode: str) -> Product | None:
        """Look a barcode up as the scanner reads it; unknown codes log a warning."""
        with self._lock:
            return self._scan(barcode)

    def _scan(self, barcode: str) -> Product | None:
        product = self.catalog.by_barcode(barcode)
        if product is None:
            self.log.write(
                "WARN",
                "Unknown barcode scanned",
                {"barcode": barcode.strip(), "code": Fault.UNKNOWN_PRODUCT.code, **self._where()},
            )
            return None
        self.log.write(
            "DEBUG",
            "Item scanned",
            {"barcode": product.barcode, "productId": product.id, "productName": product.name},
        )
        return product

    def restock(self, product_id: int, quantity: int) -> int:
        """A delivery arrives: add stock and log it."""
        product = self.catalog.by_id(product_id)
        with self._lock:
            on_hand = self.inventory.add(product_id, quantity)
            self._log_restock(product_id, product, quantity, on_hand)
        return on_hand

    def _log_restock(
        self, product_id: int, product: Product | None, quantity: int, on_hand: int
    ) -> None:
        self.log.write(
            "INFO",
            "Stock replenished",
            {
                "productId": product_id,
                "productName": product.name if product else None,
                "added": quantity,
                "onHand": on_hand,
                **self._where(),
            },
        )

    def log_started(self, channel: str, **extra: Any) -> None:
        self.log.write(
            "INFO", "POS terminal started", {"channel": channel, **self._where(), **extra}
        )

    # -- the checkout ------------------------------------------------------------------------

    def _run(self, co: _Checkout) -> OrderResult:
        self.log.write(
            "INFO",
            "Order received",
            {
                "orderId": co.order_id,
                "itemCount": len(co.items),
                "channel": co.request.channel,
                **self._where(),
            },
        )
        lines = self._resolve_lines(co)
        self._check_stock(co, lines)
        totals = self._totals(co, lines)
        self._reserve_stock(co)
        method, masked = self._charge(co, totals)
        self.inventory.take((line.product_id, line.quantity) for line in lines)
        receipt = self._next_receipt()
        self._log_placed(co, lines, totals, receipt, method)
        printed = self._print_receipt(co, receipt)
        return OrderResult(
            order_id=co.order_id,
            status=COMPLETED,
            channel=co.request.channel,
            code=None if printed else Fault.PRINTER_OFFLINE.code,
            message="" if printed else "Order completed; the receipt was not printed",
            http_status=201,
            lines=lines,
            subtotal=totals.subtotal,
            tax=totals.tax,
            total=totals.total,
            payment_method=method,
            card_masked=masked,
            receipt_no=receipt,
            receipt_printed=printed,
        )

    def _injected_items(
        self, order_id: str, faults: frozenset[Fault], items: tuple[LineRequest, ...]
    ) -> tuple[LineRequest, ...]:
        """Input faults made real: the unpriced item rung up, an id keyed in that no product has."""
        extra: list[LineRequest] = []
        unpriced = [p.id for p in self.catalog.products if p.price is None]
        asked = {item.product_id for item in items}
        if Fault.MISSING_PRICE in faults and unpriced and not asked & set(unpriced):
            extra.append(LineRequest(unpriced[0], 1))
        if Fault.UNKNOWN_PRODUCT in faults:
            extra.append(LineRequest(stable_pick(order_id, UNKNOWN_IDS), 1))
        return tuple(extra)

    def _resolve_lines(self, co: _Checkout) -> list[SoldLine]:
        if not co.items:
            co.fail.reject("INVALID_ORDER", "Order has no items", {})
        lines: list[SoldLine] = []
        for item in co.items:
            if item.quantity <= 0:
                co.fail.reject(
                    "INVALID_QUANTITY",
                    f"Quantity must be positive (product {item.product_id})",
                    {"productId": item.product_id, "quantity": item.quantity},
                )
            product = self.catalog.by_id(item.product_id)
            if product is None:
                co.fail.product_not_found(item.product_id)
            if product.price is None:
                co.fail.missing_price(product.id, product.name, item.quantity)
            lines.append(SoldLine(product.id, product.name, product.price, item.quantity))
        return lines

    def _check_stock(self, co: _Checkout, lines: list[SoldLine]) -> None:
        for index, line in enumerate(lines):
            available = self.inventory.on_hand(line.product_id)
            if co.forced(Fault.OUT_OF_STOCK) and index == 0:
                available = 0  # the stock count synced from the back office says none left
            if line.quantity > available:
                co.fail.out_of_stock(line, available)

    def _totals(self, co: _Checkout, lines: list[SoldLine]) -> Totals:
        region = co.request.region or self.catalog.store.region
        if co.forced(Fault.CONFIG_MISSING) and self.catalog.unconfigured_regions:
            region = stable_pick(co.order_id, self.catalog.unconfigured_regions)
        try:
            rate = tax_rate_for(self.catalog.tax_rates, region)
        except TaxRateMissing:
            co.fail.config_missing(region)
        if co.forced(Fault.TAX_SERVICE_ERROR):
            co.fail.tax_service_error(region)
        return compute_totals(((line.unit_price, line.quantity) for line in lines), rate)

    def _reserve_stock(self, co: _Checkout) -> None:
        if co.forced(Fault.DB_LOCK_TIMEOUT):
            co.fail.db_lock_timeout()

    def _charge(self, co: _Checkout, totals: Totals) -> tuple[str, str | None]:
        payment = co.request.payment
        if isinstance(payment, CardPayment):
            self._charge_card(co, payment, totals)
            return "card", payment.masked
        tendered = payment.tendered if payment.tendered is not None else totals.total
        if tendered < totals.total:
            co.fail.reject(
                "INSUFFICIENT_TENDER",
                f"Cash tendered {tendered} is less than the total {totals.total}",
                {"total": float(totals.total), "tendered": float(tendered)},
            )
        self.log.write(
            "INFO",
            "Payment approved",
            {
                "orderId": co.order_id,
                "method": "cash",
                "amount": float(totals.total),
                "tendered": float(tendered),
                "change": float(tendered - totals.total),
                **self._where(),
            },
        )
        return "cash", None

    def _charge_card(self, co: _Checkout, card: CardPayment, totals: Totals) -> None:
        base = {
            "orderId": co.order_id,
            "method": "card",
            "cardNumber": card.masked,
            "cardBrand": card_brand(card.number),
            "amount": float(totals.total),
        }
        if co.forced(Fault.GATEWAY_TIMEOUT):
            self._gateway_times_out(co, base)
        self._sleep(self.latency.card_auth_s)
        if co.forced(Fault.CARD_DECLINED) or not luhn_valid(card.number):
            reason, response = (
                stable_pick(co.order_id, DECLINES)
                if luhn_valid(card.number)
                else ("invalid_card_number", "14")
            )
            co.fail.card_declined(base, reason, response)
        auth = hashlib.sha256(co.order_id.encode()).hexdigest()[:6].upper()
        self.log.write("INFO", "Payment approved", {**base, "authCode": auth, **self._where()})

    def _gateway_times_out(self, co: _Checkout, card: dict[str, Any]) -> NoReturn:
        self._sleep(self.latency.gateway_timeout_s / 2)
        co.fail.gateway_slow(attempt=1)
        self._sleep(self.latency.gateway_timeout_s / 2)
        co.fail.gateway_timeout(card, attempts=2)

    def _log_placed(
        self, co: _Checkout, lines: list[SoldLine], totals: Totals, receipt: str, method: str
    ) -> None:
        self.log.write(
            "INFO",
            "Order placed",
            {
                "orderId": co.order_id,
                "receiptNo": receipt,
                "items": [{"productId": ln.product_id, "quantity": ln.quantity} for ln in lines],
                "subtotal": float(totals.subtotal),
                "taxRate": float(totals.tax_rate),
                "tax": float(totals.tax),
                "total": float(totals.total),
                "payment": method,
                "channel": co.request.channel,
                **self._where(),
            },
        )

    def _print_receipt(self, co: _Checkout, receipt: str) -> bool:
        if co.forced(Fault.PRINTER_OFFLINE):
            co.fail.printer_offline(receipt)
            return False
        self.log.write("INFO", "Receipt printed", {"orderId": co.order_id, "receiptNo": receipt})
        return True

    # -- helpers ------------------------------------------------------------------------------

    def _where(self) -> dict[str, str]:
        store = self.catalog.store
        return {"storeId": store.store_id, "terminalId": store.terminal_id}

    def _next_receipt(self) -> str:
        self._receipt_seq += 1
        return f"{self.catalog.store.terminal_id}-{self._receipt_seq:06d}"

    def _new_order_id(self) -> str:
        return f"ORD-{self._rng.getrandbits(40):010X}"

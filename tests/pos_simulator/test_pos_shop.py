"""Shop logic: totals, tax, stock, receipts, payment, and each failure with its log lines."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from pos_helpers import TIMESTAMP, log_lines

from pos_simulator.cart import Cart
from pos_simulator.catalog import Catalog
from pos_simulator.faults import Fault
from pos_simulator.orders import LineRequest, OrderRequest
from pos_simulator.payment import CardPayment, CashPayment, luhn_valid, mask_card
from pos_simulator.pricing import TaxRateMissing, compute_totals, tax_rate_for
from pos_simulator.shop import Shop

CARD = "4111 1111 1111 1111"


def order(*items: tuple[int, int], **kwargs: object) -> OrderRequest:
    return OrderRequest(
        items=tuple(LineRequest(pid, qty) for pid, qty in items),
        order_id=kwargs.pop("order_id", "ORD-TEST"),  # type: ignore[arg-type]
        **kwargs,  # type: ignore[arg-type]
    )


def payloads(path: Path, message: str) -> list[dict[str, object]]:
    prefix = f"{TIMESTAMP} "
    found = []
    for line in log_lines(path):
        if line.startswith(prefix) and f"] {message}: " in line:
            found.append(json.loads(line.split(f"] {message}: ", 1)[1]))
    return found


def test_catalog_has_a_dozen_products_and_the_unpriced_premium_item(catalog: Catalog) -> None:
    assert len(catalog.priced()) >= 12
    premium = catalog.by_id(999)
    assert premium is not None and premium.name == "Premium Item" and premium.price is None
    assert len({p.barcode for p in catalog.products}) == len(catalog.products)
    assert catalog.by_barcode(premium.barcode) == premium


def test_totals_round_tax_half_up_on_the_subtotal() -> None:
    totals = compute_totals([(Decimal("2.50"), 2), (Decimal("2.95"), 1)], Decimal("0.08875"))
    assert totals.subtotal == Decimal("7.95")
    assert totals.tax == Decimal("0.71")  # 0.7055625 -> 0.71
    assert totals.total == Decimal("8.66")
    half = compute_totals([(Decimal("1.00"), 1)], Decimal("0.125"))
    assert half.tax == Decimal("0.13")  # 0.125 rounds half up, not to even


def test_tax_rate_per_region(catalog: Catalog) -> None:
    assert tax_rate_for(catalog.tax_rates, "CA-ON") == Decimal("0.13")
    assert tax_rate_for(catalog.tax_rates, "US-OR") == Decimal("0")
    with pytest.raises(TaxRateMissing):
        tax_rate_for(catalog.tax_rates, "US-TX")


def test_completed_order_charges_tax_of_its_region(shop: Shop) -> None:
    result = shop.place_order(order((10, 1), region="DE"))
    assert result.ok and result.total == Decimal("17.84")  # 14.99 + 19 % = 2.8481 -> 2.85


def test_order_decrements_stock_and_numbers_receipts(shop: Shop, log_path: Path) -> None:
    before = shop.inventory.on_hand(1)
    first = shop.place_order(order((1, 2), (5, 1), order_id="ORD-A"))
    second = shop.place_order(order((1, 1), order_id="ORD-B"))
    assert first.ok and second.ok
    assert shop.inventory.on_hand(1) == before - 3
    assert (first.receipt_no, second.receipt_no) == ("POS-03-000001", "POS-03-000002")
    lines = log_lines(log_path)
    assert lines[0] == (
        f'{TIMESTAMP} [INFO] Order received: {{"orderId":"ORD-A","itemCount":2,'
        '"channel":"till","storeId":"S-0042","terminalId":"POS-03"}'
    )
    placed = payloads(log_path, "Order placed")[0]
    assert placed["subtotal"] == 7.95 and placed["tax"] == 0.71 and placed["total"] == 8.66
    assert placed["receiptNo"] == "POS-03-000001"
    assert payloads(log_path, "Receipt printed")[1]["receiptNo"] == "POS-03-000002"


def test_missing_price_writes_the_seed_line(shop: Shop, log_path: Path) -> None:
    before = shop.inventory.on_hand(1)
    result = shop.place_order(order((1, 1), (999, 2)))
    assert not result.ok and result.code == "MISSING_PRICE" and result.http_status == 400
    assert f"{TIMESTAMP} [ERROR] Product has no price: " + (
        '{"orderId":"ORD-TEST","productId":999,"productName":"Premium Item",'
        '"code":"MISSING_PRICE","quantity":2,"storeId":"S-0042","terminalId":"POS-03"}'
    ) in log_lines(log_path)
    assert shop.inventory.on_hand(1) == before  # nothing sold


def test_unknown_product_is_not_found(shop: Shop, log_path: Path) -> None:
    result = shop.place_order(order((4242, 1)))
    assert (result.code, result.http_status) == ("PRODUCT_NOT_FOUND", 404)
    assert payloads(log_path, "Product not found") == [
        {
            "orderId": "ORD-TEST",
            "productId": 4242,
            "code": "PRODUCT_NOT_FOUND",
            "storeId": "S-0042",
            "terminalId": "POS-03",
        }
    ]


def test_unknown_barcode_scan_logs_a_warning(shop: Shop, log_path: Path) -> None:
    assert shop.scan("0000000000000") is None
    assert shop.scan("4001234500010") == shop.catalog.by_id(1)
    lines = log_lines(log_path)
    assert lines[0] == (
        f'{TIMESTAMP} [WARN] Unknown barcode scanned: {{"barcode":"0000000000000",'
        '"code":"PRODUCT_NOT_FOUND","storeId":"S-0042","terminalId":"POS-03"}'
    )
    assert lines[1].startswith(f"{TIMESTAMP} [DEBUG] Item scanned: ")


def test_real_out_of_stock(shop: Shop, log_path: Path) -> None:
    on_hand = shop.inventory.on_hand(13)
    result = shop.place_order(order((13, on_hand + 1)))
    assert (result.code, result.http_status) == ("OUT_OF_STOCK", 409)
    warn = payloads(log_path, "Insufficient stock")[0]
    assert warn["requested"] == on_hand + 1 and warn["available"] == on_hand


@pytest.mark.parametrize(
    ("fault", "level", "message", "trace_head"),
    [
        (Fault.MISSING_PRICE, "ERROR", "Product has no price", None),
        (Fault.UNKNOWN_PRODUCT, "ERROR", "Product not found", None),
        (Fault.OUT_OF_STOCK, "WARN", "Insufficient stock", None),
        (Fault.CARD_DECLINED, "WARN", "Card declined", None),
        (
            Fault.GATEWAY_TIMEOUT,
            "ERROR",
            "Payment gateway timeout",
            "com.shop.pos.payment.PaymentGatewayException: ",
        ),
        (
            Fault.DB_LOCK_TIMEOUT,
            "ERROR",
            "Database lock wait timeout",
            "org.springframework.dao.PessimisticLockingFailureException: ",
        ),
        (
            Fault.TAX_SERVICE_ERROR,
            "ERROR",
            "Tax service request failed",
            "com.shop.pos.tax.TaxServiceException: ",
        ),
        (
            Fault.CONFIG_MISSING,
            "ERROR",
            "Tax rate not configured for region",
            "Traceback (most recent call last):",
        ),
        (
            Fault.PRINTER_OFFLINE,
            "ERROR",
            "Receipt printer offline",
            "Traceback (most recent call last):",
        ),
    ],
)
def test_each_injected_fault_logs_its_line(
    shop: Shop, log_path: Path, fault: Fault, level: str, message: str, trace_head: str | None
) -> None:
    result = shop.place_order(
        order((3, 1), payment=CardPayment(CARD), inject=frozenset({fault}))
    )
    assert result.code == fault.code
    assert result.ok is (fault is Fault.PRINTER_OFFLINE)  # the sale stands, only no receipt
    lines = log_lines(log_path)
    index = next(i for i, ln in enumerate(lines) if f"[{level}] {message}: " in ln)
    payload = json.loads(lines[index].split(f"] {message}: ", 1)[1])
    assert payload["orderId"] == "ORD-TEST" and payload["code"] == fault.code
    following = lines[index + 1] if index + 1 < len(lines) else ""
    if trace_head is None:
        assert following == "" or following.startswith(TIMESTAMP)
    else:
        assert following.startswith(trace_head)


def test_java_traces_have_frames_causes_and_elided_tails(shop: Shop, log_path: Path) -> None:
    shop.place_order(order((3, 1), inject=frozenset({Fault.DB_LOCK_TIMEOUT})))
    text = log_path.read_text()
    frame = "\tat com.shop.pos.inventory.InventoryService.reserveItems(InventoryService.java:118)"
    assert frame in text
    assert "Caused by: org.hibernate.PessimisticLockException: could not execute statement" in text
    assert (
        "Caused by: java.sql.SQLTransactionRollbackException: "
        "Lock wait timeout exceeded; try restarting transaction"
    ) in text
    assert "\t... 9 more" in text


def test_trace_lines_never_look_like_a_new_record(shop: Shop, log_path: Path) -> None:
    for fault in Fault:
        shop.place_order(order((3, 1), payment=CardPayment(CARD), inject=frozenset({fault})))
    lines = log_lines(log_path)
    headers = [ln for ln in lines if ln.startswith(TIMESTAMP)]
    continuation = [ln for ln in lines if not ln.startswith(TIMESTAMP)]
    assert len(continuation) > 40
    assert shop.log.records_written == len(headers)
    assert shop.log.lines_written == len(lines)


def test_gateway_timeout_warns_on_retry_first(shop: Shop, log_path: Path) -> None:
    shop.place_order(order((3, 1), payment=CardPayment(CARD), inject=frozenset(
        {Fault.GATEWAY_TIMEOUT})))
    levels = [ln.split(" ", 2)[1] + " " + ln.split(" ", 2)[2].split(":")[0]
              for ln in log_lines(log_path) if ln.startswith(TIMESTAMP)]
    assert levels == [
        "[INFO] Order received",
        "[WARN] Payment gateway slow, retrying",
        "[ERROR] Payment gateway timeout",
    ]


def test_requested_unconfigured_region_is_a_config_fault(shop: Shop, log_path: Path) -> None:
    result = shop.place_order(order((1, 1), region="US-TX"))
    assert (result.code, result.http_status) == ("CONFIG_MISSING", 500)
    text = log_path.read_text()
    assert "KeyError: 'tax.rate.US-TX'" in text
    assert "till.config.ConfigurationError: missing required setting 'tax.rate.US-TX'" in text


def test_card_number_is_masked_everywhere(shop: Shop, log_path: Path) -> None:
    result = shop.place_order(order((1, 1), payment=CardPayment("5555-5555-5555-4444")))
    declined = shop.place_order(
        order((1, 1), payment=CardPayment(CARD), inject=frozenset({Fault.CARD_DECLINED}),
              order_id="ORD-D")
    )
    assert result.card_masked == "************4444"
    assert declined.code == "CARD_DECLINED"
    text = log_path.read_text()
    assert "5555555555554444" not in text and "5555-5555-5555-4444" not in text
    assert "4111111111111111" not in text and CARD not in text
    assert payloads(log_path, "Payment approved")[0]["cardNumber"] == "************4444"
    assert payloads(log_path, "Card declined")[0]["cardNumber"] == "************1111"
    assert "5555555555554444" not in repr(CardPayment("5555555555554444"))


def test_mask_and_luhn() -> None:
    assert mask_card("4111 1111 1111 1111") == "************1111"
    assert mask_card("3782 822463 10005") == "***********0005"
    assert mask_card("123") == "***"
    assert luhn_valid("4111 1111 1111 1111") and not luhn_valid("4111 1111 1111 1112")


def test_invalid_card_number_is_declined(shop: Shop, log_path: Path) -> None:
    result = shop.place_order(order((1, 1), payment=CardPayment("4111 1111 1111 1112")))
    assert result.code == "CARD_DECLINED"
    assert payloads(log_path, "Card declined")[0]["reason"] == "invalid_card_number"


def test_cash_change_and_short_tender(shop: Shop, log_path: Path) -> None:
    paid = shop.place_order(order((1, 2), payment=CashPayment(Decimal(20))))
    short = shop.place_order(order((1, 2), payment=CashPayment(Decimal(1)), order_id="ORD-S"))
    assert paid.ok and not short.ok and short.code == "INSUFFICIENT_TENDER"
    approved = payloads(log_path, "Payment approved")[0]
    assert approved["tendered"] == 20.0 and approved["change"] == round(20 - 5.44, 2)


def test_bad_quantity_and_empty_order_are_rejected(shop: Shop) -> None:
    assert shop.place_order(order((1, 0))).code == "INVALID_QUANTITY"
    assert shop.place_order(order()).code == "INVALID_ORDER"


def test_switched_on_faults_apply_to_every_order(shop: Shop) -> None:
    shop.switches.set(Fault.TAX_SERVICE_ERROR, True)
    assert shop.place_order(order((1, 1))).code == "TAX_SERVICE_ERROR"
    assert shop.place_order(order((2, 1), order_id="ORD-2")).code == "TAX_SERVICE_ERROR"
    shop.switches.set(Fault.TAX_SERVICE_ERROR, False)
    assert shop.place_order(order((1, 1), order_id="ORD-3")).ok


def test_listeners_see_every_result(shop: Shop) -> None:
    seen: list[str] = []
    shop.add_listener(lambda result: seen.append(result.status))
    shop.place_order(order((1, 1)))
    shop.place_order(order((999, 1), order_id="ORD-X"))
    assert seen == ["COMPLETED", "FAILED"]


def test_cart_merges_lines_and_previews_totals(catalog: Catalog) -> None:
    cart = Cart()
    coffee, premium = catalog.by_id(1), catalog.by_id(999)
    assert coffee and premium
    cart.add(coffee)
    cart.add(coffee, 2)
    cart.add(premium)
    assert [(ln.product.id, ln.quantity) for ln in cart.lines] == [(1, 3), (999, 1)]
    assert cart.has_unpriced()
    assert cart.totals(Decimal("0.1")).total == Decimal("8.25")
    cart.remove_sold((LineRequest(1, 2),))
    assert cart.items() == (LineRequest(1, 1), LineRequest(999, 1))
    cart.set_quantity(1, 0)
    assert cart.items() == (LineRequest(999, 1),)

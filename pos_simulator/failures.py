"""The log record each checkout failure writes, and the :class:`OrderFailed` it raises.

One method per failure keeps the exact wording of every line in one place; the payload
always starts with ``orderId`` and carries ``code``, ``storeId`` and ``terminalId``.
"""

from __future__ import annotations

from typing import Any, NoReturn

from pos_simulator import fault_traces
from pos_simulator.faults import Fault
from pos_simulator.logwriter import PosLogWriter
from pos_simulator.orders import SoldLine

GATEWAY = "https://gateway.acquirer.example/v2/authorize"
GATEWAY_TIMEOUT_MS = 30000
TAX_SERVICE_URL = "http://tax-service.internal:8080/api/v1/quote"
PRINTER_DEVICE = "/dev/usb/lp0"
STOCK_TABLE = "inventory_stock"
LOCK_WAIT_MS = 50000


class OrderFailed(Exception):
    def __init__(self, fault_code: str, message: str, http_status: int, **details: Any) -> None:
        super().__init__(message)
        self.code = fault_code
        self.http_status = http_status
        self.details = details


class FailureReport:
    """Failures of one order, written to ``log`` with the order id and the till's ids."""

    def __init__(self, log: PosLogWriter, order_id: str, where: dict[str, str]) -> None:
        self._log = log
        self._order_id = order_id
        self._where = where

    def _write(
        self, level: str, message: str, fields: dict[str, Any], trace: list[str] | None = None
    ) -> None:
        payload = {"orderId": self._order_id, **fields, **self._where}
        self._log.write(level, message, payload, trace or ())

    def reject(self, code: str, message: str, fields: dict[str, Any]) -> NoReturn:
        self._write("WARN", "Invalid order rejected", {**fields, "code": code})
        raise OrderFailed(code, message, 400, **fields)

    def product_not_found(self, product_id: int) -> NoReturn:
        fault = Fault.UNKNOWN_PRODUCT
        self._write("ERROR", "Product not found", {"productId": product_id, "code": fault.code})
        raise OrderFailed(
            fault.code, f"Product {product_id} not found", fault.http_status, productId=product_id
        )

    def missing_price(self, product_id: int, name: str, quantity: int) -> NoReturn:
        """The seed's line: ``[ERROR] Product has no price: {"orderId":..,"productId":999,..}``."""
        fault = Fault.MISSING_PRICE
        self._write(
            "ERROR",
            "Product has no price",
            {"productId": product_id, "productName": name, "code": fault.code,
             "quantity": quantity},
        )
        raise OrderFailed(
            fault.code,
            f'Product "{name}" (ID: {product_id}) does not have a price configured',
            fault.http_status,
            productId=product_id,
            productName=name,
            severity="HIGH",
        )

    def out_of_stock(self, line: SoldLine, available: int) -> NoReturn:
        fault = Fault.OUT_OF_STOCK
        self._write(
            "WARN",
            "Insufficient stock",
            {"productId": line.product_id, "productName": line.name, "code": fault.code,
             "requested": line.quantity, "available": available},
        )
        raise OrderFailed(
            fault.code,
            f'Only {available} of "{line.name}" in stock, {line.quantity} requested',
            fault.http_status,
            productId=line.product_id,
            available=available,
        )

    def config_missing(self, region: str) -> NoReturn:
        fault = Fault.CONFIG_MISSING
        self._write(
            "ERROR",
            "Tax rate not configured for region",
            {"region": region, "setting": f"tax.rate.{region}", "code": fault.code},
            fault_traces.config_missing_trace(region),
        )
        raise OrderFailed(
            fault.code, f"No tax rate configured for region {region}", 500, region=region
        )

    def tax_service_error(self, region: str) -> NoReturn:
        fault = Fault.TAX_SERVICE_ERROR
        self._write(
            "ERROR",
            "Tax service request failed",
            {"region": region, "httpStatus": 500, "url": TAX_SERVICE_URL, "code": fault.code},
            fault_traces.tax_service_trace(TAX_SERVICE_URL),
        )
        raise OrderFailed(fault.code, "Tax service returned HTTP 500", fault.http_status)

    def db_lock_timeout(self) -> NoReturn:
        fault = Fault.DB_LOCK_TIMEOUT
        self._write(
            "ERROR",
            "Database lock wait timeout",
            {"table": STOCK_TABLE, "waitedMs": LOCK_WAIT_MS, "code": fault.code},
            fault_traces.db_lock_trace(STOCK_TABLE),
        )
        raise OrderFailed(
            fault.code, "Lock wait timeout exceeded; try restarting transaction", 503
        )

    def card_declined(self, card: dict[str, Any], reason: str, response: str) -> NoReturn:
        fault = Fault.CARD_DECLINED
        self._write(
            "WARN",
            "Card declined",
            {**card, "reason": reason, "responseCode": response, "code": fault.code},
        )
        raise OrderFailed(
            fault.code, f"Card declined ({reason})", fault.http_status, reason=reason
        )

    def gateway_slow(self, attempt: int) -> None:
        self._write(
            "WARN",
            "Payment gateway slow, retrying",
            {"gateway": GATEWAY, "attempt": attempt, "timeoutMs": GATEWAY_TIMEOUT_MS},
        )

    def gateway_timeout(self, card: dict[str, Any], attempts: int) -> NoReturn:
        fault = Fault.GATEWAY_TIMEOUT
        self._write(
            "ERROR",
            "Payment gateway timeout",
            {**card, "gateway": GATEWAY, "attempts": attempts, "code": fault.code},
            fault_traces.gateway_timeout_trace(GATEWAY, GATEWAY_TIMEOUT_MS),
        )
        raise OrderFailed(
            fault.code, "Payment gateway did not answer in time", fault.http_status
        )

    def printer_offline(self, receipt: str) -> None:
        """Not raised: the sale stands, only the receipt is missing."""
        self._write(
            "ERROR",
            "Receipt printer offline",
            {"receiptNo": receipt, "device": PRINTER_DEVICE, "code": Fault.PRINTER_OFFLINE.code},
            fault_traces.printer_offline_trace(PRINTER_DEVICE),
        )

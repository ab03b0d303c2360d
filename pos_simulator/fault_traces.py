"""The stack traces the shop's backends print for each failure.

The payment, tax and order services are Java (Spring) services, so their failures come as
Java traces with ``Caused by:`` chains; the till's printer driver and configuration loader
are Python, so theirs are Python tracebacks. The frames are fixed per code path, as in a
real deployment (the same bug, the same frames).
"""

from __future__ import annotations

from pos_simulator.traces import JavaException, JavaFrame, PyFrame, java_trace, python_traceback

_CONTROLLER = (
    JavaFrame("com.shop.pos.order.OrderService", "placeOrder", 88),
    JavaFrame("com.shop.pos.order.OrderController", "create", 41),
    JavaFrame("jdk.internal.reflect.GeneratedMethodAccessor212", "invoke", None),
    JavaFrame("org.springframework.web.servlet.FrameworkServlet", "service", 883),
    JavaFrame("org.apache.tomcat.util.threads.ThreadPoolExecutor$Worker", "run", 659),
    JavaFrame("java.lang.Thread", "run", 833),
)


def gateway_timeout_trace(gateway: str, timeout_ms: int) -> list[str]:
    socket = (
        JavaFrame("java.base/sun.nio.ch.NioSocketImpl", "timedRead", 288),
        JavaFrame("java.base/sun.nio.ch.NioSocketImpl", "implRead", 314),
        JavaFrame("java.base/java.net.Socket$SocketInputStream", "read", 976),
        JavaFrame("org.apache.http.impl.io.SessionInputBufferImpl", "fillBuffer", 153),
        JavaFrame("com.shop.pos.payment.GatewayClient", "authorize", 142),
        JavaFrame("com.shop.pos.payment.PaymentService", "charge", 77),
        *_CONTROLLER,
    )
    return java_trace(
        [
            JavaException(
                "com.shop.pos.payment.PaymentGatewayException",
                f"Authorization request to {gateway} timed out after {timeout_ms} ms",
                (
                    JavaFrame("com.shop.pos.payment.GatewayClient", "authorize", 151),
                    JavaFrame("com.shop.pos.payment.PaymentService", "charge", 77),
                    *_CONTROLLER,
                ),
            ),
            JavaException("java.net.SocketTimeoutException", "Read timed out", socket),
        ]
    )


def db_lock_trace(table: str) -> list[str]:
    jdbc = (
        JavaFrame("com.mysql.cj.jdbc.exceptions.SQLError", "createSQLException", 123),
        JavaFrame("com.mysql.cj.jdbc.ClientPreparedStatement", "executeUpdateInternal", 1061),
        JavaFrame("com.zaxxer.hikari.pool.HikariProxyPreparedStatement", "executeUpdate", None),
        JavaFrame("org.hibernate.engine.jdbc.internal.ResultSetReturnImpl", "executeUpdate", 197),
        JavaFrame("com.shop.pos.inventory.StockRepository", "reserve", 64),
        JavaFrame("com.shop.pos.inventory.InventoryService", "reserveItems", 112),
        *_CONTROLLER,
    )
    return java_trace(
        [
            JavaException(
                "org.springframework.dao.PessimisticLockingFailureException",
                f"could not execute statement [update {table} set on_hand=? where product_id=?]",
                (
                    JavaFrame("com.shop.pos.inventory.InventoryService", "reserveItems", 118),
                    *_CONTROLLER,
                ),
            ),
            JavaException(
                "org.hibernate.PessimisticLockException",
                "could not execute statement",
                (
                    JavaFrame("org.hibernate.dialect.MySQLDialect$3", "convert", 553),
                    *jdbc[3:],
                ),
            ),
            JavaException(
                "java.sql.SQLTransactionRollbackException",
                "Lock wait timeout exceeded; try restarting transaction",
                jdbc,
            ),
        ]
    )


def tax_service_trace(url: str) -> list[str]:
    rest = (
        JavaFrame("org.springframework.web.client.DefaultResponseErrorHandler", "handleError", 186),
        JavaFrame("org.springframework.web.client.RestTemplate", "handleResponse", 819),
        JavaFrame("org.springframework.web.client.RestTemplate", "doExecute", 777),
        JavaFrame("org.springframework.web.client.RestTemplate", "postForObject", 468),
        JavaFrame("com.shop.pos.tax.TaxServiceClient", "quote", 58),
        JavaFrame("com.shop.pos.tax.TaxCalculator", "calculate", 39),
        *_CONTROLLER,
    )
    return java_trace(
        [
            JavaException(
                "com.shop.pos.tax.TaxServiceException",
                f"Tax quote failed: POST {url} returned HTTP 500",
                (
                    JavaFrame("com.shop.pos.tax.TaxServiceClient", "quote", 66),
                    JavaFrame("com.shop.pos.tax.TaxCalculator", "calculate", 39),
                    *_CONTROLLER,
                ),
            ),
            JavaException(
                "org.springframework.web.client.HttpServerErrorException$InternalServerError",
                '500 Internal Server Error: "{"error":"upstream rate table unavailable"}"',
                rest,
            ),
        ]
    )


def printer_offline_trace(device: str) -> list[str]:
    cause = python_traceback(
        [
            PyFrame("/opt/pos/till/printer/escpos.py", 88, "_write", "self._port.write(data)"),
            PyFrame(
                "/opt/pos/venv/lib/python3.11/site-packages/serial/serialposix.py",
                640,
                "write",
                "n = os.write(self.fd, d)",
            ),
        ],
        "OSError",
        f"[Errno 19] No such device: '{device}'",
    )
    return python_traceback(
        [
            PyFrame("/opt/pos/till/receipts.py", 57, "print_receipt", "printer.print_lines(lines)"),
            PyFrame("/opt/pos/till/printer/escpos.py", 41, "print_lines", "self._write(payload)"),
            PyFrame("/opt/pos/till/printer/escpos.py", 92, "_write", "raise PrinterOffline(...)"),
        ],
        "till.printer.PrinterOffline",
        f"receipt printer at {device} is not responding",
        cause=cause,
    )


def config_missing_trace(region: str) -> list[str]:
    key = f"tax.rate.{region}"
    cause = python_traceback(
        [
            PyFrame("/opt/pos/till/config.py", 73, "get", "return self._values[key]"),
        ],
        "KeyError",
        repr(key),
    )
    return python_traceback(
        [
            PyFrame("/opt/pos/till/checkout.py", 131, "total", "rate = tax_rate(store.region)"),
            PyFrame("/opt/pos/till/tax.py", 22, "tax_rate", 'return config.get(f"tax.rate.{r}")'),
            PyFrame("/opt/pos/till/config.py", 76, "get", "raise ConfigurationError(...)"),
        ],
        "till.config.ConfigurationError",
        f"missing required setting '{key}'",
        cause=cause,
    )

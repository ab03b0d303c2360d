"""A deterministic generator of big realistic logs for the speed benchmarks.

About 95% INFO/DEBUG traffic and 5% warnings and errors in the POS log format, a few of them
with Java stack traces, like a busy till fleet's application log.
"""

from __future__ import annotations

import random
from pathlib import Path

INFO_TEMPLATES = (
    'Order placed: {{"orderId":"ORD-{o}","till":"T{t}","items":{n},"total":{p}.{c:02d}}}',
    'Payment approved: {{"orderId":"ORD-{o}","method":"card","last4":"{l4}","amount":{p}.{c:02d}}}',
    'Receipt printed: {{"orderId":"ORD-{o}","receipt":"R-{r}","printer":"PRN-{t}"}}',
    'Stock updated: {{"productId":{pid},"delta":-{n},"remaining":{s}}}',
    'Session heartbeat from till T{t} user clerk{u} in store S{st}',
    'Cache refreshed for catalog region EU-{st} in {ms} ms',
)
WARN_TEMPLATES = (
    'Payment gateway slow, retrying: {{"orderId":"ORD-{o}","attempt":{n},"latencyMs":{ms}}}',
    'Connection pool near limit: {{"active":{n}{c},"max":100}}',
    'Low stock for product: {{"productId":{pid},"remaining":{n}}}',
)
ERROR_TEMPLATES = (
    'Product has no price: {{"orderId":"ORD-{o}","productId":999,"productName":"Premium Item",'
    '"code":"MISSING_PRICE"}}',
    'Receipt printer offline: {{"printer":"PRN-{t}","till":"T{t}","code":"PRINTER_OFFLINE"}}',
    'Card declined by issuer: {{"orderId":"ORD-{o}","reason":"insufficient_funds","code":"05"}}',
    'Tax service returned 500: {{"orderId":"ORD-{o}","region":"EU-{st}","status":500}}',
    'Database lock wait timeout exceeded: {{"orderId":"ORD-{o}","table":"stock","waitMs":{ms}}}',
)
TRACE = (
    "java.lang.IllegalStateException: Payment gateway timeout after {ms} ms\n"
    "\tat com.shop.pos.payment.GatewayClient.charge(GatewayClient.java:{n}8)\n"
    "\tat com.shop.pos.order.OrderService.checkout(OrderService.java:2{n}1)\n"
    "\tat com.shop.pos.api.OrderController.create(OrderController.java:77)\n"
    "\tat org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:897)\n"
    "Caused by: java.net.SocketTimeoutException: Read timed out\n"
    "\tat java.net.SocketInputStream.socketRead0(Native Method)\n"
    "\t... 42 more"
)


def _fill(template: str, rnd: random.Random) -> str:
    return template.format(
        o=rnd.randrange(100000, 999999), t=rnd.randrange(1, 40), n=rnd.randrange(1, 9),
        p=rnd.randrange(1, 300), c=rnd.randrange(0, 100), l4=rnd.randrange(1000, 9999),
        r=rnd.randrange(10000, 99999), pid=rnd.randrange(1, 60), s=rnd.randrange(0, 500),
        u=rnd.randrange(1, 30), st=rnd.randrange(1, 12), ms=rnd.randrange(5, 9000),
    )


def generate(path: Path, lines: int, seed: int = 7, error_share: float = 0.05) -> int:
    """Write about ``lines`` lines to ``path``; returns the exact number of lines written."""
    rnd = random.Random(seed)
    written = 0
    second = 0
    with path.open("w", encoding="utf-8") as out:
        buf: list[str] = []
        while written < lines:
            second += 1
            stamp = f"2026-11-25T{(second // 3600) % 24:02d}:{(second // 60) % 60:02d}:" \
                    f"{second % 60:02d}.{rnd.randrange(1000):03d}Z"
            roll = rnd.random()
            if roll < error_share * 0.4:
                buf.append(f"{stamp} [WARN] {_fill(rnd.choice(WARN_TEMPLATES), rnd)}\n")
            elif roll < error_share * 0.94:
                buf.append(f"{stamp} [ERROR] {_fill(rnd.choice(ERROR_TEMPLATES), rnd)}\n")
            elif roll < error_share:
                body = _fill(TRACE, rnd)
                buf.append(f"{stamp} [ERROR] Unhandled exception in checkout\n{body}\n")
                written += body.count("\n") + 1
            else:
                level = "DEBUG" if roll > 0.97 else "INFO"
                buf.append(f"{stamp} [{level}] {_fill(rnd.choice(INFO_TEMPLATES), rnd)}\n")
            written += 1
            if len(buf) >= 10000:
                out.write("".join(buf))
                buf.clear()
        out.write("".join(buf))
    return written

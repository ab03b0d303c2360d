"""Realistic multi-line stack traces for the corpus (JVM, Python, Node.js), invented frames."""

from __future__ import annotations

import random

JAVA_APP = [
    "com.shop.pos.checkout.CheckoutService.addItem(CheckoutService.java:{l})",
    "com.shop.pos.checkout.BasketController.scan(BasketController.java:{l})",
    "com.shop.pos.pricing.PriceResolver.resolve(PriceResolver.java:{l})",
    "com.shop.orders.OrderService.submit(OrderService.java:{l})",
    "com.shop.orders.api.OrderResource.create(OrderResource.java:{l})",
    "com.shop.payments.PaymentProcessor.authorize(PaymentProcessor.java:{l})",
    "com.shop.payments.gateway.GatewayClient.post(GatewayClient.java:{l})",
    "com.shop.inventory.StockSyncJob.run(StockSyncJob.java:{l})",
    "com.shop.inventory.repo.StockRepository.update(StockRepository.java:{l})",
    "com.shop.loyalty.PointsService.credit(PointsService.java:{l})",
    "com.shop.receipts.ReceiptPrinter.print(ReceiptPrinter.java:{l})",
    "com.shop.catalog.CatalogImporter.importFile(CatalogImporter.java:{l})",
]
JAVA_LIB = [
    "org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:{l})",
    "org.springframework.transaction.interceptor.TransactionInterceptor.invoke("
    "TransactionInterceptor.java:{l})",
    "org.hibernate.internal.SessionImpl.flush(SessionImpl.java:{l})",
    "com.zaxxer.hikari.pool.HikariPool.getConnection(HikariPool.java:{l})",
    "org.apache.catalina.core.StandardWrapperValve.invoke(StandardWrapperValve.java:{l})",
    "java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:{l})",
    "java.base/java.lang.Thread.run(Thread.java:{l})",
    "java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke("
    "DirectMethodHandleAccessor.java:{l})",
    "org.apache.kafka.clients.consumer.KafkaConsumer.poll(KafkaConsumer.java:{l})",
    "com.fasterxml.jackson.databind.ObjectMapper.readValue(ObjectMapper.java:{l})",
    "org.postgresql.core.v3.QueryExecutorImpl.execute(QueryExecutorImpl.java:{l})",
    "com.mysql.cj.jdbc.ClientPreparedStatement.executeUpdate(ClientPreparedStatement.java:{l})",
    "okhttp3.internal.connection.RealCall.execute(RealCall.kt:{l})",
]
PY_APP = [
    ("/srv/pos/app/checkout/basket.py", "add_item", "price = self.pricing.price_for(item)"),
    ("/srv/pos/app/orders/service.py", "submit_order", "self.repo.save(order)"),
    ("/srv/pos/app/payments/client.py", "authorize", "resp = self.session.post(url, json=body)"),
    ("/srv/pos/app/sync/stock.py", "run", "rows = self.fetch_remote(store_id)"),
    ("/srv/pos/app/loyalty/points.py", "credit", "return self.api.credit(order.customer_id)"),
    ("/srv/pos/app/importers/catalog.py", "load", "data = json.loads(raw)"),
    ("/srv/pos/app/receipts/render.py", "render", "total = order.totals.grand_total"),
    ("/srv/pos/app/views/api.py", "create_order", "order = OrderService(db).submit(payload)"),
    ("/opt/etl/jobs/export.py", "main", "writer.write_batch(batch)"),
]
PY_LIB = [
    ("/usr/lib/python3.11/site-packages/django/core/handlers/base.py", "_get_response",
     "response = wrapped_callback(request, *callback_args, **callback_kwargs)"),
    ("/usr/lib/python3.11/site-packages/sqlalchemy/engine/base.py", "_execute_context",
     "self.dialect.do_execute("),
    ("/usr/lib/python3.11/site-packages/requests/adapters.py", "send",
     "raise ConnectionError(e, request=request)"),
    ("/usr/lib/python3.11/site-packages/flask/app.py", "full_dispatch_request",
     "rv = self.dispatch_request()"),
    ("/usr/lib/python3.11/json/decoder.py", "raw_decode",
     "raise JSONDecodeError(\"Expecting value\", s, err.value) from None"),
    ("/usr/lib/python3.11/site-packages/psycopg2/extras.py", "execute",
     "return super().execute(query, vars)"),
    ("/usr/lib/python3.11/site-packages/celery/app/trace.py", "__protected_call__",
     "return self.run(*args, **kwargs)"),
]
NODE_APP = [
    "CheckoutController.addLine (/app/src/checkout/controller.js:{l}:{c})",
    "OrderService.submit (/app/src/orders/service.js:{l}:{c})",
    "PaymentClient.authorize (/app/src/payments/client.js:{l}:{c})",
    "syncStock (/app/src/jobs/stock-sync.js:{l}:{c})",
    "renderReceipt (/app/src/receipts/render.js:{l}:{c})",
    "LoyaltyApi.credit (/app/src/loyalty/api.js:{l}:{c})",
    "parseFeed (/app/src/importers/feed.js:{l}:{c})",
]
NODE_LIB = [
    "Layer.handle [as handle_request] (/app/node_modules/express/lib/router/layer.js:{l}:{c})",
    "next (/app/node_modules/express/lib/router/route.js:{l}:{c})",
    "process.processTicksAndRejections (node:internal/process/task_queues:{l}:{c})",
    "TCPConnectWrap.afterConnect [as oncomplete] (node:net:{l}:{c})",
    "Parser.parseJSON (/app/node_modules/body-parser/lib/types/json.js:{l}:{c})",
    "Pool.acquire (/app/node_modules/pg-pool/index.js:{l}:{c})",
    "async Promise.all (index {c})",
]


def _ln(rng: random.Random) -> str:
    return str(rng.randint(12, 980))


def java_trace(rng: random.Random, exc: str, msg: str, cause: tuple[str, str] | None) -> str:
    lines = [f"{exc}: {msg}" if msg else exc]
    frames = rng.sample(JAVA_APP, rng.randint(1, 4)) + rng.sample(JAVA_LIB, rng.randint(1, 6))
    lines += ["\tat " + f.replace("{l}", _ln(rng)) for f in frames]
    if cause:
        lines.append(f"Caused by: {cause[0]}: {cause[1]}")
        lines += ["\tat " + f.replace("{l}", _ln(rng)) for f in rng.sample(JAVA_LIB, 2)]
        lines.append(f"\t... {rng.randint(8, 60)} common frames omitted")
    elif rng.random() < 0.4:
        lines.append(f"\t... {rng.randint(8, 60)} more")
    return "\n".join(lines)


def python_trace(rng: random.Random, exc: str, msg: str) -> str:
    frames = rng.sample(PY_APP, rng.randint(1, 3)) + rng.sample(PY_LIB, rng.randint(0, 2))
    if rng.random() < 0.5:
        frames = rng.sample(PY_LIB, 1) + frames
    lines = ["Traceback (most recent call last):"]
    for path, func, code in frames:
        lines.append(f'  File "{path}", line {_ln(rng)}, in {func}')
        lines.append(f"    {code}")
    lines.append(f"{exc}: {msg}" if msg else exc)
    return "\n".join(lines)


def node_trace(rng: random.Random, exc: str, msg: str) -> str:
    frames = rng.sample(NODE_APP, rng.randint(1, 3)) + rng.sample(NODE_LIB, rng.randint(1, 3))
    lines = [f"{exc}: {msg}" if msg else exc]
    for f in frames:
        lines.append("    at " + f.replace("{l}", _ln(rng)).replace("{c}", str(rng.randint(3, 60))))
    return "\n".join(lines)

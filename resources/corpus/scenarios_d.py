"""Scenarios, part D: checkout outcomes, more runtimes' wording, and severity by consequence.

Written by us for this corpus (see README). Three gaps of parts A-C are filled:

* checkout outcomes that are business as usual or a single customer's problem (an issuer
  declining a card, an item out of stock, an unknown product id keyed at a till) next to
  the payment-gateway timeout that fails an order after its retries;
* the wording of more runtimes for missing values, crashes and invariants (``nil``,
  ``undefined``, ``None``, ``Nothing``, ``null``; failed assertions; ``abort``), and new
  log styles (``jul``, ``gcp``, ``structlog``, ``syslog``, ``cli`` in ``render.py``);
* the same fault at several severities, told apart only by what it cost (retried and
  succeeded, fell back, one request, gave up, every store), so that the consequence and
  not the fault's name decides the severity.
"""

from __future__ import annotations

from scenario import APP, S

#: log styles added with this part
NEW: tuple[str, ...] = ("jul", "gcp", "structlog", "syslog", "cli")
ANY: tuple[str, ...] = APP + NEW

CHECKOUT = [
    S("external_service", "low", ("pos", "payments"), "WARN INFO ERROR", [
        "Card declined",
        "Card declined: issuer said insufficient funds (51); customer paid with another card",
        "Authorization declined by the issuer: do not honor (05); tender refused",
        "Issuer declined card ending {last4}: expired card (54); cashier asked for another "
        "card",
        "Payment declined for order {order}: card reported lost or stolen; sale not completed "
        "for this customer",
        "Decline from card issuer for {amount} {cur} (code 51), customer chose cash",
        "Contactless payment declined by issuer, customer asked to insert the card",
    ], fields={"reason": "insufficient_funds", "responseCode": "51", "code": "CARD_DECLINED"}),
    S("data_validation", "low", ("pos", "node", "python", "java"), "WARN INFO ERROR", [
        "Insufficient stock",
        "Insufficient stock for {product}: {n} requested, 0 available; line not added",
        "Only 1 \"{product}\" left at {store}, customer asked for {n}; quantity reduced",
        "Item {sku} is out of stock; removed from the basket",
        "Requested quantity {n} exceeds stock on hand for product {pid}; customer informed",
    ], fields={"productId": "{pid}", "productName": "{product}", "code": "OUT_OF_STOCK"}),
    S("not_found", "low", ("pos", "node", "python", "java"), "ERROR WARN INFO", [
        "Product not found",
        "Product not found: productId={pid}",
        "Unknown product id {pid} keyed at {till}; cashier asked to check the code",
        "No product with id {pid} in the catalog; item not added to basket",
        "Item lookup failed for id {pid}: no such product, cashier re-entered it",
    ], fields={"productId": "{pid}", "code": "PRODUCT_NOT_FOUND"}),
    S("external_service", "high", ("pos", "payments", "java"), "ERROR", [
        "Payment gateway timeout",
        "Payment gateway did not answer in time after {n} attempts; payment failed",
        "Authorization request to {gw} timed out after {ms} ms; order {order} not completed",
        "Card authorization abandoned: acquirer too slow on every attempt, sale cancelled",
        "Gateway read timeout on capture {txn}, retries exhausted",
    ], exc={"java": "com.shop.pos.payment.PaymentGatewayException|"
                    "java.net.SocketTimeoutException", "python": "requests.exceptions.ReadTimeout"},
        excmsg={"java": ["Read timed out"], "python": ["Read timed out. (read timeout=30)"]},
        fields={"gateway": "{gw}", "attempts": "{n}", "code": "PAYMENT_GATEWAY_TIMEOUT"},
        trace=0.6),
    S("external_service", "medium", ("pos", "payments", "java"), "WARN ERROR", [
        "Payment gateway slow, retrying",
        "Acquirer slow to answer for {txn} (attempt {n}); retrying",
        "Gateway took {ms} ms to authorize; approved on the second try",
    ], fields={"gateway": "{gw}", "attempt": "{n}"}),
    S("data_validation", "high", ("pos", "structlog", "gcp", "java"), "ERROR WARN", [
        "Product has no price",
        "Sale stopped: \"{product}\" (id {pid}) is missing a price in the price book",
        "Cannot total basket: item {pid} has a null unit price",
        "Order {order} refused: no price set for product {pid}",
        "Item \"{product}\" rung up without a price configured; order rejected",
    ], fields={"productId": "{pid}", "productName": "{product}", "code": "MISSING_PRICE"}),
    S("hardware_device", "high", ("pos", "syslog", "python"), "ERROR WARN", [
        "Receipt printer offline",
        "Receipt printer at {device} is not responding; receipt not printed",
        "Printer {printer} offline at {till}: cover open or cable unplugged",
        "cupsd: printer {printer} stopped: backend failed, jobs held",
    ], exc={"python": "OSError"}, excmsg={"python": ["[Errno 19] No such device"]},
        fields={"device": "{device}", "code": "PRINTER_OFFLINE"}),
]

NULLS = [
    S("null_reference", "high", ANY, "ERROR", [
        "undefined method 'total' for nil (NoMethodError) while pricing basket {cart}",
        "attempt to read field 'price' of a nil value",
        "Cannot read properties of undefined (reading 'price')",
        "'NoneType' object is not subscriptable in {job}",
        "null pointer dereference in receipt formatter; request failed",
        "unexpected null: customer.address was null when building the invoice",
        "Maybe.fromJust: Nothing while looking up store {store}",
        "invalid memory access: read of address 0x0 in label printer module",
        "Option::unwrap() on a None value in loyalty sync",
        "value was absent: order.tender is not set; checkout crashed for this order",
        "nil reference: store config has no 'tax' entry object; quote aborted",
        "method 'apply' called on a null object reference in promotion engine",
    ], exc={"java": "java.lang.NullPointerException", "python": "AttributeError",
            "node": "TypeError"},
        excmsg={"python": ["'NoneType' object has no attribute 'price'"],
                "node": ["Cannot read properties of undefined (reading 'price')"]}),
    S("null_reference", "medium", ANY, "WARN ERROR", [
        "NullPointerException in optional banner widget caught; page rendered without it",
        "None value for customer.email; e-receipt skipped, paper receipt printed",
        "undefined promo object for {promo}; promotion ignored for this basket, will retry "
        "on next sync",
        "nil loyalty profile for member; points will be added by the nightly job",
    ]),
    S("null_reference", "critical", ANY, "ERROR FATAL WARN", [
        "NullPointerException at startup in PaymentModule; every till payment screen is blank",
        "nil dereference crashed the checkout service; all requests failing",
        "TypeError: Cannot read properties of null (reading 'store') on every request since "
        "deploy {version}",
        "'NoneType' object has no attribute 'rate' for all orders: no sale can be totalled",
    ], exc={"java": "java.lang.NullPointerException", "python": "AttributeError",
            "node": "TypeError"}),
]

CRASHES = [
    S("other", "critical", ANY + ("kernel",), "FATAL ERROR WARN", [
        "assertion failed: ledger.balance() == expected; aborting",
        "Assertion `queue->len >= 0' failed. Aborted (core dumped)",
        "unreachable code reached in receipt numbering; process aborted",
        "fatal runtime error: stack overflow, aborting",
        "{proc} received signal 6 (SIGABRT); core written, service down",
        "invariant violated: order total below zero; worker halted for all stores",
    ]),
    S("other", "high", ANY, "ERROR", [
        "Unhandled exception in request handler: IllegalStateException: basket already "
        "closed; request failed",
        "Illegal state transition SHIPPED -> CART for order {order}; order stuck",
        "Unexpected state in {job}: batch marked done twice; job failed",
        "Unsupported operation: refund of voided sale {txn}",
    ], exc={"java": "java.lang.IllegalStateException", "python": "RuntimeError",
            "node": "Error"}),
    S("other", "medium", ANY, "WARN ERROR", [
        "Clock skew of {sec}s detected against NTP; timestamps corrected",
        "Event loop blocked for {ms} ms; requests delayed",
        "GC pause of {ms} ms; responses slow during the pause",
    ]),
    S("other", "low", ANY, "WARN INFO", [
        "API v1 is deprecated and will be removed; switch to v2",
        "Function 'calcTax' is deprecated, use 'tax.compute' instead",
        "Resource leak: stream was not closed explicitly; closed by finalizer",
        "Runtime version 3.8 reaches end of support next year",
    ]),
]

#: one fault at four severities: only the consequence tells them apart
BY_CONSEQUENCE = [
    S("network", "low", ANY, "ERROR WARN INFO", [
        "Connection to {host} reset; retried at once and succeeded",
        "Socket timeout talking to {host}, immediate retry worked",
        "DNS lookup for {host} failed once; second lookup succeeded",
    ]),
    S("network", "medium", ANY, "WARN ERROR", [
        "Connection refused by {host}:{port}; retrying in 10s",
        "Network unreachable for {host}; requests queued until the link is back",
        "Timed out connecting to {host}; one request failed, the next one worked",
    ]),
    S("network", "high", ANY, "ERROR WARN", [
        "Connection refused by {host}:{port} on every retry; upload abandoned",
        "Could not reach {host}: no route to host; {job} failed",
        "TLS handshake with {host} failed: certificate verify failed; sync stopped",
    ], exc={"java": "java.net.ConnectException", "python": "ConnectionRefusedError",
            "node": "Error"}),
    S("network", "critical", ANY, "ERROR WARN FATAL", [
        "Store network down: no till can reach the payment host",
        "Core switch unreachable; every store offline for card payments",
        "All connections to {db} refused for {n} minutes; checkout down chain-wide",
    ]),
    S("external_service", "low", ANY, "WARN INFO ERROR", [
        "{svc} returned 503 once; retried immediately and got 200",
        "{svc} answered 429, honoured Retry-After and the call succeeded",
    ]),
    S("external_service", "critical", ANY, "ERROR WARN", [
        "{gw} rejecting every authorization with a system error; no card payments anywhere",
        "{svc} down for all stores for {n} minutes; orders cannot be placed",
        "Upstream {svc} returns 500 to 100% of calls; checkout unavailable",
    ]),
    S("database", "low", ANY, "WARN INFO", [
        "Database connection dropped while idle; reopened on next use",
    ]),
    S("database", "critical", ANY, "ERROR FATAL WARN", [
        "Primary database {db} unreachable; every service that writes orders is failing",
        "Replica promotion failed and the primary is gone: writes lost for all stores",
        "Database {db} refuses all connections: too many clients already; checkout down",
    ]),
    S("resource_exhaustion", "medium", ANY + ("kernel",), "WARN ERROR", [
        "Heap usage {pct}% after GC; still serving",
        "Disk {pct}% full on /var/log; old logs will be rotated",
        "Thread pool queue at {pct}% capacity; requests waiting",
    ]),
    S("resource_exhaustion", "low", ANY, "INFO WARN", [
        "Rate quota for {svc} reached for this minute; next call waited 1 s and succeeded",
        "Cache full, evicted the oldest {big} entries",
    ]),
    S("resource_exhaustion", "critical", ANY + ("kernel",), "ERROR FATAL WARN", [
        "Out of memory: {proc} killed; service restarting in a loop",
        "No space left on device writing the database journal; transactions lost",
        "Too many open files: accept() failing for every new connection",
    ]),
    S("auth", "medium", ANY, "WARN ERROR", [
        "Access token for {svc} expired; refreshed it and the request will be retried",
        "401 from {svc}; re-authenticating before the next attempt",
    ]),
    S("auth", "critical", ANY, "ERROR WARN", [
        "Signing certificate expired: every login is rejected across all stores",
        "Service credentials revoked; all payment API calls answer 401",
        "Possible breach: admin tokens used from an unknown network; accounts locked",
    ]),
    S("configuration", "critical", ANY, "ERROR FATAL WARN", [
        "Configuration file unreadable at startup; service will not start",
        "Wrong merchant id deployed to all tills: every card payment refused",
        "Price rounding misconfigured in the release: all receipts total incorrectly",
    ]),
    S("configuration", "high", ANY, "ERROR WARN", [
        "Tax rate not configured for region {region}",
        "Required setting '{env}' is missing; {job} cannot run",
        "Bad value for 'receipt.width' in {path}: 'wide'; receipts not printed",
    ], fields={"region": "{region}", "setting": "tax.rate.{region}", "code": "CONFIG_MISSING"}),
    S("concurrency", "high", ANY, "ERROR", [
        "Database lock wait timeout",
        "Gave up waiting for row lock on {table} after {ms} ms; order failed",
        "Lock contention on {lock}: transaction timed out and was rolled back",
    ], exc={"java": "org.springframework.dao.PessimisticLockingFailureException|"
                    "java.sql.SQLTransactionRollbackException",
            "python": "sqlalchemy.exc.OperationalError"},
        excmsg={"java": ["Lock wait timeout exceeded; try restarting transaction"],
                "python": ["(pymysql.err.OperationalError) (1205, 'Lock wait timeout "
                           "exceeded; try restarting transaction')"]},
        fields={"table": "{table}", "code": "DB_LOCK_TIMEOUT"}),
    S("parsing", "critical", ANY, "ERROR WARN", [
        "Every incoming order message fails to decode since the {version} upgrade; orders "
        "lost",
        "Sales feed unreadable for all stores: invalid byte sequence in the export",
    ]),
    S("hardware_device", "critical", ANY + ("kernel",), "ERROR FATAL WARN", [
        "I/O error on the database disk; volume remounted read-only, writes failing",
        "RAID array degraded and second disk failing; data at risk",
    ]),
    S("hardware_device", "low", ("pos", "syslog", "cli"), "INFO WARN", [
        "Card reader battery low ({pct}% used); please charge",
        "Scanner reconnected after power save",
        "Customer display firmware check OK after reboot",
    ]),
    S("not_found", "medium", ANY, "WARN ERROR", [
        "Config profile for {store} not found; using the chain default",
        "Image {file} not found in CDN; placeholder served",
    ]),
    S("data_validation", "critical", ANY, "WARN ERROR", [
        "Price import set every item to 0.00: goods sold for free in all stores",
        "All receipts since 08:00 have an empty VAT field; filings wrong chain-wide",
    ]),
]

SCENARIOS = CHECKOUT + NULLS + CRASHES + BY_CONSEQUENCE

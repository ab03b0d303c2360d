"""Scenarios, part E: every error type at every severity, told apart by consequence and scope.

Written by us for this corpus (see README) in round 3, from the definitions of
``TAXONOMY.md`` only: for each type, what the fault costs decides the severity, so each
scenario pairs a fault with one kind of consequence, in words that parts A-D do not use:

* critical: the whole chain, every store or every request; a process that is gone; money
  or data lost;
* high: one real transaction, job, till or device that failed and stays failed;
* medium: slowed, partial, fell back, or put aside to be tried again;
* low: one person's mistake, an expected answer, noise.

Levels are deliberately loose (outages at WARN, handled faults at ERROR) so that the level
stays evidence and not the answer. The corpus uses only the log styles of ``render.py``.
"""

from __future__ import annotations

from scenario import SRV, S
from scenarios_d import ANY

#: styles that log whole processes starting and stopping
PROC: tuple[str, ...] = SRV + ("jul", "gcp", "structlog", "syslog", "cli", "systemd", "docker")

DATA_VALIDATION = [
    S("data_validation", "critical", ANY, "WARN ERROR", [
        "Stock counts were imported with the sign flipped: every store now shows negative "
        "stock and automatic reordering has stopped chain-wide",
        "A bad conversion factor doubled the loyalty points of all members; the liability "
        "keeps growing with each purchase",
        "Settlement batch for the whole chain carries blank merchant ids; no payout can be "
        "matched to a store",
        "Sales are being stored without their line items on every till since {version}; the "
        "sales history is incomplete",
    ]),
    S("data_validation", "high", ANY, "ERROR WARN", [
        "Delivery note {file} refused: quantity column empty on {n} lines; goods receipt not "
        "booked",
        "Promotion {promo} cannot be activated: its end date lies before its start date",
        "Invoice {order} held back: the customer's VAT number fails the format check; the "
        "invoice was not sent",
        "Payroll export halted: employee {user} has no cost centre",
    ]),
    S("data_validation", "medium", ANY, "WARN ERROR INFO", [
        "{n} of {big} member rows had no email address; those rows were set aside and the "
        "import went on",
        "Basket {cart} carried a unit price with three decimals; rounded to two and continued",
        "Unit of measure for {sku} unknown, treated as a piece; please check the catalog entry",
    ]),
    S("data_validation", "low", ANY, "INFO WARN ERROR", [
        "Email address typed by a shopper has no @ sign; the form was shown again",
        "Voucher {promo} presented after its expiry date; cashier explained it to the customer",
        "Quantity 0 keyed at {till}; entry discarded",
        "Search text longer than 200 characters was trimmed",
    ]),
]

NOT_FOUND = [
    S("not_found", "critical", ANY, "WARN ERROR", [
        "Each item lookup misses since the catalog index was rebuilt empty; tills cannot sell "
        "a thing",
        "Product image bucket deleted: the web shop shows no products to any visitor",
        "No route for /checkout after release {version}: every shopper gets 404 at the "
        "payment step",
    ]),
    S("not_found", "high", ANY, "ERROR WARN", [
        "Return {txn} cannot be booked: the original sale is missing from the journal",
        "Scheduled report {job} failed: source table {table} is gone",
        "Today's file from supplier {svc} never arrived; replenishment orders were not created",
        "Label template '{file}' missing on {device}; shelf labels not printed",
    ]),
    S("not_found", "medium", ANY, "WARN ERROR INFO", [
        "Store {store} missing from the routing table; its requests went via the default "
        "region",
        "Thumbnail for {sku} missing; the full-size image was served instead, pages load "
        "slower",
        "Gift card {pid} unknown to the local cache; checked online instead, which took longer",
    ]),
    S("not_found", "low", ANY, "INFO WARN ERROR", [
        "Shopper asked about an order number we have no record of; support told them so",
        "Search engine crawler requested {badurl}; nothing there",
        "Loyalty number {pid} is not registered; the customer was offered a sign-up",
        "Coupon of another retailer scanned at {till}; not recognised",
    ]),
]

DATABASE = [
    S("database", "critical", ANY + ("postgres",), "WARN ERROR FATAL", [
        "Primary and replica both refuse connections; order writes from all services have "
        "been failing for {n} minutes",
        "Transaction log of the sales database is damaged; the last hour of orders cannot be "
        "recovered",
        "Database cluster lost quorum and refuses writes from every service",
        "Migration {version} dropped column {col} in production: every checkout query errors",
    ]),
    S("database", "high", ANY, "ERROR WARN", [
        "Nightly aggregation {job} stopped on a constraint violation in {table}; there is no "
        "sales summary today",
        "Insert of receipt {order} failed: value too long for column {col}; the receipt is "
        "missing from the database",
        "Stored procedure for the stock transfer raised an error and rolled back; transfer "
        "{txn} did not happen",
        "Cursor closed during the export of {table}; export incomplete, an operator must "
        "rerun it",
    ]),
    S("database", "medium", ANY, "WARN ERROR INFO", [
        "Connection pool saturated for 20 s at the lunch peak; requests waited but completed",
        "Primary switched to the standby; writes paused for 8 s and resumed",
        "Write to {table} failed on a dropped connection; the message goes back on the queue "
        "for another try",
        "Reporting replica is {sec}s behind; dashboards are a little stale",
    ]),
    S("database", "low", ("mysql",), "WARN INFO ERROR", [
        "Aborted connection {pidnum} to db: '{db}' user: '{user}' (Got an error reading "
        "communication packets)",
        "Aborted connection {pidnum} to db: '{db}' user: '{user}' (Got timeout reading "
        "communication packets)",
    ]),
    S("database", "low", ANY, "INFO WARN ERROR", [
        "Client closed its session while a query was running; the query was cancelled",
        "Prepared statement cache rebuilt after a schema refresh",
        "Vacuum of {table} finished; nothing to report",
    ]),
]

NETWORK = [
    S("network", "critical", ANY, "WARN ERROR", [
        "Data centre uplink lost: no store can reach the central services",
        "Load balancer has no reachable backend for the payment API; each card payment fails",
        "Firewall change blocks port 443 towards head office from every store",
        "Message broker unreachable from all sites; orders pile up on the tills and none get "
        "through",
    ]),
    S("network", "high", ANY, "ERROR WARN", [
        "Upload of end-of-day totals for {store} gave up: {host} unreachable all night",
        "VPN tunnel of {store} down since opening; the store stays offline until someone "
        "fixes it",
        "Certificate of {host} is not trusted; partner connection refused, file not exchanged",
        "Till {till} lost its network link; no card payments there until it is plugged back",
    ]),
    S("network", "medium", ANY, "WARN ERROR INFO", [
        "Packet loss on the store link; some requests were slow but completed",
        "{host} reset the connection; the client will try again in 30 s",
        "One of three API nodes unreachable; the other two carry the traffic",
        "Link to {store} flapped twice in five minutes; it is up again",
    ]),
    S("network", "low", ANY + ("nginx",), "INFO WARN ERROR", [
        "A shopper's browser dropped the connection mid-download",
        "Monitoring probe timed out once; the following probe was fine",
        "Idle socket closed by the proxy after 60 s; reopened on demand",
        "Client on a mobile network went away before the response was written",
    ]),
]

EXTERNAL = [
    S("external_service", "critical", ANY + ("payments",), "WARN ERROR", [
        "Card processor rejects all traffic with a system error for {n} minutes; no card sale "
        "anywhere",
        "Tax calculation provider down for every store; checkout cannot compute totals",
        "Delivery partner API returns 500 to each call; no web order can be dispatched",
    ]),
    S("external_service", "high", ANY + ("payments",), "ERROR WARN", [
        "Loyalty provider answered 500 when booking points for order {order}; points not "
        "booked, someone has to fix it by hand",
        "Parcel service rejected shipment {order} with an internal error after three tries; "
        "parcel not labelled",
        "Partner {svc} returned 503 for the nightly upload; upload marked as failed",
    ]),
    S("external_service", "medium", ANY + ("payments",), "WARN ERROR INFO", [
        "Address check service took over 2 s; check skipped for this order",
        "{svc} returned 502 on the first attempt; the call will be repeated after a backoff",
        "Fraud scoring provider timed out; order accepted with the default score and flagged "
        "for review",
        "About 5% of calls to {svc} fail; retries are absorbing it",
    ]),
    S("external_service", "low", ANY + ("payments",), "INFO WARN ERROR", [
        "Provider {svc} announced a maintenance window for tonight",
        "Voucher provider says voucher {promo} was already used; customer informed",
        "Webhook from {gw} arrived for an order already marked paid; ignored",
    ]),
]

AUTH = [
    S("auth", "critical", ANY, "WARN ERROR", [
        "Identity provider down: no employee can sign in at any store",
        "Unknown administrator account created on the back office overnight; intrusion "
        "suspected",
        "Card data of customers found on an outside server; breach of the payment zone",
    ]),
    S("auth", "high", ANY, "ERROR WARN", [
        "Export {job} stopped: SFTP login as {user} refused",
        "Backup agent cannot authenticate to the storage account; tonight's backup did not run",
        "Certificate of {till} rejected by the payment host; card payments blocked on this "
        "till",
    ]),
    S("auth", "medium", ANY, "WARN ERROR INFO", [
        "Cashier {user} locked out after five wrong PINs; a supervisor can unlock the account",
        "Password of service user {user} expires in 3 days",
        "Single sign-on slow to answer; logins took 10 s this morning",
    ]),
    S("auth", "low", ANY, "INFO WARN ERROR", [
        "Login attempt for unknown user 'admin' from {ip}; rejected",
        "Employee {user} typed a wrong password once",
        "Session of {user} timed out after inactivity; asked to sign in again",
    ]),
]

RESOURCE = [
    S("resource_exhaustion", "critical", ANY, "WARN ERROR", [
        "Sales database volume 100% full; inserts failing for all stores",
        "Application server out of heap; each request answered 500 until someone restarts it",
        "Every worker of {container} has used up its memory; the service no longer answers",
    ]),
    S("resource_exhaustion", "high", ("postgres",), "ERROR", [
        "out of memory; DETAIL: Failed on request of size {big} in memory context",
    ]),
    S("resource_exhaustion", "high", ANY, "ERROR WARN", [
        "Report {job} aborted: it exceeded its memory limit",
        "Upload of {file} refused: bucket quota reached; the archive is incomplete",
        "Worker pool full; the nightly import could not start",
    ]),
    S("resource_exhaustion", "medium", ANY + ("docker",), "WARN ERROR INFO", [
        "Memory of {container} at 90% of its limit; still serving",
        "Connection count close to the limit during the lunch peak",
        "Log host disk 88% full; cleanup will run tonight",
        "CPU throttled on {container}; responses slower",
    ]),
    S("resource_exhaustion", "low", ANY, "INFO WARN ERROR", [
        "Temporary folder cleaned; 2 GB freed",
        "Per-user rate limit hit by a script; that client got 429",
        "Cache dropped its oldest entries as designed",
    ]),
]

NULL = [
    S("null_reference", "critical", PROC, "WARN ERROR FATAL", [
        "Checkout service exits on start: payment settings resolved to null; no instance is up",
        "Each request to /basket ends in a null dereference since {version}; nobody can check "
        "out",
        "Worker hit a null pointer in its main loop and crashes again after every restart",
    ]),
    S("null_reference", "high", ANY, "ERROR WARN", [
        "Unhandled null value while handling POST {url}; request answered 500",
        "Null customer on order {order} stopped the invoice run",
        "Receipt {order} not printed: template variable 'store' was null",
    ]),
    S("null_reference", "medium", ANY, "WARN ERROR INFO", [
        "Opening hours for {store} were null; the default schedule was used",
        "Null image object for {sku}; product card rendered without a picture",
        "Delivery slot list came back null; shown as 'no slots', shopper can reload",
    ]),
    S("null_reference", "low", ANY, "INFO WARN ERROR", [
        "Null middle name on the customer record ignored",
        "Phone number is null for a guest checkout, as expected",
        "Null referrer header; visit counted as direct",
    ]),
]

CONFIGURATION = [
    S("configuration", "critical", ANY, "WARN ERROR", [
        "Production points at the sandbox payment endpoint since the deploy; no real money "
        "is collected in any store",
        "Release shipped with an empty list of allowed origins; the web shop rejects each "
        "browser request",
        "Tax table missing from the release config: all stores charge 0% VAT",
    ]),
    S("configuration", "high", ANY, "ERROR WARN", [
        "Printer mapping for {till} missing from the store config; receipts cannot be printed "
        "there",
        "Job {job} cannot start: setting 'export.target' is empty",
        "Currency code in the profile of till {till} is unknown; card payments refused on it",
    ]),
    S("configuration", "medium", ANY, "WARN ERROR INFO", [
        "Cache size setting out of range; capped to the maximum",
        "Setting 'retry.count' missing; built-in default of 3 used",
        "Log level setting not recognised; falling back to INFO",
    ]),
    S("configuration", "low", ANY, "INFO WARN ERROR", [
        "Unused setting 'legacy.mode' found in {path}",
        "Configuration reloaded; nothing changed",
        "Old name of setting 'sync.interval' still accepted",
    ]),
]

CONCURRENCY = [
    S("concurrency", "critical", ANY, "WARN ERROR", [
        "Two instances both act as leader; orders are processed twice across all stores",
        "Lost updates on the stock table: concurrent writers overwrote counts for the whole "
        "chain",
        "Each checkout request waits on the same lock; the service stopped answering",
    ]),
    S("concurrency", "high", ANY, "ERROR WARN", [
        "Transfer {txn} rolled back after a deadlock and not retried; stock not moved",
        "Job {job} waited 10 minutes for its lock and was abandoned",
        "Order {order} saved by two sessions at once; the second write lost the payment "
        "reference",
    ]),
    S("concurrency", "medium", ANY, "WARN ERROR INFO", [
        "Lock contention on {table} made checkout slower for a minute",
        "Deadlock victim transaction will be run again by the queue",
        "Version clash on basket {cart}; the app reloads and resubmits",
    ]),
    S("concurrency", "low", ANY, "INFO WARN ERROR", [
        "Second tap on 'Pay' ignored while the first was in progress",
        "Scheduler skipped a run because the previous one was still going",
        "Two cashiers edited the same note; the later edit was kept",
    ]),
]

PARSING = [
    S("parsing", "critical", ANY, "WARN ERROR", [
        "Events written by the new producer cannot be read by any consumer; nothing has been "
        "processed for {n} minutes",
        "Price file for all stores read with the wrong decimal separator; every price is "
        "100 times too high",
    ]),
    S("parsing", "high", ANY, "ERROR WARN", [
        "Supplier catalogue {file} is not valid XML; catalogue update not done",
        "Answer of {svc} could not be decoded; order {order} stays unconfirmed",
        "Settlement report {file} has a broken header; reconciliation failed",
    ]),
    S("parsing", "medium", ANY, "WARN ERROR INFO", [
        "{n} lines of {file} could not be read and were set aside; the rest was loaded",
        "Odd character in a product name replaced with '?'",
        "Message with a bad encoding parked for a manual replay",
    ]),
    S("parsing", "low", ANY, "INFO WARN ERROR", [
        "Unknown attribute in the client payload ignored",
        "Comment line with a stray quote tolerated in {file}",
        "User agent string unreadable; counted as 'other'",
    ]),
]

HARDWARE = [
    S("hardware_device", "critical", ANY, "WARN ERROR", [
        "Payment terminals on all lanes of {store} lost power; no card payment possible in "
        "the store",
        "Controller board of the store server failed; none of the tills in {store} can sell",
    ]),
    S("hardware_device", "high", ANY, "ERROR WARN", [
        "Scale at {till} reports a calibration error; weighed goods cannot be sold there",
        "Label printer {printer} jammed; no shelf labels until someone clears it",
        "Card reader {reader} does not power on; the till only takes cash",
    ]),
    S("hardware_device", "medium", ANY, "WARN ERROR INFO", [
        "Printer {printer} head too hot; printing paused for a few seconds",
        "Scanner {scanner} re-initialised after an error and works again",
        "Cash drawer slow to open at {till}",
    ]),
    S("hardware_device", "low", ANY, "INFO WARN ERROR", [
        "Scanner {scanner} read a damaged barcode; cashier typed the number in",
        "Customer display switched to night brightness",
        "Printer {printer} reports normal status after a paper refill",
    ]),
]

OTHER = [
    S("other", "critical", PROC, "WARN ERROR FATAL", [
        "Unhandled error in the main thread; process exiting with status 1",
        "Service {container} stopped after a fatal error and did not come back",
        "Supervisor gave up restarting {proc} after five crashes in a row",
    ]),
    S("other", "high", ANY, "ERROR WARN", [
        "Job {job} ended with status 2; its output was not produced",
        "Order {order} reached an unknown state; it needs manual handling",
        "Unexpected exception in the end-of-day close of {till}; the day is not closed",
    ]),
    S("other", "medium", ANY, "WARN ERROR INFO", [
        "Page {url} rendered in 6 s under load",
        "Clock of {till} off by 4 s against the time server; being corrected gradually",
        "Worker recycled after its memory kept growing",
    ]),
    S("other", "low", ANY, "INFO WARN ERROR", [
        "Version {version} started",
        "Debug logging left switched on",
        "Housekeeping finished in 3 s",
    ]),
]

SCENARIOS: list[S] = (DATA_VALIDATION + NOT_FOUND + DATABASE + NETWORK + EXTERNAL + AUTH
                      + RESOURCE + NULL + CONFIGURATION + CONCURRENCY + PARSING + HARDWARE
                      + OTHER)

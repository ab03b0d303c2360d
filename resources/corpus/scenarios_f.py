"""Scenarios, part F: the vocabulary of the kind of fault in monitoring alerts, error-tracker
digests, crash-dump summaries and ERP batch jobs.

Written by us for this corpus (see README) in round 4, from ``TAXONOMY.md``'s type
definitions and general knowledge of how such tools word a fault, in four generic shapes of
our own (``alert``, ``tracker``, ``crashdump``, ``jobqueue`` in ``render.py``) plus some of the
corpus's existing styles. Rounds 1-3 found that records from tools with their own vocabulary
(alert bodies, crash headers, enterprise job codes) lose the *type* more than the severity;
each scenario here says what kind of fault it is in words parts A-E do not use, and its
consequence decides the severity as in part E. None imitates an ecosystem of the
hand-labeled sets, and an automated check finds no 5-word sequence shared with them.
"""

from __future__ import annotations

from scenario import S

ALERT, TRACKER, CRASH, JOBQ = "alert", "tracker", "crashdump", "jobqueue"
PLAIN: tuple[str, ...] = ("cli", "gcp", "structlog", "syslog")

DATA_VALIDATION = [
    S("data_validation", "high", (JOBQ, TRACKER, "cli", "gcp"), "ERROR WARN", [
        "Document {order} not posted: mandatory attribute 'cost centre' is empty on line {n}",
        "Vendor invoice {order} refused by the checks: unit cost is negative on {n} lines",
        "Schema check failed for goods receipt {file}: field '{field}' holds text where a "
        "number is required; receipt not booked",
        "Price publication stopped at article {sku}: selling price lower than the legal "
        "minimum; nothing was published",
        "Posting aborted: the GL date lies in a closed period for document {order}",
    ]),
    S("data_validation", "medium", (JOBQ, ALERT, "structlog"), "WARN INFO", [
        "{n} articles of {big} carried an EAN with a wrong check digit; they were parked in "
        "the review list, the rest went through",
        "Currency code 'EURO' is not an ISO code on {n} vendor lines; those lines were set "
        "aside for the buyer",
        "Validation notes: {n} records outside the allowed range were skipped, {big} loaded",
    ]),
    S("data_validation", "critical", (JOBQ, ALERT, "gcp"), "WARN INFO ERROR", [
        "Cost revaluation wrote unit costs a thousand times too high for every article; "
        "margin figures of all stores are now meaningless",
        "Data quality probe: the share of sales lines without a tax code is 100% since the "
        "last release; all stores are posting untaxed sales",
    ]),
    S("data_validation", "low", (TRACKER, "cli"), "WARN ERROR INFO", [
        "Form check: postcode typed by a shopper does not match the country pattern; field "
        "highlighted",
        "Input rejected: birthday in the future on the loyalty sign-up form",
    ]),
]

NOT_FOUND = [
    S("not_found", "high", (JOBQ, TRACKER, "cli", "structlog"), "ERROR", [
        "Lookup returned nothing for customer account {user}; invoice run for that account "
        "cancelled",
        "Referenced article {sku} is absent from the item master; purchase order {order} not "
        "created",
        "EntityMissing: warehouse location '{store}/B-{n}' is unknown; putaway job stopped",
        "Object '{file}' is missing from the storage bucket; the import that needs it failed",
    ]),
    S("not_found", "low", (TRACKER, "gcp", "cli"), "WARN INFO ERROR", [
        "No record matches the loyalty number a shopper typed; shown 'unknown card'",
        "Route has no handler: GET /favicon-old.png answered not found",
        "RecordNotFound for a bookmark to a deleted promotion page; user sent to the home page",
    ]),
    S("not_found", "critical", (ALERT, JOBQ), "WARN ERROR", [
        "Every item scan at all stores ends in 'no such article' since the master data "
        "table was replaced by an empty copy",
    ]),
]

DATABASE = [
    S("database", "critical", (ALERT, "syslog", "gcp"), "WARN ERROR", [
        "Primary database {db} stopped accepting commits: the write-ahead volume cannot "
        "archive; every checkout write is failing",
        "Replica promotion failed and the old primary is fenced; the store database has no "
        "writable node",
        "Index corruption detected on {table}; queries on it abort for all stores",
    ]),
    S("database", "high", (JOBQ, TRACKER, "cli"), "ERROR", [
        "SQLSTATE 23503: foreign key violation while posting {order}; the posting was rolled "
        "back",
        "Commit failed for batch {job}: statement exceeded the server's statement timeout; "
        "batch not written",
        "Schema migration step {n} failed on {db}: relation already exists; release halted",
        "ORM flush error: integrity error on insert into {table}; the document is not saved",
    ]),
    S("database", "medium", (ALERT, JOBQ, "structlog"), "WARN", [
        "Replica {host} lags the primary by {sec} seconds; reports read slightly old data",
        "Query plan regression: the nightly stock query took {sec} s instead of 4 s",
        "Tablespace {db} is growing faster than usual; autovacuum falling behind",
    ]),
]

NETWORK = [
    S("network", "critical", (ALERT, "syslog"), "WARN ERROR INFO", [
        "Site-to-site tunnel to head office is down for all stores; no packets pass",
        "Uplink of the data centre core switch lost; every service behind it unreachable",
        "Probe: 100% packet loss to the payment network from all store gateways",
    ]),
    S("network", "high", (ALERT, "cli", "syslog"), "ERROR WARN", [
        "No route to host {ip}: the label printer VLAN at {store} is not reachable and the "
        "print queue there stays stuck",
        "Peer {host} unreachable on port {port}; the store's replication link has not come "
        "back",
    ]),
    S("network", "medium", (ALERT, "structlog", "gcp"), "WARN", [
        "Latency to {host} is {ms} ms (normally 20); requests are slower but complete",
        "Packet loss of {n}% on the store uplink; calls retried",
        "TCP resets from {ip} seen on {n} connections; clients reconnected",
    ]),
    S("network", "low", (ALERT, "syslog"), "INFO WARN", [
        "Probe to a test address timed out once; next probe fine",
        "Interface flap on an unused switch port at {store}; nothing connected",
    ]),
]

EXTERNAL = [
    S("external_service", "high", (TRACKER, JOBQ, "cli", "gcp"), "ERROR", [
        "Partner endpoint for shipping labels answered 500 Internal Server Error; parcel "
        "{order} has no label",
        "Vendor API replied 'service error' to the e-invoice upload; invoice {order} not "
        "delivered",
        "Callout to the loyalty provider failed with 502; points for {order} not credited",
    ]),
    S("external_service", "critical", (ALERT, "gcp"), "WARN ERROR", [
        "Third-party fraud screening answers 503 to every call; all online orders are held",
        "The card processor's platform reports an incident: no authorisations anywhere",
    ]),
    S("external_service", "medium", (ALERT, TRACKER, "structlog"), "WARN ERROR", [
        "Upstream address service said 503 once; the order form used the typed address",
        "Carrier rates API slow and erroring on {n}% of calls; cached rates shown instead",
    ]),
]

AUTH = [
    S("auth", "high", (JOBQ, ALERT, "cli"), "ERROR", [
        "Sign-in rejected for technical user {user}: bad credentials; the transfer job did "
        "not run",
        "Directory bind refused for the sync account; new staff cannot be provisioned",
        "API key of the e-invoicing connector was revoked; uploads stop until it is replaced",
        "SSO assertion rejected: audience mismatch; back-office users cannot log in at {store}",
    ]),
    S("auth", "low", (TRACKER, "structlog", "syslog"), "WARN ERROR INFO", [
        "Wrong PIN entered once by cashier {user}; asked again",
        "Insufficient privileges: a store clerk opened the margin report; access refused as "
        "intended",
        "Token signature invalid on one request from an old app version; client re-logged",
    ]),
    S("auth", "critical", (ALERT, "gcp"), "WARN ERROR", [
        "Identity provider rejects every login since the signing key rotated; no store "
        "staff can sign in",
    ]),
]

RESOURCE = [
    S("resource_exhaustion", "critical", (ALERT, CRASH, "syslog"), "WARN ERROR", [
        "Storage pool for the database at 100%, writes refused for every service",
        "Heap exhausted in the checkout service on all nodes; instances are restarting in a "
        "loop",
        "Inodes used up on the shared volume; no service can create files",
    ]),
    S("resource_exhaustion", "high", (JOBQ, TRACKER, "cli"), "ERROR", [
        "Governor limit reached: the job exceeded its row budget and was cancelled",
        "Quota used up for the report bucket; today's sales export not stored",
        "Worker memory limit hit while building the price file; run aborted",
    ]),
    S("resource_exhaustion", "medium", (ALERT, "structlog"), "WARN", [
        "Connection slots at {pct}% of the limit on {db}",
        "Work queue {queue} is at {pct}% of capacity; producers slowed down",
        "File descriptor use on {host} at {pct}% of the limit",
    ]),
    S("resource_exhaustion", "low", (ALERT, "cli"), "INFO WARN", [
        "Rate limit hit once by the price checker; request repeated a second later and "
        "answered",
    ]),
]

NULL = [
    S("null_reference", "high", (TRACKER, CRASH, "cli"), "ERROR", [
        "NullPointerException in ReceiptFormatter.footer: store address object is null; "
        "receipt for {order} not printed",
        "Access violation reading address 0x00000000 in Basket::Total; the till app closed "
        "on that lane",
        "undefined has no property 'lines' in invoiceView; the invoice page fails to render",
        "nil map assignment in the promotion engine; basket {order} rejected",
    ]),
    S("null_reference", "critical", (TRACKER, CRASH, ALERT), "ERROR WARN", [
        "Null dereference at start-up in the pricing service on every node; it never comes "
        "up",
    ]),
    S("null_reference", "medium", (TRACKER, "structlog"), "WARN", [
        "Null value for the optional loyalty tier; request served without it, will be "
        "looked at",
    ]),
]

CONFIG = [
    S("configuration", "high", (JOBQ, ALERT, "cli", "syslog"), "ERROR", [
        "Setting 'tax.provider.url' is empty for environment {env}; tax sync not run",
        "Directive 'max_lines' not recognised in {file}; the export service ignored its "
        "config and stopped",
        "Profile '{env}' not found in the config bundle; the label service is not running "
        "at {store}",
        "Invalid value 'yes please' for option 'compress' in {file}; job refused to start",
    ]),
    S("configuration", "critical", (ALERT, "gcp"), "ERROR WARN", [
        "Config rollout pushed an empty payment terminal profile to all stores; no lane can "
        "take cards",
    ]),
    S("configuration", "low", (ALERT, "cli"), "WARN INFO", [
        "Obsolete setting 'legacy_mode' is still present in {file}; it has no effect",
    ]),
]

CONCURRENCY = [
    S("concurrency", "high", (JOBQ, TRACKER, "cli"), "ERROR", [
        "Lock held by another session on document {order}; the posting waited and gave up",
        "Optimistic version check failed twice for article {sku}; the price change was "
        "dropped",
        "Two runs of {job} started at once and the second was stopped; its changes are lost",
    ]),
    S("concurrency", "medium", (JOBQ, "structlog"), "WARN", [
        "Write conflict on {table}; the transaction was replayed and went through",
        "Lease on the scheduler lost briefly; another node took over the jobs",
    ]),
    S("concurrency", "low", (TRACKER, "cli"), "INFO WARN", [
        "Concurrent edit of a draft basket by the same user in two tabs; the newer copy kept",
    ]),
]

PARSING = [
    S("parsing", "high", (JOBQ, TRACKER, "cli"), "ERROR", [
        "Cannot deserialize the vendor catalogue: unexpected token at row {n}; catalogue "
        "not loaded",
        "Malformed payload from the scale: unterminated string in the weight record; "
        "article not weighed",
        "Bad CSV quoting in {file} line {n}; stock file rejected",
    ]),
    S("parsing", "medium", (JOBQ, "structlog", ALERT), "WARN", [
        "{n} truncated messages could not be read and were put back on {queue} for another "
        "try",
        "Bad encoding in one vendor text; replaced unreadable characters and continued",
    ]),
]

HARDWARE = [
    S("hardware_device", "high", (ALERT, "syslog", "cli"), "ERROR WARN", [
        "Fan failure reported by the back-office server at {store}; it throttles and the "
        "nightly jobs there fail",
        "Cash drawer solenoid does not release at {till}; the lane cannot take cash",
        "Scale at the deli counter reports a load-cell fault; weighed items cannot be sold "
        "there",
        "Power supply unit 2 failed in the store server; no redundancy until replaced",
    ]),
    S("hardware_device", "medium", (ALERT, "syslog"), "WARN", [
        "UPS at {store} on battery for {sec} s during a mains dip; power back",
        "Thermal warning on the kiosk at {store}; display dimmed to cool down",
        "SMART: reallocated sector count rising on the store server's second disk",
    ]),
    S("hardware_device", "critical", (ALERT, CRASH), "WARN ERROR", [
        "Storage controller of the central database host failed; all volumes are offline",
    ]),
    S("hardware_device", "low", (ALERT, "syslog"), "INFO WARN", [
        "Customer display at {till} was unplugged and plugged back by staff",
    ]),
]

OTHER = [
    S("other", "critical", (CRASH, ALERT, "syslog"), "ERROR WARN", [
        "Illegal instruction in the store server's main service; it crashed and stays down",
        "Assertion failure in the ledger core on all nodes; the service aborts at start",
    ]),
    S("other", "high", (CRASH, TRACKER, JOBQ), "ERROR", [
        "Stack overflow in the report renderer; the month-end report was not produced",
        "Internal error with reference {hex}; the job ended without a result",
        "The label service hung and was killed by its supervisor; labels for {store} not made",
    ]),
    S("other", "medium", (TRACKER, ALERT), "WARN", [
        "The status refresh of the till fleet ran {sec} s late; screens showed old status",
    ]),
    S("other", "low", (TRACKER, "cli"), "INFO WARN", [
        "A library emits a future-change notice on start-up; nothing to do yet",
    ]),
]

SCENARIOS: list[S] = (DATA_VALIDATION + NOT_FOUND + DATABASE + NETWORK + EXTERNAL + AUTH
                      + RESOURCE + NULL + CONFIG + CONCURRENCY + PARSING + HARDWARE + OTHER)

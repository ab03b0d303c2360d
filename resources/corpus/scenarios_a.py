"""Scenarios, part A: data_validation, not_found, database, network, external_service, auth.

Every phrasing here was written by us for this corpus. ``S(type, severity, ecosystems,
levels, phrasings, exc, fields)``: levels are space-separated choices (a level that
disagrees with the severity makes a "level trap"); ``exc`` maps a trace language to the
exception class (``Outer|Cause`` for a JVM cause chain); ``fields`` are structured fields.
"""

from __future__ import annotations

from scenario import APP, SRV, S

DATA_VALIDATION = [
    S("data_validation", "high", ("pos",), "ERROR ERROR WARN", [
        "Product has no price",
        "Product has no price: productId={pid} productName=\"{product}\" orderId={order}",
        "Cannot add item {sku} to basket: price is null",
        "Order {order} rejected: line {n} product {pid} has no configured price",
        "Price lookup returned nothing for product '{product}' (id {pid}) in {store}",
        "Item {product} cannot be sold: missing selling price for {store}",
        "Checkout blocked: {sku} '{product}' has price 0.00 and is not a free item",
    ], exc={"python": "pos.pricing.MissingPriceError",
            "java": "com.shop.pos.pricing.MissingPriceException"},
        fields={"productId": "{pid}", "productName": "{product}", "orderId": "{order}"}),
    S("data_validation", "high", APP, "ERROR", [
        "Validation failed for order {order}: quantity must be greater than 0 (got -{n})",
        "Order {order} rejected: unit price must not be negative",
        "Cannot submit order {order}: customer_id must not be null",
        "Refund {txn} rejected: refund amount {amount} exceeds captured amount",
        "Invalid VAT rate 1.{n} for product {pid}: expected a value between 0 and 1",
        "Line item {n} of order {order} has currency {cur} but the order currency differs",
        "Order total mismatch: lines sum to {amount} but header says {amount}0",
    ], exc={"java": "javax.validation.ConstraintViolationException",
            "python": "pydantic.ValidationError", "node": "ValidationError"}),
    S("data_validation", "high", ("python", "java", "node", "docker"), "ERROR WARN", [
        "Rejected {big} rows from {file}: column '{col}' must not be null",
        "Import of {file} aborted: {n} products have an empty barcode",
        "{job}: record {line} failed schema validation: '{col}' is a required property",
        "Nightly price import failed validation: {big} prices missing a tax code",
        "Stock file {file} contains negative stock for {n} SKUs; file rejected",
        "Customer import: {n} records have an invalid email address, batch not loaded",
    ], exc={"python": "jsonschema.exceptions.ValidationError",
            "java": "com.shop.catalog.InvalidRecordException"}),
    S("data_validation", "medium", APP + ("access",), "WARN INFO ERROR", [
        "Skipped {n} of {big} price rows with out-of-range values; the rest were imported",
        "Discount of {pct}% for promotion {promo} exceeds the 50% cap; discount capped at 50%",
        "Address for order {order} failed postcode validation, order held for review",
        "Product {pid} weight is missing, shipping estimate used a default of 1 kg",
    ]),
    S("data_validation", "low", APP + ("access",), "INFO WARN ERROR", [
        "POST {url} 422",
        "Request to {url} rejected with 400: field '{field}' is invalid",
        "Customer entered an invalid loyalty number at {till}; asked to re-enter",
        "Coupon code '{promo}X' is malformed; customer notified",
        "Phone number format invalid on signup form; user shown an error",
        "Validation: quantity field empty on web form, defaulted to 1",
        "User input rejected: date of birth in the future",
        "Gift card number failed checksum at {till}; cashier prompted to rescan",
    ], exc={"python": "ValueError", "node": "ValidationError"}),
    S("data_validation", "critical", ("pos", "python", "java", "payments"), "WARN ERROR", [
        "Price update applied to all stores with {big} items priced at 0.00: items are being "
        "sold for free",
        "Tax computed as negative on every transaction since the {version} price push",
        "All orders since 09:00 saved with an empty total; revenue figures are wrong for "
        "every store",
        "Currency field missing on every settlement record: batch for all stores posted "
        "with amount 0",
        "Every basket in {store} is being totalled without VAT after the catalog load",
    ]),
]

NOT_FOUND = [
    S("not_found", "low", ("pos",), "WARN INFO ERROR", [
        "Unknown barcode scanned: {barcode}",
        "Barcode {barcode} not in catalog; cashier asked to key in the item",
        "Scan of {barcode} matched no product at {till}",
        "Lookup miss for EAN {barcode}, item entered manually",
    ], fields={"barcode": "{barcode}", "till": "{till}"}),
    S("not_found", "low", ("access",), "INFO", [
        "GET {badurl} 404", "GET {badurl} 404", "HEAD {badurl} 404", "POST {badurl} 404",
    ]),
    S("not_found", "low", ("nginx", "apache"), "ERROR INFO", [
        'open() "/usr/share/nginx/html{badurl}" failed (2: No such file or directory)',
        "AH00128: File does not exist: /var/www/html{badurl}",
        '"/var/www/static{badurl}" is not found (2: No such file or directory)',
    ]),
    S("not_found", "medium", APP, "WARN ERROR", [
        "Product {pid} not in local catalog; fetched it from the central catalog",
        "Customer {pid} not found, checkout continued as guest",
        "Promotion {promo} referenced by basket no longer exists; promotion ignored",
        "Image for product {sku} not found, placeholder shown",
        "Store {store} has no opening hours entry, using defaults",
    ]),
    S("not_found", "high", APP, "ERROR", [
        "Order {order} not found while processing refund {txn}",
        "Cannot complete pickup: order {order} does not exist",
        "Entity Order with id {order} not found",
        "Receipt {order} could not be reprinted: no such receipt",
        "Shift {n}{pid} not found when closing till {till}",
        "Customer account {pid} referenced by order {order} does not exist",
    ], exc={"java": "javax.persistence.EntityNotFoundException",
            "python": "app.errors.OrderNotFound", "node": "NotFoundError"}),
    S("not_found", "high", ("python", "java", "node", "docker"), "ERROR", [
        "{job} failed: No such file or directory: '/srv/exports/{file}'",
        "Cannot open input file {path}/{file}: file not found",
        "ENOENT: no such file or directory, open '/app/data/{file}'",
        "Settlement file {file} not found on SFTP server; settlement not posted",
    ], exc={"python": "FileNotFoundError", "java": "java.io.FileNotFoundException",
            "node": "Error"}),
    S("not_found", "critical", ("pos", "java", "node", "nginx"), "ERROR WARN", [
        "Catalog file /data/catalog/products.json missing: every till started with an "
        "empty catalog",
        "All requests to {url} return 404 since deploy {version}; checkout unavailable",
        "Store {store} master data not found on startup: no sales possible in the store",
    ]),
]

DATABASE = [
    S("database", "critical", ("postgres",), "FATAL ERROR", [
        "the database system is in recovery mode",
        "could not open file \"base/16384/2619\": Input/output error",
        "invalid page in block {block} of relation base/16384/{pidnum}",
        "the database system is shutting down",
        "could not read block {block} in file \"base/16384/{pidnum}\": read only 0 of 8192 bytes",
    ]),
    S("database", "critical", ("mysql",), "ERROR", [
        "InnoDB: Database page corruption on disk or a failed file read of page [page id: "
        "space={n}, page number={block}]",
        "Table './{db}/{table}' is marked as crashed and last (automatic?) repair failed",
        "InnoDB: Unable to lock ./ibdata1 error: 11; server cannot start",
    ]),
    S("database", "critical", SRV, "ERROR WARN", [
        "HikariPool-1 - Connection is not available, request timed out after {ms}ms; all "
        "requests failing",
        "All database connections failed: pool exhausted, every order is being rejected",
        "Database {db} is read-only after failover: all writes failing",
        "sqlite3.DatabaseError: database disk image is malformed",
        "Lost writes detected: {big} committed orders missing from {table} after failover",
    ], exc={"java": "java.sql.SQLTransientConnectionException",
            "python": "sqlalchemy.exc.TimeoutError", "node": "Error"}),
    S("database", "high", ("postgres",), "ERROR", [
        'duplicate key value violates unique constraint "{table}_pkey"',
        'syntax error at or near "FROM" at character {pos}',
        'column "{col}" of relation "{table}" does not exist',
        'relation "{table}_v2" does not exist at character {pos}',
        'insert or update on table "{table}" violates foreign key constraint '
        '"{table}_store_id_fkey"',
        "remaining connection slots are reserved for non-replication superuser connections",
        "sorry, too many clients already",
    ]),
    S("database", "high", ("mysql",), "ERROR", [
        "Slave SQL for channel '': Error 'Duplicate entry '{pid}' for key 'PRIMARY'' on query.",
        "Replica SQL thread stopped because of an error; fix it and restart the replica",
    ]),
    S("database", "high", APP, "ERROR", [
        "Could not save order {order}: SQL error 1062 Duplicate entry for key 'uniq_receipt_no'",
        "Failed to update {table}: ERROR: column \"{col}\" does not exist",
        "Query failed: You have an error in your SQL syntax near 'ORDER BY' at line 1",
        "DataIntegrityViolation while inserting into {table}: foreign key constraint fails",
        "Migration {version} failed: relation \"{table}\" already exists",
        "Database error while loading stock levels for {store}: could not serialize result",
    ], exc={"java": "org.springframework.dao.DataIntegrityViolationException|"
                    "java.sql.SQLIntegrityConstraintViolationException",
            "python": "psycopg2.errors.UndefinedColumn",
            "node": "QueryFailedError"}),
    S("database", "medium", ("postgres", "mysql"), "INFO WARN", [
        "duration: {ms}.{n}31 ms  statement: SELECT * FROM {table} WHERE store_id = $1",
        "Slow query: {sec} seconds, rows examined {big}: SELECT * FROM {table}",
        "checkpoints are occurring too frequently ({n} seconds apart)",
        "replication lag on {host} is {sec}s",
    ]),
    S("database", "medium", SRV, "WARN ERROR", [
        "Connection pool near its limit: {n}8/{m} connections in use",
        "Slow query took {ms} ms on {table} (threshold 1000 ms)",
        "Query on {table} took {ms} ms (slow query log threshold 1000 ms)",
        "Read replica {host} lagging {sec}s behind primary; reads served from primary",
        "Database connection dropped, reconnected after 1 attempt",
        "HikariPool-1 - Thread starvation or clock leap detected (housekeeper delta={sec}s)",
    ]),
    S("database", "low", SRV + ("postgres",), "WARN INFO ERROR", [
        "HikariPool-1 - Failed to validate connection (This connection has been closed.). "
        "Possibly consider using a shorter maxLifetime value.",
        "Closed {n} idle database connections after 600s",
        "Retried query on {table} once after a stale connection; succeeded",
        "connection received: host={ip} port={port}",
        "Statement cache evicted {n} entries",
    ]),
]

NETWORK = [
    S("network", "critical", ("pos", "java", "node", "nginx"), "WARN ERROR FATAL", [
        "Store {store} lost connectivity to head office: all tills in offline mode, card "
        "payments unavailable",
        "no live upstreams while connecting to upstream, every request failing",
        "Network partition: all {n} application nodes unreachable from the load balancer",
        "DNS resolution failing for every backend host since {sec}s, site down",
    ]),
    S("network", "high", SRV + ("pos", "docker"), "ERROR", [
        "{job} failed: connect ECONNREFUSED {ip}:{port}",
        "Connection refused: {host}/{ip}:{port}",
        "{host}: Name or service not known",
        "getaddrinfo ENOTFOUND {host}",
        "Max retries exceeded with url: /api/v1/stock (Caused by NewConnectionError: "
        "[Errno 111] Connection refused)",
        "Sync to head office failed: no route to host {ip}",
        "TLS handshake with {host}:443 failed: connection reset by peer; upload aborted",
    ], exc={"java": "java.net.ConnectException", "python": "ConnectionRefusedError",
            "node": "Error"}),
    S("network", "high", SRV, "ERROR", [
        "Received fatal alert: handshake_failure connecting to {host}",
        "SSLHandshakeException: Remote host terminated the handshake",
        "java.net.UnknownHostException: {host}",
        "Socket timeout connecting to {host}:{port} after {ms}ms; export not sent",
        "read ETIMEDOUT while uploading receipts batch to {host}",
    ], exc={"java": "java.net.SocketTimeoutException", "python": "socket.timeout",
            "node": "Error"}),
    S("network", "medium", ("nginx",), "ERROR WARN", [
        "upstream timed out (110: Connection timed out) while reading response header from "
        "upstream",
        "connect() failed (111: Connection refused) while connecting to upstream, trying next "
        "upstream",
        "recv() failed (104: Connection reset by peer) while reading response header from "
        "upstream",
        "upstream prematurely closed connection while reading response header from upstream",
    ]),
    S("network", "medium", APP, "WARN ERROR", [
        "Connection reset by peer talking to {host}, retrying (attempt 2/5)",
        "Socket timeout after {ms}ms reading from {host}; request will be retried",
        "ECONNRESET on keep-alive socket to {host}:{port}, reconnecting",
        "Packet loss to {host} at {pct}%, sync slowed down",
        "Temporary failure in name resolution for {host}; using cached address",
    ], exc={"python": "ConnectionResetError", "node": "Error", "java": "java.net.SocketException"}),
    S("network", "low", ("nginx", "python", "node", "java"), "INFO WARN ERROR", [
        "client closed connection while waiting for request",
        "Broken pipe writing response to client {ip} (client went away)",
        "client prematurely closed connection while sending response to client",
        "Keep-alive connection to {host} closed by peer, reopened",
        "WebSocket client {ip} disconnected (code 1001 going away)",
    ]),
]

EXTERNAL_SERVICE = [
    S("external_service", "critical", ("payments", "pos", "node"), "WARN ERROR", [
        "Payment gateway {gw} returning 503 for all authorization requests: 0 of {big} card "
        "payments succeeded in the last 5 minutes",
        "Every card transaction declined with response code 91 (issuer or switch inoperative)",
        "{gw} authorization endpoint failing for all merchants: card payments down in all stores",
        "All card payments failing: acquirer returned system error for {big} consecutive requests",
    ], fields={"gateway": "{gw}", "http_status": "503"}),
    S("external_service", "high", APP + ("payments",), "ERROR", [
        "Tax service returned HTTP 500 for order {order}; order cannot be finalised",
        "{svc} responded 502 Bad Gateway when posting points for {order}; points not credited",
        "{gw} refund {txn} failed: processor_error (system), refund not issued",
        "Upstream {svc} returned 500 Internal Server Error: {order} could not be completed",
        "Gift card redemption failed: provider answered 503 Service Unavailable",
        "ERP connector rejected invoice {order}: remote returned status 500",
    ], exc={"java": "org.springframework.web.client.HttpServerErrorException",
            "python": "requests.exceptions.HTTPError", "node": "AxiosError"},
        fields={"status": "500"}),
    S("external_service", "medium", APP + ("payments",), "WARN ERROR", [
        "Payment gateway timeout after {ms}ms on attempt 1; succeeded on retry",
        "Upstream {svc} returned 503, served the cached response",
        "Circuit breaker for {svc} opened after {n} failures; half-open in 30s",
        "{gw} answered 502 for authorization {txn}, retried and approved",
        "{svc} is slow (p95 {ms} ms); falling back to default tax table",
        "One request to {svc} failed with 504 Gateway Timeout",
    ]),
    S("external_service", "low", APP + ("payments",), "INFO WARN ERROR", [
        "{svc} returned 429 Too Many Requests; backed off 200 ms and the request succeeded",
        "Address lookup provider returned no suggestions for postcode, manual entry used",
        "{gw} webhook delivered twice, duplicate ignored",
        "Exchange rates from {svc} are 2h old, using them anyway",
        "Retried call to {svc} once after HTTP 503; ok",
    ]),
]

AUTH = [
    S("auth", "critical", APP + ("systemd",), "WARN ERROR", [
        "Security alert: admin account {user} logged in from {n} unknown countries within "
        "an hour; account compromised",
        "JWT signing key rejected by all services: every API request returns 401",
        "Possible breach: {big} customer records exported by unauthenticated session",
        "All tills rejected by head office: store certificate revoked, no logins possible",
    ]),
    S("auth", "high", APP + ("payments",), "ERROR WARN", [
        "Service account {user}: authentication failed (invalid credentials), {job} aborted",
        "401 Unauthorized from {svc}: token expired and refresh token rejected",
        "Merchant API key rejected by {gw}: authentication_error",
        "403 Forbidden calling {svc}{url}: role pos_app lacks scope orders:write",
        "Login to SFTP server {host} as {user} failed: Permission denied (publickey)",
        "OAuth client credentials for {svc} were revoked; calls failing with invalid_client",
    ], exc={"java": "org.springframework.security.authentication.BadCredentialsException",
            "python": "app.errors.AuthenticationError", "node": "UnauthorizedError"}),
    S("auth", "high", ("postgres", "mysql", "mongodb"), "FATAL ERROR", [
        'password authentication failed for user "{user}"',
        "Access denied for user '{user}'@'{ip}' (using password: YES)",
        "Authentication failed for user {user} on database {db}",
        'no pg_hba.conf entry for host "{ip}", user "{user}", database "{db}", SSL off',
    ]),
    S("auth", "medium", APP + ("systemd",), "WARN ERROR", [
        "{n} failed login attempts for cashier {user} at {till}; account locked for 15 minutes",
        "Manager override PIN rejected {n} times at {till}",
    ]),
    S("auth", "low", APP + ("access",), "INFO WARN ERROR", [
        "User {user} entered a wrong PIN at {till}",
        "Failed password for {user} from {ip} port {port} ssh2",
        "Token refresh for {svc} failed once, re-authenticated with client credentials",
        "GET /admin 403",
        "Session expired for user {user}, redirected to login",
        "Access token expired, refreshed automatically",
        "Login failed for {email}: wrong password (1st attempt)",
    ]),
]

SCENARIOS = DATA_VALIDATION + NOT_FOUND + DATABASE + NETWORK + EXTERNAL_SERVICE + AUTH

"""Scenarios, part C: more ways the corpus ecosystems word the same faults.

Added after the first evaluation showed the model knew too few synonyms (DNS failures,
link loss, SQLite busy, number-format errors, disk health, permission wording, pool
timeouts, crash loops). Written by us from the programs' usual messages; same format as
``scenarios_a``.
"""

from __future__ import annotations

from scenario import APP, SRV, S

MORE = [
    S("network", "high", ("kernel", "systemd"), "ERROR WARN INFO", [
        "e1000e 0000:00:1f.6 eth0: NIC Link is Down",
        "igb 0000:03:00.0 enp3s0: NIC Link is Down",
        "NetworkManager[812]: <warn> device (eth0): link disconnected, store uplink lost",
        "r8169 0000:02:00.0 eth0: Link is Down",
    ]),
    S("network", "high", SRV + ("docker", "systemd"), "ERROR", [
        "curl: (6) Could not resolve host: {host}",
        "Temporary failure in name resolution while contacting {host}; upload failed",
        "DNS lookup of {host} failed: host not found",
        "failed to connect to {host} port {port}: Connection timed out; sync aborted",
    ], exc={"python": "socket.gaierror", "java": "java.net.UnknownHostException",
            "node": "Error"}),
    S("concurrency", "high", APP, "ERROR", [
        "SQLITE_BUSY: database is locked",
        "[SQLITE_BUSY] The database file is locked (database is locked)",
        "database table is locked: {table}",
        "Version conflict updating order {order}: expected version {n}, found a newer one",
        "Possible race: stock for {sku} decremented twice by concurrent workers",
        "Stale data: {table} row changed by another session before commit",
    ], exc={"java": "org.sqlite.SQLiteException", "python": "sqlite3.OperationalError",
            "node": "Error"}),
    S("parsing", "high", SRV + ("pos",), "ERROR", [
        'java.lang.NumberFormatException: For input string: "{amount}x"',
        "ValueError: invalid literal for int() with base 10: '{amount}x'",
        "could not convert string to float: 'N/A' in column {col} of {file}",
        "Text '31/02/2024' could not be parsed at index 0",
        "Invalid number format in field '{col}' of {file}; import stopped",
        "Malformed CSV in {file}: expected 7 fields, saw 5 at line {line}",
    ], exc={"java": "java.lang.NumberFormatException", "python": "ValueError",
            "node": "SyntaxError"}),
    S("hardware_device", "high", ("kernel", "systemd"), "ERROR WARN", [
        "sd 0:0:0:0: [sda] tag#12 Sense Key : Medium Error [current]",
        "smartd[812]: Device: /dev/sda [SAT], {n} Currently unreadable (pending) sectors",
        "smartd[812]: Device: /dev/sdb [SAT], SMART Failure: DATA CHANNEL IMPENDING FAILURE",
        "nvme0: controller is down; will reset",
    ]),
    S("hardware_device", "medium", ("kernel", "systemd"), "WARN INFO ERROR", [
        "ata1: hard resetting link",
        "smartd[812]: Device: /dev/sda [SAT], SMART Usage Attribute: 194 Temperature_Celsius "
        "changed from 38 to 52",
        "usb 1-1.4: reset high-speed USB device number {n} using ehci-pci",
    ]),
    S("not_found", "high", SRV + ("docker",), "ERROR", [
        "Cannot find file {path}/{file}",
        "Required file {file} is missing from {path}; report not generated",
        "Template receipt_{n}.html does not exist; receipt email not sent",
        "Requested resource {url}/{pid} does not exist (upstream said 404); sync of {sku} failed",
    ], exc={"python": "FileNotFoundError", "java": "java.nio.file.NoSuchFileException",
            "node": "Error"}),
    S("configuration", "high", APP + ("docker",), "ERROR WARN", [
        "Connection string for '{db}' is not configured",
        "Setting '{env}' not found in configuration",
        "No value configured for 'payment.endpoint' in {path}",
        "Invalid value for '{env}' in {path}: expected an integer",
        "Key 'tax.rates.{region}' missing from the configuration file",
    ], exc={"python": "app.config.ConfigError", "java": "java.lang.IllegalStateException",
            "node": "Error"}),
    S("auth", "high", APP + ("systemd", "docker"), "ERROR", [
        "Insufficient permissions: {user} cannot write {path}",
        "User {user} is not authorized to perform orders:refund",
        "Access denied: service account {user} lacks write permission on bucket receipts",
        "Permission denied while opening {path} as {user}; {job} aborted",
    ], exc={"python": "PermissionError", "java": "java.nio.file.AccessDeniedException",
            "node": "Error"}),
    S("auth", "low", ("access",), "INFO", [
        "POST {url} 401", "GET {url} 401", "GET /admin/reports 403",
    ]),
    S("database", "medium", SRV, "WARN ERROR", [
        "Timed out waiting for a connection from the pool after {ms}ms; request retried",
        "Pool timeout acquiring a database connection (waited {ms}ms), one request failed",
        "Database query timeout on {table} after {sec}s; retried once",
    ]),
    S("database", "high", SRV, "ERROR", [
        "Could not obtain a database connection within {sec}s; order {order} not saved",
        "Unable to acquire JDBC connection for {job}; job failed",
        "All pooled connections are busy and the wait timed out; checkout request failed",
    ], exc={"java": "org.hibernate.exception.JDBCConnectionException",
            "python": "sqlalchemy.exc.TimeoutError", "node": "Error"}),
    S("other", "critical", ("docker", "systemd") + SRV, "ERROR FATAL WARN", [
        "{container} crashed (core dumped); restarting",
        "Service {container} restarting repeatedly: crash loop detected",
        "Application crashed with an unhandled fault and was terminated",
        "{proc} process aborted: core dumped",
    ]),
    S("external_service", "high", APP + ("payments",), "ERROR", [
        "{svc} answered with status 500; order {order} put on hold",
        "Remote service {svc} error 502; request failed",
        "Call to {svc} failed: server error 503 Service Unavailable",
        "{gw} returned an internal error for capture {txn}; capture failed",
    ]),
]

#: medium and low situations, which the first corpus had too few ways of saying
DEGRADED = [
    S("data_validation", "medium", APP + ("docker",), "WARN ERROR INFO", [
        "Skipped {n} invalid rows in {file} ({col} out of range); {big} rows loaded",
        "Rejected 1 record with a non-numeric {col}; remaining records processed",
        "{n} lines dropped from {file}: {col} missing",
        "Partial import of {file}: {n} records failed validation, the rest were accepted",
    ]),
    S("data_validation", "low", APP, "INFO WARN ERROR", [
        "Client sent an invalid {field}; responded 400",
        "Form input rejected: {col} is not a valid value, user asked to correct it",
        "Bad request from client: '{field}' must be a number",
    ]),
    S("not_found", "low", APP, "INFO WARN ERROR", [
        "Customer search for '{product}x' returned no results",
        "GET {url}/{pid} answered 404 to the client: no such item",
        "Lookup for {sku} found nothing (item search by cashier)",
    ]),
    S("hardware_device", "medium", ("pos",), "WARN INFO ERROR", [
        "Printer {printer} paper near end at {till}",
        "Receipt paper running low on {till}",
        "Scanner {scanner} not ready, retrying",
        "Card reader {reader} busy, retrying the read",
        "Cash drawer open longer than 60s at {till}",
    ]),
    S("network", "medium", APP + ("nginx", "systemd"), "WARN ERROR", [
        "Health check to {host} failed once; marked unhealthy, 2 healthy nodes remain",
        "Backend {host} removed from the pool after failed checks; traffic moved to the others",
        "Peer {host} not responding, reconnecting",
        "Connection to {host}:{port} dropped, retrying (attempt 2/3)",
    ]),
    S("network", "low", APP + ("nginx",), "INFO WARN ERROR", [
        "TLS handshake with client {ip} failed: client closed the connection",
        "Client {ip} sent a TLS alert and disconnected",
        "Client {ip} aborted the request before the response was sent",
    ]),
    S("database", "low", SRV, "INFO WARN ERROR", [
        "Reconnected to database after idle disconnect",
        "Connection to {db} re-established on first retry",
        "Idle connection to {host} recycled",
    ]),
    S("auth", "low", APP, "INFO WARN ERROR", [
        "Token expired for {user}; client must log in again",
        "Invalid session token presented by browser, answered 401",
        "JWT expired for cashier {user}, sent to login screen",
    ]),
    S("parsing", "medium", APP, "WARN ERROR", [
        "Invalid encoding in product description for {sku}; field blanked",
        "Could not parse {n} lines of {file}; they were skipped",
        "Bad date format in row {line} of {file}, row skipped",
    ]),
    S("parsing", "low", APP, "DEBUG INFO WARN", [
        "Ignoring malformed header line in {file}",
        "Unknown field '{field}x' in payload ignored",
        "Trailing whitespace in {file} ignored",
    ]),
    S("external_service", "medium", APP + ("payments",), "WARN ERROR", [
        "{svc} rate limited the request (429); request dropped, client will retry",
        "{svc} returned 503; using the last known good response",
        "{gw} slow to respond ({ms} ms) for {txn}; approved eventually",
    ]),
    S("resource_exhaustion", "high", SRV + ("docker",), "ERROR WARN", [
        "Job {job} could not be scheduled: not enough memory on any worker",
        "Export failed: memory limit exceeded for this request",
        "Report generation stopped: disk quota for {user} exceeded",
    ]),
    S("configuration", "medium", APP + ("systemd",), "WARN", [
        "Certificate {path} expires in {n} days",
        "{env} not set; defaulting to UTC",
        "No log rotation configured for {path}; files will grow",
    ]),
    S("configuration", "low", APP, "INFO WARN", [
        "Unknown setting 'colr' in {path} ignored",
        "Optional setting {env} not set; feature disabled",
        "Config reloaded with 1 unused key",
    ]),
    S("other", "low", APP + ("systemd",), "INFO WARN", [
        "Service shutting down on request (SIGTERM)",
        "Stopping {container} for scheduled maintenance",
        "Graceful shutdown complete",
    ]),
]

SCENARIOS = MORE + DEGRADED

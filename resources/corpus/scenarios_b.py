"""Scenarios, part B: resource_exhaustion, null_reference, configuration, concurrency,
parsing, hardware_device, other. Same format as ``scenarios_a``; all phrasings our own."""

from __future__ import annotations

from scenario import APP, SRV, S

RESOURCE_EXHAUSTION = [
    S("resource_exhaustion", "critical", ("kernel",), "ERROR", [
        "Out of memory: Killed process {pidnum} ({proc}) total-vm:{big}kB, anon-rss:{big}kB",
        "Memory cgroup out of memory: Killed process {pidnum} ({proc})",
        "{proc} invoked oom-killer: gfp_mask=0x140cca(GFP_HIGHUSER_MOVABLE), order=0",
        "EXT4-fs warning (device sda2): ext4_dx_add_entry: Directory index full!",
    ]),
    S("resource_exhaustion", "critical", ("postgres", "mysql"), "FATAL ERROR", [
        'could not write to file "pg_wal/xlogtemp.{pidnum}": No space left on device',
        "could not extend file \"base/16384/{pidnum}\": No space left on device",
        "Disk is full writing './{db}/{table}.ibd' (OS errno 28 - No space left on device). "
        "Waiting for someone to free space...",
        "Got error 28 from storage engine while writing to {table}",
    ]),
    S("resource_exhaustion", "critical", ("docker", "systemd"), "ERROR WARN", [
        "Container {container} killed: OOMKilled (exit code 137), restarting",
        "{container}.service: A process of this unit has been killed by the OOM killer.",
        "{container}.service: Main process exited, code=killed, status=9/KILL (out of memory)",
        "task {hex} exited: OOMKilled memory limit {mem} reached",
    ]),
    S("resource_exhaustion", "critical", SRV, "ERROR FATAL", [
        "java.lang.OutOfMemoryError: Java heap space",
        "OutOfMemoryError: GC overhead limit exceeded; shutting down",
        "MemoryError while building the daily sales report; worker died",
        "FATAL ERROR: Reached heap limit Allocation failed - JavaScript heap out of memory",
        "No space left on device writing {path}; all uploads failing",
    ], exc={"java": "java.lang.OutOfMemoryError", "python": "MemoryError",
            "node": "RangeError"}),
    S("resource_exhaustion", "high", SRV + ("nginx",), "ERROR", [
        "accept4() failed (24: Too many open files)",
        "Too many open files: cannot open {path}/{file}",
        "Task rejected from executor: thread pool exhausted (active {m}, queue full)",
        "Upload of receipts archive failed: storage quota exceeded for bucket receipts-archive",
        "API quota exceeded for {svc}: daily limit of {big} calls reached, {job} stopped",
        "cannot allocate memory for new worker process; export aborted",
    ], exc={"java": "java.util.concurrent.RejectedExecutionException",
            "python": "OSError", "node": "Error"}),
    S("resource_exhaustion", "medium", APP + ("nginx", "docker"), "WARN ERROR", [
        "Disk usage on /var/log at {pct}%",
        "Heap usage at {pct}% after full GC",
        "{m} worker_connections are not enough, some requests queued",
        "Memory usage of {container} at {pct}% of its {mem} limit",
        "Thread pool queue depth {big}, requests slowing down",
        "API quota for {svc} at {pct}% of the daily limit",
    ]),
    S("resource_exhaustion", "low", APP + ("docker",), "INFO WARN ERROR", [
        "Cache reached its size limit; evicted {big} least-recently-used entries",
        "Log volume {pct}% full; rotated old logs and freed {gb} GB",
        "GC pause {n}0 ms (young generation)",
        "Temporary files cleaned up, {gb} GB reclaimed",
    ]),
]

NULL_REFERENCE = [
    S("null_reference", "high", SRV + ("pos",), "ERROR", [
        "Unhandled exception in POST {url}",
        "Error processing order {order}",
        "Request failed: {url}",
        "Exception while rendering receipt for {order}",
        "Unexpected error in {job}",
    ], exc={"java": "java.lang.NullPointerException",
            "python": "AttributeError", "node": "TypeError"}, trace=1.0, excmsg={
        "java": ['Cannot invoke "String.trim()" because "<local3>" is null', "",
                 'Cannot invoke "java.util.List.size()" because "lines" is null'],
        "python": ["'NoneType' object has no attribute 'total'",
                   "'NoneType' object has no attribute 'sku'"],
        "node": ["Cannot read properties of undefined (reading 'lines')",
                 "Cannot read properties of null (reading 'id')"]}),
    S("null_reference", "high", ("node",), "ERROR", [
        "TypeError: Cannot read properties of undefined (reading '{field}')",
        "TypeError: Cannot read properties of null (reading 'price')",
        "TypeError: order.customer is undefined",
        "TypeError: undefined is not a function",
        "TypeError: Cannot destructure property '{field}' of 'req.body' as it is undefined.",
    ], exc={"node": "TypeError"}),
    S("null_reference", "high", ("python", "pos"), "ERROR", [
        "AttributeError: 'NoneType' object has no attribute '{field}'",
        "TypeError: 'NoneType' object is not subscriptable",
        "TypeError: unsupported operand type(s) for +: 'NoneType' and 'Decimal'",
        "'NoneType' object has no attribute 'price' in basket total",
    ], exc={"python": "AttributeError"}),
    S("null_reference", "high", ("java", "payments"), "ERROR", [
        "java.lang.NullPointerException: Cannot invoke \"java.math.BigDecimal.add("
        "java.math.BigDecimal)\" because \"total\" is null",
        "NullPointerException in {job}",
        "Cannot invoke \"com.shop.orders.Customer.getId()\" because the return value of "
        "\"com.shop.orders.Order.getCustomer()\" is null",
    ], exc={"java": "java.lang.NullPointerException"}),
    S("null_reference", "critical", SRV + ("pos",), "ERROR FATAL WARN", [
        "NullPointerException in PaymentProcessor: all card payments failing since deploy",
        "Process crashed on startup: Cannot read properties of undefined (reading 'config'); "
        "service down",
        "Every checkout fails with 'NoneType' object has no attribute 'lines' after release "
        "{version}",
    ], exc={"java": "java.lang.NullPointerException", "python": "AttributeError",
            "node": "TypeError"}),
    S("null_reference", "medium", APP, "WARN ERROR", [
        "Promo banner skipped: promotion.image was null",
        "Recommendation widget failed (undefined product list), page rendered without it",
        "Loyalty balance missing for customer; showing 0 points, checkout continued",
        "NullPointerException in optional analytics hook, event dropped",
    ], exc={"java": "java.lang.NullPointerException", "python": "AttributeError",
            "node": "TypeError"}),
    S("null_reference", "low", APP, "DEBUG INFO WARN ERROR", [
        "customer.middleName is null, defaulting to empty string",
        "Optional field 'notes' is None; skipped",
        "No loyalty card attached to basket (null), continuing",
        "Handled null deliveryAddress for in-store order {order}",
    ]),
]

CONFIGURATION = [
    S("configuration", "critical", APP + ("docker", "systemd"), "ERROR FATAL WARN", [
        "Missing required environment variable {env}; service refusing to start",
        "Invalid configuration: payment.merchant_id is empty, card payments disabled on all "
        "tills",
        "{container}.service: Failed with result 'exit-code' (config file {path} invalid); "
        "service not running",
        "Config validation failed at startup: '{env}' must be set; exiting",
    ], exc={"python": "KeyError", "java":
            "org.springframework.beans.factory.BeanCreationException|"
            "java.lang.IllegalArgumentException", "node": "Error"}),
    S("configuration", "high", APP, "ERROR WARN", [
        "No tax rate configured for region {region}; order {order} cannot be totalled",
        "Tax rate missing for region {region}",
        "Printer profile '{printer}' not defined in {path}",
        "SSL certificate file /etc/ssl/pos/cert.pem not found; HTTPS listener not started",
        "Store {store} has no currency configured; receipts cannot be printed",
        "Setting 'sync.endpoint' is empty for {store}; stock sync skipped",
        "Unknown payment terminal type 'P4OO' in device config",
    ], exc={"python": "app.config.ConfigError", "java": "java.lang.IllegalStateException",
            "node": "Error"}, fields={"region": "{region}"}),
    S("configuration", "medium", APP + ("nginx",), "WARN ERROR", [
        "Config key 'cache.ttl' has invalid value 'abc', using default 300",
        "Feature flag file missing, all flags use their defaults",
        "Timezone not set for {store}, assuming UTC",
        'conflicting server name "pos.example.com" on 0.0.0.0:80, ignored',
        "Pool size {big} exceeds database max_connections, clamped to {m}",
    ]),
    S("configuration", "low", APP + ("nginx", "postgres"), "WARN INFO", [
        "Deprecated config key 'db.pool' used; please rename it to 'database.pool'",
        "Environment variable {env} set twice, last value wins",
        'the "listen ... http2" directive is deprecated, use the "http2" directive instead',
        "parameter \"wal_keep_segments\" is obsolete, use wal_keep_size",
    ]),
]

CONCURRENCY = [
    S("concurrency", "high", ("mysql", "postgres"), "ERROR", [
        "Deadlock found when trying to get lock; try restarting transaction",
        "deadlock detected",
        "Lock wait timeout exceeded; try restarting transaction",
        "could not serialize access due to concurrent update",
        "canceling statement due to lock timeout",
    ]),
    S("concurrency", "high", APP, "ERROR", [
        "Order {order} not saved: row was updated or deleted by another transaction",
        "sqlite3.OperationalError: database is locked",
        "Stock update for {sku} failed: deadlock detected, transaction rolled back",
        "Concurrent modification of cart {cart}; change lost",
        "Could not acquire lock '{lock}' within {sec}s; {job} aborted",
    ], exc={"java": "org.hibernate.StaleObjectStateException|"
                    "javax.persistence.OptimisticLockException",
            "python": "sqlite3.OperationalError", "node": "Error"}),
    S("concurrency", "high", ("java",), "ERROR", [
        "ConcurrentModificationException while iterating basket lines",
        "Found one Java-level deadlock: \"pool-1-thread-3\" waiting to lock monitor held by "
        "\"pool-1-thread-5\"",
        "Transaction rolled back: CannotAcquireLockException on {table}",
    ], exc={"java": "java.util.ConcurrentModificationException"}),
    S("concurrency", "medium", APP + ("postgres",), "WARN ERROR", [
        "Lock wait timeout on {table}, retrying transaction (attempt 2)",
        "Serialization failure, transaction retried and committed",
        "process {pidnum} still waiting for ShareLock on transaction {block} after 1000.062 ms",
        "Deadlock detected on {table}, victim transaction retried successfully",
    ]),
    S("concurrency", "critical", APP, "WARN ERROR", [
        "Race condition: duplicate receipt numbers issued to {n} tills, orders overwritten",
        "All worker threads blocked waiting on lock '{lock}'; service unresponsive",
        "Concurrent writes corrupted stock levels for every SKU in {store}",
    ]),
    S("concurrency", "low", APP + ("systemd",), "INFO WARN ERROR", [
        "Optimistic lock conflict on cart {cart}; reloaded and reapplied the change",
        "{job} already running (lock held by another instance), skipping this run",
        "Lock '{lock}' was busy, acquired on second try",
    ]),
]

PARSING = [
    S("parsing", "high", ("python", "pos"), "ERROR", [
        "Failed to import {file}",
        "Could not load price feed from {svc}",
        "Expecting value: line 1 column 1 (char 0)",
        "'utf-8' codec can't decode byte 0xe9 in position {pos}: invalid continuation byte",
        "Extra data: line {n} column {pos} (char {big})",
    ], exc={"python": "json.decoder.JSONDecodeError"}, trace=1.0, excmsg={"python": [
        "Expecting value: line 1 column 1 (char 0)",
        "Expecting ',' delimiter: line {n} column {pos} (char {big})",
        "Unterminated string starting at: line 1 column {pos} (char {pos})"]}),
    S("parsing", "high", ("node",), "ERROR", [
        "SyntaxError: Unexpected token < in JSON at position 0",
        "Failed to parse response from {svc}: Unexpected end of JSON input",
        "Invalid XML in supplier feed: Unexpected close tag at line {line}",
    ], exc={"node": "SyntaxError"}),
    S("parsing", "high", ("java", "payments"), "ERROR", [
        "JSON parse error: Unexpected character ('<' (code 60)): expected a valid value",
        "Cannot deserialize value of type `java.math.BigDecimal` from String \"12,50\"",
        "Could not read settlement file {file}: Content is not allowed in prolog.",
        "Failed to serialize order {order}: Infinite recursion (StackOverflowError)",
    ], exc={"java": "com.fasterxml.jackson.core.JsonParseException"}),
    S("parsing", "medium", APP + ("docker",), "WARN ERROR", [
        "Skipping malformed line {line} in {file}: unterminated quoted field",
        "XML parse error in supplier feed item {n}, item skipped",
        "Could not decode message on {queue}, moved to dead-letter queue",
        "Invalid date '31/02/2024' in {file} row {line}, row skipped",
    ]),
    S("parsing", "critical", APP, "ERROR WARN", [
        "Transaction journal could not be decoded after restart: all offline sales since "
        "opening are unreadable",
        "Every message on {queue} fails to deserialize after producer upgrade; orders are "
        "not being processed",
    ]),
    S("parsing", "low", APP + ("nginx",), "DEBUG INFO WARN ERROR", [
        "Ignoring unparseable User-Agent header",
        "Could not parse optional 'notes' field, ignored",
        "Unknown JSON key 'colour' in product {pid} ignored",
        "client sent invalid header line while reading client request headers",
    ]),
]

HARDWARE_DEVICE = [
    S("hardware_device", "high", ("pos",), "ERROR WARN", [
        "Receipt printer offline",
        "Printer {printer} on {device} not responding; receipt for {order} not printed",
        "Receipt printer out of paper at {till}",
        "Card reader {reader} error: device not ready",
        "Barcode scanner {scanner} disconnected",
        "Cash drawer jammed at {till}: drawer failed to open",
        "PIN pad {reader} tamper alarm, terminal disabled",
        "Scale on {device} returned error E-{n}2, weighed items cannot be sold",
        "Customer display lost on {device}",
    ], fields={"till": "{till}", "device": "{device}"}),
    S("hardware_device", "critical", ("kernel",), "ERROR", [
        "Buffer I/O error on dev sda1, logical block {block}, lost async page write",
        "blk_update_request: I/O error, dev sda, sector {block} op 0x1:(WRITE)",
        "EXT4-fs error (device sda1): ext4_find_entry:1455: inode #{block}: comm {proc}: "
        "reading directory lblock 0",
        "ata1.00: failed command: WRITE FPDMA QUEUED",
        "EDAC MC0: 1 UE memory read error on CPU_SrcID#0_Ha#0_Chan#1_DIMM#0",
    ]),
    S("hardware_device", "critical", ("pos",), "WARN ERROR", [
        "All card readers in {store} offline; card payments impossible",
        "No receipt printer available on any till in {store}",
    ]),
    S("hardware_device", "medium", ("pos", "kernel"), "WARN INFO ERROR", [
        "Printer paper low at {till}",
        "Card reader {reader} reconnected after USB reset",
        "usb 1-1.2: USB disconnect, device number {n}",
        "Scanner {scanner} responded slowly ({ms} ms)",
        "Cash drawer sensor flapping at {till}",
    ]),
    S("hardware_device", "low", ("pos", "kernel"), "INFO WARN", [
        "Customer display not connected (optional device)",
        "Scale idle timeout, reconnected",
        "usb 2-1: new full-speed USB device number {n} using xhci_hcd",
        "Printer {printer} firmware version check skipped",
    ]),
]

OTHER = [
    S("other", "high", APP, "ERROR", [
        "Unexpected error occurred in {job}",
        "Invariant violated: basket subtotal does not equal sum of lines",
        "{job} exited with status 1",
        "Unhandled state transition PAID -> OPEN for order {order}",
    ], exc={"java": "java.lang.IllegalStateException", "python": "AssertionError",
            "node": "AssertionError"}, excmsg={"java": ["unexpected state"], "python": [""],
                                                "node": ["false == true"]}),
    S("other", "critical", ("kernel", "systemd", "docker"), "ERROR", [
        "{proc}[{pidnum}]: segfault at 0 ip 00007f{hex} sp 00007ffd{hex} error 4 in "
        "libc.so.6",
        "{container}.service: Main process exited, code=dumped, status=11/SEGV",
        "{container}.service: Start request repeated too quickly; unit failed",
        "container {container} exited with code 134 (SIGABRT), restart loop",
    ]),
    S("other", "critical", SRV, "FATAL ERROR", [
        "Fatal Python error: Segmentation fault",
        "A fatal error has been detected by the Java Runtime Environment: SIGSEGV",
        "Process exited unexpectedly with signal 6 (SIGABRT); service down",
    ]),
    S("other", "medium", APP + ("systemd",), "WARN ERROR", [
        "Clock drift of {sec}s against NTP detected",
        "Scheduled task {job} took {sec} minutes, longer than its interval",
        "Worker {pidnum} restarted after exceeding max requests",
    ]),
    S("other", "low", APP, "INFO WARN ERROR", [
        "DeprecationWarning: datetime.utcnow() is deprecated and scheduled for removal",
        "Application started with DEBUG logging enabled",
        "License for reporting module expires in {sec} days",
        "Calling deprecated API {url}; use the v2 endpoint",
        "Shutdown requested by operator, stopping gracefully",
    ]),
]

SCENARIOS = (RESOURCE_EXHAUSTION + NULL_REFERENCE + CONFIGURATION + CONCURRENCY + PARSING
             + HARDWARE_DEVICE + OTHER)

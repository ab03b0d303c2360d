"""Per-ecosystem log line styles: each renderer wraps a message in that ecosystem's header.

The styles imitate what those programs really print (level spelling, timestamp shape,
JSON vs text), so that the model learns the message and not one house style.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import traces

BASE = datetime(2024, 3, 1, tzinfo=UTC)

#: ecosystem -> language of its stack traces (ecosystems without one never get traces)
TRACE_LANG = {"java": "java", "payments": "java", "python": "python", "pos": "python",
              "node": "node", "jul": "java", "structlog": "python", "gcp": "node"}


def _ts(rng: random.Random) -> datetime:
    offset = timedelta(seconds=rng.randint(0, 120 * 86400), microseconds=rng.randint(0, 999999))
    return BASE + offset


def _ms(dt: datetime) -> str:
    return f"{dt:%Y-%m-%d %H:%M:%S}.{dt.microsecond // 1000:03d}"


def _iso(dt: datetime) -> str:
    return f"{dt:%Y-%m-%dT%H:%M:%S}.{dt.microsecond // 1000:03d}Z"


def _kv(fields: dict[str, str]) -> str:
    return " ".join(f'{k}="{v}"' if " " in v else f"{k}={v}" for k, v in fields.items())


def java(rng: random.Random, level: str, msg: str, trace: str, fields: dict[str, str]) -> str:
    dt = _ts(rng)
    lvl = {"FATAL": "ERROR"}.get(level, level)
    logger = rng.choice(["c.s.o.OrderService", "c.s.p.c.CheckoutService", "c.s.i.StockSyncJob",
                         "o.h.engine.jdbc.spi.SqlExceptionHelper", "c.s.l.PointsService",
                         "c.s.c.CatalogImporter", "o.a.c.c.C.[.[.[/].[dispatcherServlet]"])
    if fields and rng.random() < 0.5:
        msg = f"{msg} {_kv(fields)}"
    if rng.random() < 0.5:
        thread = rng.choice(["nio-8080-exec-3", "scheduling-1", "main", "task-7", "kafka-consumer"])
        head = f"{_ms(dt)} {lvl:>5} {rng.randint(1, 9999)} --- [{thread}] {logger:<40} : {msg}"
    else:
        thread = rng.choice(["pool-2-thread-1", "http-nio-8080-exec-12", "main", "quartz-worker-3"])
        head = f"{_ms(dt).replace('.', ',')} [{thread}] {lvl} {logger} - {msg}"
    return head + ("\n" + trace if trace else "")


def python(rng: random.Random, level: str, msg: str, trace: str, fields: dict[str, str]) -> str:
    dt = _ts(rng)
    lvl = {"WARN": "WARNING", "FATAL": "CRITICAL"}.get(level, level)
    logger = rng.choice(["app.orders.service", "app.sync.stock", "celery.worker", "django.request",
                         "app.payments", "etl.export", "werkzeug", "app.importers"])
    if fields and rng.random() < 0.5:
        msg = f"{msg} {_kv(fields)}"
    style = rng.random()
    if style < 0.4:
        head = f"{_ms(dt).replace('.', ',')} {lvl} [{logger}] {msg}"
    elif style < 0.7:
        head = f"[{dt:%Y-%m-%d %H:%M:%S} +0000] [{rng.randint(7, 999)}] [{lvl}] {msg}"
    else:
        head = f"{_ms(dt)} - {logger} - {lvl} - {msg}"
    return head + ("\n" + trace if trace else "")


def node(rng: random.Random, level: str, msg: str, trace: str, fields: dict[str, str]) -> str:
    dt = _ts(rng)
    if rng.random() < 0.55:
        num = {"DEBUG": 20, "INFO": 30, "WARN": 40, "ERROR": 50, "FATAL": 60}[level]
        obj: dict[str, object] = {"level": num, "time": int(dt.timestamp() * 1000),
                                  "pid": rng.randint(1, 400), "hostname": "pos-api-6d9f"}
        obj.update(fields)
        if trace:
            first = trace.split("\n", 1)[0]
            obj["err"] = {"type": first.split(":", 1)[0], "message": msg, "stack": trace}
        obj["msg"] = msg
        return json.dumps(obj)
    lvl = level.lower() if level != "FATAL" else "error"
    head = f"{_iso(dt)} {lvl}: {msg}"
    if fields:
        head += " " + json.dumps(fields)
    return head + ("\n" + trace if trace else "")


def pos(rng: random.Random, level: str, msg: str, trace: str, fields: dict[str, str]) -> str:
    dt = _ts(rng)
    till = rng.choice(["till-07", "till-02", "SCO-4", "lane-12", "till-15"])
    comp = rng.choice(["pos.checkout", "pos.pricing", "pos.devices", "pos.payments", "pos.sync",
                       "pos.orders"])
    if not trace and rng.random() < 0.4:
        obj = {"ts": _iso(dt), "level": level, "logger": comp, "till": till, "msg": msg}
        obj.update(fields)
        return json.dumps(obj)
    tail = f" | {_kv(fields)}" if fields else ""
    return f"{_ms(dt)} {level:<5} [{till}] {comp}: {msg}{tail}" + ("\n" + trace if trace else "")


def payments(rng: random.Random, level: str, msg: str, trace: str, fields: dict[str, str]) -> str:
    dt = _ts(rng)
    comp = rng.choice(["GatewayClient", "AuthorizationService", "SettlementJob", "RefundHandler"])
    tail = " " + json.dumps(fields) if fields else ""
    head = f"{_iso(dt)} {level:<5} [payments-gw] {comp} - {msg}{tail}"
    return head + ("\n" + trace if trace else "")


def nginx(rng: random.Random, level: str, msg: str, trace: str, fields: dict[str, str]) -> str:
    dt = _ts(rng)
    lvl = {"FATAL": rng.choice(["crit", "alert", "emerg"]), "ERROR": "error", "WARN": "warn",
           "INFO": rng.choice(["info", "notice"]), "DEBUG": "debug"}[level]
    pid = rng.randint(20, 9000)
    head = f"{dt:%Y/%m/%d %H:%M:%S} [{lvl}] {pid}#{pid}: *{rng.randint(1, 99999)} {msg}"
    if rng.random() < 0.7:
        head += (f", client: 10.{rng.randint(0, 9)}.{rng.randint(0, 255)}.{rng.randint(2, 254)}, "
                 f'server: pos.example.com, request: "{rng.choice(["GET", "POST"])} '
                 f'{rng.choice(["/api/v1/orders", "/checkout", "/api/v1/stock"])} HTTP/1.1"')
    return head


def access(rng: random.Random, level: str, msg: str, trace: str, fields: dict[str, str]) -> str:
    """Access-log line; ``msg`` is ``METHOD PATH STATUS``."""
    dt = _ts(rng)
    method, path, status = msg.split(" ", 2)
    agent = rng.choice(["Mozilla/5.0 (X11; Linux x86_64)", "curl/8.4.0", "okhttp/4.12.0",
                        "POS-Client/3.1 (till)", "python-requests/2.31.0"])
    return (f"10.{rng.randint(0, 9)}.{rng.randint(0, 255)}.{rng.randint(2, 254)} - - "
            f"[{dt:%d/%b/%Y:%H:%M:%S} +0000] \"{method} {path} HTTP/1.1\" {status} "
            f"{rng.randint(0, 5000)} \"-\" \"{agent}\" rt={rng.randint(1, 30000) / 1000:.3f}")


def apache(rng: random.Random, level: str, msg: str, trace: str, fields: dict[str, str]) -> str:
    dt = _ts(rng)
    lvl = {"FATAL": "crit", "ERROR": "error", "WARN": "warn", "INFO": "notice",
           "DEBUG": "debug"}[level]
    mod = rng.choice(["proxy", "core", "ssl", "proxy_http", "mpm_event", "authz_core"])
    return (f"[{dt:%a %b %d %H:%M:%S}.{dt.microsecond:06d} {dt:%Y}] [{mod}:{lvl}] "
            f"[pid {rng.randint(100, 9999)}:tid {rng.randint(1000, 99999)}] "
            f"[client 10.1.{rng.randint(0, 255)}.{rng.randint(2, 254)}:{rng.randint(1024, 65000)}] "
            f"{msg}")


def postgres(rng: random.Random, level: str, msg: str, trace: str, fields: dict[str, str]) -> str:
    dt = _ts(rng)
    lvl = {"FATAL": rng.choice(["FATAL", "PANIC"]), "ERROR": "ERROR", "WARN": "WARNING",
           "INFO": "LOG", "DEBUG": "DEBUG1"}[level]
    who = rng.choice(["pos_app@pos_main", "svc_sync@inventory", "[unknown]@[unknown]",
                      "report_ro@reporting", ""])
    head = f"{_ms(dt)} UTC [{rng.randint(100, 99999)}] {who} {lvl}:  {msg}".replace("  ]", "]")
    if trace:
        head += f"\n{_ms(dt)} UTC [{rng.randint(100, 99999)}] {who} STATEMENT:  {trace}"
    return head


def mysql(rng: random.Random, level: str, msg: str, trace: str, fields: dict[str, str]) -> str:
    dt = _ts(rng)
    lvl = {"FATAL": "ERROR", "ERROR": "ERROR", "WARN": "Warning", "INFO": "Note",
           "DEBUG": "Note"}[level]
    sub = rng.choice(["InnoDB", "Server", "Repl", "Connection-Control", "Server"])
    return (f"{dt:%Y-%m-%dT%H:%M:%S}.{dt.microsecond:06d}Z {rng.randint(0, 400)} [{lvl}] "
            f"[MY-{rng.randint(10000, 13999):06d}] [{sub}] {msg}")


def redis(rng: random.Random, level: str, msg: str, trace: str, fields: dict[str, str]) -> str:
    dt = _ts(rng)
    mark = {"FATAL": "#", "ERROR": "#", "WARN": "#", "INFO": "*", "DEBUG": "."}[level]
    role = rng.choice(["M", "S", "C"])
    stamp = f"{dt:%d %b %Y %H:%M:%S}.{dt.microsecond // 1000:03d}"
    return f"{rng.randint(1, 9999)}:{role} {stamp} {mark} {msg}"


def mongodb(rng: random.Random, level: str, msg: str, trace: str, fields: dict[str, str]) -> str:
    dt = _ts(rng)
    sev = {"FATAL": "F", "ERROR": "E", "WARN": "W", "INFO": "I", "DEBUG": "D1"}[level]
    obj = {"t": {"$date": _iso(dt).replace("Z", "+00:00")}, "s": sev,
           "c": rng.choice(["NETWORK", "STORAGE", "REPL", "COMMAND", "ACCESS", "QUERY"]),
           "id": rng.randint(20000, 5000000), "ctx": f"conn{rng.randint(1, 900)}", "msg": msg}
    if fields:
        obj["attr"] = fields
    return json.dumps(obj)


def kernel(rng: random.Random, level: str, msg: str, trace: str, fields: dict[str, str]) -> str:
    dt = _ts(rng)
    host = rng.choice(["pos-srv-01", "till-07", "db-prod-01", "store142-edge"])
    return (f"{dt:%b} {dt.day:>2} {dt:%H:%M:%S} {host} kernel: "
            f"[{rng.randint(100, 9999999)}.{rng.randint(0, 999999):06d}] {msg}")


def systemd(rng: random.Random, level: str, msg: str, trace: str, fields: dict[str, str]) -> str:
    dt = _ts(rng)
    host = rng.choice(["pos-srv-01", "db-prod-01", "store142-edge", "batch-01"])
    proc = rng.choice(["systemd[1]", "systemd-journald[312]", "cron[8812]", "sshd[2231]",
                       "CRON[4410]", "containerd[911]"])
    return f"{dt:%b} {dt.day:>2} {dt:%H:%M:%S} {host} {proc}: {msg}"


def docker(rng: random.Random, level: str, msg: str, trace: str, fields: dict[str, str]) -> str:
    dt = _ts(rng)
    if rng.random() < 0.5:
        lvl = {"FATAL": "fatal", "ERROR": "error", "WARN": "warning", "INFO": "info",
               "DEBUG": "debug"}[level]
        extra = " ".join(f'{k}="{v}"' for k, v in fields.items())
        return (f'time="{_iso(dt)}" level={lvl} msg="{msg}"'
                f' container={rng.choice(["pos-api", "orders-worker", "pricing"])}'
                + (f" {extra}" if extra else ""))
    stream = "stderr" if level in ("ERROR", "FATAL", "WARN") else "stdout"
    body = f"{level} {msg}" if rng.random() < 0.5 else msg
    return f"{dt:%Y-%m-%dT%H:%M:%S}.{rng.randint(0, 999999999):09d}Z {stream} F {body}"


def jul(rng: random.Random, level: str, msg: str, trace: str, fields: dict[str, str]) -> str:
    """java.util.logging's two-line SimpleFormatter (Tomcat's catalina.out, Jetty)."""
    dt = _ts(rng)
    lvl = {"FATAL": "SEVERE", "ERROR": "SEVERE", "WARN": "WARNING", "INFO": "INFO",
           "DEBUG": "FINE"}[level]
    source = rng.choice(["org.apache.catalina.core.StandardContext startInternal",
                         "com.shop.backoffice.ReportJob run", "com.shop.edge.Gateway forward",
                         "org.eclipse.jetty.server.HttpChannel handle"])
    stamp = f"{dt:%b %d, %Y} {dt:%I:%M:%S %p}"
    return f"{stamp} {source}\n{lvl}: {msg}" + ("\n" + trace if trace else "")


def gcp(rng: random.Random, level: str, msg: str, trace: str, fields: dict[str, str]) -> str:
    """Cloud structured logging: one JSON object with ``severity`` and ``message``."""
    dt = _ts(rng)
    sev = {"FATAL": rng.choice(["CRITICAL", "ALERT"]), "ERROR": "ERROR", "WARN": "WARNING",
           "INFO": rng.choice(["INFO", "NOTICE"]), "DEBUG": "DEBUG"}[level]
    obj: dict[str, object] = {"severity": sev, "timestamp": _iso(dt),
                              "logging.googleapis.com/labels": {
                                  "service": rng.choice(["loyalty-api", "receipts-fn",
                                                         "pricing-job", "store-sync"])}}
    obj.update(fields)
    obj["message"] = msg + ("\n" + trace if trace else "")
    return json.dumps(obj)


def structlog(rng: random.Random, level: str, msg: str, trace: str,
              fields: dict[str, str]) -> str:
    """Python structlog's key=value console output."""
    dt = _ts(rng)
    lvl = {"FATAL": "critical", "WARN": "warning"}.get(level, level.lower())
    extra = " ".join(f"{k}={v!r}" for k, v in fields.items())
    head = f"{_iso(dt)} [{lvl:<8}] {msg}" + (f" {extra}" if extra else "")
    return head + ("\n" + trace if trace else "")


def syslog(rng: random.Random, level: str, msg: str, trace: str, fields: dict[str, str]) -> str:
    """RFC 5424 syslog from C daemons and appliances (priority carries the level)."""
    dt = _ts(rng)
    code = {"FATAL": 2, "ERROR": 3, "WARN": 4, "INFO": 6, "DEBUG": 7}[level]
    app = rng.choice(["cupsd", "lpd", "posd", "haveged", "chronyd", "storesync", "upsd"])
    host = rng.choice(["till-07", "store142-edge", "backoffice-01"])
    return f"<{16 * 8 + code}>1 {_iso(dt)} {host} {app} {rng.randint(100, 9999)} - - {msg}"


def cli(rng: random.Random, level: str, msg: str, trace: str, fields: dict[str, str]) -> str:
    """Command-line tools and small services in other languages printing to stderr
    (``prog: error: ...``, ``[prog] WARN ...``)."""
    prog = rng.choice(["pricectl", "stock-export", "receiptd", "z-report", "labelgen",
                       "loyalty-sync", "backup-runner"])
    word = {"FATAL": "fatal", "ERROR": "error", "WARN": "warning", "INFO": "info",
            "DEBUG": "debug"}[level]
    if rng.random() < 0.5:
        return f"{prog}: {word}: {msg}"
    return f"[{prog}] {word.upper()} {msg}"


RENDERERS: dict[str, Callable[[random.Random, str, str, str, dict[str, str]], str]] = {
    "java": java, "python": python, "node": node, "pos": pos, "payments": payments,
    "nginx": nginx, "access": access, "apache": apache, "postgres": postgres, "mysql": mysql,
    "redis": redis, "mongodb": mongodb, "kernel": kernel, "systemd": systemd, "docker": docker,
    "jul": jul, "gcp": gcp, "structlog": structlog, "syslog": syslog, "cli": cli,
}


def make_trace(rng: random.Random, lang: str, exc: str, msg: str) -> str:
    """A stack trace in ``lang`` whose root exception is ``exc`` (``A|B`` = A caused by B)."""
    if lang == "java":
        outer, _, inner = exc.partition("|")
        if inner:
            return traces.java_trace(rng, outer, msg, (inner, msg))
        return traces.java_trace(rng, outer, msg, None)
    exc = exc.split("|")[-1]
    if lang == "python":
        return traces.python_trace(rng, exc, msg)
    return traces.node_trace(rng, exc, msg)


# --- round 4 (scenarios_f): alert notifications, error-tracker digests, crash-dump summaries
# and ERP job-queue entries. Our own generic shapes, written to give the type model the
# vocabulary of monitoring bodies, crash reports and enterprise batch jobs; none imitates an
# ecosystem of the hand-labeled sets.

def alert(rng: random.Random, level: str, msg: str, trace: str, fields: dict[str, str]) -> str:
    """A monitoring alert notification: title line, labels, annotations."""
    sev = {"FATAL": "page", "ERROR": "ticket", "WARN": "warn", "INFO": "info",
           "DEBUG": "info"}[level]
    name = rng.choice(["StoreBackendProblem", "TillFleetAlert", "CheckoutSLO", "HostCheck",
                       "BatchWatch", "EdgeProbe", "PaymentsProbe", "DataPipeline"])
    state = "RESOLVED" if rng.random() < 0.1 else "ALERTING"
    lines = [f"[{state}] {name} urgency={sev}", f"summary: {msg}"]
    lines += [f"{k}: {v}" for k, v in fields.items()]
    lines.append(f"dashboard: https://monitor.example.internal/d/{rng.randint(100, 999)}")
    return "\n".join(lines)


def tracker(rng: random.Random, level: str, msg: str, trace: str,
            fields: dict[str, str]) -> str:
    """An error tracker's issue digest: project, title, counts, culprit."""
    project = rng.choice(["till-app", "store-portal", "pricing-svc", "loyalty-web"])
    head = f"Issue {rng.choice(['new', 'regressed', 'escalating'])} in {project}: {msg}"
    counts = (f"events={rng.randint(1, 900)} users={rng.randint(0, 300)} "
              f"first_seen={_iso(_ts(rng))}")
    extra = _kv(fields)
    return "\n".join(x for x in (head, counts, extra, trace) if x)


def crashdump(rng: random.Random, level: str, msg: str, trace: str,
              fields: dict[str, str]) -> str:
    """A crash-dump summary as a symbolising tool prints it."""
    module = rng.choice(["tillclient", "labelsvc", "kioskshell", "scaleagent"])
    frames = "\n".join(f" {i}  {module}!{fn} + 0x{rng.randint(16, 4095):x}"
                       for i, fn in enumerate(rng.sample(
                           ["Basket::Total", "Render::Frame", "Io::Poll", "Net::Send",
                            "Db::Commit", "Ui::Dispatch", "Dev::Read"], 3)))
    return (f"Crash report for {module} {rng.choice(['4.2.1', '5.0.3', '2.9.8'])}\n"
            f"Reason: {msg}\nThread 0 (faulting)\n{frames}")


def jobqueue(rng: random.Random, level: str, msg: str, trace: str,
             fields: dict[str, str]) -> str:
    """An ERP's batch job-queue entry: job, run, status, message."""
    status = {"FATAL": "Failed", "ERROR": "Failed", "WARN": "Finished with notes",
              "INFO": "Finished", "DEBUG": "Finished"}[level]
    dt = _ts(rng)
    job = rng.choice(["POST-SALES-DOCS", "REPLENISH-CALC", "PRICE-PUBLISH", "GL-TRANSFER",
                      "VENDOR-PAYRUN", "STOCK-REVAL", "LOYALTY-ACCRUAL"])
    return (f"JOBQ {dt:%d.%m.%Y %H:%M:%S} {job} run#{rng.randint(1000, 99999)} "
            f"status={status}\n  message: {msg}" + (f"\n  {_kv(fields)}" if fields else ""))


RENDERERS.update({"alert": alert, "tracker": tracker, "crashdump": crashdump,
                  "jobqueue": jobqueue})

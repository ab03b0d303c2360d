"""``stacklens analyze``, ``stats`` and ``backup`` end to end on real files in a temp dir."""

from __future__ import annotations

import gzip
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

SEED = ('2026-11-25T10:00:{s:02d}.000Z [ERROR] Product has no price: {{"orderId":"ORD-{n}",'
        '"productId":{pid},"productName":"{name}","code":"MISSING_PRICE"}}\n')
INFO = '2026-11-25T10:00:{s:02d}.000Z [INFO] Order placed: {{"orderId":"ORD-{n}"}}\n'
TRACE = (
    "2026-11-25T10:01:00.000Z [ERROR] Unhandled exception in checkout\n"
    "java.lang.NullPointerException: Cannot invoke \"Product.getPrice()\" because \"p\" is null\n"
    "\tat com.shop.pos.order.OrderService.total(OrderService.java:{line})\n"
    "\tat com.shop.pos.api.OrderController.create(OrderController.java:77)\n"
    "\tat org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:897)\n"
)


def stacklens(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "stacklens_desktop", *args, "--data-dir", str(data_dir)],
        capture_output=True, text=True, timeout=300, env={**os.environ},
    )


def write_pos_log(path: Path) -> None:
    lines = []
    for n in range(40):
        lines.append(INFO.format(s=n % 60, n=n))
        if n % 4 == 0:
            lines.append(SEED.format(s=n % 60, n=n, pid=999, name="Premium Item"))
    lines.append(SEED.format(s=59, n=99, pid=12, name="Coffee Beans"))
    lines.append(TRACE.format(line=88))
    lines.append(TRACE.format(line=91))  # other line number: same fingerprint
    path.write_text("".join(lines))


def test_analyze_json_groups_the_seed_and_explains_it(tmp_path: Path) -> None:
    log = tmp_path / "pos-application.log"
    write_pos_log(log)
    result = stacklens("analyze", str(log), "--json", data_dir=tmp_path / "p")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["lines"] == log.read_text().count("\n")
    assert doc["errors"] == 13
    price = [p for p in doc["patterns"] if "has no price" in p["template"]]
    assert len(price) == 1
    pattern = price[0]
    assert pattern["count"] == 11
    assert any("productId=999" in params for params in pattern["parameters_sample"])
    assert any("productName=Premium Item" in params for params in pattern["parameters_sample"])
    assert pattern["severity"] == "high"
    assert pattern["error_type"] == "data_validation"
    assert 0 < pattern["confidence"] <= 1
    assert "Premium Item" in pattern["root_cause"] and "999" in pattern["root_cause"]
    assert any("validat" in step.lower() for step in pattern["resolution_steps"])
    traces = [p for p in doc["patterns"] if p["count"] == 2]
    assert len(traces) == 1, "two traces differing only in line numbers are one pattern"
    assert traces[0]["error_type"] == "null_reference"
    keys = {"fingerprint", "template", "count", "severity", "error_type", "confidence",
            "first_seen", "last_seen", "parameters_sample", "root_cause", "resolution_steps"}
    assert all(keys <= set(p) for p in doc["patterns"])


def test_reimport_counts_nothing_twice_and_resumes_appends(tmp_path: Path) -> None:
    log = tmp_path / "pos.log"
    write_pos_log(log)
    data = tmp_path / "p"
    first = json.loads(stacklens("analyze", str(log), "--json", data_dir=data).stdout)
    again = json.loads(stacklens("analyze", str(log), "--json", data_dir=data).stdout)
    assert again["lines"] == 0 and again["errors"] == 0
    with log.open("a") as out:
        out.write(SEED.format(s=1, n=500, pid=999, name="Premium Item"))
    third = json.loads(stacklens("analyze", str(log), "--json", data_dir=data).stdout)
    assert third["lines"] == 1 and third["errors"] == 1
    stats = json.loads(stacklens("stats", "--json", data_dir=data).stdout)
    assert stats["events"] == first["errors"] + 1
    assert stats["sources"][0]["path"] == str(log.resolve())
    assert stats["sources"][0]["offset"] == log.stat().st_size
    assert set(stats) >= {"events", "patterns", "patterns_by_severity", "tickets",
                          "outbox_pending", "sources"}


def test_gzip_and_text_output(tmp_path: Path) -> None:
    plain = tmp_path / "pos.log"
    write_pos_log(plain)
    gz = tmp_path / "pos.log.gz"
    gz.write_bytes(gzip.compress(plain.read_bytes()))
    result = stacklens("analyze", str(gz), data_dir=tmp_path / "p")
    assert result.returncode == 0, result.stderr
    assert "[HIGH] data_validation" in result.stdout
    assert "Root cause:" in result.stdout
    assert "first seen 2026-11-25T10:00:00.000Z" in result.stdout


def test_text_output_of_a_log_without_timestamps_prints_no_empty_times(tmp_path: Path) -> None:
    log = tmp_path / "console.log"
    log.write_text("fail: Pos.Api.OrdersController[0]\n"
                   "      Order ORD-1 failed: product 999 has no price\n")
    result = stacklens("analyze", str(log), data_dir=tmp_path / "p")
    assert result.returncode == 0, result.stderr
    assert "format dotnet-console" in result.stdout
    assert "Order ORD-<*> failed: product <*> has no price" in result.stdout
    assert "None" not in result.stdout


@pytest.mark.parametrize("make, reason", [
    (lambda p: None, "no such file"),
    (lambda p: p.write_bytes(bytes(range(256)) * 100), "binary"),
])
def test_unreadable_input_exits_2_with_one_line(tmp_path: Path, make, reason: str) -> None:
    target = tmp_path / "input.log"
    make(target)
    result = stacklens("analyze", str(target), data_dir=tmp_path / "p")
    assert result.returncode == 2
    assert reason in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_invalid_utf8_and_10mb_line_are_survived(tmp_path: Path) -> None:
    log = tmp_path / "weird.log"
    with log.open("wb") as out:
        out.write(b"2026-11-25T10:00:00.000Z [ERROR] caf\xe9 \xff broken bytes: {}\n")
        out.write(b"2026-11-25T10:00:01.000Z [ERROR] huge " + b"y" * (10 * 1024 * 1024) + b"\n")
        out.write(b"2026-11-25T10:00:02.000Z [ERROR] after the huge line\n")
    result = stacklens("analyze", str(log), "--json", data_dir=tmp_path / "p")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["errors"] == 3
    assert doc["lines"] == 3


def test_a_file_that_is_no_database_is_kept_aside_with_a_message(tmp_path: Path) -> None:
    data = tmp_path / "p"
    data.mkdir()
    (data / "stacklens.db").write_bytes(b"this is not a database" * 100)
    result = stacklens("stats", "--json", data_dir=data)
    assert result.returncode == 0, result.stderr
    assert "damaged" in result.stderr
    assert json.loads(result.stdout)["events"] == 0
    assert "recovered 0 events" in result.stderr
    assert result.stderr.count("\n") == 1
    assert len(list(data.glob("stacklens.db.damaged-*"))) == 1


def test_backup_is_a_consistent_copy(tmp_path: Path) -> None:
    log = tmp_path / "pos.log"
    write_pos_log(log)
    data = tmp_path / "p"
    stacklens("analyze", str(log), data_dir=data)
    result = stacklens("backup", str(tmp_path / "copy.db"), data_dir=data)
    assert result.returncode == 0, result.stderr
    conn = sqlite3.connect(tmp_path / "copy.db")
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT COUNT(*) FROM event").fetchone()[0] == 13
    conn.close()


@pytest.mark.parametrize("scan_ahead", ["1", "0"])
def test_gzip_cut_short_keeps_what_was_read(tmp_path: Path, scan_ahead: str) -> None:
    lines = [SEED.format(s=n % 60, n=n, pid=999, name="Premium Item") for n in range(60_000)]
    blob = gzip.compress("".join(lines).encode())
    log = tmp_path / "pos.log.gz"
    log.write_bytes(blob[: len(blob) * 3 // 4])
    done = subprocess.run(
        [sys.executable, "-m", "stacklens_desktop", "analyze", str(log), "--data-dir",
         str(tmp_path / "profile")], capture_output=True, text=True, timeout=300,
        env={**os.environ, "STACKLENS_SCAN_AHEAD": scan_ahead})
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "unreadable after" in done.stderr
    assert "Traceback" not in done.stderr
    with sqlite3.connect(tmp_path / "profile" / "stacklens.db") as conn:
        (events,) = conn.execute("SELECT COUNT(*) FROM event").fetchone()
    assert events > 20_000  # the chunks before the damage were stored


def test_orders_failing_escalate_the_pattern_in_json_and_text(tmp_path: Path) -> None:
    """Eleven orders failing on a missing price within a minute: the text severity stays
    high, the pattern is escalated to critical with the reason, and ranks first."""
    log = tmp_path / "pos-application.log"
    write_pos_log(log)
    result = stacklens("analyze", str(log), "--json", data_dir=tmp_path / "p")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    [price] = [p for p in doc["patterns"] if "has no price" in p["template"]]
    assert (price["severity"], price["escalation"]) == ("high", "critical")
    assert price["escalation_reason"] == "orders failing: 11 in 10 min"
    assert doc["patterns"][0]["template"] == price["template"]  # ranked by the raised one
    traces = [p for p in doc["patterns"] if p["count"] == 2]
    assert traces[0]["escalation"] is None  # two failing checkouts: no escalation
    text = stacklens("analyze", str(log), data_dir=tmp_path / "p").stdout
    assert "    Escalated to critical: orders failing: 11 in 10 min\n" in text

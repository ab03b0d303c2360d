"""Headless traffic: reproducible per seed, the requested count, at about the requested rate."""

from __future__ import annotations

import json
import re
import subprocess
import time
from collections import Counter
from pathlib import Path

import pytest
from pos_helpers import HEADER, log_lines, pos_command, running, subprocess_env

from pos_simulator.catalog import Catalog
from pos_simulator.faults import Fault
from pos_simulator.headless import run_headless
from pos_simulator.logwriter import PosLogWriter
from pos_simulator.shop import Shop
from pos_simulator.traffic import TrafficGenerator, even_rates


def run(catalog: Catalog, path: Path, seed: int, orders: int, fault_rate: float) -> Shop:
    with PosLogWriter(path) as log:
        shop = Shop(catalog, log)
        run_headless(shop, TrafficGenerator(catalog, seed, even_rates(fault_rate)), orders, 0)
    return shop


def without_timestamps(path: Path) -> list[str]:
    return [re.sub(r"^\S+Z (?=\[)", "", line) for line in log_lines(path)]


def order_ids(path: Path) -> list[str]:
    ids = re.findall(r'"orderId":"(ORD-[0-9A-F]+)"', path.read_text())
    return list(dict.fromkeys(ids))


def test_same_seed_same_traffic(catalog: Catalog, tmp_path: Path) -> None:
    run(catalog, tmp_path / "a.log", seed=42, orders=200, fault_rate=0.3)
    run(catalog, tmp_path / "b.log", seed=42, orders=200, fault_rate=0.3)
    run(catalog, tmp_path / "c.log", seed=43, orders=200, fault_rate=0.3)
    a = without_timestamps(tmp_path / "a.log")
    assert a == without_timestamps(tmp_path / "b.log")
    assert a != without_timestamps(tmp_path / "c.log")
    assert len(order_ids(tmp_path / "a.log")) == 200


def test_fault_rate_zero_gives_clean_traffic(catalog: Catalog, tmp_path: Path) -> None:
    path = tmp_path / "clean.log"
    run(catalog, path, seed=1, orders=300, fault_rate=0.0)
    text = path.read_text()
    assert "[ERROR]" not in text and "[WARN]" not in text
    assert text.count("] Order placed: ") == 300


def test_fault_rate_one_injects_a_fault_in_every_order(catalog: Catalog, tmp_path: Path) -> None:
    path = tmp_path / "faulty.log"
    shop = run(catalog, path, seed=5, orders=450, fault_rate=1.0)
    codes = Counter(re.findall(r'"code":"([A-Z_]+)"', path.read_text()))
    for fault in Fault:
        assert codes[fault.code] > 20, (fault, codes)
    assert shop.log.records_written > 450


def test_single_fault_rate(catalog: Catalog, tmp_path: Path) -> None:
    generator = TrafficGenerator(catalog, 9, {Fault.CARD_DECLINED: 0.25})
    injected = [generator.next_request().inject for _ in range(2000)]
    declined = sum(1 for faults in injected if faults == {Fault.CARD_DECLINED})
    assert all(not faults or faults == {Fault.CARD_DECLINED} for faults in injected)
    assert 400 < declined < 600


def test_rate_paces_orders(catalog: Catalog, tmp_path: Path) -> None:
    with PosLogWriter(tmp_path / "paced.log") as log:
        shop = Shop(catalog, log)
        start = time.monotonic()
        stats = run_headless(shop, TrafficGenerator(catalog, 3, even_rates(0.1)), 50, 100.0)
        elapsed = time.monotonic() - start
    assert stats.orders == 50
    assert 0.4 <= elapsed < 2.0  # 49 gaps of 10 ms = 0.49 s
    assert len(order_ids(tmp_path / "paced.log")) == 50


def test_cli_headless_writes_the_requested_orders_at_the_rate(tmp_path: Path) -> None:
    log = tmp_path / "cli" / "pos.log"
    start = time.monotonic()
    done = subprocess.run(
        pos_command("--headless", "--orders", "50", "--rate", "100", "--fault-rate", "0.2",
                    "--seed", "7", "--log", str(log)),
        env=subprocess_env(), capture_output=True, text=True, timeout=60, check=False,
    )
    wall = time.monotonic() - start
    assert done.returncode == 0, done.stderr
    match = re.search(r"50 orders .* in ([\d.]+) s", done.stdout)
    assert match, done.stdout
    assert 0.4 <= float(match.group(1)) < 2.0
    assert wall < 30  # interpreter start-up included
    assert len(order_ids(log)) == 50
    headers = [ln for ln in log_lines(log) if re.match(HEADER, ln)]
    assert json.loads(headers[0].split(": ", 1)[1])["seed"] == 7  # the start line


def test_cli_rate_zero_runs_flat_out(tmp_path: Path) -> None:
    log = tmp_path / "fast.log"
    done = subprocess.run(
        pos_command("--headless", "--orders", "2000", "--rate", "0", "--seed", "1",
                    "--log", str(log)),
        env=subprocess_env(), capture_output=True, text=True, timeout=60, check=False,
    )
    assert done.returncode == 0, done.stderr
    elapsed = float(re.search(r"in ([\d.]+) s", done.stdout).group(1))  # type: ignore[union-attr]
    assert elapsed < 5.0
    assert len(order_ids(log)) == 2000


def test_cli_log_from_environment(tmp_path: Path) -> None:
    log = tmp_path / "env.log"
    done = subprocess.run(
        pos_command("--headless", "--orders", "3", "--rate", "0"),
        env=subprocess_env(DEMO_POS_LOG_FILE=str(log)), capture_output=True, text=True,
        timeout=60, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert len(order_ids(log)) == 3


def test_cli_default_log_is_under_the_data_dir(tmp_path: Path) -> None:
    env = subprocess_env(STACKLENS_DATA_DIR=str(tmp_path / "profile"))
    env.pop("DEMO_POS_LOG_FILE", None)
    done = subprocess.run(
        pos_command("--headless", "--orders", "2", "--rate", "0"),
        env=env, capture_output=True, text=True, timeout=60, check=False,
    )
    assert done.returncode == 0, done.stderr
    assert len(order_ids(tmp_path / "profile" / "data" / "pos-application.log")) == 2


def test_cli_unwritable_log_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    done = subprocess.run(
        pos_command("--headless", "--orders", "1", "--log", str(blocker / "pos.log")),
        env=subprocess_env(), capture_output=True, text=True, timeout=60, check=False,
    )
    assert done.returncode == 1
    assert "cannot write the POS log" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("bad", [["--fault", "nonsense=0.1"], ["--fault-rate", "2"]])
def test_cli_rejects_bad_fault_options(bad: list[str]) -> None:
    done = subprocess.run(pos_command("--headless", *bad), env=subprocess_env(),
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2 and "pos-simulator: error" in done.stderr


def test_cli_endless_run_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    log = tmp_path / "endless.log"
    command = pos_command("--headless", "--orders", "0", "--rate", "200", "--seed", "4",
                          "--log", str(log))
    with running(command, subprocess_env()) as proc:
        deadline = time.monotonic() + 30
        while len(order_ids(log) if log.exists() else []) < 20:
            assert time.monotonic() < deadline and proc.poll() is None
            time.sleep(0.05)  # polling a growing file from outside the process
        proc.terminate()
        out, err = proc.communicate(timeout=10)
    assert proc.returncode == 0, err
    assert re.search(r"(\d+) orders", out) and "Traceback" not in err
    placed = int(re.search(r"(\d+) orders", out).group(1))  # type: ignore[union-attr]
    assert placed == len(order_ids(log)) >= 20

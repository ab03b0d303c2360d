"""Fingerprints: stable across runs, processes, machines and file order."""

from __future__ import annotations

import hashlib
import json
import os
import random
import subprocess
import sys
from pathlib import Path

from stacklens_desktop.core.fingerprint import (
    app_frames,
    normalise_frame,
    record_fingerprint,
    template_fingerprint,
)
from stacklens_desktop.core.mining import TemplateMiner
from stacklens_desktop.core.record import Record

REPO = Path(__file__).resolve().parents[2]


def pos_lines(seed: int = 7, count: int = 600) -> list[str]:
    """A POS-like message mix: several events, each with varying values."""
    rng = random.Random(seed)
    users = ["anna", "ben", "chen", "dora", "emil", "fay", "gus"]
    makers = [
        lambda: f"Product {rng.randint(1, 9999)} has no price",
        lambda: f"Payment declined for order {rng.randint(1000, 99999)}: code {rng.randint(1, 60)}",
        lambda: f"Till {rng.randint(1, 40)} connected from 10.0.0.{rng.randint(1, 254)}",
        lambda: f"Cashier {rng.choice(users)} logged in at till {rng.randint(1, 40)}",
        lambda: f"Sync of {rng.randint(1, 500)} items done in {rng.randint(1, 900)}ms",
        lambda: f"Sync of {rng.randint(1, 500)} items ({rng.randint(1, 90)} KB) done in 3ms",
        lambda: f"Printer {rng.choice(['kitchen', 'front', 'bar'])} is out of paper",
        lambda: "Drawer opened",
        lambda: "Drawer closed",
        lambda: f"Receipt /var/pos/receipts/{rng.randint(1, 99999)}.txt written",
    ]
    return [rng.choice(makers)() for _ in range(count)]


def final_fingerprints(lines: list[str]) -> dict[str, str]:
    """Each distinct line's fingerprint once ALL lines are mined."""
    miner = TemplateMiner()
    ids = {line: miner.add(line).cluster_id for line in lines}
    return {line: miner.pattern(cid).fingerprint for line, cid in ids.items()}


def test_same_template_same_fingerprint_and_known_value() -> None:
    template = "Product <*> has no price"
    expected = hashlib.sha256(("t\x00" + template).encode()).hexdigest()[:16]
    assert template_fingerprint(template) == expected
    assert template_fingerprint("Product  <*> has no price ") == expected
    assert template_fingerprint("Product <*> has a price") != expected


def test_shuffled_input_gives_the_same_fingerprint_per_line() -> None:
    lines = pos_lines()
    reference = final_fingerprints(lines)
    assert 8 <= len(set(reference.values())) <= 12
    for seed in range(5):
        shuffled = lines[:]
        random.Random(seed).shuffle(shuffled)
        assert final_fingerprints(shuffled) == reference


def test_two_processes_give_identical_fingerprints(tmp_path: Path) -> None:
    lines = pos_lines(seed=3, count=300)
    source = tmp_path / "lines.json"
    source.write_text(json.dumps(lines), encoding="utf-8")
    script = (
        "import json, sys\n"
        "from tests.core.test_fingerprint import final_fingerprints\n"
        "lines = json.load(open(sys.argv[1], encoding='utf-8'))\n"
        "print(json.dumps(final_fingerprints(lines)))\n"
    )
    outputs = []
    for hash_seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        done = subprocess.run(
            [sys.executable, "-c", script, str(source)],
            capture_output=True, text=True, check=True, cwd=REPO, env=env,
        )
        outputs.append(json.loads(done.stdout))
    assert outputs[0] == outputs[1] == final_fingerprints(lines)


JAVA_FRAMES = [
    "at java.base/java.util.HashMap.get(HashMap.java:556)",
    "at com.shop.pos.Cart.price(Cart.java:{line})",
    "at com.shop.pos.Checkout.total(Checkout.java:88)",
    "at org.springframework.web.servlet.FrameworkServlet.service(FrameworkServlet.java:897)",
    "at com.shop.pos.Api.handle(Api.java:20)",
    "at com.shop.pos.Main.main(Main.java:5)",
]


def java_record(message: str, line: int, frames: list[str] | None = None) -> Record:
    frames = frames or [f.format(line=line) for f in JAVA_FRAMES]
    return Record(text=message, message=message, level="ERROR",
                  exception="java.lang.NullPointerException", frames=frames)


def test_stack_trace_key_ignores_message_and_line_numbers() -> None:
    a = record_fingerprint(java_record("NPE for product 1", 41), "NPE for product <*>")
    b = record_fingerprint(java_record("totally different text", 57), "other <*>")
    assert a == b
    assert a != template_fingerprint("NPE for product <*>")


def test_stack_trace_key_uses_the_top_app_frames_only() -> None:
    base = [f.format(line=1) for f in JAVA_FRAMES]
    other_app = base[:1] + ["at com.shop.pos.Refund.price(Refund.java:3)"] + base[2:]
    deeper = base[:5] + ["at com.shop.pos.Other.run(Other.java:1)"]
    key = record_fingerprint(java_record("x", 1, base), "x")
    assert record_fingerprint(java_record("x", 1, other_app), "x") != key
    assert record_fingerprint(java_record("x", 1, deeper), "x") == key  # beyond the top 3
    assert app_frames(base) == [
        "com.shop.pos.Cart.price(Cart.java)",
        "com.shop.pos.Checkout.total(Checkout.java)",
        "com.shop.pos.Api.handle(Api.java)",
    ]


def test_python_and_node_frames_lose_install_paths_and_line_numbers() -> None:
    assert normalise_frame('  File "/home/ann/pos/app/cart.py", line 42, in price') == (
        '"cart.py", in price'
    )
    assert normalise_frame("    at price (/srv/pos/src/cart.js:10:5)") == "price (cart.js)"
    frames_here = ['File "/opt/pos/app/cart.py", line 3, in price',
                   'File "/usr/lib/python3.11/json/decoder.py", line 337, in decode']
    frames_there = ['File "C:\\pos\\app\\cart.py", line 9, in price',
                    'File "/usr/lib/python3.11/json/decoder.py", line 340, in decode']
    here = Record(text="", message="", exception="KeyError", frames=frames_here)
    there = Record(text="", message="", exception="KeyError", frames=frames_there)
    assert record_fingerprint(here, "t") == record_fingerprint(there, "t")


def test_record_without_exception_uses_its_template() -> None:
    record = Record(text="Product 5 has no price", message="Product 5 has no price")
    assert record_fingerprint(record, "Product <*> has no price") == template_fingerprint(
        "Product <*> has no price"
    )

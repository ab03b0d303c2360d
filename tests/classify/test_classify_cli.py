"""``stacklens classify`` and ``stacklens train`` end to end (real files, real store)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import Connection
from sqlmodel import Session

from stacklens_desktop.cli.main import main

TRACE = (
    "2024-05-01 10:00:00,123 [http-nio-8080-exec-3] ERROR c.s.o.OrderService - Order failed\n"
    "java.lang.NullPointerException: Cannot invoke \"java.math.BigDecimal.add\" because "
    "\"total\" is null\n"
    "\tat com.shop.orders.OrderService.submit(OrderService.java:88)\n"
    "\tat com.shop.orders.api.OrderResource.create(OrderResource.java:41)"
)
SEED = ('2024-05-01 10:00:00.123 ERROR [till-07] pos.pricing: Product has no price | '
        'productId=999 productName="Premium Item" orderId=ORD-1001')
KEYS = {"severity", "error_type", "confidence", "fingerprint", "template", "root_cause",
        "resolution_steps"}


@pytest.fixture
def profile(model_data_dir: Path, tmp_path: Path) -> Path:
    """A fresh profile that already has the trained model (no retraining per test)."""
    base = tmp_path / "profile"
    shutil.copytree(model_data_dir / "models", base / "models")
    return base


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out = capsys.readouterr()
    return code, out.out, out.err


def test_classify_file_prints_one_object_per_record(
        profile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "records.jsonl"
    source.write_text(json.dumps(SEED) + "\n\n" + json.dumps(TRACE) + "\n", encoding="utf-8")
    code, out, _ = _run(["classify", str(source), "--data-dir", str(profile)], capsys)
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert len(rows) == 2 and all(set(r) == KEYS for r in rows)
    seed, trace = rows
    assert (seed["severity"], seed["error_type"]) == ("high", "data_validation")
    assert '"Premium Item" (ID 999)' in seed["root_cause"]
    assert trace["error_type"] == "null_reference"
    assert 0 < trace["confidence"] <= 1 and len(trace["fingerprint"]) == 16
    assert trace["resolution_steps"] and "{" not in " ".join(trace["resolution_steps"])


def test_classify_rejects_non_string_lines(
        profile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "bad.jsonl"
    source.write_text("[1, 2]\n", encoding="utf-8")
    code, _, err = _run(["classify", str(source), "--data-dir", str(profile)], capsys)
    assert code == 2 and "line 1" in err


def test_classify_says_why_a_line_is_not_json(
        profile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A JSON syntax error and an integer too long to convert (a plain ``ValueError``, no
    ``msg``) both end in one line naming the line and the reason, not a traceback."""
    for number, bad in ((1, '"unclosed\n'), (2, '"ok"\n' + "1" * 5000 + "\n")):
        source = tmp_path / "bad.jsonl"
        source.write_text(bad, encoding="utf-8")
        code, _, err = _run(["classify", str(source), "--data-dir", str(profile)], capsys)
        assert code == 2, err
        assert f"line {number}: not JSON (" in err and "Traceback" not in err
    assert "4300 digits" in err


def _store_correction(profile: Path, text: str, fingerprint: str) -> None:
    from stacklens_desktop.store import open_store
    from stacklens_desktop.store.models import Feedback

    store = open_store(profile)
    try:
        def add(conn: Connection) -> None:  # writes go through the store's one writer
            with Session(conn) as session:
                session.add(Feedback(fingerprint=fingerprint, severity="low", error_type="other",
                                     record_text=text, created_at="2024-05-01T10:00:00Z"))
                session.flush()

        store.write(add)
    finally:
        store.close()


def test_stored_correction_wins_in_classify_and_train_learns_it(
        profile: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "one.jsonl"
    source.write_text(json.dumps(TRACE) + "\n", encoding="utf-8")
    _, out, _ = _run(["classify", str(source), "--data-dir", str(profile)], capsys)
    before = json.loads(out)
    _store_correction(profile, TRACE, before["fingerprint"])
    _, out, _ = _run(["classify", str(source), "--data-dir", str(profile)], capsys)
    corrected = json.loads(out)
    assert (corrected["severity"], corrected["error_type"]) == ("low", "other")
    assert corrected["fingerprint"] == before["fingerprint"]

    code, out, _ = _run(["train", "--data-dir", str(profile)], capsys)
    assert code == 0
    assert "corrections used: 1" in out and "before: severity macro-F1" in out
    assert "after:  severity macro-F1" in out
    assert "corrections agreed with: before 0%, after 100%" in out

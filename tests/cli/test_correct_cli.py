"""A person's correction wins for that pattern: stored, shown, kept for later occurrences."""

from __future__ import annotations

import json
from pathlib import Path

from test_analyze_cli import SEED, stacklens, write_pos_log


def test_correction_wins_for_the_pattern_and_survives_new_occurrences(tmp_path: Path) -> None:
    log = tmp_path / "pos.log"
    write_pos_log(log)
    data = tmp_path / "p"
    doc = json.loads(stacklens("analyze", str(log), "--json", data_dir=data).stdout)
    seed = next(p for p in doc["patterns"] if "has no price" in p["template"])
    assert seed["severity"] == "high"
    result = stacklens("correct", seed["fingerprint"][:8], "--severity", "critical",
                       data_dir=data)
    assert result.returncode == 0, result.stderr
    with log.open("a") as out:
        out.write(SEED.format(s=3, n=777, pid=999, name="Premium Item"))
    doc = json.loads(stacklens("analyze", str(log), "--json", data_dir=data).stdout)
    seed = next(p for p in doc["patterns"] if "has no price" in p["template"])
    assert seed["severity"] == "critical"
    assert seed["error_type"] == "data_validation"  # the label left alone stays
    assert seed["confidence"] == 1.0
    assert seed["count"] == 12


def test_correcting_an_unknown_pattern_is_a_clear_usage_error(tmp_path: Path) -> None:
    result = stacklens("correct", "deadbeef", "--type", "network", data_dir=tmp_path / "p")
    assert result.returncode == 2
    assert "no pattern" in result.stderr

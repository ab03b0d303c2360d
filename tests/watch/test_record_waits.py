"""The per-source wait of open records: ``watch.json`` in the profile."""

from __future__ import annotations

from pathlib import Path

import pytest

from stacklens_desktop.watch.record_waits import RecordWaits, WaitSettingsError


def test_defaults_without_a_file(tmp_path: Path) -> None:
    assert RecordWaits.load(tmp_path).wait_for("/var/log/app.log") == 0.25


def test_per_source_waits_first_match_wins(tmp_path: Path) -> None:
    (tmp_path / "watch.json").write_text(
        '{"record_wait_ms": {"default": 100, "/srv/pos/err.log": 0, "/srv/pos/*.log": 1500}}')
    waits = RecordWaits.load(tmp_path)
    assert waits.wait_for("/srv/pos/err.log") == 0
    assert waits.wait_for("/srv/pos/till-7.log") == 1.5
    assert waits.wait_for("/var/log/syslog") == 0.1
    (tmp_path / "copy").mkdir()
    waits.save(tmp_path / "copy")
    assert RecordWaits.load(tmp_path / "copy") == waits


@pytest.mark.parametrize("text", ['{"record_wait_ms": {"default": -1}}',
                                  '{"record_wait_ms": {"/a.log": "fast"}}',
                                  '{"record_wait_ms": [250]}', "{not json"])
def test_bad_settings_say_what_is_wrong(tmp_path: Path, text: str) -> None:
    (tmp_path / "watch.json").write_text(text)
    with pytest.raises(WaitSettingsError, match="watch.json"):
        RecordWaits.load(tmp_path)

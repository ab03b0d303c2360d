"""The single writer: patterns the miner merged are folded into one row, events and all."""

from __future__ import annotations

from pathlib import Path

from stacklens_desktop.core.batch import Batch, EventRow, PatternDelta, SourcePosition
from stacklens_desktop.store import open_store, queries


def _event(fp: str, offset: int) -> EventRow:
    return EventRow(fp, "2026-11-25T10:00:00.000Z", "ERROR", "m", [], {}, "raw", offset, 1)


def _batch(fp: str, offset: int, merged: list[str] | None = None) -> Batch:
    delta = PatternDelta(fp, f"template {fp}", 1, "2026-11-25T10:00:00.000Z",
                         "2026-11-25T10:00:00.000Z", merged_from=list(merged or []))
    return Batch(SourcePosition("/x.log", offset + 1, 1), [_event(fp, offset)], {fp: delta})


def test_several_merged_patterns_fold_into_one_row(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.writer.write(_batch("aaaa", 0))
    store.writer.write(_batch("bbbb", 1))
    store.writer.write(_batch("cccc", 2, merged=["aaaa", "bbbb"]))
    patterns = queries.ranked_patterns(store.engine)
    assert [(p["fingerprint"], p["count"]) for p in patterns] == [("cccc", 3)]
    with store.engine.connect() as conn:
        owners = {row[0] for row in conn.exec_driver_sql("SELECT pattern_id FROM event")}
    assert owners == {patterns[0]["id"]}
    assert queries.stats(store.engine)["events"] == 3
    store.close()


def test_generalised_template_keeps_the_row_under_the_new_key(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    first = store.writer.write(_batch("old1", 0))
    store.writer.write(_batch("new1", 1, merged=["old1"]))
    patterns = queries.ranked_patterns(store.engine)
    assert [(p["id"], p["fingerprint"], p["count"]) for p in patterns] == [
        (first.patterns[0].pattern_id, "new1", 2)]
    store.close()

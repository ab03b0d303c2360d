"""An analyzer's template miner stays bounded on free text that never repeats."""

from __future__ import annotations

import random
import string

from stacklens_desktop.core.analyzer import Analyzer
from stacklens_desktop.core.formats import detect_format
from stacklens_desktop.core.scanner import RawRecord

SEED = ('2026-11-25T10:00:00.000Z [ERROR] Product has no price: {"orderId":"ORD-%d",'
        '"productId":999,"productName":"Premium Item"}')


def _free_text(count: int, rnd: random.Random) -> list[str]:
    words = ["".join(rnd.choice(string.ascii_lowercase) for _ in range(rnd.randint(4, 9)))
             for _ in range(3000)]
    return [f"2026-11-25T10:00:00.000Z [ERROR] {' '.join(rnd.sample(words, 8))}"
            for _ in range(count)]


def _raws(lines: list[str]) -> list[RawRecord]:
    return [RawRecord(line.encode(), n * 200, n + 1) for n, line in enumerate(lines)]


def test_miner_is_restarted_past_the_cap_and_patterns_keep_their_fingerprint() -> None:
    fmt = detect_format([SEED % 1])
    analyzer = Analyzer(fmt=fmt, judge=None, max_clusters=200)
    [before] = analyzer.prepare(_raws([SEED % 1]))
    peak = 0
    rnd = random.Random(3)
    for _ in range(10):
        analyzer.prepare(_raws(_free_text(300, rnd)))
        peak = max(peak, analyzer.miner.cluster_count)
    [after] = analyzer.prepare(_raws([SEED % 2]))
    assert peak <= 200 + 50  # checked every max_clusters // 4 records
    assert analyzer.miner.cluster_count < 200
    assert (after.fingerprint, after.template) == (before.fingerprint, before.template)
    assert after.params[:1] == ["orderId=ORD-2"]


def test_a_normal_log_never_restarts_the_miner() -> None:
    fmt = detect_format([SEED % 1])
    analyzer = Analyzer(fmt=fmt, judge=None, max_clusters=200)
    miner = analyzer.miner
    analyzer.prepare(_raws([SEED % n for n in range(5000)]))
    assert analyzer.miner is miner and miner.cluster_count == 1

"""What StackLens reads in one corpus file: the figures ``test_reallogs`` compares.

Run as a script to print them for every file (to review a change, or to record new
expectations after a deliberate one): ``.venv/bin/python -m tests.corpus.reallogs.observe``.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from stacklens_desktop.core.analyzer import Analyzer
from stacklens_desktop.core.formats import detect_format
from stacklens_desktop.core.reading import iter_chunks, open_log, read_text_sample
from stacklens_desktop.core.scanner import RecordScanner

HERE = Path(__file__).parent
EXPECTED = HERE / "expected.json"
#: year-less stamps take their year from this date (the files' own mtimes vary by checkout)
REFERENCE = date(2026, 12, 6)


def corpus_files() -> list[str]:
    return sorted(str(p.relative_to(HERE)) for p in HERE.glob("*/*.log"))


def observe(name: str) -> dict[str, object]:
    """Format, lines, records, their levels, first/last time and distinct patterns."""
    path = HERE / name
    fmt = detect_format(read_text_sample(path))
    analyzer = Analyzer(fmt=fmt, judge=None, reference=REFERENCE)
    scanner = RecordScanner(fmt)
    mined, lines = [], 0
    with open_log(path) as stream:
        for chunk in iter_chunks(stream):
            scanned = scanner.feed(chunk.offset, chunk.data)
            mined += analyzer.prepare(scanned.records)
            lines += scanned.lines
    tail = scanner.finish()
    mined += analyzer.prepare(tail.records)
    lines += tail.lines
    times = sorted(m.record.timestamp for m in mined if m.record.timestamp)
    return {
        "format": fmt.name,
        "lines": lines,
        "records": len(mined),
        "levels": sorted({m.record.level or "-" for m in mined}),
        "first": times[0] if times else None,
        "last": times[-1] if times else None,
        "patterns": len({m.fingerprint for m in mined}),
    }


if __name__ == "__main__":
    print(json.dumps({name: observe(name) for name in corpus_files()}, indent=1))

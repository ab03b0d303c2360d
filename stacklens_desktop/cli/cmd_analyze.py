"""``stacklens analyze FILE... [--json]``: import and analyze files, print ranked patterns."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from stacklens_desktop.cli.main import EXIT_OK, EXIT_USAGE, add_data_dir_argument
from stacklens_desktop.cli.profile import open_profile, profile_dir
from stacklens_desktop.cli.progress import ProgressBar
from stacklens_desktop.core.scanner import MAX_RECORD_BYTES
from stacklens_desktop.paths import database_path
from stacklens_desktop.scan_ahead import ScanAhead, ScanAheadError, start_scan_ahead
from stacklens_desktop.wording import plural

if TYPE_CHECKING:
    from stacklens_desktop.importer import ImportSummary

JSON_PATTERN_KEYS = (
    "fingerprint", "template", "count", "severity", "error_type", "confidence", "first_seen",
    "last_seen", "parameters_sample", "root_cause", "resolution_steps", "escalation",
    "escalation_reason",
)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("analyze", help="import log files and print error patterns")
    parser.add_argument("files", nargs="+", metavar="FILE", help="log files (plain or .gz)")
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    add_data_dir_argument(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    # first the file's scanning, in a forked child, so that it overlaps the imports below
    ahead = start_scan_ahead(Path(args.files[0]), database_path(profile_dir(args)))
    try:
        return _run(args, ahead)
    finally:
        if ahead is not None:
            ahead.close()


def _run(args: argparse.Namespace, first: ScanAhead | None) -> int:
    # the store (SQLAlchemy) and numpy are imported here, when the command runs
    from stacklens_desktop.core.reading import UnreadableFileError
    from stacklens_desktop.importer import import_file
    from stacklens_desktop.intelligence import build_judge
    from stacklens_desktop.store import queries

    base, store = open_profile(args)
    try:
        judge = build_judge(base, store.engine)
        summaries: list[ImportSummary] = []
        failed = False
        for index, name in enumerate(args.files):
            path = Path(name)
            ahead = first if index == 0 else start_scan_ahead(path, database_path(base))
            try:
                summaries.append(import_file(store, path, judge, ProgressBar(path.name), ahead))
            except (UnreadableFileError, ScanAheadError) as exc:
                print(f"stacklens analyze: {exc}", file=sys.stderr)
                failed = True
            finally:
                if ahead is not None:
                    ahead.close()
        source_ids = [s.source_id for s in summaries if s.source_id is not None]
        patterns = queries.ranked_patterns(store.engine, source_ids=source_ids) if source_ids \
            else []
        if args.json:
            print(json.dumps(_document(summaries, patterns), indent=2))
        else:
            _print_text(summaries, patterns)
    finally:
        store.close()
    return EXIT_USAGE if failed else EXIT_OK


def _document(summaries: list[ImportSummary], patterns: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "files": [s.path for s in summaries],
        "lines": sum(s.lines for s in summaries),
        "records": sum(s.records for s in summaries),
        "errors": sum(s.errors for s in summaries),
        "new_patterns": sum(s.new_patterns for s in summaries),
        "notes": [f"{s.path}: {note}" for s in summaries for note in import_notes(s)],
        "patterns": [{k: p[k] for k in JSON_PATTERN_KEYS} for p in patterns],
    }


def import_notes(summary: ImportSummary) -> list[str]:
    """What did not go as read: records cut at the size limit, a file that shrank."""
    notes = []
    if summary.cut_records:
        notes.append(f"{plural(summary.cut_records, 'record')} over {MAX_RECORD_BYTES // 1024} KiB "
                     "cut at that size (the rest of each is not analysed)")
    if summary.shrank:
        notes.append("the file shrank while it was read (truncated or replaced): "
                     "analyse it again to read what it holds now")
    return notes


def _print_text(summaries: list[ImportSummary], patterns: list[dict[str, Any]]) -> None:
    for s in summaries:
        resumed = f", resumed at byte {s.resumed_from}" if s.resumed_from else ""
        print(f"{s.path}: {s.lines} lines, {s.records} records, {s.errors} errors, "
              f"{s.new_patterns} new patterns (format {s.format_name}{resumed})")
        for note in import_notes(s):
            print(f"{s.path}: {note}")
    if not patterns:
        print("No error patterns.")
        return
    print()
    for p in patterns:
        print(f"[{p['severity'].upper()}] {p['error_type']} (confidence {p['confidence']:.2f}) "
              f"x{p['count']}  {p['fingerprint']}")
        print(f"    {p['template']}")
        if p["first_seen"] or p["last_seen"]:
            print(f"    first seen {p['first_seen']}, last seen {p['last_seen']}")
        if p["escalation"]:
            print(f"    Escalated to {p['escalation']}: {p['escalation_reason']}")
        if p["root_cause"]:
            print(f"    Root cause: {p['root_cause']}")
        for number, step in enumerate(p["resolution_steps"], 1):
            print(f"      {number}. {step}")
        print()

"""``stacklens classify [FILE]``: severity, type and explanation of each JSON-string record.

Input (FILE or stdin): JSON lines, each a JSON string holding one whole raw log record (it
may contain newlines, e.g. a stack trace); a JSON object with a ``text`` key is accepted
too. Output: one JSON object per record with ``severity``, ``error_type``, ``confidence``,
``fingerprint``, ``template``, ``root_cause`` and ``resolution_steps``. Stored corrections
(feedback) for a record's fingerprint win over the model.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, BinaryIO

from stacklens_desktop.core.fingerprint import record_fingerprint
from stacklens_desktop.core.mining import TemplateMiner
from stacklens_desktop.core.record import Record
from stacklens_desktop.paths import data_dir, model_cache_dir

if TYPE_CHECKING:  # numpy and the model load only when the command runs
    from stacklens_desktop.core.classify import Overrides, Predictor

BATCH = 512


def register(subparsers: argparse._SubParsersAction) -> None:
    from stacklens_desktop.cli.main import add_data_dir_argument

    parser = subparsers.add_parser(
        "classify", help="classify and explain records given as JSON strings, one per line")
    parser.add_argument("file", nargs="?", help="JSON-lines file (default: stdin)")
    add_data_dir_argument(parser)
    parser.set_defaults(func=run)


def read_texts(stream: BinaryIO) -> Iterator[str]:
    """The records of the input, in order; a line that is not UTF-8 JSON holding a record
    stops the reading with a :class:`UsageError` saying which line and why."""
    from stacklens_desktop.cli.main import UsageError

    for number, raw in enumerate(stream, 1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise UsageError(f"line {number}: not UTF-8 (byte 0x{raw[exc.start]:02x} at "
                             f"column {exc.start + 1})") from None
        if not line.strip():
            continue
        try:
            value = json.loads(line)
        except ValueError as exc:  # JSONDecodeError, or a plain one (an over-long integer)
            reason = exc.msg if isinstance(exc, json.JSONDecodeError) else str(exc)
            raise UsageError(f"line {number}: not JSON ({reason})") from None
        if isinstance(value, dict) and isinstance(value.get("text"), str):
            value = value["text"]
        if not isinstance(value, str):
            raise UsageError(f"line {number}: expected a JSON string holding one record")
        if not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise UsageError(f"line {number}: the record holds an unpaired surrogate "
                                 "escape (not text)") from None
        yield value


def _batches(texts: Iterator[str]) -> Iterator[list[str]]:
    """Batches of records; the records read before a bad line are still handed on (their
    verdicts are printed) before its error."""
    from stacklens_desktop.cli.main import UsageError

    batch: list[str] = []
    try:
        for text in texts:
            batch.append(text)
            if len(batch) >= BATCH:
                yield batch
                batch = []
    except UsageError:
        if batch:
            yield batch
        raise
    if batch:
        yield batch


def describe_batch(records: list[Record], miner: TemplateMiner, model: Predictor,
                   overrides: Overrides) -> list[dict[str, object]]:
    from stacklens_desktop.core.explain import explain

    out = []
    for record, prediction in zip(records, model.predict(records), strict=True):
        mined = miner.add(record.message or record.text.split("\n", 1)[0])
        fingerprint = record_fingerprint(record, mined.template)
        prediction = overrides.apply(fingerprint, prediction)
        explanation = explain(mined.template, prediction.error_type, mined.parameters,
                              record.fields, record)
        out.append({"severity": prediction.severity, "error_type": prediction.error_type,
                    "confidence": prediction.confidence, "fingerprint": fingerprint,
                    "template": mined.template, "root_cause": explanation.root_cause,
                    "resolution_steps": explanation.resolution_steps})
    return out


def run(args: argparse.Namespace) -> int:
    from stacklens_desktop.cli.cmd_train import stored_overrides
    from stacklens_desktop.cli.main import UsageError
    from stacklens_desktop.core.classify import Overrides, load_predictor, record_from_text

    base = data_dir(args.data_dir)
    try:
        stream = open(args.file, "rb") if args.file else sys.stdin.buffer  # noqa: SIM115
    except OSError as exc:
        raise UsageError(f"cannot read {args.file}: {exc.strerror}") from None
    model = load_predictor(model_cache_dir(base))
    overrides = Overrides(stored_overrides(base))
    miner = TemplateMiner()
    try:
        for batch in _batches(read_texts(stream)):
            records = [record_from_text(text) for text in batch]
            for row in describe_batch(records, miner, model, overrides):
                print(json.dumps(row, ensure_ascii=False), flush=False)
            sys.stdout.flush()  # the verdicts made stay printed whatever comes next
    except BrokenPipeError:  # the reader went away (``| head``): not an error
        sys.stderr.close()
    finally:
        if stream is not sys.stdin.buffer:
            stream.close()
    return 0

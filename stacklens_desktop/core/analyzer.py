"""From raw records to a store batch: parse, mine, fingerprint, classify, explain.

Classification and explanation run once per pattern (the first time this analyzer meets it),
never per event: a flood of one error costs a dict lookup per record.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from stacklens_desktop.core.batch import Batch, EventRow, PatternDelta, SourcePosition
from stacklens_desktop.core.escalation.activity import note
from stacklens_desktop.core.fingerprint import record_fingerprint
from stacklens_desktop.core.formats import GENERIC, LogFormat, parse_any
from stacklens_desktop.core.formats.detect import strip_ansi
from stacklens_desktop.core.mining import TemplateMiner
from stacklens_desktop.core.record import WARN_RANK, Record
from stacklens_desktop.core.scanner import RawRecord
from stacklens_desktop.core.scrub import Scrubber, scrubber_for
from stacklens_desktop.core.scrub.rules import DEFAULT_RULES
from stacklens_desktop.core.stacktrace import find_exception, find_frames
from stacklens_desktop.core.times import stored_time

log = logging.getLogger("stacklens.analyzer")

#: Clusters one analyzer's miner may hold (about 5 KB each): free-text error messages that
#: never repeat would otherwise grow a long watch session's memory without bound.
MAX_CLUSTERS = 10_000

#: Records below WARN are kept only when the classifier judges them this severe.
SEVERE_ENOUGH = ("critical", "high")


@dataclass(slots=True)
class Judgement:
    """Severity, type and explanation of one pattern, decided once."""

    severity: str
    error_type: str
    confidence: float
    root_cause: str | None
    resolution_steps: list[str]


class PatternJudge:
    """Classifies and explains representative records of new patterns, in batches."""

    def __init__(self, predict: Callable[[Sequence[Record]], list], explain: Callable) -> None:
        self._predict = predict
        self._explain = explain

    def judge(self, items: list[tuple[Record, str, list[str]]]) -> list[Judgement]:
        """``items``: (representative record, template, parameters) per new pattern."""
        if not items:
            return []
        predictions = self._predict([record for record, _, _ in items])
        out: list[Judgement] = []
        for (record, template, params), pred in zip(items, predictions, strict=True):
            expl = self._explain(template, pred.error_type, params, record.fields, record)
            out.append(Judgement(pred.severity, pred.error_type, float(pred.confidence),
                                 expl.root_cause, list(expl.resolution_steps)))
        return out


def to_record(raw: RawRecord, fmt: LogFormat | None, scrub: Scrubber | None = None,
              reference: date | None = None) -> Record:
    """Decode and parse one raw record (header of its first line, stack trace of the rest),
    then scrub its secrets (before anything mines, stores or shows it).

    ANSI colour and terminal codes are dropped. ``reference``: the date that gives year-less
    stamps their year (see ``core.times``); a stamp with a zone is stored in UTC with the
    offset it was written with in ``fields["utc_offset"]``.
    """
    text = raw.data.decode("utf-8", errors="replace").replace("\r", "").lstrip("\ufeff")
    if "\x1b" in text:
        text = strip_ansi(text)
    first, _, _ = text.partition("\n")
    header = parse_any(first, fmt)
    if not header.message and "\n" in text:  # the message is on a line below
        header = (fmt or GENERIC).complete(header, text)
    # a record is a stack trace when it has frames: only then does its exception class key
    # the fingerprint (a message that merely names an exception keeps its template's key)
    frames = find_frames(text) if "\n" in text else []
    exception = find_exception(text) if frames else None
    # not fields["host"]: in nginx and web logs that is the HTTP Host header, not the machine
    host = header.host or _str_or_none(header.fields.get("hostname"))
    fields = dict(header.fields)
    timestamp, offset = stored_time(header.timestamp, reference)
    if offset is not None:
        fields["utc_offset"] = offset
    return (scrub or scrubber_for(DEFAULT_RULES)).record(Record(
        text=text, message=header.message, level=header.level, timestamp=timestamp,
        source=header.source, host=host, fields=fields, exception=exception,
        frames=frames, line_no=raw.line_no, offset=raw.offset,
        end_offset=raw.offset + len(raw.data),
    ))


#: Structured fields become parameters too (``productId=999``): in the POS format the message
#: is fixed ("Product has no price") and the varying values live in the JSON payload.
MAX_PAYLOAD_PARAMETERS = 8
MAX_PARAMETER_CHARS = 80
#: A tuple, not ``str | int | ...``: isinstance with a union type is several times slower.
_SCALARS = (str, int, float, bool)


def payload_parameters(fields: dict) -> list[str]:
    out: list[str] = []
    for key, value in fields.items():
        if isinstance(value, _SCALARS):
            text = f"{key}={value}"
            out.append(text if len(text) <= MAX_PARAMETER_CHARS else text[:MAX_PARAMETER_CHARS])
            if len(out) >= MAX_PAYLOAD_PARAMETERS:
                break
    return out


def _str_or_none(value: object) -> str | None:
    return None if value is None else str(value)


@dataclass(slots=True)
class Mined:
    """A parsed and mined record, before judging (what a scanning process hands over)."""

    record: Record
    template: str
    params: list[str]
    fingerprint: str
    merged_from: tuple[str, ...] = ()


def _fold_merged(batch: Batch, delta: PatternDelta, merged: tuple[str, ...]) -> None:
    """The miner merged patterns mid-batch: earlier rows of this batch move to the new key,
    and the store is told to fold the stored ones (rare: merges happen while a log is young)."""
    for old in merged:
        if old == delta.fingerprint:
            continue
        if old not in delta.merged_from:
            delta.merged_from.append(old)
        folded = batch.patterns.pop(old, None)
        if folded is None:
            continue
        delta.count += folded.count
        delta.activity.merge(folded.activity)
        delta.merged_from.extend(f for f in folded.merged_from if f not in delta.merged_from)
        for times in (folded.first_seen, folded.last_seen):
            if times:
                delta.first_seen = min(delta.first_seen or times, times)
                delta.last_seen = max(delta.last_seen or times, times)
        for event in batch.events:
            if event.fingerprint == old:
                event.fingerprint = delta.fingerprint


@dataclass
class Analyzer:
    """Stateful per source (or per import): the miner and the judged patterns live here."""

    fmt: LogFormat | None
    #: None where only :meth:`prepare` runs (a scanning process)
    judge: PatternJudge | None
    miner: TemplateMiner = field(default_factory=TemplateMiner)
    judged: dict[str, Judgement] = field(default_factory=dict)
    records_seen: int = 0
    max_clusters: int = MAX_CLUSTERS
    #: the date that gives year-less stamps their year (file mtime on import, today live)
    reference: date | None = None
    #: (template, exception, frames) → fingerprint: hashing is per distinct shape, not per line
    _fingerprints: dict[tuple, str] = field(default_factory=dict)
    #: secrets are scrubbed from each record before it is mined or stored
    scrubber: Scrubber = field(default_factory=lambda: scrubber_for(DEFAULT_RULES))

    def analyze(self, raws: Sequence[RawRecord], position: SourcePosition | None) -> Batch:
        return self.build(self.prepare(raws), position)

    def prepare(self, raws: Sequence[RawRecord]) -> list[Mined]:
        """Parse and mine: needs neither the judge nor the store, so another process may do
        it (see :mod:`stacklens_desktop.scan_ahead`) as long as one analyzer sees the whole
        file in order."""
        fmt, mine, scrub, reference = self.fmt, self._mine, self.scrubber, self.reference
        step = max(1, min(4096, self.max_clusters // 4))
        out: list[Mined] = []
        for start in range(0, len(raws), step):
            out += [mine(to_record(raw, fmt, scrub, reference))
                    for raw in raws[start : start + step]]
            self._bound_miner()
        return out

    def _bound_miner(self) -> None:
        """Past the cap, start a fresh miner. Fingerprints come from templates, so a message
        seen again lands in its pattern as before (the store folds by fingerprint); what is
        lost is only the miner's memory of rare one-off messages."""
        if self.miner.cluster_count <= self.max_clusters:
            return
        log.warning("template miner reached %d clusters (free-text messages that do not "
                    "repeat); starting a fresh one", self.miner.cluster_count)
        self.miner = TemplateMiner(self.miner.config)
        self._fingerprints.clear()

    def build(self, pending: Sequence[Mined], position: SourcePosition | None) -> Batch:
        """Judge the new patterns and build the store batch."""
        self.records_seen += len(pending)
        self._follow_merges(pending)
        self._judge_new(pending)
        batch = Batch(position=position)
        judged, add = self.judged, self._add
        for item in pending:
            verdict = judged[item.fingerprint]
            if item.record.level_rank < WARN_RANK and verdict.severity not in SEVERE_ENOUGH:
                continue
            add(batch, item, verdict)
        return batch

    def to_record(self, raw: RawRecord) -> Record:
        return to_record(raw, self.fmt, self.scrubber, self.reference)

    def _mine(self, record: Record) -> Mined:
        result = self.miner.add(record.message)
        key = (result.template, record.exception, tuple(record.frames))
        fingerprint = self._fingerprints.get(key)
        if fingerprint is None:
            if len(self._fingerprints) > 50_000:
                self._fingerprints.clear()
            fingerprint = self._fingerprints[key] = record_fingerprint(record, result.template)
        # a stack trace keeps its own key: only template-keyed patterns follow the miner's merges
        merged = result.merged_from if fingerprint == result.fingerprint else ()
        params = result.parameters + payload_parameters(record.fields)  # a new list
        return Mined(record, result.template, params, fingerprint, merged)

    def _follow_merges(self, pending: Sequence[Mined]) -> None:
        """A pattern the miner merged into another keeps its verdict under the new key."""
        judged = self.judged
        for item in pending:
            for old in item.merged_from:
                if old in judged and item.fingerprint not in judged:
                    judged[item.fingerprint] = judged.pop(old)

    def _judge_new(self, pending: Sequence[Mined]) -> None:
        new: dict[str, Mined] = {}
        for item in pending:
            if item.fingerprint not in self.judged and item.fingerprint not in new:
                new[item.fingerprint] = item
        items = [(p.record, p.template, p.params) for p in new.values()]
        assert self.judge is not None, "an analyzer without a judge only prepares"
        for fp, verdict in zip(new, self.judge.judge(items), strict=True):
            self.judged[fp] = verdict

    def _add(self, batch: Batch, item: Mined, verdict: Judgement) -> None:
        rec = item.record
        when = rec.timestamp
        raw = rec.text
        # positional: EventRow(fingerprint, time, level, message, parameters, fields, raw,
        # offset, line_no), a hot line
        batch.events.append(EventRow(item.fingerprint, when, rec.level, rec.message,
                                     item.params, rec.fields, raw, rec.offset, rec.line_no))
        delta = batch.patterns.get(item.fingerprint)
        if delta is None:
            delta = PatternDelta(
                fingerprint=item.fingerprint, template=item.template, count=0,
                first_seen=when, last_seen=when, level=rec.level, exception=rec.exception,
                sample_text=raw, host=rec.host, severity=verdict.severity,
                error_type=verdict.error_type, confidence=verdict.confidence,
                root_cause=verdict.root_cause, resolution_steps=verdict.resolution_steps,
            )
            batch.patterns[item.fingerprint] = delta
        if item.merged_from:
            _fold_merged(batch, delta, item.merged_from)
        delta.count += 1
        if when:  # min/max by hand: same result, half the cost on this hot line
            note(delta.activity, rec, when)
            first, last = delta.first_seen, delta.last_seen
            if not first or when < first:
                delta.first_seen = when
            if not last or when > last:
                delta.last_seen = when
        if item.params and len(delta.parameters) < 10 and item.params not in delta.parameters:
            delta.parameters.append(item.params)

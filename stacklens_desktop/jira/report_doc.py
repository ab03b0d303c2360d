"""The ticket description and the follow-up comment as :mod:`document` blocks.

Sizes are budgeted well below Jira's 32,767-character limit for rich-text fields (it is not
documented whether Cloud counts the ADF JSON or the text).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from stacklens_desktop import __version__
from stacklens_desktop.jira.document import (
    Block,
    BulletList,
    CodeBlock,
    Heading,
    OrderedList,
    Rule,
    Span,
    field_line,
    para,
)
from stacklens_desktop.jira.report import OccurrenceUpdate, TicketReport

MAX_SAMPLES = 10
MAX_SAMPLE_CHARS = 500
MAX_TRACE_CHARS = 8000
MAX_TEMPLATE_CHARS = 1000
MAX_PARAM_VALUES = 10


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def clip_middle(text: str, limit: int) -> str:
    """Keep the head and the tail of a long trace (the cause is often at the end)."""
    if len(text) <= limit:
        return text
    half = (limit - 40) // 2
    return f"{text[:half]}\n… [{len(text) - 2 * half} characters omitted] …\n{text[-half:]}"


def when(moment: datetime | None) -> str:
    return moment.isoformat(sep=" ", timespec="seconds") if moment else "unknown"


def description_blocks(report: TicketReport) -> list[Block]:
    blocks: list[Block] = [Heading("StackLens error analysis", 2), BulletList(_facts(report))]
    samples = [clip(s.rstrip("\n"), MAX_SAMPLE_CHARS) for s in report.samples[:MAX_SAMPLES]]
    if samples:
        blocks += [Heading("Sample log lines", 3), CodeBlock("\n".join(samples))]
    if report.stack_trace and report.stack_trace.strip():
        trace = clip_middle(report.stack_trace.rstrip(), MAX_TRACE_CHARS)
        blocks += [Heading("Stack trace", 3), CodeBlock(trace)]
    if report.parameters_sample:
        blocks += [Heading("Parameter values seen", 3), _params(report.parameters_sample)]
    blocks += [Heading("Root cause", 3), para(report.root_cause or "Not determined yet.")]
    steps = [s for s in report.resolution_steps if s.strip()]
    if steps:
        blocks += [Heading("Resolution steps", 3), OrderedList(tuple((Span(s),) for s in steps))]
    blocks += [Rule(), _footer(report.fingerprint)]
    return blocks


def _facts(report: TicketReport) -> tuple[tuple[Span, ...], ...]:
    facts = [
        field_line("Severity", report.severity.upper()),
        field_line("Type", report.error_type),
        field_line("Confidence", f"{report.confidence:.0%}"),
        field_line("Pattern", clip(report.template, MAX_TEMPLATE_CHARS), code=True),
        field_line("Occurrences", str(report.count)),
        field_line("First seen", when(report.first_seen)),
        field_line("Last seen", when(report.last_seen)),
    ]
    if report.source_path:
        facts.append(field_line("Source file", report.source_path, code=True))
    if report.host:
        facts.append(field_line("Host", report.host))
    return tuple(facts)


def _params(values: Mapping[str, Sequence[str]]) -> BulletList:
    items = []
    for name, seen in values.items():
        shown = ", ".join(clip(v, 120) for v in list(seen)[:MAX_PARAM_VALUES]) or "-"
        items.append(field_line(name, shown))
    return BulletList(tuple(items))


def _footer(fingerprint: str) -> Block:
    return para(
        Span(f"Filed by StackLens {__version__}", bold=True),
        " (automatic error analysis). Dedupe label: ",
        Span(f"stacklens-{fingerprint}", code=True),
    )


def comment_blocks(update: OccurrenceUpdate) -> list[Block]:
    """The throttled follow-up comment (or the regression notice)."""
    title = "Regression: the error occurred again" if update.regression else "New occurrences"
    if update.escalation and not update.regression:
        title = update.escalation[:1].upper() + update.escalation[1:]
    facts = [
        field_line("Occurrences since last update", str(update.count_since_last)),
        field_line("Total occurrences", str(update.total_count)),
        field_line("Last seen", when(update.last_seen)),
    ]
    if update.first_seen_since_last:
        facts.insert(1, field_line("First of these", when(update.first_seen_since_last)))
    blocks: list[Block] = [Heading(title, 3), BulletList(tuple(facts))]
    fresh = {k: v for k, v in update.new_parameter_values.items() if v}
    if fresh:
        blocks += [para(Span("New parameter values:", bold=True)), _params(fresh)]
    samples = [clip(s.rstrip("\n"), MAX_SAMPLE_CHARS) for s in update.samples[:3]]
    if samples:
        blocks.append(CodeBlock("\n".join(samples)))
    blocks.append(para(Span("Updated by StackLens", bold=True)))
    return blocks

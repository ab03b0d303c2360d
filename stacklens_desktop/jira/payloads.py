"""Request bodies for tickets: summary, labels, description, create fields, comments.

Every piece of text passes through the scrubber (:mod:`stacklens_desktop.core.scrub`) here,
before any renderer sees it, so no code path can send an unredacted sample to Jira. Records
were scrubbed before they were stored; this is the second pass, on what is rendered. Values
in the parameter table are judged with their field name (``password`` → hidden).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from dataclasses import replace as dc_replace
from typing import Any

from stacklens_desktop.core.scrub import DEFAULT_RULES, Scrubber, ScrubRules, scrubber_for
from stacklens_desktop.jira.adf import to_adf
from stacklens_desktop.jira.custom_fields import custom_field_value, resolve_field
from stacklens_desktop.jira.document import Block
from stacklens_desktop.jira.models import CreateField, Deployment, FieldInfo
from stacklens_desktop.jira.report import OccurrenceUpdate, TicketReport, map_text, map_update_text
from stacklens_desktop.jira.report_doc import comment_blocks, description_blocks
from stacklens_desktop.jira.wiki import to_wiki

MAX_SUMMARY = 254
MAX_LABEL = 255
LABEL_PREFIX = "stacklens"
DEFAULT_PRIORITIES: Mapping[str, str] = {
    "critical": "Highest",
    "high": "High",
    "medium": "Medium",
    "low": "Low",
}


@dataclass(frozen=True)
class TicketOptions:
    """Where and how tickets are filed (from settings; never holds the token)."""

    project_key: str
    issue_type: str = "Bug"  # name or id
    priority_map: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_PRIORITIES))
    assignee: str | None = None  # Cloud accountId / DC user name
    components: Sequence[str] = ()
    custom_fields: Mapping[str, str] = field(default_factory=dict)  # name or id -> template
    extra_labels: Sequence[str] = ()
    redact_emails: bool = True
    #: extra keys and patterns from settings (e-mails follow ``redact_emails``)
    scrub_rules: ScrubRules = DEFAULT_RULES

    @property
    def scrubber(self) -> Scrubber:
        return _scrubber(self.redact_emails, self.scrub_rules)


@dataclass
class CreatePayload:
    """The create body plus what was left out and why (for the automation log)."""

    body: dict[str, Any]
    dropped: list[str] = field(default_factory=list)
    missing_required: list[str] = field(default_factory=list)


def dedupe_label(fingerprint: str) -> str:
    return sanitize_label(f"{LABEL_PREFIX}-{fingerprint}")


def sanitize_label(text: str) -> str:
    """Labels may not contain whitespace; keep them to a conservative character set."""
    label = re.sub(r"[^A-Za-z0-9_.:-]+", "-", text.strip()).strip("-")
    return label[:MAX_LABEL]


def build_labels(report: TicketReport, extra: Sequence[str] = ()) -> list[str]:
    labels = [
        LABEL_PREFIX,
        dedupe_label(report.fingerprint),
        sanitize_label(f"severity-{report.severity.lower()}"),
        sanitize_label(f"type-{report.error_type.lower()}"),
    ]
    labels += [sanitize_label(x) for x in extra]
    return list(dict.fromkeys(x for x in labels if x))


def _scrubber(emails: bool, rules: ScrubRules = DEFAULT_RULES) -> Scrubber:
    return scrubber_for(rules if rules.emails == emails else dc_replace(rules, emails=emails))


def scrub_parameters(values: Mapping[str, Sequence[str]], scrub: Scrubber
                     ) -> dict[str, tuple[str, ...]]:
    """Parameter names and values, each value judged beside its name."""
    return {scrub.text(name): tuple(scrub.pair(name, v) for v in vals)
            for name, vals in values.items()}


def build_summary(report: TicketReport, *, emails: bool = True,
                  rules: ScrubRules = DEFAULT_RULES) -> str:
    """``[HIGH] data_validation: <message>``: one line, at most 254 characters."""
    text = _scrubber(emails, rules).text(report.headline or report.template)
    text = " ".join(text.split())
    summary = f"[{report.severity.upper()}] {report.error_type}: {text}"
    return summary if len(summary) <= MAX_SUMMARY else summary[: MAX_SUMMARY - 1] + "…"


def render(blocks: Sequence[Block], deployment: Deployment) -> dict[str, Any] | str:
    """ADF document on Cloud (v3), wiki-markup string on Data Center (v2)."""
    return to_adf(blocks) if deployment is Deployment.CLOUD else to_wiki(blocks)


def redacted_report(report: TicketReport, *, emails: bool = True,
                    rules: ScrubRules = DEFAULT_RULES) -> TicketReport:
    scrub = _scrubber(emails, rules)
    clean = map_text(report, scrub.text)
    return dc_replace(clean, parameters_sample=scrub_parameters(report.parameters_sample, scrub))


def build_description(report: TicketReport, deployment: Deployment, *, emails: bool = True,
                      rules: ScrubRules = DEFAULT_RULES) -> Any:
    clean = redacted_report(report, emails=emails, rules=rules)
    return render(description_blocks(clean), deployment)


def build_comment(update: OccurrenceUpdate, deployment: Deployment, *, emails: bool = True,
                  rules: ScrubRules = DEFAULT_RULES) -> Any:
    """The body value of an occurrence-summary comment."""
    scrub = _scrubber(emails, rules)
    clean = map_update_text(update, scrub.text)
    params = scrub_parameters(update.new_parameter_values, scrub)
    return render(comment_blocks(dc_replace(clean, new_parameter_values=params)), deployment)


def build_create_payload(
    report: TicketReport,
    options: TicketOptions,
    deployment: Deployment,
    *,
    issue_type_id: str | None = None,
    create_fields: Mapping[str, CreateField] | None = None,
    field_infos: Sequence[FieldInfo] = (),
) -> CreatePayload:
    """The ``IssueUpdateDetails`` body of ``POST /issue``.

    With ``create_fields`` (createmeta of the project + issue type), optional fields that are
    not on the create screen are left out and listed in ``dropped``; required fields without a
    default that StackLens cannot fill are listed in ``missing_required``.
    """
    clean = redacted_report(report, emails=options.redact_emails, rules=options.scrub_rules)
    issuetype = {"id": issue_type_id} if issue_type_id else _by_name_or_id(options.issue_type)
    fields: dict[str, Any] = {
        "project": {"key": options.project_key},
        "issuetype": issuetype,
        "summary": build_summary(clean, emails=options.redact_emails, rules=options.scrub_rules),
        "description": render(description_blocks(clean), deployment),
        "labels": build_labels(clean, options.extra_labels),
    }
    optional = _optional_fields(clean, options, deployment, create_fields, field_infos)
    payload = CreatePayload(body={"fields": fields})
    for field_id, value in optional.items():
        if create_fields is not None and not _settable(field_id, value, create_fields):
            payload.dropped.append(field_id)
            continue
        fields[field_id] = value
    if create_fields is not None:
        for field_id in ("description", "labels"):
            if field_id not in create_fields:
                payload.dropped.append(field_id)
                fields.pop(field_id)
        payload.missing_required = [
            f.name or f.field_id
            for f in create_fields.values()
            if f.required and not f.has_default and f.field_id not in fields
        ]
    return payload


def _optional_fields(
    report: TicketReport,
    options: TicketOptions,
    deployment: Deployment,
    create_fields: Mapping[str, CreateField] | None,
    field_infos: Sequence[FieldInfo],
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    priority = options.priority_map.get(report.severity.lower())
    if priority:
        out["priority"] = {"name": priority}
    if options.assignee:
        key = "accountId" if deployment is Deployment.CLOUD else "name"
        out["assignee"] = {key: options.assignee}
    if options.components:
        out["components"] = [_by_name_or_id(c) for c in options.components]
    for wanted, template in options.custom_fields.items():
        info = resolve_field(wanted, field_infos, create_fields)
        if info is not None:
            value = custom_field_value(info, _fill(template, report), deployment)
            if value is not None:
                out[info.id] = value
    return out


def _settable(field_id: str, value: Any, create_fields: Mapping[str, CreateField]) -> bool:
    """On the create screen, and (for priority) a value the scheme allows."""
    meta = create_fields.get(field_id)
    if meta is None:
        return False
    if field_id == "priority" and meta.allowed_names:
        return value.get("name") in meta.allowed_names
    return True


def _by_name_or_id(value: str) -> dict[str, str]:
    return {"id": value} if value.isdigit() else {"name": value}


class _Blank(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


def _fill(template: str, report: TicketReport) -> str:
    """Expand ``{fingerprint}``, ``{severity}`` ... in a custom-field value template."""
    values = _Blank(
        fingerprint=report.fingerprint,
        severity=report.severity,
        error_type=report.error_type,
        confidence=f"{report.confidence:.2f}",
        count=str(report.count),
        host=report.host,
        source_path=report.source_path,
        template=report.template,
        root_cause=report.root_cause,
    )
    try:
        return template.format_map(values)
    except (ValueError, IndexError, AttributeError):
        return template

"""Ticket payloads: summary, labels, ADF / wiki descriptions, createmeta-aware fields."""

from __future__ import annotations

import dataclasses
import json
from datetime import datetime

import jira_contract
import pytest

from stacklens_desktop.jira.adf import to_adf
from stacklens_desktop.jira.document import BulletList, CodeBlock, Heading, Span, para
from stacklens_desktop.jira.models import CreateField, Deployment, FieldInfo
from stacklens_desktop.jira.payloads import (
    TicketOptions,
    build_comment,
    build_create_payload,
    build_description,
    build_labels,
    build_summary,
)
from stacklens_desktop.jira.report import OccurrenceUpdate, TicketReport
from stacklens_desktop.jira_sandbox.adf_check import structural_problems

needs_schema = pytest.mark.skipif(not jira_contract.available(), reason="shared schemas absent")


def test_summary_format(report: TicketReport) -> None:
    assert build_summary(report) == (
        '[HIGH] data_validation: Product "Premium Item" (ID 999) has no price'
    )


def test_summary_is_one_line_and_at_most_254_chars(report: TicketReport) -> None:
    long = dataclasses.replace(report, headline="line one\nline two\r\n" + "x" * 400)
    summary = build_summary(long)
    assert len(summary) <= 254
    assert "\n" not in summary and "\r" not in summary
    assert summary.startswith("[HIGH] data_validation: line one line two")


def test_summary_falls_back_to_template_and_is_redacted(report: TicketReport) -> None:
    text = dataclasses.replace(report, headline="charge failed for 4111111111111111")
    assert "4111111111111111" not in build_summary(text)
    assert build_summary(dataclasses.replace(report, headline="")).endswith(report.template)


def test_labels_have_no_spaces(report: TicketReport) -> None:
    odd = dataclasses.replace(report, severity="High", error_type="data validation / price")
    labels = build_labels(odd, extra=["team pos"])
    assert labels[:2] == ["stacklens", "stacklens-3a9c0f12d4"]
    assert "severity-high" in labels and "team-pos" in labels
    assert all(" " not in label and 0 < len(label) <= 255 for label in labels)


@needs_schema
def test_description_adf_is_valid_and_complete(report: TicketReport) -> None:
    doc = build_description(report, Deployment.CLOUD)
    jira_contract.adf_validator().validate(doc)
    text = json.dumps(doc)
    for expected in (
        "HIGH",
        "data_validation",
        "87%",
        "12",
        "2025-03-01 09:15:00",
        "/var/log/pos/store-12/pos.log",
        "pos-store-12",
        "KeyError",
        "Root cause",
        "Re-sync the catalog",
        "Filed by StackLens",
        "codeBlock",
        "orderedList",
    ):
        assert expected in text, expected


def test_description_never_contains_card_numbers_or_emails(report: TicketReport) -> None:
    for deployment in Deployment:
        text = json.dumps(build_description(report, deployment), ensure_ascii=False)
        assert "4111 1111 1111 1111" not in text and "5500-0000-0000-0004" not in text
        assert "[card ••••1111]" in text
        assert "jane.doe@example.com" not in text


def test_wiki_description_escapes_markup_and_fences_code(report: TicketReport) -> None:
    nasty = dataclasses.replace(
        report,
        root_cause="use *stars* and [links|http://x] and {code}",
        stack_trace="line {noformat} inside\nmore",
    )
    wiki = build_description(nasty, Deployment.DATA_CENTER)
    assert isinstance(wiki, str)
    assert r"use \*stars\* and \[links\|http://x\] and \{code\}" in wiki
    assert wiki.count("{noformat}") % 2 == 0
    assert "h2. StackLens error analysis" in wiki
    assert "# Open the catalog admin" in wiki


@needs_schema
@pytest.mark.parametrize("regression", [False, True])
def test_comment_bodies(regression: bool) -> None:
    update = OccurrenceUpdate(
        fingerprint="3a9c0f12d4",
        count_since_last=41,
        total_count=53,
        last_seen=datetime(2025, 3, 1, 12, 0, 0),
        new_parameter_values={"product": ["Deluxe Item"], "id": ["1001"]},
        samples=["ERROR paid with 4111-1111-1111-1111"],
        regression=regression,
    )
    doc = build_comment(update, Deployment.CLOUD)
    jira_contract.adf_validator().validate(doc)
    jira_contract.spec_validator("Comment").validate({"body": doc})
    text = json.dumps(doc)
    assert "41" in text and "53" in text and "Deluxe Item" in text
    assert "4111-1111-1111-1111" not in text
    assert ("Regression" in text) is regression
    wiki = build_comment(update, Deployment.DATA_CENTER)
    assert "Deluxe Item" in wiki and "2025-03-01 12:00:00" in wiki


@needs_schema
def test_adf_renderer_obeys_schema_edge_cases() -> None:
    doc = to_adf(
        [
            Heading(""),  # empty heading dropped
            para("", Span("")),  # empty paragraph dropped
            para(Span("a\nb", bold=True), Span("x", code=True)),
            BulletList(((Span(""),), (Span("item"),))),
            CodeBlock(""),
            CodeBlock("x = 1", language="python"),
        ]
    )
    jira_contract.adf_validator().validate(doc)
    assert structural_problems(doc) == []
    assert [n["type"] for n in doc["content"]] == ["paragraph", "bulletList", "codeBlock"]


def _screen(*field_ids: str, priorities: tuple[str, ...] = ()) -> dict[str, CreateField]:
    return {
        f: CreateField(
            field_id=f,
            name=f.title(),
            required=f in ("summary", "project"),
            allowed_names=priorities if f == "priority" else (),
        )
        for f in field_ids
    }


@needs_schema
def test_create_payload_sets_only_what_the_screen_allows(report: TicketReport) -> None:
    options = TicketOptions("DEMO", assignee="acc-1", components=["Checkout"])
    full = build_create_payload(report, options, Deployment.CLOUD, issue_type_id="10004")
    jira_contract.spec_validator("IssueUpdateDetails").validate(full.body)
    fields = full.body["fields"]
    assert fields["priority"] == {"name": "High"}
    assert fields["assignee"] == {"accountId": "acc-1"}
    assert fields["components"] == [{"name": "Checkout"}]
    assert fields["issuetype"] == {"id": "10004"}

    screen = _screen("project", "issuetype", "summary", "description", "labels")
    narrow = build_create_payload(report, options, Deployment.CLOUD, create_fields=screen)
    assert "priority" not in narrow.body["fields"]
    assert set(narrow.dropped) == {"priority", "assignee", "components"}


def test_priority_map_and_allowed_values(report: TicketReport) -> None:
    screen = _screen(
        "project",
        "issuetype",
        "summary",
        "description",
        "labels",
        "priority",
        priorities=("P1", "P2"),
    )
    options = TicketOptions("DEMO", priority_map={"high": "P1"})
    payload = build_create_payload(report, options, Deployment.CLOUD, create_fields=screen)
    assert payload.body["fields"]["priority"] == {"name": "P1"}
    default = build_create_payload(
        report, TicketOptions("DEMO"), Deployment.CLOUD, create_fields=screen
    )
    assert "priority" not in default.body["fields"] and "priority" in default.dropped
    critical = dataclasses.replace(report, severity="critical")
    assert build_create_payload(critical, TicketOptions("DEMO"), Deployment.CLOUD).body["fields"][
        "priority"
    ] == {"name": "Highest"}


def test_missing_required_fields_are_reported(report: TicketReport) -> None:
    screen = _screen("project", "issuetype", "summary", "description", "labels")
    screen["customfield_1"] = CreateField("customfield_1", "Team", required=True)
    payload = build_create_payload(
        report, TicketOptions("DEMO"), Deployment.CLOUD, create_fields=screen
    )
    assert payload.missing_required == ["Team"]


def test_data_center_shapes(report: TicketReport) -> None:
    options = TicketOptions("DEMO", assignee="jsmith")
    fields = build_create_payload(report, options, Deployment.DATA_CENTER).body["fields"]
    assert fields["assignee"] == {"name": "jsmith"}
    assert isinstance(fields["description"], str)


@needs_schema
def test_custom_field_mapping_by_name(report: TicketReport) -> None:
    infos = [
        FieldInfo(
            "customfield_10050",
            "Error Fingerprint",
            True,
            "string",
            custom_type="com.atlassian.jira.plugin.system.customfieldtypes:textfield",
        ),
        FieldInfo(
            "customfield_10052",
            "Error Details",
            True,
            "string",
            custom_type="com.atlassian.jira.plugin.system.customfieldtypes:textarea",
        ),
        FieldInfo("customfield_10053", "Detected Severity", True, "option"),
        FieldInfo("customfield_10060", "Occurrences", True, "number"),
    ]
    options = TicketOptions(
        "DEMO",
        custom_fields={
            "error fingerprint": "fp-{fingerprint}",
            "Error Details": "{root_cause} on {host}",
            "Detected Severity": "{severity}",
            "Occurrences": "{count}",
            "Unknown Field": "x",
        },
    )
    payload = build_create_payload(report, options, Deployment.CLOUD, field_infos=infos)
    fields = payload.body["fields"]
    assert fields["customfield_10050"] == "fp-3a9c0f12d4"
    jira_contract.adf_validator().validate(fields["customfield_10052"])
    assert "pos-store-12" in json.dumps(fields["customfield_10052"])
    assert fields["customfield_10053"] == {"value": "high"}
    assert fields["customfield_10060"] == 12.0
    assert not any("Unknown" in k for k in fields)

"""End to end: the POS's card numbers and secrets never reach the Jira server."""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import datetime

from stacklens_desktop.jira.client import JiraClient
from stacklens_desktop.jira.metadata import MetadataCache, prepare_create
from stacklens_desktop.jira.models import Deployment
from stacklens_desktop.jira.payloads import TicketOptions, build_comment
from stacklens_desktop.jira.report import OccurrenceUpdate, TicketReport
from stacklens_desktop.jira_sandbox import JiraSandbox

CARDS = ["4111 1111 1111 1111", "5500-0000-0000-0004", "378282246310005", "6011000990139424009"]
SECRETS = [
    "hunter2",
    "sk_live_51Habcdefghijklmnop",
    "ATATT3xFfGF0abcdefghijklmnopqrstuv",
    "jane.doe@example.com",
]


def _digits_only(text: str) -> str:
    return re.sub(r"[ -]", "", text)


def test_nothing_sensitive_reaches_the_sandbox(
    client: JiraClient, sandbox: JiraSandbox, report: TicketReport
) -> None:
    leaky = dataclasses.replace(
        report,
        headline=f"payment declined for card {CARDS[2]}",
        samples=[
            f"ERROR charge failed card={CARDS[0]} customer=jane.doe@example.com",
            f"ERROR refund failed pan {CARDS[1]} via https://pos:hunter2@pay.example.com/x",
            f"ERROR gateway key sk_live_51Habcdefghijklmnop card {CARDS[3]}",
        ],
        stack_trace=f"Traceback...\nValueError: bad token {SECRETS[2]} {CARDS[0]}",
        root_cause=f"Card {CARDS[1]} rejected",
        parameters_sample={"card": [CARDS[0], CARDS[2]]},
    )
    options = TicketOptions("DEMO", custom_fields={"Error Details": "{root_cause}"})
    key = client.create_issue(prepare_create(MetadataCache(client), leaky, options).body).key
    update = OccurrenceUpdate(
        "3a9c0f12d4",
        3,
        15,
        datetime(2025, 3, 1, 12),
        new_parameter_values={"card": [CARDS[3]]},
        samples=[f"ERROR again {CARDS[0]}"],
    )
    client.add_comment(key, build_comment(update, Deployment.CLOUD))

    sent = json.dumps([e.body for e in sandbox.requests()], ensure_ascii=False)
    stored = json.dumps(sandbox.state.issues)
    for blob in (sent, stored):
        squashed = _digits_only(blob)
        for card in CARDS:
            assert card not in blob and _digits_only(card) not in squashed
        for secret in SECRETS:
            assert secret not in blob
    assert "[card ••••1111]" in sent and "[card ••••0004]" in sent  # last 4 kept

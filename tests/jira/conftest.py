"""Fixtures for the Jira tests: a real sandbox on an ephemeral port and clients for it.

Every request body a Cloud test sends through the ``sandbox`` fixture is checked against the
OpenAPI spec and the ADF schema when the test ends, so no test can send an invalid body
unnoticed.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import jira_contract
import pytest

from stacklens_desktop.jira.auth import TokenAuth
from stacklens_desktop.jira.backoff import RetryPolicy, SiteBackoff
from stacklens_desktop.jira.client import JiraClient
from stacklens_desktop.jira.models import Deployment
from stacklens_desktop.jira.report import TicketReport
from stacklens_desktop.jira.transport import JiraTransport
from stacklens_desktop.jira_sandbox import JiraSandbox

FAST_POLICY = RetryPolicy(max_retries=5, base_delay=0.2, max_delay=1.0)


def make_client(
    sandbox: JiraSandbox,
    *,
    token: str | None = None,
    policy: RetryPolicy = FAST_POLICY,
    timeout: tuple[float, float] = (2.0, 5.0),
    backoff: SiteBackoff | None = None,
) -> JiraClient:
    deployment = Deployment.CLOUD if sandbox.app.cloud else Deployment.DATA_CENTER
    user = sandbox.user.email if deployment is Deployment.CLOUD else sandbox.user.name
    auth = TokenAuth(deployment, user, token if token is not None else sandbox.user.token)
    transport = JiraTransport(
        sandbox.url, auth, timeout=timeout, policy=policy, backoff=backoff or SiteBackoff()
    )
    return JiraClient(transport, deployment)


def check_contract(server: JiraSandbox) -> None:
    """Validate every v3 body the sandbox received against the spec and the ADF schema."""
    if not jira_contract.available():
        return
    for entry in server.requests():
        jira_contract.validate_request(entry.method, entry.path, entry.body)


@pytest.fixture
def sandbox() -> Iterator[JiraSandbox]:
    """A Cloud sandbox; at teardown every request body it received is contract-checked."""
    with JiraSandbox() as server:
        yield server
        check_contract(server)


@pytest.fixture
def raw_sandbox() -> Iterator[JiraSandbox]:
    """A sandbox for tests that send deliberately invalid bodies (no contract check)."""
    with JiraSandbox() as server:
        yield server


@pytest.fixture
def dc_sandbox() -> Iterator[JiraSandbox]:
    with JiraSandbox(flavor="datacenter") as server:
        yield server


@pytest.fixture
def client(sandbox: JiraSandbox) -> Iterator[JiraClient]:
    jira = make_client(sandbox)
    yield jira
    jira.close()


@pytest.fixture
def report() -> TicketReport:
    """The seed's missing-price error, with a card number and an e-mail in a sample line."""
    return TicketReport(
        fingerprint="3a9c0f12d4",
        template='Product "<*>" (ID <*>) has no price',
        severity="high",
        error_type="data_validation",
        confidence=0.87,
        count=12,
        first_seen=datetime(2025, 3, 1, 9, 15, 0),
        last_seen=datetime(2025, 3, 1, 11, 2, 30),
        source_path="/var/log/pos/store-12/pos.log",
        host="pos-store-12",
        samples=[
            '2025-03-01 09:15:00 ERROR [checkout] Product "Premium Item" (ID 999) has no price '
            "card=4111 1111 1111 1111 customer=jane.doe@example.com",
            '2025-03-01 09:16:10 ERROR [checkout] Product "Premium Item" (ID 999) has no price '
            "pan 5500-0000-0000-0004",
        ],
        stack_trace=(
            "Traceback (most recent call last):\n"
            '  File "/opt/pos/checkout.py", line 88, in total\n'
            '    price = catalog[item_id]["price"]\n'
            "KeyError: 'price'"
        ),
        root_cause="The catalog entry for the product has no price, so checkout cannot total.",
        resolution_steps=[
            "Open the catalog admin and set a price for product 999.",
            "Re-sync the catalog to the store terminals.",
            "Retry the affected orders.",
        ],
        parameters_sample={"product": ["Premium Item"], "id": ["999"]},
        headline='Product "Premium Item" (ID 999) has no price',
    )

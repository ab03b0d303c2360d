"""Helpers of the team automation tests: desktop logins, a runner on its own engine and
lease, the Jira side on the sandbox, and shipments of missing-price failures."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Engine

from stacklens_desktop.core.batch import EventRow, PatternDelta
from stacklens_desktop.core.fingerprint import template_fingerprint
from stacklens_desktop.jira.config import JiraSettings
from stacklens_desktop.jira.ticket_service import TicketService
from stacklens_desktop.jira_sandbox import JiraSandbox
from stacklens_desktop.settings.access import load_policy
from stacklens_desktop.store.team import schema
from stacklens_desktop.store.team.engine import make_team_engine, parse_address
from stacklens_desktop.team.automation_runner import RunnerEvents, TeamAutomationRunner
from stacklens_desktop.team.shipment import Shipment
from tests.jira_automation.helpers import client_factory
from tests.team.conftest import TeamDb

PRICE_FP = "0badc0ffee999000"


def desktop_engine(db: TeamDb, role: str, password: str = "desk-secret") -> Engine:
    with db.admin.begin() as conn:
        schema.add_desktop(conn, role, password)
    return make_team_engine(parse_address(db.url(role)), password,
                            application_name=f"stacklens-automation {role}")


def jira_service(sandbox: JiraSandbox,
                 token: str | None = None) -> Callable[[Engine], TicketService]:
    settings = JiraSettings(base_url=sandbox.url, username=sandbox.user.email,
                            project_key="DEMO", deployment="cloud")

    def make(engine: Engine) -> TicketService:
        return TicketService(engine, client_factory(sandbox, token), lambda: load_policy(engine),
                             settings)

    return make


class Recorder(RunnerEvents):
    def __init__(self) -> None:
        self.roles: list[tuple[bool, str]] = []
        self.errors: list[str] = []

    def role(self, held: bool, holder: str) -> None:
        self.roles.append((held, holder))

    def failed(self, message: str) -> None:
        self.errors.append(message)


def runner(db: TeamDb, role: str, sandbox: JiraSandbox, events: RunnerEvents | None = None,
           token: str | None = None) -> TeamAutomationRunner:
    engine = desktop_engine(db, role)
    return TeamAutomationRunner(engine, db.url(role), "desk-secret",
                                jira_service(sandbox, token), events, safety_tick_s=2.0)


def price_shipment(host: str, start: int, orders: int, severity: str = "high",
                   fingerprint: str = PRICE_FP) -> Shipment:
    """``orders`` missing-price failures of ``host`` (bytes ``start`` to ``start + orders``)."""
    when = "2026-12-06T10:00:00.000Z"
    events = [EventRow(fingerprint, when, "ERROR", "Product has no price",
                       [f"ORD-{start + i}"], {"orderId": f"ORD-{start + i}", "productId": 999},
                       f'{when} [ERROR] Product has no price: {{"orderId":"ORD-{start + i}",'
                       f'"productId":999}}', start + i, start + i + 1) for i in range(orders)]
    delta = PatternDelta(fingerprint, "Product has no price", orders, when, when,
                         level="ERROR", host=host, severity=severity,
                         error_type="data_validation", confidence=0.9,
                         root_cause="The product was published without a price.",
                         resolution_steps=["Set the price of product 999."])
    return Shipment(host, "/var/log/pos.log", start, start + orders, orders, inode=7,
                    events=events, patterns=[delta])


def printer_shipment(host: str, start: int, printer: str, n: int) -> Shipment:
    """``n`` records of one till's printer fault (its own pattern, as that till's miner
    keeps it)."""
    template = f"Connection to printer {printer} lost while printing receipt for basket"
    key = template_fingerprint(template)
    events = [EventRow(key, "2026-12-06T10:00:00.000Z", "ERROR", template, [], {},
                       template, start + i, i + 1) for i in range(n)]
    delta = PatternDelta(key, template, n, "2026-12-06T10:00:00.000Z",
                         "2026-12-06T10:00:00.000Z", level="ERROR", severity="high")
    return Shipment(host, "/var/log/pos.log", start, start + 10 * n, n, inode=7,
                    events=events, patterns=[delta])

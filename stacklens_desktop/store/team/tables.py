"""The team store's tables: the SQLite schema's shared tables plus the fleet's own.

One definition: pattern, ticket, outbox, automationlog, feedback and setting are copied from
the SQLModel tables of :mod:`stacklens_desktop.store.models` (the SQLite schema), so both back
ends carry the same columns. What differs on a fleet is defined here:

* ``source`` is keyed by (host, path): every till has its own ``/var/log/pos.log``.
* ``event`` is partitioned by arrival time (one partition per day, see :mod:`.partitions`),
  so retention drops whole partitions instead of deleting rows.
* ``agent`` (one row per host: its state and last contact), ``pattern_host`` (how often each
  host saw a pattern: the fleet view; the fleet-wide count is their sum), ``pattern_alias``
  (patterns folded into another by the fleet merge) and ``triage_log`` (who changed a triage
  state, when).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    ForeignKey,
    Identity,
    Index,
    Integer,
    MetaData,
    PrimaryKeyConstraint,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
)
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import SQLModel

from stacklens_desktop.store import models  # noqa: F401 - registers the shared tables

SHARED_TABLES = ("pattern", "ticket", "outbox", "automationlog", "feedback", "setting")


def _now() -> ColumnElement[datetime]:
    return func.now()


def build_metadata() -> MetaData:
    """A fresh MetaData holding every team table (shared copies first)."""
    metadata = MetaData()
    team_source(metadata)  # before the copies: pattern.source_id refers to it
    for name in SHARED_TABLES:
        SQLModel.metadata.tables[name].to_metadata(metadata)
    team_event(metadata)
    Table(
        "agent", metadata,
        Column("host", String, primary_key=True),
        Column("role_name", String, nullable=False, unique=True),
        Column("state", String, nullable=False, server_default="idle"),
        Column("reason", Text),
        Column("spooled", Integer, nullable=False, server_default="0"),
        Column("last_contact", DateTime(timezone=True)),
    )
    Table(
        "pattern_host", metadata,
        # no foreign key: see team_event
        Column("pattern_id", Integer, nullable=False),
        Column("host", String, nullable=False),
        Column("count", BigInteger, nullable=False, server_default="0"),
        Column("first_seen", String),
        Column("last_seen", String),
        PrimaryKeyConstraint("pattern_id", "host"),
    )
    Table(
        "pattern_alias", metadata,
        # a pattern folded into another by the fleet merge (store/team/merges.py)
        Column("pattern_id", Integer, primary_key=True),
        Column("fingerprint", String, nullable=False, unique=True),
        Column("target_id", Integer, nullable=False, index=True),
        Column("merged_at", DateTime(timezone=True), nullable=False, server_default=_now()),
    )
    Table(
        "triage_log", metadata,
        Column("id", BigInteger, Identity(), primary_key=True),
        Column("pattern_id", Integer, ForeignKey("pattern.id", ondelete="CASCADE"),
               nullable=False, index=True),
        Column("status", String, nullable=False),
        Column("changed_by", String, nullable=False, server_default=func.current_user()),
        Column("changed_at", DateTime(timezone=True), nullable=False, server_default=_now()),
    )
    return metadata


def team_source(metadata: MetaData) -> Table:
    return Table(
        "source", metadata,
        Column("id", Integer, Identity(), primary_key=True),
        Column("host", String, nullable=False),
        Column("path", String, nullable=False),
        Column("inode", BigInteger),
        Column("offset", BigInteger, nullable=False, server_default="0"),
        Column("lines", BigInteger, nullable=False, server_default="0"),
        Column("state", String, nullable=False, server_default="idle"),
        Column("reason", Text),
        Column("format_name", String),
        Column("updated_at", DateTime(timezone=True)),
        UniqueConstraint("host", "path"),
    )


def team_event(metadata: MetaData) -> Table:
    """Partitioned by ``received_at`` (RANGE, one partition a day): the primary key must
    hold the partition key, hence (id, received_at).

    No foreign keys here nor in pattern_host: each checked reference takes a KEY SHARE lock
    on the pattern row, and fifty agents sharing the fleet's hot patterns turned those into
    multixact contention (measured, tests/bench/RESULTS.md). The ingest transaction resolves
    the ids it writes; team patterns are never deleted."""
    table = Table(
        "event", metadata,
        Column("id", BigInteger, Identity(), nullable=False),
        Column("received_at", DateTime(timezone=True), nullable=False, server_default=_now()),
        Column("host", String, nullable=False),
        Column("pattern_id", Integer, nullable=False),
        Column("source_id", Integer, nullable=False),
        Column("time", String),
        Column("level", String),
        Column("message", Text, nullable=False),
        Column("parameters", Text, nullable=False, server_default="[]"),
        Column("fields", Text, nullable=False, server_default="{}"),
        Column("raw", Text, nullable=False),
        Column("offset", BigInteger, nullable=False),
        Column("line_no", BigInteger, nullable=False),
        PrimaryKeyConstraint("id", "received_at"),
        postgresql_partition_by="RANGE (received_at)",
    )
    Index("ix_event_pattern_received", table.c.pattern_id, table.c.received_at.desc())
    Index("ix_event_host_received", table.c.host, table.c.received_at)
    return table


METADATA = build_metadata()

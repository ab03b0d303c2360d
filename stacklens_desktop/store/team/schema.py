"""Creating and upgrading the team store on PostgreSQL, with its roles and privileges.

Run once by an administrator (``stacklens team init``), again after an upgrade: every step is
idempotent. The tables come from :mod:`.tables`; what SQLAlchemy does not render — the daily
partitions, the recurrence trigger, the roles and row-level security — is here, as SQL.

Least privilege, enforced by the server:

* ``stacklens_agent`` (each agent logs in as its own member role, mapped to one host in
  ``agent``): inserts events and upserts the source offsets and per-host pattern counts of
  its own host only (row-level security); may add patterns (never change one: the fleet
  count is the sum of the per-host counts), a triage state, a ticket or the outbox. A
  recurrence of a resolved pattern makes it a regression through a trigger.
* ``stacklens_desktop``: reads everything, changes triage state (recorded in
  ``triage_log`` with the role that did it), runs the Jira automation (ticket, outbox, log),
  rolls the per-host counts up into the pattern rows and stores their fleet escalation.
"""

from __future__ import annotations

from sqlalchemy import Connection, inspect
from sqlalchemy.sql.schema import ScalarElementColumnDefault

from stacklens_desktop.settings.versions import AUTOMATION_KEY
from stacklens_desktop.store.schema_version import SCHEMA_VERSION
from stacklens_desktop.store.team.names import AGENT_ROLE, CHANNEL, DESKTOP_ROLE
from stacklens_desktop.store.team.probe import schema_version
from stacklens_desktop.store.team.tables import METADATA

__all__ = ["AGENT_ROLE", "CHANNEL", "DESKTOP_ROLE", "add_agent", "add_desktop", "install",
           "schema_version"]


_FUNCTIONS = """
CREATE OR REPLACE FUNCTION stacklens_agent_host() RETURNS varchar
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS
$$ SELECT host FROM agent WHERE role_name = session_user $$;

CREATE OR REPLACE FUNCTION stacklens_ensure_partitions(first_day date, days integer)
RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    day date;
    made integer := 0;
    name text;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('stacklens_partitions'));
    FOR i IN 0 .. days - 1 LOOP
        day := first_day + i;
        name := 'event_p' || to_char(day, 'YYYYMMDD');
        IF to_regclass(name) IS NULL THEN
            EXECUTE format('CREATE TABLE %I PARTITION OF event FOR VALUES FROM (%L) TO (%L)',
                           name, day::timestamp AT TIME ZONE 'UTC',
                           (day + 1)::timestamp AT TIME ZONE 'UTC');
            made := made + 1;
        END IF;
    END LOOP;
    RETURN made;
END $$;

CREATE OR REPLACE FUNCTION stacklens_drop_partitions_before(cutoff date)
RETURNS integer LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    part record;
    dropped integer := 0;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('stacklens_partitions'));
    FOR part IN
        SELECT c.relname FROM pg_inherits i
        JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'event'::regclass AND c.relname ~ '^event_p[0-9]{8}$'
          AND to_date(substr(c.relname, 8), 'YYYYMMDD') < cutoff
    LOOP
        EXECUTE format('DROP TABLE %I', part.relname);
        dropped := dropped + 1;
    END LOOP;
    RETURN dropped;
END $$;

CREATE OR REPLACE FUNCTION stacklens_recurrence() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
DECLARE
    stamp varchar := to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
BEGIN
    UPDATE pattern SET
        status = CASE WHEN status = 'resolved' THEN 'regression' ELSE 'new' END,
        muted_until = NULL, status_changed_at = stamp
    WHERE id = NEW.pattern_id AND (status = 'resolved' OR (status = 'muted'
          AND muted_until IS NOT NULL AND muted_until <= stamp));
    RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS pattern_recurrence ON pattern;
DROP TRIGGER IF EXISTS pattern_host_recurrence ON pattern_host;
CREATE TRIGGER pattern_host_recurrence AFTER INSERT OR UPDATE OF count ON pattern_host
FOR EACH ROW EXECUTE FUNCTION stacklens_recurrence();
"""

_ROLES = f"""
DO $$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{AGENT_ROLE}') THEN
        CREATE ROLE {AGENT_ROLE} NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{DESKTOP_ROLE}') THEN
        CREATE ROLE {DESKTOP_ROLE} NOLOGIN;
    END IF;
END $$;
"""

_ROLLED_UP = "count, first_seen, last_seen"
_TRIAGE = "status, muted_until, status_changed_at"
#: a person's correction of a pattern's labels (store/feedback.add_correction)
_CORRECTED = "severity, error_type, confidence, updated_at"
#: the fleet escalation the automation holder judges (spread across hosts)
_ESCALATION = "escalation, escalation_reason, escalated_at"

_GRANTS = f"""
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM PUBLIC;
GRANT SELECT, INSERT ON pattern TO {AGENT_ROLE};
GRANT USAGE ON SEQUENCE pattern_id_seq TO {AGENT_ROLE};
GRANT INSERT ON event TO {AGENT_ROLE};
GRANT SELECT, INSERT, UPDATE ON source, pattern_host TO {AGENT_ROLE};
GRANT SELECT ON agent, setting TO {AGENT_ROLE};
GRANT UPDATE (state, reason, spooled, last_contact) ON agent TO {AGENT_ROLE};
GRANT EXECUTE ON FUNCTION stacklens_ensure_partitions(date, integer) TO {AGENT_ROLE};
GRANT EXECUTE ON FUNCTION stacklens_ensure_partitions(date, integer) TO {DESKTOP_ROLE};

GRANT SELECT ON ALL TABLES IN SCHEMA public TO {DESKTOP_ROLE};
GRANT UPDATE ({_TRIAGE}, {_ROLLED_UP}, {_ESCALATION}, {_CORRECTED}) ON pattern
    TO {DESKTOP_ROLE};
GRANT INSERT ON triage_log TO {DESKTOP_ROLE};
GRANT INSERT, UPDATE, DELETE ON ticket, outbox, automationlog, feedback TO {DESKTOP_ROLE};
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {DESKTOP_ROLE};
REVOKE EXECUTE ON FUNCTION stacklens_drop_partitions_before(date) FROM PUBLIC;
"""

#: The fleet merge (store/team/merges.py), run by the automation holder, a desktop login:
#: it adds the merged pattern, moves per-host counts and events to it, and aliases the old
#: ones; agents read the aliases to count a folded fingerprint toward its target.
_FLEET_MERGE = f"""
GRANT SELECT ON pattern_alias TO {AGENT_ROLE};
GRANT INSERT, UPDATE ON pattern_alias TO {DESKTOP_ROLE};
GRANT INSERT ON pattern TO {DESKTOP_ROLE};
GRANT INSERT, UPDATE, DELETE ON pattern_host TO {DESKTOP_ROLE};
GRANT UPDATE (pattern_id) ON event TO {DESKTOP_ROLE};
DROP POLICY IF EXISTS fleet_merge ON pattern_host;
CREATE POLICY fleet_merge ON pattern_host FOR ALL TO {DESKTOP_ROLE} USING (true) WITH CHECK (true);
DROP POLICY IF EXISTS fleet_merge ON event;
CREATE POLICY fleet_merge ON event FOR UPDATE TO {DESKTOP_ROLE} USING (true) WITH CHECK (true);
"""

#: The team's automation policy (one for whichever desktop holds the role) is saved by any
#: desktop login, and only that key: the rest of ``setting`` is the owner's.
_TEAM_POLICY_KEY = AUTOMATION_KEY
_SETTINGS = f"""
GRANT INSERT, UPDATE ON setting TO {DESKTOP_ROLE};
ALTER TABLE setting ENABLE ROW LEVEL SECURITY;
DROP POLICY IF EXISTS read_all ON setting;
CREATE POLICY read_all ON setting FOR SELECT TO {AGENT_ROLE}, {DESKTOP_ROLE} USING (true);
DROP POLICY IF EXISTS team_policy ON setting;
CREATE POLICY team_policy ON setting FOR ALL TO {DESKTOP_ROLE}
    USING (key = '{_TEAM_POLICY_KEY}') WITH CHECK (key = '{_TEAM_POLICY_KEY}');
"""

#: Tables whose rows belong to one host: an agent sees and writes its own host's only.
_HOST_TABLES = ("source", "pattern_host", "agent", "event")


def _policies() -> str:
    out: list[str] = []
    for table in _HOST_TABLES:
        out += [
            f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;",
            f"DROP POLICY IF EXISTS own_host ON {table};",
            f"CREATE POLICY own_host ON {table} FOR ALL TO {AGENT_ROLE} "
            "USING (host = stacklens_agent_host()) "
            "WITH CHECK (host = stacklens_agent_host());",
            f"DROP POLICY IF EXISTS all_hosts ON {table};",
            f"CREATE POLICY all_hosts ON {table} FOR SELECT TO {DESKTOP_ROLE} USING (true);",
        ]
    return "\n".join(out)


def install(conn: Connection, *, days_ahead: int = 3) -> None:
    """Create (or complete) the schema, its functions, roles and privileges, and the event
    partitions from today on. Run as the owner (an administrator), in one transaction."""
    conn.exec_driver_sql("SELECT pg_advisory_xact_lock(hashtext('stacklens_install'))")
    METADATA.create_all(conn, checkfirst=True)
    _add_missing_columns(conn)
    for script in (_FUNCTIONS, _ROLES, _GRANTS, _policies(), _FLEET_MERGE, _SETTINGS):
        _run_script(conn, script)
    conn.exec_driver_sql(
        "SELECT stacklens_ensure_partitions((now() AT TIME ZONE 'UTC')::date - 1, %s)",
        (days_ahead + 1,))
    conn.exec_driver_sql(
        "INSERT INTO setting (key, value) VALUES ('team.schema_version', %s) "
        "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value", (str(SCHEMA_VERSION),))


def _add_missing_columns(conn: Connection) -> None:
    """A table made by an older version gets the columns added to the models since (the
    SQLite side adds them in :data:`stacklens_desktop.store.engine.MIGRATIONS`): the one
    definition drives both. New columns are nullable or carry their default."""
    inspector = inspect(conn)
    for table in METADATA.sorted_tables:
        have = {c["name"] for c in inspector.get_columns(table.name)}
        for column in table.columns:
            if column.name in have:
                continue
            kind = column.type.compile(dialect=conn.dialect)
            default = column.default.arg if isinstance(column.default, ScalarElementColumnDefault) \
                else None
            tail = f" DEFAULT {_literal(default)}" if default is not None else ""
            conn.exec_driver_sql(
                f'ALTER TABLE {table.name} ADD COLUMN "{column.name}" {kind}{tail}')


def _literal(value: object) -> str:
    if isinstance(value, bool | int | float):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


def _run_script(conn: Connection, script: str) -> None:
    """Several statements with no parameters (psycopg then leaves ``%`` alone: the
    functions' ``format('%I')`` is PostgreSQL's, not a placeholder)."""
    with conn.connection.driver_connection.cursor() as cursor:  # type: ignore[union-attr]
        cursor.execute(script)


def _quoted(name: str) -> str:
    if not name.replace("_", "").isalnum():
        raise ValueError(f"a role name is letters, digits and _ only: {name!r}")
    return f'"{name}"'


def add_agent(conn: Connection, role_name: str, password: str, host: str) -> None:
    """A login for the agent of ``host``; it may write that host's rows only."""
    role = _quoted(role_name)
    _create_login(conn, role, password)
    conn.exec_driver_sql(f"GRANT {AGENT_ROLE} TO {role}")
    conn.exec_driver_sql(
        "INSERT INTO agent (host, role_name) VALUES (%s, %s) "
        "ON CONFLICT (host) DO UPDATE SET role_name = EXCLUDED.role_name", (host, role_name))


def add_desktop(conn: Connection, role_name: str, password: str) -> None:
    """A login for a person at a desktop (triage, Jira automation)."""
    role = _quoted(role_name)
    _create_login(conn, role, password)
    conn.exec_driver_sql(f"GRANT {DESKTOP_ROLE} TO {role}")


def _create_login(conn: Connection, role: str, password: str) -> None:
    exists = conn.exec_driver_sql(
        "SELECT 1 FROM pg_roles WHERE rolname = %s", (role.strip('"'),)).first()
    verb = "ALTER" if exists else "CREATE"
    escaped = password.replace("'", "''")
    conn.exec_driver_sql(f"{verb} ROLE {role} LOGIN PASSWORD '{escaped}'")

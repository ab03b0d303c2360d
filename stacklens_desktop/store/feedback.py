"""Users' corrections of a pattern's severity or type: stored, and applied to the pattern."""

from __future__ import annotations

from sqlalchemy import Connection, Engine

from stacklens_desktop.store.executor import write
from stacklens_desktop.store.writer import utc_now


class UnknownPatternError(LookupError):
    """No pattern has that fingerprint (or fingerprint prefix)."""


def add_correction(engine: Engine, fingerprint: str, severity: str | None,
                   error_type: str | None) -> str:
    """Store a correction and make it win for that pattern now; returns the full fingerprint.

    ``fingerprint`` may be a unique prefix. The pattern row takes the corrected labels with
    confidence 1.0 (a person said so); the analysis writer never overwrites a stored pattern's
    labels, so the correction holds for every later occurrence. ``stacklens train`` folds all
    corrections into the model for similar patterns.
    """
    return write(engine, lambda conn: _correct(conn, fingerprint, severity, error_type))


def _correct(conn: Connection, fingerprint: str, severity: str | None,
             error_type: str | None) -> str:
    rows = conn.exec_driver_sql(
        "SELECT id, fingerprint, sample_text, template FROM pattern "
        "WHERE fingerprint LIKE ? || '%' LIMIT 2", (fingerprint,)).all()
    if len(rows) != 1:
        what = "no pattern" if not rows else "more than one pattern"
        raise UnknownPatternError(f"{what} with fingerprint {fingerprint!r}")
    pattern_id, full, sample, template = rows[0]
    conn.exec_driver_sql(
        "INSERT INTO feedback (pattern_id, fingerprint, severity, error_type, record_text, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?)",
        (pattern_id, full, severity, error_type, sample or template, utc_now()))
    conn.exec_driver_sql(
        "UPDATE pattern SET severity = COALESCE(?, severity), "
        "error_type = COALESCE(?, error_type), confidence = 1.0, updated_at = ? WHERE id = ?",
        (severity, error_type, utc_now(), pattern_id))
    return str(full)


def feedback_rows(engine: Engine) -> list[tuple[str, str | None, str | None]]:
    """(record text, severity, type) of every correction, oldest first."""
    with engine.connect() as conn:
        return [(text, sev, typ) for text, sev, typ in conn.exec_driver_sql(
            "SELECT record_text, severity, error_type FROM feedback ORDER BY id")]


def corrections(engine: Engine) -> list[tuple[str, str, str | None, str | None]]:
    """(fingerprint, record text, severity, type) of every correction, oldest first."""
    with engine.connect() as conn:
        return [(fp, text, sev, typ) for fp, text, sev, typ in conn.exec_driver_sql(
            "SELECT fingerprint, record_text, severity, error_type FROM feedback ORDER BY id")]

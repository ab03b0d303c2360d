"""The app's own log: one named logger per subsystem, a rotating file in the data dir.

Every message passes through the redactor before it is written, so a token or a card number
that slips into a log call never reaches the disk in clear text.
"""

from __future__ import annotations

import io
import logging
import logging.handlers
import os
from pathlib import Path

from stacklens_desktop.core.redact import redact
from stacklens_desktop.paths import logs_dir

LOG_FORMAT = "%(asctime)s %(levelname)s [%(name)s] %(message)s"
MAX_BYTES = 2 * 1024 * 1024
BACKUPS = 5
_secrets: set[str] = set()


def register_secret(value: str | None) -> None:
    """A value (token) that must never appear in the log, whatever its shape."""
    if value and len(value) >= 4:
        _secrets.add(value)


class RedactingFilter(logging.Filter):
    """Masks secrets in the fully formatted message."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        for secret in _secrets:
            message = message.replace(secret, "[REDACTED]")
        record.msg = redact(message)
        record.args = None
        return True


class PrivateRotatingFileHandler(logging.handlers.RotatingFileHandler):
    """Creates every log file (the first and each one after a rollover) as 0600: the app log
    names files, hosts and patterns that other users of the machine need not read."""

    def _open(self) -> io.TextIOWrapper:
        fd = os.open(self.baseFilename, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        if os.name == "posix":
            os.fchmod(fd, 0o600)
        return os.fdopen(fd, "a", encoding=self.encoding, errors=self.errors)


def setup_logging(data_dir: Path, level: int = logging.INFO) -> Path:
    """Log ``stacklens.*`` to ``<data dir>/logs/stacklens.log`` (rotating). Idempotent."""
    path = logs_dir(data_dir) / "stacklens.log"
    root = logging.getLogger("stacklens")
    root.setLevel(level)
    for handler in root.handlers:
        if isinstance(handler, logging.handlers.RotatingFileHandler) and \
                Path(handler.baseFilename) == path:
            return path
    handler = PrivateRotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8")
    handler.setFormatter(logging.Formatter(LOG_FORMAT))
    handler.addFilter(RedactingFilter())
    root.addHandler(handler)
    return path

"""The app's own log: a rotating file in the data dir, named loggers, never a secret."""

from __future__ import annotations

import logging
from pathlib import Path

from stacklens_desktop.logs import register_secret, setup_logging


def test_log_file_in_data_dir_masks_tokens_and_cards(tmp_path: Path) -> None:
    path = setup_logging(tmp_path)
    assert path == tmp_path / "logs" / "stacklens.log"
    register_secret("s3cr3t-token-value")
    log = logging.getLogger("stacklens.jira")
    log.warning("calling Jira with token %s", "s3cr3t-token-value")
    log.warning("payment line: card 4111 1111 1111 1111 declined; Authorization: Bearer "
                "abcdefghijklmnopqrstuvwxyz012345")
    for handler in logging.getLogger("stacklens").handlers:
        handler.flush()
    text = path.read_text()
    assert "[stacklens.jira]" in text
    assert "s3cr3t-token-value" not in text
    assert "4111 1111 1111 1111" not in text and "1111" in text
    assert "abcdefghijklmnopqrstuvwxyz012345" not in text


def test_setup_is_idempotent(tmp_path: Path) -> None:
    setup_logging(tmp_path)
    setup_logging(tmp_path)
    mine = [h for h in logging.getLogger("stacklens").handlers
            if getattr(h, "baseFilename", "").startswith(str(tmp_path))]
    assert len(mine) == 1

"""Screenshots of the Jira panel with data (tickets in several statuses, a failed outbox row,
the automation log), light and dark. ``STACKLENS_SCREENSHOTS=DIR`` keeps the PNGs."""

from __future__ import annotations

from pathlib import Path

import pytest

from stacklens_desktop.ui.palette import apply_theme
from tests.jira_automation.helpers import jira_client
from tests.ui.conftest import db_error, err
from tests.ui.jira_window import (
    CARD_DECLINED,
    DISK_FULL,
    OUT_OF_MEMORY,
    SLOW_GATEWAY,
    jira_window,
    line,
)
from tests.ui.test_ui_screenshots import _out_dir, _shoot


@pytest.fixture
def restore_light(qapp):
    yield
    apply_theme("light", qapp)


def test_jira_panel_screenshots_light_and_dark(qtbot, qapp, tmp_path: Path,
                                               restore_light) -> None:
    out = _out_dir(tmp_path) / "jira-panel"  # beside the tab screenshots, not among them
    out.mkdir(exist_ok=True)
    with jira_window(qtbot, tmp_path) as (window, demo):
        sandbox = demo.sandbox
        assert sandbox is not None
        sandbox.add_fault(kind="status", status=400, method="POST", path=r"/issue$", times=1)
        window.resize(1400, 880)
        window.show()
        panel = window.jira
        window.tabs.setCurrentWidget(panel)
        log = tmp_path / "pos.log"
        log.write_text("".join(err(n) + db_error(n) + line(OUT_OF_MEMORY, n)
                               + line(DISK_FULL, n) + line(CARD_DECLINED, n)
                               + line(SLOW_GATEWAY, n) for n in range(4)))
        window.add_source(str(log), from_start=True)
        qtbot.waitUntil(lambda: len(panel.ticket_keys()) == 3 and "failed" in [
            panel.outbox_model.row_at(r).state for r in range(panel.outbox_model.rowCount())],
            timeout=30_000)
        human = jira_client(sandbox)
        keys = panel.ticket_keys()
        human.transition_to_category(keys[0], "indeterminate")
        human.transition_to_category(keys[1], "done")
        panel.sync.click()
        qtbot.waitUntil(lambda: panel.ticket_status(keys[1]) == "Done", timeout=20_000)
        qtbot.waitUntil(lambda: panel.sync.isEnabled(), timeout=10_000)
        panel.select_ticket(keys[0])
        for theme in ("light", "dark"):
            window.set_theme(theme)
            qapp.processEvents()
            panel.sections.setCurrentIndex(0)
            _shoot(window, out, f"jira-log-{theme}")
            panel.sections.setCurrentIndex(1)
            _shoot(window, out, f"jira-outbox-{theme}")

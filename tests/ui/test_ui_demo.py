"""Demo mode: the sandbox is the Jira site, POS traffic is watched, a ticket shows up."""

from __future__ import annotations

from pathlib import Path

from stacklens_desktop.ui.app import build_window
from stacklens_desktop.ui.demo import DemoEnvironment
from tests.ui.conftest import stacklens_threads


def test_demo_files_a_ticket_and_shows_its_key(qtbot, tmp_path: Path) -> None:
    demo = DemoEnvironment(tmp_path / "demo", rate=25.0).start()
    sandbox = demo.sandbox
    assert sandbox is not None and sandbox.url.startswith("http://127.0.0.1:")
    token = sandbox.user.token
    window = build_window(demo.data_dir, demo=demo, poll_interval=0.2)
    qtbot.addWidget(window)
    try:
        window.show()
        qtbot.waitUntil(lambda: bool(window.jira.ticket_keys()), timeout=30_000)
        key = window.jira.ticket_keys()[-1]  # the first one filed (newest on top)
        assert key.startswith("DEMO-")
        issues = {issue["key"]: issue for issue in sandbox.state.issues.values()}
        assert key in issues
        assert window.jira.ticket_url(key) == f"{sandbox.url}/browse/{key}"
        model = window.patterns.model
        qtbot.waitUntil(lambda: any(model.row_at(r).ticket_key == key
                                    for r in range(model.rowCount())), timeout=10_000)
        ticketed = next(model.row_at(r) for r in range(model.rowCount())
                        if model.row_at(r).ticket_key == key)
        assert issues[key]["fields"]["summary"].startswith(f"[{ticketed.severity.upper()}]")
        assert window.sources.state_of(str(demo.log_path)) == "watching"
        assert "DEMO" in window.jira.site.text() and window.jira.automation.isChecked()
    finally:
        window.close()
        demo.stop()
    assert stacklens_threads() == []
    for path in (tmp_path / "demo").rglob("*"):  # the session-only token never hit the disk
        if path.is_file():
            assert token.encode() not in path.read_bytes(), path


def test_demo_log_has_product_999_failures(qtbot, tmp_path: Path) -> None:
    demo = DemoEnvironment(tmp_path / "demo", rate=200.0).start()
    log = demo.log_path
    try:
        demo.start_traffic()
        qtbot.waitUntil(lambda: '"productId":999' in log.read_text(), timeout=10_000)
    finally:
        demo.stop()
    assert not (tmp_path / "demo").exists() or log.exists()  # a given base is kept
    text = log.read_text()
    assert "Product has no price" in text and '"productId":999' in text

"""``stacklens --self-test`` as the user runs it: a subprocess, a clean temporary profile,
exit 0 with every step reported, or 1 naming the step that failed."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

from stacklens_desktop.selftest import runner
from stacklens_desktop.selftest.context import SelfTestContext, StepFailed
from tests.app_tree import ROOT, copy_app_tree

STEP_NAMES = [name for name, _ in runner.STEPS]


def _run(tmp_path: Path, cwd: Path = ROOT, pythonpath: str = "") -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("STACKLENS_", "JIRA_", "QT_QPA"))}
    env.update(HOME=str(tmp_path / "home"), TMPDIR=str(tmp_path))
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    return subprocess.run([sys.executable, "-m", "stacklens_desktop", "--self-test"],
                          capture_output=True, text=True, env=env, cwd=cwd, timeout=180)


def test_self_test_passes_every_step_and_leaves_nothing(tmp_path: Path) -> None:
    done = _run(tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert [line.split()[1] for line in lines[1:-1]] == STEP_NAMES
    assert all(line.startswith("ok ") for line in lines[1:-1])
    assert lines[-1] == "self-test passed"
    assert "shipped model" in done.stdout and "DEMO-1" in done.stdout
    assert re.search(r"keyring +keyring\.backends\.", done.stdout)
    assert re.search(r"team +psycopg \S+ \((binary|c), libpq \d+", done.stdout)
    profile = Path(re.search(r"profile +(\S+)", done.stdout).group(1))
    assert profile.parent == tmp_path and not profile.exists()  # removed afterwards


def test_missing_sample_log_fails_the_analyze_step_by_name(tmp_path: Path) -> None:
    tree = copy_app_tree(tmp_path / "tree", "pos-application.log")
    done = _run(tmp_path, cwd=tree, pythonpath=str(tree))
    assert done.returncode == 1
    assert "FAILED analyze" in done.stdout
    assert done.stdout.splitlines()[-1] == "self-test FAILED at step 'analyze'"
    assert "watcher" not in done.stdout  # later steps are not run
    assert "Traceback" not in done.stdout + done.stderr


def test_runner_names_the_failed_step_and_still_cleans_up() -> None:
    cleaned: list[str] = []

    def first(ctx: SelfTestContext) -> str:
        ctx.cleanups.append(lambda: cleaned.append("first"))
        return "fine"

    def second(ctx: SelfTestContext) -> str:
        raise StepFailed("expected 1 ticket, got 0")

    def crashing(ctx: SelfTestContext) -> str:
        raise KeyError("boom")

    out = io.StringIO()
    assert runner.run_self_test(out, (("first", first), ("second", second))) == 1
    assert "FAILED second   expected 1 ticket, got 0" in out.getvalue()
    assert out.getvalue().splitlines()[-1] == "self-test FAILED at step 'second'"
    assert cleaned == ["first"]
    out = io.StringIO()
    assert runner.run_self_test(out, (("crash", crashing),)) == 1
    assert "KeyError: 'boom'" in out.getvalue()

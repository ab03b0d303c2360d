"""The built-in Jira sandbox is a package of its own that ships what it needs: its ADF
schema is inside the package (equal to the team's reference copy), and nothing shipped reads
the team's shared folder at run time."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from stacklens_desktop.jira_sandbox import adf_check

REPO = Path(__file__).resolve().parents[2]
REFERENCE = REPO.parent / "shared" / "jira" / "atlassian-adf-schema-v1-full.json"


def test_shipped_adf_schema_equals_the_reference_copy() -> None:
    if not REFERENCE.exists():
        pytest.skip(f"cannot compare the shipped ADF schema: {REFERENCE} is missing "
                    "(the team's shared folder is not beside this checkout)")
    shipped = json.loads(adf_check.schema_path().read_text(encoding="utf-8"))
    assert shipped == json.loads(REFERENCE.read_text(encoding="utf-8"))


def test_the_schema_is_read_from_the_package() -> None:
    assert adf_check.schema_path().parent == Path(adf_check.__file__).resolve().parent
    assert adf_check.uses_schema()
    assert adf_check.adf_problems({"type": "doc", "version": 3, "content": []})


def test_nothing_shipped_reads_the_shared_folder() -> None:
    offenders = []
    for package in ("stacklens_desktop", "pos_simulator"):
        for path in (REPO / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                text = node.value if isinstance(node, ast.Constant) else None
                if isinstance(text, str) and not any(c.isspace() for c in text) and (
                        text == "shared" or "../shared" in text):  # a path, not prose
                    offenders.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert not offenders


def test_the_app_jira_package_does_not_import_the_sandbox() -> None:
    for path in (REPO / "stacklens_desktop" / "jira").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                assert "jira_sandbox" not in (node.module or ""), path

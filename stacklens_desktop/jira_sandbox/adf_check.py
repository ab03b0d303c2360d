"""ADF validation for the sandbox: Atlassian's JSON schema, shipped beside this module.

``adf_schema_v1.json`` is ``json-schema/v1/full.json`` of the npm package
``@atlaskit/adf-schema`` 57.7.22 (Apache-2.0, Atlassian), minified with sorted keys; a test
keeps it equal to the team's reference copy. ``jsonschema`` is a development dependency: the
app's own environment may lack it, so a structural check of the rules Jira enforces most
often is the fallback.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

SCHEMA_NAME = "adf_schema_v1.json"

_BLOCKS = {
    "paragraph",
    "heading",
    "bulletList",
    "orderedList",
    "codeBlock",
    "rule",
    "blockquote",
    "panel",
    "table",
    "mediaSingle",
    "mediaGroup",
    "expand",
    "taskList",
    "decisionList",
}
_INLINE = {"text", "hardBreak", "mention", "emoji", "inlineCard", "date", "status"}
_LIST_ITEM_CHILDREN = {"paragraph", "bulletList", "orderedList", "codeBlock", "mediaSingle"}


def schema_path() -> Path:
    return Path(__file__).resolve().with_name(SCHEMA_NAME)


@lru_cache(maxsize=1)
def _schema_validator() -> Any | None:
    path = schema_path()
    try:
        import jsonschema
        from jsonschema import _keywords
    except ImportError:
        return None
    if not path.exists():
        return None
    schema = json.loads(path.read_text(encoding="utf-8"))
    definitions = schema.get("definitions", {})

    def node_types(branch: dict[str, Any]) -> list[str] | None:
        """The ``type`` enum of a ``#/definitions/...`` node branch (None: unknown)."""
        ref = branch.get("$ref", "")
        target = (
            definitions.get(ref.rsplit("/", 1)[-1]) if ref.startswith("#/definitions/") else None
        )
        enum = ((target or branch).get("properties") or {}).get("type", {}).get("enum")
        return enum if isinstance(enum, list) else None

    def any_of(validator: Any, branches: list[Any], instance: Any, schema: Any) -> Any:
        # Same verdict as plain anyOf: a branch whose node type enum excludes the instance's
        # type can never match. Skipping those up front makes ADF validation ~10x faster.
        kind = instance.get("type") if isinstance(instance, dict) else None
        if isinstance(kind, str):
            fitting = [b for b in branches if (types := node_types(b)) is None or kind in types]
            branches = fitting or branches
        yield from _keywords.anyOf(validator, branches, instance, schema)

    fast = jsonschema.validators.extend(jsonschema.Draft4Validator, {"anyOf": any_of})
    return fast(schema)


def uses_schema() -> bool:
    return _schema_validator() is not None


def adf_problems(doc: Any) -> list[str]:
    """Empty when ``doc`` is a valid ADF document; else readable problems (at most 5)."""
    validator = _schema_validator()
    if validator is not None:
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
        return [
            f"{'/'.join(str(p) for p in e.absolute_path) or '(root)'}: {e.message[:200]}"
            for e in errors[:5]
        ]
    return structural_problems(doc)[:5]


def structural_problems(doc: Any) -> list[str]:
    """The subset of ADF rules Jira enforces most visibly."""
    if not isinstance(doc, dict):
        return ["(root): not an Atlassian Document (expected a JSON object)"]
    problems: list[str] = []
    if doc.get("type") != "doc":
        problems.append("(root): type must be 'doc'")
    if doc.get("version") != 1:
        problems.append("(root): version must be 1")
    content = doc.get("content")
    if not isinstance(content, list):
        return problems + ["(root): content is required and must be an array"]
    for index, node in enumerate(content):
        _check_node(node, f"content/{index}", problems, allowed=_BLOCKS)
    return problems


def _check_node(node: Any, where: str, problems: list[str], allowed: set[str]) -> None:
    if not isinstance(node, dict) or not isinstance(node.get("type"), str):
        problems.append(f"{where}: node must be an object with a type")
        return
    kind = node["type"]
    if kind not in allowed and kind != "listItem":
        problems.append(f"{where}: node '{kind}' is not allowed here")
    if kind == "text":
        if not isinstance(node.get("text"), str) or not node["text"]:
            problems.append(f"{where}: text must be a non-empty string")
        return
    if kind == "heading" and not 1 <= int((node.get("attrs") or {}).get("level", 0)) <= 6:
        problems.append(f"{where}: heading level must be 1-6")
    children = node.get("content") or []
    if kind in ("bulletList", "orderedList"):
        child_allowed = {"listItem"}
        if not children:
            problems.append(f"{where}: a list needs at least one listItem")
    elif kind == "listItem":
        child_allowed = _LIST_ITEM_CHILDREN
    elif kind == "codeBlock":
        child_allowed = {"text"}
        for child in children:
            if isinstance(child, dict) and child.get("marks"):
                problems.append(f"{where}: text in a codeBlock may not have marks")
    else:
        child_allowed = _INLINE
    for index, child in enumerate(children):
        _check_node(child, f"{where}/content/{index}", problems, allowed=child_allowed)

"""Render :mod:`document` blocks as an Atlassian Document Format (ADF) ``doc``.

Rules from the ADF schema that Jira enforces: ``version`` is 1; text nodes are non-empty and
inline only; list items wrap their text in a paragraph; code-block text carries no marks; a
``code`` mark may not be combined with ``strong``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from stacklens_desktop.jira.document import (
    Block,
    BulletList,
    CodeBlock,
    Heading,
    OrderedList,
    Paragraph,
    Rule,
    Span,
)

Node = dict[str, Any]


def to_adf(blocks: Iterable[Block]) -> Node:
    content = [node for block in blocks if (node := _block(block)) is not None]
    return {"type": "doc", "version": 1, "content": content}


def _block(block: Block) -> Node | None:
    if isinstance(block, Heading):
        inline = _inline((Span(block.text),))
        level = min(6, max(1, block.level))
        return {"type": "heading", "attrs": {"level": level}, "content": inline} if inline else None
    if isinstance(block, Paragraph):
        inline = _inline(block.spans)
        return {"type": "paragraph", "content": inline} if inline else None
    if isinstance(block, BulletList | OrderedList):
        return _list(block)
    if isinstance(block, CodeBlock):
        return _code(block)
    if isinstance(block, Rule):
        return {"type": "rule"}
    raise TypeError(f"unknown block {block!r}")


def _list(block: BulletList | OrderedList) -> Node | None:
    items = []
    for spans in block.items:
        inline = _inline(spans)
        if inline:
            items.append(
                {"type": "listItem", "content": [{"type": "paragraph", "content": inline}]}
            )
    if not items:
        return None
    kind = "bulletList" if isinstance(block, BulletList) else "orderedList"
    return {"type": kind, "content": items}


def _code(block: CodeBlock) -> Node | None:
    if not block.text:
        return None
    node: Node = {"type": "codeBlock", "content": [{"type": "text", "text": block.text}]}
    if block.language:
        node["attrs"] = {"language": block.language}
    return node


def _inline(spans: Sequence[Span]) -> list[Node]:
    """Text nodes (hard breaks for newlines), skipping empty text, which ADF forbids."""
    nodes: list[Node] = []
    for span in spans:
        marks = [{"type": "code"}] if span.code else ([{"type": "strong"}] if span.bold else [])
        for index, line in enumerate(span.text.split("\n")):
            if index:
                nodes.append({"type": "hardBreak"})
            if line:
                node: Node = {"type": "text", "text": line}
                if marks:
                    node["marks"] = [dict(m) for m in marks]
                nodes.append(node)
    while nodes and nodes[-1]["type"] == "hardBreak":
        nodes.pop()
    return nodes

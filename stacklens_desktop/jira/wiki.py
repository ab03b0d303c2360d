"""Render :mod:`document` blocks as Jira wiki markup (Data Center / REST v2 strings).

Text is escaped so log content cannot turn into markup, and code goes into ``{noformat}``
blocks whose own closing tag is defused inside the content.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

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

# Characters that start or end wiki markup inside running text.
_SPECIAL = re.compile(r"([*_{}\[\]|^~+?#!\\])")
# A dash only marks up (strike-through, list) next to whitespace or a line edge.
_EDGE_DASH = re.compile(r"(?:(?<=\s)|^)-|-(?=\s|$)", re.MULTILINE)


def escape(text: str) -> str:
    return _EDGE_DASH.sub(r"\\-", _SPECIAL.sub(r"\\\1", text))


def to_wiki(blocks: Iterable[Block]) -> str:
    parts = [text for block in blocks if (text := _block(block))]
    return "\n\n".join(parts)


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        level = min(6, max(1, block.level))
        return f"h{level}. {_line(escape(block.text))}"
    if isinstance(block, Paragraph):
        return _inline(block.spans)
    if isinstance(block, BulletList | OrderedList):
        bullet = "*" if isinstance(block, BulletList) else "#"
        return "\n".join(
            f"{bullet} {_line(_inline(spans))}" for spans in block.items if _inline(spans)
        )
    if isinstance(block, CodeBlock):
        if not block.text:
            return ""
        body = block.text.replace("{noformat}", "{ noformat}")
        return "{noformat}\n" + body + "\n{noformat}"
    if isinstance(block, Rule):
        return "----"
    raise TypeError(f"unknown block {block!r}")


def _inline(spans: Sequence[Span]) -> str:
    out = []
    for span in spans:
        if not span.text.strip():
            out.append(span.text)
            continue
        lead = span.text[: len(span.text) - len(span.text.lstrip())]
        trail = span.text[len(span.text.rstrip()) :]
        core = escape(span.text.strip())
        if span.code:
            core = "{{" + core + "}}"
        elif span.bold:
            core = f"*{core}*"
        out.append(lead + core + trail)
    return "\\\\\n".join("".join(out).split("\n"))


def _line(text: str) -> str:
    """Headings and list items must stay on one line."""
    return " ".join(text.replace("\\\\\n", " ").split("\n"))

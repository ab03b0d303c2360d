"""A tiny rich-text model that renders to both ADF (Cloud) and wiki markup (Data Center).

Only what an error report needs: headings, paragraphs of styled spans, bullet and numbered
lists, code blocks and a rule. Keeping one model means both renderers say the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Span:
    """A run of inline text. ``code`` cannot be combined with ``bold`` (ADF forbids it)."""

    text: str
    bold: bool = False
    code: bool = False


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2


@dataclass(frozen=True)
class Paragraph:
    spans: tuple[Span, ...]


@dataclass(frozen=True)
class BulletList:
    items: tuple[tuple[Span, ...], ...]


@dataclass(frozen=True)
class OrderedList:
    items: tuple[tuple[Span, ...], ...]


@dataclass(frozen=True)
class CodeBlock:
    text: str
    language: str | None = None


@dataclass(frozen=True)
class Rule:
    pass


Block = Heading | Paragraph | BulletList | OrderedList | CodeBlock | Rule


def para(*parts: str | Span) -> Paragraph:
    """Paragraph from plain strings and spans."""
    return Paragraph(tuple(p if isinstance(p, Span) else Span(p) for p in parts))


def field_line(label: str, value: str, *, code: bool = False) -> tuple[Span, ...]:
    """``**Label:** value`` as spans (for list items)."""
    return (Span(f"{label}: ", bold=True), Span(value, code=code))

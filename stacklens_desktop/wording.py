"""Counted nouns for what people read (window, CLI, automation reasons): "1 source", "2
sources", "1,204 lines"."""

from __future__ import annotations

IRREGULAR = {"entry": "entries", "match": "matches"}


def plural(count: int, noun: str) -> str:
    """``count`` with thousands separators and the noun in the right number."""
    word = noun if count == 1 else IRREGULAR.get(noun, noun + "s")
    return f"{count:,} {word}"

"""The fast test that lets almost every record skip the scrubbing regexes.

A record can hold a secret only if it contains a run of 13+ digits (a card, track data) or
one of the lower-case snippets some rule needs (a secret name such as ``pass`` or ``cvv``,
``://``, ``eyj``, ``bearer``, ``@``...). The text is mapped once, in C, to a reduced byte
alphabet (letters lower-cased, every digit ``0``, spaces and dashes dropped, so card numbers
written in groups become one run), where both questions are a substring search. The answer
is remembered per mapped text: lines that differ only in their numbers (the bulk of a log)
are decided by one dictionary lookup.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

_TABLE = bytes(
    c + 32 if 65 <= c <= 90 else 48 if 48 <= c <= 57 else c for c in range(256)
)
_DROPPED = b" -"
_DIGIT_RUN = b"0" * 13
_MAX_REMEMBERED = 8192


def reduce(text: str) -> bytes:
    """``text`` in the reduced alphabet (what the snippets and the digit run are sought in)."""
    return text.encode("utf-8", "surrogatepass").translate(_TABLE, _DROPPED)


def _trie(words: Iterable[bytes]) -> bytes:
    """One alternation per first byte: the engine tries one branch per position, not all."""
    by_first: dict[int, set[bytes]] = {}
    for word in words:
        by_first.setdefault(word[0], set()).add(word[1:])
    parts = []
    for first, rests in sorted(by_first.items()):
        head = re.escape(bytes([first]))
        if b"" in rests:
            parts.append(head)
            continue
        ordered = sorted(rests, key=len, reverse=True)
        parts.append(head + b"(?:" + b"|".join(re.escape(r) for r in ordered) + b")")
    return b"|".join(parts)


class Precheck:
    """``precheck(text)`` is False only when no rule could match ``text``."""

    def __init__(self, snippets: Iterable[str], extra: Iterable[re.Pattern[str]] = ()) -> None:
        words = {reduce(s) for s in snippets} - {b""}
        self._words = re.compile(_trie(words))
        self._extra = tuple(extra)
        self._seen: dict[bytes, bool] = {}

    def __call__(self, text: str) -> bool:
        if self._extra and any(p.search(text) for p in self._extra):
            return True
        reduced = reduce(text)
        seen = self._seen.get(reduced)
        if seen is None:
            if len(self._seen) >= _MAX_REMEMBERED:
                self._seen.clear()
            seen = self._seen[reduced] = (
                _DIGIT_RUN in reduced or self._words.search(reduced) is not None)
        return seen

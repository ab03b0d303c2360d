"""Tokens of a masked message, and which of them look variable.

A message is split on whitespace. Runs of identical masked tokens (``@<*> @<*> @<*>``, a
list of numbers) collapse into one token, so a list of any length yields the same
template; each token remembers how many original tokens it stands for (its *run*).
"""

from __future__ import annotations

import re
import string

from stacklens_desktop.core.mining.masking import MASK

_LETTER = re.compile(r"[A-Za-z]").search
_PUNCTUATION = string.punctuation


def tokenize(masked: str) -> tuple[tuple[str, ...], tuple[int, ...]]:
    """Return ``(tokens, runs)`` of a masked message."""
    tokens: list[str] = []
    runs: list[int] = []
    previous = None
    for token in masked.split():
        if token == previous and MASK in token:
            runs[-1] += 1
            continue
        tokens.append(token)
        runs.append(1)
        previous = token
    return tuple(tokens), tuple(runs)


def is_variable(token: str) -> bool:
    """A token that is a value through and through: masks and punctuation, no letter.

    Tokens with letters around a mask (``blk_<*>``, ``(uid=<*>)``, ``eth<*>``) keep their
    shape as wording; when such a token takes many values in one place, sibling merging
    makes it a variable.
    """
    return MASK in token and _LETTER(token.replace(MASK, "")) is None


def is_keyword(token: str) -> bool:
    """Words that name the event rather than vary in it: ``GET``, ``Started``, ``closing``.

    Upper-case words (methods, protocols, states) and verb forms ending in -ed / -ing are
    rarely values, so a place where only such words differ needs more evidence to merge.
    """
    word = token.strip(_PUNCTUATION).replace(MASK, "")
    if not word.isalpha():
        return False
    return (len(word) >= 2 and word.isupper()) or word.lower().endswith(("ed", "ing"))


def skeleton(tokens: tuple[str, ...]) -> tuple[str | None, ...]:
    """The clustering key: the wording tokens in place, ``None`` for variable ones."""
    return tuple(None if is_variable(token) else token for token in tokens)


def restore(token: str, run: int, values: list[str]) -> str:
    """The original text of a masked token (a run restored as space-joined copies)."""
    pieces = token.split(MASK)
    masks = len(pieces) - 1
    parts: list[str] = []
    for copy in range(run):
        chunk = values[copy * masks : (copy + 1) * masks]
        text = pieces[0]
        for value, piece in zip(chunk, pieces[1:], strict=False):
            text += value + piece
        parts.append(text)
    return " ".join(parts)

"""Tokens of a masked message, and which of them look variable.

A message is split on whitespace. Runs of identical masked tokens (``@<*> @<*> @<*>``, a
list of numbers) collapse into one token, so a list of any length yields the same
template; each token remembers how many original tokens it stands for (its *run*).
"""

from __future__ import annotations

from stacklens_desktop.core.mining.masking import MASK


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
    """A token that is a value through and through: a bare mask.

    Tokens with a mask inside (``blk_<*>``, ``(uid=<*>)``) keep their shape as wording,
    and so do names with digits the masks left alone (``SOCKS5``, ``eth0``); when such a
    token takes many values in one place, sibling merging makes it a variable.
    """
    return token == MASK


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

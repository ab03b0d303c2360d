"""Building the regexes: word tries (fast alternations) and str → bytes pattern conversion."""

from __future__ import annotations

import re
from collections.abc import Iterable

_NAMED_GROUP = re.compile(r"\(\?P<\w+>")


def word_trie(words: Iterable[str]) -> str:
    """A regex (str) matching exactly the given words, factored by common prefixes.

    ``re`` tries alternatives one by one; a trie rejects a position after one or two
    character tests, which keeps big level alternations cheap on whole chunks.
    """
    root: dict[str, dict] = {}
    for word in words:
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    return _emit(root)


def _emit(node: dict[str, dict]) -> str:
    ends_here = "" in node
    branches = [re.escape(ch) + _emit(sub) for ch, sub in sorted(node.items()) if ch]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:
        return "(?:" + body + ")?" if len(branches) > 1 or len(body) > 1 else body + "?"
    return body


def without_groups(pattern: str) -> str:
    """``(?P<name>...)`` → ``(?:...)``: for scan patterns that need no captures."""
    return _NAMED_GROUP.sub("(?:", pattern)


def bytes_regex(pattern: str, flags: int = 0) -> re.Pattern[bytes]:
    """Compile a str-written pattern (ASCII only) as a bytes regex."""
    return re.compile(without_groups(pattern).encode("ascii"), flags)


def start_regex(pattern: str) -> re.Pattern[bytes]:
    """A line-start pattern as the scanner wants it: ``^`` + pattern, bytes, MULTILINE."""
    return bytes_regex("^(?:" + pattern + ")", re.MULTILINE)

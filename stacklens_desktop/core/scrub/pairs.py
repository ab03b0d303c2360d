"""Secrets judged by their name: ``key=value``, ``key: value``, ``"key": "value"`` in text.

One regex finds every name followed by ``=`` or ``:``; the value sits in a look-ahead, so a
match consumes only the name and the separator and the text inside a value that is not
secret (``"msg":"login with password=hunter2"``) is still searched. Only values under a
secret name are replaced, keeping their quotes (JSON stays JSON).
"""

from __future__ import annotations

import re

from stacklens_desktop.core.scrub.keys import KeyJudge
from stacklens_desktop.core.scrub.marks import MARK, is_inert, mark

_SCHEMES = r"(?:[Bb]earer|BEARER|[Bb]asic|BASIC|[Dd]igest|[Nn]egotiate|NTLM|[Tt]oken|TOKEN)"
PAIR = re.compile(
    r"(?<![\w.@$-])(?P<k>[A-Za-z_@$][\w.@$-]{0,63}+)(?P<kq>\\?[\"']?)(?P<sep>\s*[=:]\s*)"
    r"(?=(?P<v>"
    rf"(?P<scheme>{_SCHEMES} +)?"
    rf"(?:(?P<mark>{MARK.pattern})|\"(?:[^\"\\\n]|\\.)*\"|\\\"(?:[^\"\\\n]|\\[^\"])*\\\"|'[^'\n]*'"
    r"|[^\s,;&\"'<>)\]}\\]+)))"
)
_QUOTES = ('\\"', '"', "'")
#: kinds whose name is also an ordinary word in prose ("auth: connection refused")
_PROSE_KINDS = frozenset({"session", "credential", "key", "cookie"})
_WORD = re.compile(r"[a-z]+")


def scrub_pairs(text: str, judge: KeyJudge, salt: str) -> str:
    out: list[str] = []
    pos = 0
    for m in PAIR.finditer(text):
        if m.start() < pos:
            continue
        kind = judge.kind(m.group("k"))
        if kind is None:
            continue
        start, end = m.span("v")
        if m.group("mark"):
            continue  # scrubbed already
        if text[start] in "[{":  # a list or an object under a secret name: all of it
            end = _closing(text, start)
            quote = '"' if m.group("kq") == '"' else ""
            replacement: str | None = f"{quote}{mark(kind, text[start:end], salt)}{quote}"
        else:
            replacement = _replacement(kind, m, salt)
        if replacement is None:
            continue
        out += (text[pos:start], replacement)
        pos = end
    if not out:
        return text
    out.append(text[pos:])
    return "".join(out)


def _closing(text: str, start: int) -> int:
    """End of the bracketed value opening at ``start`` (strings skipped); the end of the
    line when it is not closed there (a truncated value is hidden whole)."""
    depth, in_string, escaped = 0, False, False
    for index in range(start, len(text)):
        char = text[index]
        if char == "\n":
            return index
        if in_string:
            escaped, in_string = (False, True) if escaped else (char == "\\", char != '"')
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth -= 1
            if depth == 0:
                return index + 1
    return len(text)


def _replacement(kind: str, m: re.Match[str], salt: str) -> str | None:
    value, scheme = m.group("v"), m.group("scheme") or ""
    body = value[len(scheme):]
    if is_inert(body):
        return None
    quote = next((q for q in _QUOTES if body.startswith(q) and body.endswith(q)
                  and len(body) >= 2 * len(q)), "")
    inner = body[len(quote):len(body) - len(quote)] if quote else body
    if is_inert(inner):
        return None
    if (not quote and not m.group("kq") and ":" in m.group("sep") and kind in _PROSE_KINDS
            and _WORD.fullmatch(inner)):
        return None  # a word after a colon in prose, not a value
    if not quote and m.group("kq") == '"':
        quote = '"'  # a bare JSON number or literal: the mark goes in quotes
    return f"{scheme}{quote}{mark(kind, inner, salt)}{quote}"

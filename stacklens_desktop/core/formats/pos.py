"""The POS terminals' format: ``2026-11-25T10:00:00.000Z [ERROR] Product has no price: {json}``."""

from __future__ import annotations

import re

from stacklens_desktop.core.formats.base import RegexFormat
from stacklens_desktop.core.formats.header import Header
from stacklens_desktop.core.formats.levels import spellings, warn_words
from stacklens_desktop.core.formats.payload import split_payload
from stacklens_desktop.core.formats.regexutil import bytes_regex, start_regex, word_trie

_LEVELS = spellings(("upper", "lower", "title"))
_TS = r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:?\d\d)?"
_LINE = rf"(?P<ts>{_TS}) \[(?P<level>[A-Za-z]+)\](?: (?P<msg>.*))?$"


class PosFormat(RegexFormat):
    """The JSON payload after the message becomes ``fields``; the message loses it."""

    def __init__(self) -> None:
        super().__init__(
            name="pos",
            variants=[_LINE],
            start=start_regex(rf"{_TS} \[[A-Za-z]+\]"),
            # "[" is rare in log text: re skips to each "[" at memchr speed.
            warn_or_above=bytes_regex(r"\[" + word_trie(warn_words(_LEVELS)) + r"\]"),
            levels=_LEVELS,
        )

    def build(self, match: re.Match[str]) -> Header:
        header = super().build(match)
        message, payload = split_payload(header.message)
        if payload is not None:
            header.fields = payload
            header.message = message or _payload_message(payload)
        return header


def _payload_message(payload: dict[str, object]) -> str:
    for key in ("message", "msg", "error"):
        value = payload.get(key)
        if isinstance(value, str):
            return value
    return ""


POS = PosFormat()

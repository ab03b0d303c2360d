"""Fill a knowledge-base text: placeholders, optional segments, graceful fallbacks.

``{name}`` is replaced by the value of ``name``. ``[[ ... ]]`` is an optional segment: kept
(without the brackets) only when every placeholder inside it has a value. A placeholder
outside a segment with no value takes its fallback from ``placeholders.json`` (e.g.
``productName`` -> ``the product``) or a neutral word, so the reader never sees ``{x}``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from stacklens_desktop.core.explain.roles import fits
from stacklens_desktop.core.explain.values import key_of

_SEGMENT = re.compile(r"\[\[(.*?)\]\]", re.S)
_PLACEHOLDER = re.compile(r"\{([A-Za-z][\w.]*)\}")
_SPACES = re.compile(r"[ \t]{2,}")
GENERIC_FALLBACK = "the affected item"


class Filler:
    """Renders texts against one set of values (by :func:`key_of` key)."""

    def __init__(self, values: Mapping[str, str], aliases: Mapping[str, list[str]],
                 fallbacks: Mapping[str, str]) -> None:
        self._values = values
        self._aliases = {key_of(k): [key_of(a) for a in v] for k, v in aliases.items()}
        self._fallbacks = {key_of(k): v for k, v in fallbacks.items()}
        #: (placeholder key, value) of every placeholder filled so far (tests read it)
        self.filled: list[tuple[str, str]] = []

    def value(self, name: str) -> str | None:
        """The first value under the name or its aliases that fits the name's role."""
        key = key_of(name)
        for candidate in (key, *self._aliases.get(key, [])):
            value = self._values.get(candidate)
            if value is not None and fits(key, value):
                self.filled.append((key, value))
                return value
        return None

    def _segment(self, match: re.Match[str]) -> str:
        body = match.group(1)
        names = _PLACEHOLDER.findall(body)
        if any(self.value(n) is None for n in names):
            return ""
        return body

    def _placeholder(self, match: re.Match[str]) -> str:
        name = match.group(1)
        value = self.value(name)
        if value is not None:
            return value
        return self._fallbacks.get(key_of(name), GENERIC_FALLBACK)

    def render(self, text: str) -> str:
        text = _SEGMENT.sub(self._segment, text)
        text = _PLACEHOLDER.sub(self._placeholder, text)
        text = _SPACES.sub(" ", text).replace(" ,", ",").replace(" .", ".")
        return text.strip()

"""Collect placeholder values for an explanation from everything known about a pattern.

Sources, strongest first: the structured fields, ``key=value`` pairs written in the
message, the record's host and source, the template's parameters by position (``{p1}``,
``{p2}``...); :func:`~stacklens_desktop.core.explain.explain` adds the named groups of
the knowledge-base pattern that matched, below all of these. Keys are
compared without case, ``_``, ``-`` or ``.`` so ``productId``, ``product_id`` and
``ProductID`` are one key; aliases (``placeholders.json``) map other spellings.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

from stacklens_desktop.core.record import Record
from stacklens_desktop.core.redact import redact

_KEY_VALUE = re.compile(
    r"\b([A-Za-z][\w.-]{1,40})\s*[=:]\s*(\"[^\"]{0,200}\"|'[^']{0,200}'|[^\s,;|]+)")
_WILDCARD = re.compile(r"<\*>")
#: the requested URL of an access-log line or a message: ``"GET /promo/ HTTP/1.1"``, a bare URL
_REQUEST = re.compile(r"\b(?:GET|POST|PUT|DELETE|HEAD|PATCH|OPTIONS) (/\S*|https?://\S+)"
                      r"|\b(https?://[^\s\"'<>]+)")
MAX_VALUE = 120


def key_of(name: str) -> str:
    """The comparison form of a field or placeholder name."""
    return re.sub(r"[_\-.\s]", "", name).lower()


def _clean(value: Any) -> str | None:
    if value is None or isinstance(value, Mapping | list | tuple):
        return None
    text = redact(str(value).strip().strip("\"'"))
    if not text:
        return None
    return text if len(text) <= MAX_VALUE else text[: MAX_VALUE - 1] + "…"


def fill_template(template: str, parameters: Sequence[str]) -> str:
    """The template with its ``<*>`` slots replaced by the parameters, in order."""
    values = iter(parameters)
    return _WILDCARD.sub(lambda _m: next(values, "<*>"), template)


def collect(template: str, parameters: Sequence[str], fields: Mapping[str, Any],
            record: Record | None) -> dict[str, str]:
    """All known values by comparison key (see :func:`key_of`)."""
    values: dict[str, str] = {}
    for index, param in enumerate(parameters, 1):
        if (cleaned := _clean(param)) is not None:
            values[f"p{index}"] = cleaned
    if record is not None:
        for name in ("host", "source"):
            if (cleaned := _clean(getattr(record, name))) is not None:
                values[name] = cleaned
    message = record.message if record is not None else fill_template(template, parameters)
    for name, raw in _KEY_VALUE.findall(message or ""):
        if (cleaned := _clean(raw)) is not None:
            values[key_of(name)] = cleaned
    for name, raw in _flatten(fields):
        if (cleaned := _clean(raw)) is not None:
            values[key_of(name)] = cleaned
    if "url" not in values and record is not None:
        found = _REQUEST.search(record.text[:2000])
        if found and (cleaned := _clean(found.group(1) or found.group(2))) is not None:
            values["url"] = cleaned
    return values


def _flatten(fields: Mapping[str, Any], prefix: str = "") -> list[tuple[str, Any]]:
    """Top-level fields, plus nested ones under their own name (``err.type`` -> ``type``)."""
    out: list[tuple[str, Any]] = []
    for name, value in fields.items():
        if isinstance(value, Mapping) and not prefix:
            out += _flatten(value, name)
        else:
            out.append((name, value))
    return out

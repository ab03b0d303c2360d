"""A JSON object at the end of a message (``Product has no price: {"productId": 999}``)."""

from __future__ import annotations

import json
from typing import Any

_DECODER = json.JSONDecoder()
#: Braces tried before giving up: messages rarely hold more than one or two ``{``.
MAX_ATTEMPTS = 6
_SEPARATORS = " \t:-|=,"


def split_payload(message: str) -> tuple[str, dict[str, Any] | None]:
    """``(message without the payload, payload)``; ``(message, None)`` when there is none.

    The payload is the outermost JSON object that runs to the end of the message. Invalid
    JSON leaves the message untouched. The separator before the payload (``": "``) goes too.
    """
    text = message.rstrip()
    if not text.endswith("}"):
        return message, None
    pos = text.find("{")
    for _ in range(MAX_ATTEMPTS):
        if pos < 0:
            break
        try:
            obj, end = _DECODER.raw_decode(text, pos)
        except (ValueError, RecursionError):  # RecursionError: absurdly deep nesting
            obj, end = None, -1
        if end == len(text) and isinstance(obj, dict):
            return text[:pos].rstrip(_SEPARATORS), obj
        pos = text.find("{", pos + 1)
    return message, None

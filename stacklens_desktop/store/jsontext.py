"""JSON text of event columns: the text ``json.dumps`` gives, at a third of its cost.

``json.dumps`` builds a fresh C encoder on every call (most of its cost for small objects);
these encoders are built once. No circular-reference check: the values come from parsed
JSON, regex groups and miner parameters, which cannot hold cycles.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from json import encoder as _encoder
from typing import Any

_ARGS = (_encoder.encode_basestring_ascii, None, ": ", ", ", False, False, True)


def _make(default: Callable[[Any], Any]) -> Callable[[Any], str]:
    make = getattr(_encoder, "c_make_encoder", None)
    if make is None:  # a Python without the C accelerator: the standard way
        return json.JSONEncoder(default=default).encode
    encode = make(None, default, *_ARGS)
    join = "".join

    def dumps(obj: Any) -> str:
        return join(encode(obj, 0))

    return dumps


#: ``json.dumps(obj)`` for a list or dict.
dumps = _make(json.JSONEncoder().default)
#: ``json.dumps(obj, default=str)`` for a list or dict.
dumps_default_str = _make(str)

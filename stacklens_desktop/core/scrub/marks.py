"""The text a secret is replaced with: its kind and a short, stable hash.

``[password #a1b2]`` keeps grouping and "same value again?" working without the value. Kinds
whose values are few (card security codes, PINs, one-time codes, national ids, track data)
get no hash: 4 hex digits of a 3-digit code would give the code back in a thousand tries.
Cards keep their last four digits only (``[card ••••1111]``).
"""

from __future__ import annotations

import hashlib
import re

#: Kinds shown without a hash.
UNHASHED = frozenset({"cvv", "pin", "otp", "ssn", "track data"})

#: A mark already in the text (so that scrubbing twice changes nothing).
MARK = re.compile(r"\[[a-z]+(?: [a-z]+)*(?: #[0-9a-f]{4}| ••••\d{4})?\]")

#: Values that say nothing (``password=null``, a template's ``<*>``): kept as written.
_EMPTY_VALUES = frozenset({
    "", "null", "none", "nil", "true", "false", "undefined", "<*>", "***", "****", "*****",
    "[redacted]", "[filtered]", "<redacted>", "<hidden>", "******", "xxx", "n/a", "-",
})


def short_hash(value: str, salt: str) -> str:
    digest = hashlib.blake2b(value.encode("utf-8", "replace"), digest_size=2,
                             key=salt.encode("utf-8")[:64])
    return digest.hexdigest()


def mark(kind: str, value: str, salt: str) -> str:
    """``[kind #hash]``, or ``[kind]`` for the kinds in :data:`UNHASHED`."""
    if kind in UNHASHED:
        return f"[{kind}]"
    return f"[{kind} #{short_hash(value, salt)}]"


def card_mark(digits: str) -> str:
    return f"[card ••••{digits[-4:]}]"


def is_inert(value: str) -> bool:
    """An empty or placeholder value, or one already redacted."""
    stripped = value.strip().strip("\"'")
    return stripped.lower() in _EMPTY_VALUES or MARK.fullmatch(stripped) is not None

"""Does a string look random (a key, a token) rather than like a word or an id?"""

from __future__ import annotations

import math
from collections import Counter


def looks_random(value: str, min_bits: float = 3.0) -> bool:
    """Shannon entropy per character at least ``min_bits`` and letters mixed with digits or
    symbols or both cases: ``3fa9b0c1d2e3f4a5`` and ``wJalrXUtnFEMI/K7MDENG`` do,
    ``validation`` and ``ORD-123456`` do not."""
    if len(value) < 16:
        return False
    classes = (any(c.islower() for c in value) + any(c.isupper() for c in value)
               + any(c.isdigit() for c in value) + any(not c.isalnum() for c in value))
    if classes < 2:
        return False
    counts = Counter(value)
    size = len(value)
    bits = -sum(n / size * math.log2(n / size) for n in counts.values())
    return bits >= min_bits


def looks_like_credential(value: str) -> bool:
    """After ``Bearer``/``Basic``: a token, not a word (``Basic authentication failed``)."""
    if len(value) < 8:
        return False
    if any(c.isdigit() or c in "+/=._~-" for c in value):
        return True
    return any(c.isupper() for c in value[1:]) and any(c.islower() for c in value)

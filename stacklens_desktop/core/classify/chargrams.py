"""Counting the character n-grams of many documents at once, with numpy.

The char block's vocabulary is tens of thousands of 4-grams, and a message has a hundred of
them: looking each up in a dict from Python was the costliest step of vectorising (about
half of it). Here every n-gram of a batch becomes one 64-bit key (16 bits per character),
found in the sorted keys of the vocabulary by binary search, and counted per document.
Documents with a character beyond U+FFFF, and n-gram lengths above 4, use the dict path.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

MAX_N = 4  # 4 characters x 16 bits fill a 64-bit key
_BITS = 16


def _key(term: str) -> int | None:
    codes = [ord(ch) for ch in term]
    if any(code >> _BITS for code in codes):
        return None
    key = 0
    for code in codes:
        key = (key << _BITS) | code
    return key


class CharGramIndex:
    """The vocabulary's n-grams of one length as sorted 64-bit keys."""

    def __init__(self, vocabulary: Mapping[str, int], n: int) -> None:
        if not 1 <= n <= MAX_N:
            raise ValueError(f"n-grams of {n} characters do not fit a 64-bit key")
        self.n = n
        pairs = [(key, column) for term, column in vocabulary.items()
                 if len(term) == n and (key := _key(term)) is not None]
        pairs.sort()
        self._keys = np.array([k for k, _ in pairs], dtype=np.uint64)
        self._columns = np.array([c for _, c in pairs], dtype=np.int64)
        self._width = max(vocabulary.values(), default=0) + 1

    def count(self, docs: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
        """(row, column, count) of every known n-gram per document; None when a document
        has a character this index cannot key (the caller then counts in Python)."""
        lengths = np.fromiter((len(d) for d in docs), dtype=np.int64, count=len(docs))
        codes = np.frombuffer("".join(docs).encode("utf-32-le"), dtype=np.uint32)
        n = self.n
        if len(codes) < n or len(self._keys) == 0:
            return _empty()
        if int(codes.max()) >> _BITS:
            return None
        wide = codes.astype(np.uint64)
        grams = wide[: len(wide) - n + 1].copy()
        for shift in range(1, n):
            grams = (grams << np.uint64(_BITS)) | wide[shift : len(wide) - n + 1 + shift]
        doc_of = np.repeat(np.arange(len(docs)), lengths)
        rows = doc_of[: len(grams)]
        inside = rows == doc_of[n - 1 :]  # the n-gram does not cross into the next document
        grams, rows = grams[inside], rows[inside]
        found = np.searchsorted(self._keys, grams)
        found[found == len(self._keys)] = 0
        hit = self._keys[found] == grams
        combined = rows[hit] * self._width + self._columns[found[hit]]
        unique, counts = np.unique(combined, return_counts=True)
        return unique // self._width, unique % self._width, counts


def _empty() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    nothing = np.zeros(0, dtype=np.int64)
    return nothing, nothing, nothing

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


class CharGramIndex:
    """The vocabulary's n-grams of one length as sorted 64-bit keys."""

    def __init__(self, vocabulary: Mapping[str, int], n: int) -> None:
        if not 1 <= n <= MAX_N:
            raise ValueError(f"n-grams of {n} characters do not fit a 64-bit key")
        self.n = n
        self._keys, self._columns = _keyed(vocabulary, n)
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


def _keyed(vocabulary: Mapping[str, int], n: int) -> tuple[np.ndarray, np.ndarray]:
    """The keys of the vocabulary's ``n``-grams (sorted) and their columns, in numpy.

    The app builds this index when its analysis thread loads the model, while the window
    starts: a loop in Python over tens of thousands of terms held the GIL for about 50 ms
    and kept the GUI thread from running (issue 13). Terms with a character beyond U+FFFF
    are left out (no 16-bit key)."""
    terms = [term for term in vocabulary if len(term) == n]
    if not terms:
        return np.zeros(0, dtype=np.uint64), np.zeros(0, dtype=np.int64)
    codes = np.frombuffer("".join(terms).encode("utf-32-le"), dtype=np.uint32)
    codes = codes.reshape(len(terms), n).astype(np.uint64)
    keyable = (codes >> np.uint64(_BITS) == 0).all(axis=1)
    keys = np.zeros(len(terms), dtype=np.uint64)
    for position in range(n):
        keys = (keys << np.uint64(_BITS)) | codes[:, position]
    columns = np.fromiter((vocabulary[term] for term in terms), dtype=np.int64,
                          count=len(terms))
    keys, columns = keys[keyable], columns[keyable]
    order = np.argsort(keys, kind="stable")
    return keys[order], columns[order]


def _empty() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    nothing = np.zeros(0, dtype=np.int64)
    return nothing, nothing, nothing

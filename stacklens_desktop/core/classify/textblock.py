"""One fitted TF-IDF block, re-implemented in plain Python for prediction.

It reproduces what scikit-learn's ``TfidfVectorizer.transform`` computes for the options the
classifier uses (word or character n-grams, optional lower-casing, binary counts, sublinear
tf, idf, l2 norm), so that predicting needs numpy only and not scikit-learn (whose import
costs about a second at every start). ``tests/compiled/test_compiled_equivalence.py`` checks the
two agree on the whole corpus.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

import numpy as np

from stacklens_desktop.core.classify.chargrams import MAX_N, CharGramIndex

_WHITE_SPACES = re.compile(r"\s\s+")


@dataclass(frozen=True, slots=True)
class SparseRows:
    """Non-zero entries of a matrix, in row order (coordinate form)."""

    rows: np.ndarray
    columns: np.ndarray
    values: np.ndarray


@dataclass(frozen=True, slots=True)
class BlockSpec:
    """The vectoriser options that change the numbers (exported as JSON)."""

    #: which document of a record the block reads: "word" or "char" (see ``features``)
    document: str
    analyzer: str  # "word" or "char"
    lowercase: bool
    token_pattern: str
    ngram_min: int
    ngram_max: int
    binary: bool
    sublinear_tf: bool
    use_idf: bool
    l2_norm: bool
    #: the block's weight in the stacked feature matrix
    weight: float
    #: index of the block's first column in the stacked matrix
    offset: int

    def as_json(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.__slots__}


class TextBlock:
    """Vectorises documents like the fitted ``TfidfVectorizer`` (columns of the stack)."""

    def __init__(self, spec: BlockSpec, terms: list[str], idf: np.ndarray | None) -> None:
        self.spec = spec
        self.vocabulary = {term: i for i, term in enumerate(terms)}
        self.idf = None if idf is None else np.asarray(idf, dtype=np.float64)
        self._token = re.compile(spec.token_pattern)
        self._grams = (CharGramIndex(self.vocabulary, spec.ngram_min)
                       if spec.analyzer == "char" and spec.ngram_min == spec.ngram_max <= MAX_N
                       else None)

    def __len__(self) -> int:
        return len(self.vocabulary)

    def _terms(self, doc: str) -> list[str]:
        if self.spec.lowercase:
            doc = doc.lower()
        if self.spec.analyzer == "char":
            return _char_ngrams(_WHITE_SPACES.sub(" ", doc), self.spec.ngram_min,
                                self.spec.ngram_max)
        return _word_ngrams(self._token.findall(doc), self.spec.ngram_min, self.spec.ngram_max)

    def _counts(self, docs: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(row, column, count) of the vocabulary's terms in each document."""
        if self._grams is not None:
            cleaned = [_WHITE_SPACES.sub(" ", d.lower() if self.spec.lowercase else d)
                       for d in docs]
            counted = self._grams.count(cleaned)
            if counted is not None:
                return counted
        rows: list[int] = []
        columns: list[int] = []
        counts: list[int] = []
        lookup = self.vocabulary.get
        for row, doc in enumerate(docs):
            # terms outside the vocabulary look up to None
            found = Counter(i for i in map(lookup, self._terms(doc)) if i is not None)
            rows += [row] * len(found)
            columns += found.keys()
            counts += found.values()
        return (np.array(rows, dtype=np.int64), np.array(columns, dtype=np.int64),
                np.array(counts, dtype=np.int64))

    def entries(self, docs: list[str]) -> SparseRows:
        """The documents' non-zero entries: (row, column in the stacked matrix, value)."""
        row_index, index, counts = self._counts(docs)
        spec = self.spec
        values = np.ones(len(index)) if spec.binary else counts.astype(np.float64)
        if spec.sublinear_tf:
            values = 1.0 + np.log(values)
        if self.idf is not None:
            values *= self.idf[index]
        if spec.l2_norm:
            norms = np.sqrt(np.bincount(row_index, weights=values * values, minlength=len(docs)))
            values /= norms[row_index]
        return SparseRows(row_index, index + spec.offset, values * spec.weight)


def _word_ngrams(tokens: list[str], low: int, high: int) -> list[str]:
    out = list(tokens) if low == 1 else []
    for n in range(max(low, 2), min(high, len(tokens)) + 1):
        out += [" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]
    return out


def _char_ngrams(text: str, low: int, high: int) -> list[str]:
    out: list[str] = []
    for n in range(low, min(high, len(text)) + 1):
        out += [text[i : i + n] for i in range(len(text) - n + 1)]
    return out

"""The numpy n-gram counter counts exactly what the dict path counts."""

from __future__ import annotations

from collections import Counter

import pytest

from stacklens_desktop.core.classify.chargrams import CharGramIndex


def _python_counts(vocabulary: dict[str, int], docs: list[str], n: int) -> set[tuple]:
    out = set()
    for row, doc in enumerate(docs):
        found = Counter(vocabulary[g] for g in (doc[i : i + n] for i in range(len(doc) - n + 1))
                        if g in vocabulary)
        out |= {(row, column, count) for column, count in found.items()}
    return out


def _numpy_counts(index: CharGramIndex, docs: list[str]) -> set[tuple]:
    counted = index.count(docs)
    assert counted is not None
    return {(int(r), int(c), int(k)) for r, c, k in zip(*counted, strict=True)}


DOCS = ["printer offline at till 0", "abc", "", "printer printer", "zz", "été déjà vu",
        "offline", "ab", "cdprint"]


@pytest.mark.parametrize("n", [1, 2, 3, 4])
def test_same_counts_as_the_dict_path(n: int) -> None:
    grams = sorted({d[i : i + n] for d in DOCS for i in range(len(d) - n + 1)})
    vocabulary = {g: i * 3 for i, g in enumerate(grams[::2])}  # half known, sparse columns
    assert _numpy_counts(CharGramIndex(vocabulary, n), DOCS) == _python_counts(
        vocabulary, DOCS, n)


def test_ngrams_never_cross_from_one_document_into_the_next() -> None:
    index = CharGramIndex({"abcd": 0}, 4)
    assert _numpy_counts(index, ["ab", "cd", "xabcdabcd"]) == {(2, 0, 2)}


def test_a_character_beyond_the_basic_plane_asks_for_the_dict_path() -> None:
    index = CharGramIndex({"card": 0}, 4)
    assert index.count(["card declined \U0001f4b3"]) is None
    assert _numpy_counts(index, ["card declined", ""]) == {(0, 0, 1)}


def test_more_than_four_characters_do_not_fit_a_key() -> None:
    with pytest.raises(ValueError):
        CharGramIndex({"abcde": 0}, 5)


def test_a_vocabulary_term_beyond_the_basic_plane_is_left_out_of_the_keys() -> None:
    """The keys are built with numpy (no loop in Python over the vocabulary while the
    window starts); a term that cannot be keyed is skipped, the others still count."""
    index = CharGramIndex({"ab\U0001f4b3": 0, "abc": 1, "été": 2, "xyz": 3}, 3)
    assert _numpy_counts(index, ["abc été", "xyzab"]) == {(0, 1, 1), (0, 2, 1), (1, 3, 1)}

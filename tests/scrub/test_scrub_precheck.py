"""The pre-check lets a record skip scrubbing only when no rule could match it: every
declared key, in every spelling, and every shape's text must make it say yes."""

from __future__ import annotations

import re

import pytest

from stacklens_desktop.core.scrub import DEFAULT_KEYS, Scrubber, ScrubRules
from stacklens_desktop.core.scrub.shapes import SHAPES
from tests.scrub.cases import CASES


def _spellings(key: str) -> list[str]:
    words = re.split(r"[-_.]", key)
    camel = words[0] + "".join(w.title() for w in words[1:])
    return [key, key.upper(), "-".join(words), "_".join(words), camel, f"X-{camel}"]


@pytest.mark.parametrize("key", DEFAULT_KEYS)
def test_every_key_spelling_triggers_the_precheck(key: str) -> None:
    scrubber = Scrubber()
    for name in _spellings(key):
        assert scrubber.needed(f'failed: {{"{name}":"v4lue"}}'), name
        assert scrubber.needed(f"failed {name}=v4lue"), name


@pytest.mark.parametrize("case", [c for c in CASES if c.secrets], ids=lambda c: c.name)
def test_every_secret_case_triggers_the_precheck(case) -> None:
    assert Scrubber().needed(case.message)


def test_cards_in_groups_trigger_and_plain_lines_do_not() -> None:
    scrubber = Scrubber()
    assert scrubber.needed("card 4111 1111-1111 1111 x")
    assert not scrubber.needed('2026-11-25T10:00:01.000Z [ERROR] Product has no price: '
                               '{"orderId":"ORD-123456","productId":999}')


def test_extra_keys_and_patterns_trigger() -> None:
    scrubber = Scrubber(ScrubRules(extra_keys=("till_code",), extra_patterns=(r"EMP-\d+",)))
    assert scrubber.needed("tillCode=1") and scrubber.needed("by EMP-42")


def test_every_shape_declares_what_it_needs() -> None:
    assert all(s.triggers or s.digit_run for s in SHAPES)

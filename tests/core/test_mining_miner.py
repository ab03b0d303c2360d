"""The template miner: patterns, parameters, generalisation and merges, state round trip."""

from __future__ import annotations

import json

from stacklens_desktop.core.mining import MinerConfig, TemplateMiner


def test_products_with_different_ids_are_one_pattern() -> None:
    miner = TemplateMiner()
    first = miner.add("Product 999 has no price")
    second = miner.add("Product 12 has no price")
    assert first.cluster_id == second.cluster_id
    assert first.template == second.template == "Product <*> has no price"
    assert (first.parameters, second.parameters) == (["999"], ["12"])
    assert first.fingerprint == second.fingerprint
    assert first.changed_from is None and second.changed_from is None


def test_different_events_stay_apart() -> None:
    miner = TemplateMiner()
    opened = miner.add("session opened for user root")
    closed = miner.add("session closed for user root")
    assert opened.cluster_id != closed.cluster_id
    assert opened.fingerprint != closed.fingerprint


def test_many_word_values_in_one_place_become_a_variable() -> None:
    miner = TemplateMiner(MinerConfig(sibling_threshold=3))
    results = [miner.add(f"Invalid user {name} from 10.0.0.{i}")
               for i, name in enumerate(["bob", "alice", "carol"])]
    final = results[-1]
    assert final.template == "Invalid user <*> from <*>"
    assert final.parameters == ["carol", "10.0.0.2"]
    # the earlier clusters were folded in: their fingerprints are reported as retired
    assert final.changed_from is not None
    assert set(final.merged_from) == {r.fingerprint for r in results[:2]}
    assert miner.template_of(results[0].cluster_id) == final.template
    later = miner.add("Invalid user dave from 10.0.0.9")
    assert later.cluster_id == final.cluster_id and later.parameters == ["dave", "10.0.0.9"]


def test_generalising_a_template_reports_the_old_fingerprint() -> None:
    miner = TemplateMiner()
    first = miner.add("Upload of 3 files done")
    second = miner.add("Upload of 4 files 12 MB done")
    assert second.cluster_id == first.cluster_id
    assert second.template == "Upload of <*> files <*> done"
    assert second.changed_from == first.fingerprint
    assert second.merged_from == (first.fingerprint,)
    assert second.parameters == ["4", "12 MB"]
    again = miner.add("Upload of 5 files done")
    assert (again.template, again.changed_from) == (second.template, None)


def test_cached_lines_follow_a_template_that_generalised_after_them() -> None:
    miner = TemplateMiner()
    assert miner.add("Retry 3, then fail").template == "Retry <*>, then fail"
    changed = miner.add("Retry 3; then fail")
    assert changed.template == "Retry <*> then fail"
    assert changed.changed_from is not None
    again = miner.add("Retry 4, then fail")  # cached before the change
    assert (again.template, again.parameters) == ("Retry <*> then fail", ["4"])
    named = miner.add("Retry soon, then fail")
    assert (named.cluster_id, named.parameters) == (again.cluster_id, ["soon,"])


def test_values_spanning_several_tokens_keep_one_pattern() -> None:
    miner = TemplateMiner()
    short = miner.add("till-1:443 close, 0 bytes sent, lifetime 00:01")
    long = miner.add("till-2:443 close, 1190 bytes 1.16 KB sent, lifetime <1 sec")
    assert short.cluster_id == long.cluster_id
    assert miner.template_of(short.cluster_id) == long.template
    assert long.template == "till-<*>:<*> close, <*> bytes <*> sent, lifetime <*>"


def test_an_optional_bracketed_value_is_another_event() -> None:
    """Loghub-2.0's convention: ``(1.16 KB)`` has punctuation of its own, so a line with
    it is not the event of a line without it; a bare extra value is."""
    miner = TemplateMiner()
    short = miner.add("till-1:443 close, 0 bytes sent, lifetime 00:01")
    long = miner.add("till-2:443 close, 1190 bytes (1.16 KB) sent, lifetime 00:02")
    assert short.cluster_id != long.cluster_id
    assert long.template == "till-<*>:<*> close, <*> bytes (<*>) sent, lifetime <*>:<*>"


def test_repeated_lists_collapse_into_one_token() -> None:
    miner = TemplateMiner()
    a = miner.add("called (stack @0x7fed806eb5d @0x7fef9fb9b6d)")
    b = miner.add("called (stack @0x7fed806eb5d @0x7fef9fb9b6d @0xff83e97c @0xff83d799)")
    assert a.cluster_id == b.cluster_id
    assert b.parameters == ["0x7fed806eb5d", "0x7fef9fb9b6d", "0xff83e97c", "0xff83d799"]


def test_repeated_line_is_answered_from_the_cache_with_its_own_values() -> None:
    miner = TemplateMiner()
    miner.add("Order 1 paid")
    again = miner.add("Order 2 paid")
    assert again.parameters == ["2"]
    assert [p.size for p in miner.clusters()] == [2]


def test_state_round_trips_through_json_and_resumes() -> None:
    config = MinerConfig(sibling_threshold=3)
    miner = TemplateMiner(config)
    lines = ["Invalid user bob from 1.1.1.1", "Invalid user amy from 1.1.1.2",
             "Invalid user cat from 1.1.1.3", "Product 5 has no price",
             "a 1 b bytes sent", "a 2 b bytes (3 KB) sent"]
    for line in lines:
        miner.add(line)
    restored = TemplateMiner.from_dict(json.loads(json.dumps(miner.to_dict())))
    assert restored.config == config
    assert [(p.cluster_id, p.template, p.fingerprint, p.size) for p in restored.clusters()] == [
        (p.cluster_id, p.template, p.fingerprint, p.size) for p in miner.clusters()
    ]
    for line in ["Invalid user zed from 2.2.2.2", "Product 77 has no price", "a 9 b bytes sent"]:
        assert restored.add(line) == miner.add(line)


def test_unknown_state_version_is_refused() -> None:
    import pytest

    with pytest.raises(ValueError, match="version"):
        TemplateMiner.from_dict({"version": 999})

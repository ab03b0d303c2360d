"""The knowledge base: coverage of every type, placeholders, graceful fallbacks."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from stacklens_desktop.core.classify import ERROR_TYPES, record_from_text
from stacklens_desktop.core.explain import explain
from stacklens_desktop.core.explain.knowledge import default_knowledge_dir, load_knowledge

PLACEHOLDER = re.compile(r"\{[A-Za-z][\w.]*\}|\[\[|\]\]")


def test_every_type_has_a_default_and_entries() -> None:
    kb = load_knowledge()
    for error_type in ERROR_TYPES:
        assert kb.defaults[error_type].resolution_steps
        assert len(kb.entries[error_type]) >= 1 or error_type == "other"


def test_seed_missing_price() -> None:
    fields = {"productId": 999, "productName": "Premium Item", "orderId": "ORD-1"}
    result = explain("Product has no price", "data_validation", [], fields)
    assert result.root_cause.startswith('The product "Premium Item" (ID 999) has no price')
    assert result.source == "data_validation/missing-price"
    assert any("Validate prices before orders are accepted" in s
               for s in result.resolution_steps)


def test_field_spelling_and_inline_pairs_fill_placeholders() -> None:
    record = record_from_text("ERROR pricing: Product has no price product_id=42 "
                              'product_name="Oat Milk"')
    result = explain("Product has no price product_id=<*> product_name=<*>",
                     "data_validation", ["42", '"Oat Milk"'], record.fields, record)
    assert '"Oat Milk" (ID 42)' in result.root_cause


def test_missing_values_degrade_gracefully_for_every_entry() -> None:
    kb = load_knowledge()
    for error_type in ERROR_TYPES:
        for entry in (*kb.entries[error_type], kb.defaults[error_type]):
            texts = [p.pattern for p in entry.patterns] or ["anything"]
            result = explain(texts[0], error_type, [], {})
            rendered = " ".join([result.root_cause, *result.resolution_steps])
            assert not PLACEHOLDER.search(rendered), (error_type, entry.id, rendered)
            assert "  " not in rendered


def test_pattern_entries_match_typical_messages() -> None:
    cases = {
        ("concurrency", "Deadlock found when trying to get lock"): "deadlock",
        ("network", "connect ECONNREFUSED 10.0.0.1:5432"): "connection-refused",
        ("hardware_device", "Receipt printer offline"): "printer",
        ("configuration", "No tax rate configured for region CA-ON"): "missing-tax-rate",
        ("resource_exhaustion", "java.lang.OutOfMemoryError: Java heap space"): "out-of-memory",
    }
    for (error_type, message), entry_id in cases.items():
        assert explain(message, error_type).source == f"{error_type}/{entry_id}"
    tax = explain("No tax rate configured for region CA-ON", "configuration")
    assert "region CA-ON" in tax.root_cause


def test_unknown_pattern_and_unknown_type_get_type_level_answers() -> None:
    result = explain("Frobnicator <*> is sad", "network", ["7"], {})
    assert result.source == "network/default" and result.resolution_steps
    assert explain("???", "not-a-type").source == "other/default"


def test_values_are_redacted() -> None:
    result = explain("Product has no price", "data_validation", [],
                     {"productName": "card 4111 1111 1111 1111", "productId": 1})
    assert "4111 1111 1111 1111" not in result.root_cause


def test_broken_knowledge_file_is_reported(tmp_path: Path) -> None:
    copy = tmp_path / "kb"
    shutil.copytree(default_knowledge_dir(), copy)
    data = json.loads((copy / "parsing.json").read_text())
    data["entries"][0]["patterns"] = ["(unclosed"]
    (copy / "parsing.json").write_text(json.dumps(data))
    with pytest.raises(ValueError, match="parsing.json"):
        load_knowledge(copy)


def test_card_declined_by_issuer_is_explained_as_a_customer_outcome() -> None:
    fields = {"reason": "insufficient_funds", "responseCode": "51", "code": "CARD_DECLINED"}
    explanation = explain("Card declined", "external_service", [], fields)
    assert "issuer declined" in explanation.root_cause
    assert "(insufficient_funds)" in explanation.root_cause
    assert "another card" in explanation.resolution_steps[0]


def test_out_of_stock_names_the_product_and_stock() -> None:
    fields = {"productName": "Croissant", "available": 0, "requested": 3,
              "code": "OUT_OF_STOCK"}
    explanation = explain("Insufficient stock", "data_validation", [], fields)
    assert '"Croissant"' in explanation.root_cause
    assert "(0 available)" in explanation.root_cause


@pytest.mark.parametrize("fields", [{"pid": 4121}, {"pid": 7, "name": "pos-api"}])
def test_process_ids_and_app_names_are_not_taken_for_the_product(fields: dict) -> None:
    """``pid`` (syslog, Spring Boot, Ruby, gunicorn, pino) is a process id and ``name``
    (pino, bunyan) the application's name: neither may fill the product of a root cause."""
    message = "Order 10443 rejected: product 999 has no price"
    result = explain("Order <*> rejected: product <*> has no price", "data_validation",
                     ["10443", "999"], fields)
    assert "4121" not in result.root_cause and "pos-api" not in result.root_cause
    assert "(ID 999)" in result.root_cause, message  # the id the message names
    assert result.source == "data_validation/missing-price"


def test_order_and_product_named_only_in_the_message_fill_the_answer() -> None:
    result = explain("Order <*> failed: product <*> has no price", "data_validation",
                     ["ORD-10443", "999"], {})
    assert "(ID 999)" in result.root_cause and "order ORD-10443" in result.root_cause
    assert any("ORD-10443" in step for step in result.resolution_steps)

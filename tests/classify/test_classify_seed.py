"""The seed case: a POS order rejected because a product has no price."""

from __future__ import annotations

import json

from stacklens_desktop.core.classify import Classifier, record_from_text
from stacklens_desktop.core.explain import explain

SEED_TEXT = (
    '{"ts": "2024-05-01T10:00:00.123Z", "level": "ERROR", "logger": "pos.orders", '
    '"msg": "Product has no price", "productId": 999, "productName": "Premium Item", '
    '"orderId": "ORD-2024-001001"}'
)


def test_missing_price_is_high_data_validation(model: Classifier) -> None:
    [prediction] = model.predict([record_from_text(SEED_TEXT)])
    assert (prediction.severity, prediction.error_type) == ("high", "data_validation")
    # ticket-grade: the bar for the seed case is a confidence above 0.75
    assert 0.75 < prediction.confidence <= 1.0


def test_missing_price_explanation_names_product_and_validation() -> None:
    record = record_from_text(SEED_TEXT)
    assert record.fields["productId"] == 999
    explanation = explain("Product has no price", "data_validation", [], record.fields, record)
    assert 'product "Premium Item" (ID 999) has no price configured' in explanation.root_cause
    steps = " ".join(explanation.resolution_steps).lower()
    assert "add the missing price" in steps
    assert "validate prices before orders are accepted" in steps


def test_seed_record_round_trips_as_cli_input() -> None:
    assert record_from_text(json.loads(json.dumps(SEED_TEXT))).message == "Product has no price"

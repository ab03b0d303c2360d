"""redact(): the scrubber's rules on rendered text (tickets, app log, console)."""

from __future__ import annotations

import pytest

from stacklens_desktop.core.redact import luhn_valid, redact


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("card 4111111111111111 ok", "card [card ••••1111] ok"),
        ("card 4111 1111 1111 1111 ok", "card [card ••••1111] ok"),
        ("pan=5500-0000-0000-0004;", "pan=[card ••••0004];"),
        ("amex 378282246310005.", "amex [card ••••0005]."),
        ("13 digits 4222222222222 end", "13 digits [card ••••2222] end"),
        ("19 digits 6011000990139424009 x", "19 digits [card ••••4009] x"),
        ('{"card":"4012888888881881"}', '{"card":"[card ••••1881]"}'),
    ],
)
def test_luhn_valid_card_numbers_keep_only_last_four(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "order 4111111111111112 total",  # fails Luhn
        "ts 20250301091500 id 999",  # 14 digits, not Luhn-valid
        "qty 123456789012 (12 digits)",
        "price 12.99 EUR, product 999",
        "uuid 550e8400-e29b-41d4-a716-446655440000",
    ],
)
def test_ordinary_numbers_are_untouched(text: str) -> None:
    assert redact(text) == text


def test_luhn() -> None:
    assert luhn_valid("4111111111111111")
    assert not luhn_valid("4111111111111112")


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.abc.def", "eyJhbGciOiJIUzI1NiJ9"),
        ("Authorization: Basic ZGVtbzpzZWNyZXQ=", "ZGVtbzpzZWNyZXQ="),
        ("GET /x?api_key=a1b2c3d4e5f6g7h8 HTTP/1.1", "a1b2c3d4e5f6g7h8"),
        ("x-api-key: 0123456789abcdef0123", "0123456789abcdef0123"),
        ("stripe key sk_live_51Habcdefghijklmnop used", "sk_live_51Habcdefghijklmnop"),
        ("token ATATT3xFfGF0T8kd9sJ2hQw-abcdefghijklmnop=12345678", "ATATT3xFfGF0T8kd9sJ2hQw"),
        ('client_secret="s3cr3t value"', "s3cr3t value"),
        ("secret key is 3fa9b0c1d2e3f4a5b6c7d8e9f0a1b2c3", "3fa9b0c1d2e3f4a5b6c7d8e9f0a1b2c3"),
        ("connect postgres://pos:hunter2@db.internal:5432/pos", "hunter2"),
        ("login password=hunter2 user=bob", "hunter2"),
        ("db pwd: Tr0ub4dor&3 ok", "Tr0ub4dor"),
        ("aws AKIAIOSFODNN7EXAMPLE", "AKIAIOSFODNN7EXAMPLE"),
    ],
)
def test_credentials_are_masked(text: str, secret: str) -> None:
    out = redact(text)
    assert secret not in out
    assert " #" in out


def test_url_keeps_user_and_host_for_debugging() -> None:
    out = redact("https://deploy:p4ss@repo.example.com/pkg")
    assert out.startswith("https://deploy:[password #") and out.endswith("]@repo.example.com/pkg")


def test_emails_are_configurable() -> None:
    text = "notify jane.doe+pos@example.co.uk now"
    assert redact(text).startswith("notify [email #")
    assert redact(text, emails=False) == text


def test_redaction_is_idempotent() -> None:
    text = (
        "card 4111 1111 1111 1111 token=ATATT3xFfGF0abcdefghijklmnopqrstuv "
        "https://a:b@h.example.com jane@example.com password: x"
    )
    once = redact(text)
    assert redact(once) == once
    assert "]]" not in once


def test_empty_and_plain_text() -> None:
    assert redact("") == ""
    plain = 'Product "Premium Item" (ID 999) has no price'
    assert redact(plain) == plain
